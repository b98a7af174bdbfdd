"""Stage 2, the analysis: the SPEC §3 figures, computed once and handed on explicitly."""
