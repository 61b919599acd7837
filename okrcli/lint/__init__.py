"""The check: the engine that runs the rules, their settings and results, wording lists; one module per rule in `rules/`."""
