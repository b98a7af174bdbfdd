"""Stage 1, the catalog: list a version's files, read each once, parse, schema-check, and build the one model."""
