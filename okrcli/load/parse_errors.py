"""Parser errors as problems: where libyaml stopped, and what to write instead.

Most syntax errors in a hand-written sheet are indentation slips, and the parser's own words
rarely say so ("mapping values are not allowed here", "did not find expected key"). So when
the line the parser stopped at holds a key or a list item whose indentation matches nothing
above it, the advice says what is there and what it should line up with: the nearest key
(or list item) above whose indentation is closest to its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError, YAMLError

Position = tuple[int, int]

# The line breaks libyaml counts lines by (str.splitlines knows more of them).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_ITEM = re.compile(r"( *)-(?= |$)")
_KEY = re.compile(r"""( *(?:- +)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#"'\[\]{},:-][^:#]*?|-[^\s:#][^:#]*?) *:(?= |$)""")


def first_line(text: str) -> str:
    return " ".join(text.split())


def syntax_message(err: MarkedYAMLError, text: str, position: Position) -> str:
    parts = [p for p in (err.context, err.problem) if p]
    message = first_line("; ".join(parts)) or "invalid YAML"
    lines = _LINE_BREAK.split(text)
    line = lines[position[0] - 1] if 0 < position[0] <= len(lines) else ""
    if "\t" in line[: position[1]] or "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
        return f"{message}; indent with spaces, not tabs"
    misaligned = _misaligned(lines[: position[0] - 1], line) if any(k in message for k in _INDENTATION) else None
    if misaligned is not None:
        return f"{message}; {misaligned}"
    for known, advice in _ADVICE:
        if known in message:
            return f"{message}; {advice}"
    return f"{message}; fix the YAML syntax here"


# The parser messages an indentation slip produces.
_INDENTATION = ("mapping values are not allowed", "did not find expected key", "did not find expected '-' indicator")

_ADVICE = (
    ("scanning a quoted scalar", "this quoted text is never closed: add the closing quote"),
    ("mapping values are not allowed", "a value containing ': ' must be quoted, e.g. title: \"Q3: grow\""),
    ("did not find expected key", "align this key with the keys above it, or quote a value that starts with a special character"),
    ("did not find expected '-' indicator", "align this list item with the items above it"),
    ("could not find expected ':'", "write `key: value`, with a space after the colon"),
    ("that cannot start any token", "quote a value that starts with @, ` or %"),
    ("found undefined tag handle", "remove the tag (the text starting with !)"),
    ("found incompatible YAML document", "write %YAML 1.2, or remove the line"),
)


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a line starts with: a list item's `-` and/or a key, and their columns."""

    item: int | None  # the column of the first `-`, for a list item
    key: tuple[int, str] | None  # the column and text of the key, for a `key:` line


def _shape(line: str) -> _Shape:
    item = _ITEM.match(line)
    key = _KEY.match(line)
    return _Shape(len(item.group(1)) if item else None, (len(key.group(1)), key.group(2)) if key else None)


def _misaligned(above: list[str], line: str) -> str | None:
    """Advice for a list item or a key indented like nothing above it; None when the line is
    neither, or lines up with something above (then the slip is not its indentation)."""
    shape = _shape(line)
    if shape.item is not None:
        found = _nearest(above, shape.item, lambda s: None if s.item is None else (s.item, "-"))
        return None if found is None else (
            f"this list item is indented {_spaces(shape.item)} but the item on line {found[0]} is indented "
            f"{found[1]}: indent the items of one list equally"
        )
    if shape.key is not None:
        column, key = shape.key
        found = _nearest(above, column, lambda s: s.key)
        return None if found is None else (
            f"the key `{key}` is indented {_spaces(column)} but `{found[2]}` on line {found[0]} is indented "
            f"{found[1]}: indent the keys of one mapping equally"
        )
    return None


def _nearest(above: list[str], column: int, pick: Callable[[_Shape], tuple[int, str] | None]) -> tuple[int, int, str] | None:
    """(line, column, text) of the line above whose item or key column is closest to
    `column` (the nearest line wins a tie); None when one of them has exactly `column`."""
    best: tuple[int, int, str] | None = None
    for index in range(len(above) - 1, -1, -1):
        stripped = above[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        found = pick(_shape(above[index]))
        if found is None:
            continue
        if found[0] == column:
            return None
        if best is None or abs(found[0] - column) < abs(best[1] - column):
            best = (index + 1, found[0], found[1])
    return best


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


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
