"""Exports of the catalog into other vocabularies: CPSV-AP RDF (`cpsv`) and LPDC's feed of instance snapshots
(`lpdc_snapshot`, `lpdc_pages`, `lpdc_history`). A layer beside the reporters, reading only the loaded model, the
organisation's publication settings and (for LPDC) the catalog's git history, so a command line or a test drives
it alike."""
