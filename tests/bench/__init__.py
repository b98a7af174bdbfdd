"""Tests of the benchmark's catalog generator and runner (svcmap.bench)."""
