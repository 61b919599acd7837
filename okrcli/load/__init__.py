"""YAML text → plain data with positions → validated documents: parsers, the YAML core schema, suppressions, validation."""
