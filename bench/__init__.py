"""Benchmark of svcmap: a deterministic catalog generator and a timing runner against its peers."""
