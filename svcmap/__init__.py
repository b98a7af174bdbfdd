"""svcmap: a municipality's product and service catalog, and the process behind every product, as YAML in git."""

__version__ = "0.1.0"
