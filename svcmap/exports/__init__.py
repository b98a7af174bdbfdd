"""Exports of the catalog into other vocabularies (CPSV-AP RDF): a layer beside the reporters, reading only the
loaded model and the organisation's publication settings, so a command line or a test drives it alike."""
