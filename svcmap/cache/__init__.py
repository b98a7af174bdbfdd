"""The cache: one typed store under ROOT/.svcmap-cache/, keyed by the content of what was read."""
