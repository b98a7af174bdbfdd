"""Stage 5b, the what-if: a reorganisation (a scenario) applied to the model in memory, its figures before → after,
the edits that make it in the YAML files, and the candidate reorganisations ranked by what they remove."""
