"""`okr schema`: print the JSON Schema of a goal sheet, for editors and CI validators."""

from __future__ import annotations

import sys

SUMMARY = 'Print the JSON Schema of a goal sheet, for editors.'
EXAMPLES = (
    ('okr schema > okr-sheet.schema.json', "Save it for your editor's YAML plugin."),
    ('okr schema | jq .properties', 'The keys a sheet may have.'),
)

def schema() -> int:
    """Print the JSON Schema (Draft 7) of a goal sheet, for editors and validators."""
    # Imported here: building the schema needs pydantic, which `okr check` never pays for.
    from okrcli.model.schema import schema_text

    sys.stdout.write(schema_text())
    return 0
