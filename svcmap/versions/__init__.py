"""Catalog versions: a semantic diff of two Catalogs, and snapshots of folders and git revisions."""
