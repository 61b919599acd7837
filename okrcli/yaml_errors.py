"""Parser errors as problems: where libyaml stopped, and what to write instead."""

from __future__ import annotations

from ruamel.yaml.error import MarkedYAMLError, YAMLError

Position = tuple[int, int]


def first_line(text: str) -> str:
    return " ".join(text.split())


def syntax_message(err: MarkedYAMLError, text: str, position: Position) -> str:
    parts = [p for p in (err.context, err.problem) if p]
    message = first_line("; ".join(parts)) or "invalid YAML"
    lines = text.splitlines()
    line = lines[position[0] - 1] if 0 < position[0] <= len(lines) else ""
    if "\t" in line[: position[1]]:
        return f"{message}; indent with spaces, not tabs"
    for known, advice in _ADVICE:
        if known in message:
            return f"{message}; {advice}"
    return f"{message}; fix the YAML syntax here"


_ADVICE = (
    ("scanning a quoted scalar", "this quoted text is never closed: add the closing quote"),
    ("mapping values are not allowed", "a value containing ': ' must be quoted, e.g. title: \"Q3: grow\""),
    ("did not find expected key", "align this key with the keys above it, or quote a value that starts with a special character"),
    ("did not find expected '-' indicator", "align this list item with the items above it"),
    ("could not find expected ':'", "write `key: value`, with a space after the colon"),
    ("found character that cannot start any token", "quote a value that starts with @, ` or %"),
    ("found undefined tag handle", "remove the tag (the text starting with !)"),
)


def reader_position(text: str, err: YAMLError) -> Position:
    offset = getattr(err, "position", None)
    if not isinstance(offset, int):
        return (1, 1)
    line = text.count("\n", 0, offset) + 1
    return (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def reader_message(err: YAMLError) -> str:
    character = getattr(err, "character", None)
    if isinstance(character, int):
        return f"control character U+{character:04X} is not allowed in YAML; remove it"
    return first_line(str(err))
