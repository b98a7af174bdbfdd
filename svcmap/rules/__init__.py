"""Stage 3, the rules: the registry, the engine (rules in force, severities, suppression) and the rule families."""
