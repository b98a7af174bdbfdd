"""fmt: the canonical layout of a catalog file, and the round-trip writer that produces it."""
