"""Reporters: pure functions from results to text, one dict per kind of result, keyed by format name."""
