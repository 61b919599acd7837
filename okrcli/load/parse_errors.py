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

from okrcli.i18n import N_, _, ngettext

Position = tuple[int, int]

# The line breaks libyaml counts lines by (str.splitlines knows more of them).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_ITEM = re.compile(r"( *)-(?= |$)")
_KEY = re.compile(r"""( *(?:- +)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#"'\[\]{},:-][^:#]*?|-[^\s:#][^:#]*?) *:(?= |$)""")


def first_line(text: str) -> str:
    return " ".join(text.split())


def syntax_message(err: MarkedYAMLError, text: str, position: Position) -> str:
    parts = [text for text in (first_line(p or "") for p in (err.context, err.problem)) if text]
    message = "; ".join(parts)  # the parser's words pick the advice; they are shown translated
    shown = "; ".join(_(p) if p in _PARSER_WORDS else p for p in parts) or _("invalid YAML")
    lines = _LINE_BREAK.split(text)
    line = lines[position[0] - 1] if 0 < position[0] <= len(lines) else ""
    if "\t" in line[: position[1]] or "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
        return f"{shown}; " + _("indent with spaces, not tabs")
    misaligned = _misaligned(lines[: position[0] - 1], line) if any(k in message for k in _INDENTATION) else None
    if misaligned is not None:
        return f"{shown}; {misaligned}"
    for known, advice in _ADVICE:
        if known in message:
            return f"{shown}; {_(advice)}"
    return f"{shown}; " + _("fix the YAML syntax here")


# The parser messages an indentation slip produces.
_INDENTATION = ("mapping values are not allowed", "did not find expected key", "did not find expected '-' indicator")

_ADVICE = (
    ("scanning a quoted scalar", N_("this quoted text is never closed: add the closing quote")),
    ("mapping values are not allowed", N_("a value containing ': ' must be quoted, e.g. title: \"Q3: grow\"")),
    ("did not find expected key", N_("align this key with the keys above it, or quote a value that starts with a special character")),
    ("did not find expected '-' indicator", N_("align this list item with the items above it")),
    ("could not find expected ':'", N_("write `key: value`, with a space after the colon")),
    ("that cannot start any token", N_("quote a value that starts with @, ` or %")),
    ("found undefined tag handle", N_("remove the tag (the text starting with !)")),
    ("found incompatible YAML document", N_("write %YAML 1.2, or remove the line")),
)

# The parser's own words that carry no value (libyaml's, and ruamel.yaml's where they
# differ), shown in the language of the command; any other stays as the parser wrote it.
_PARSER_WORDS = frozenset({
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow node"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a block scalar"),
    N_("while scanning a simple key"),
    N_("while scanning for the next token"),
    N_("while scanning an anchor"),
    N_("while scanning an alias"),
    N_("while scanning a tag"),
    N_("while scanning a directive"),
    N_("mapping values are not allowed in this context"),
    N_("mapping values are not allowed here"),
    N_("mapping keys are not allowed in this context"),
    N_("block sequence entries are not allowed in this context"),
    N_("did not find expected key"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected node content"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected comment or line break"),
    N_("did not find expected alphabetic or numeric character"),
    N_("could not find expected ':'"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unknown escape character"),
    N_("found undefined alias"),
    N_("found undefined tag handle"),
    N_("found duplicate anchor; first occurrence"),
    N_("found incompatible YAML document"),
    N_("control characters are not allowed"),
    N_("expected a single document in the stream"),
})


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
        return None if found is None else _(
            "this list item is indented {spaces} but the item on line {line} is indented {column}: indent the items of one list equally"
        ).format(spaces=_spaces(shape.item), line=found[0], column=found[1])
    if shape.key is not None:
        column, key = shape.key
        found = _nearest(above, column, lambda s: s.key)
        return None if found is None else _(
            "the key `{key}` is indented {spaces} but `{other}` on line {line} is indented {column}: indent the keys of one mapping equally"
        ).format(key=key, spaces=_spaces(column), other=found[2], line=found[0], column=found[1])
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
    return ngettext("{count} space", "{count} spaces", count).format(count=count)


def reader_position(text: str, err: YAMLError) -> Position:
    offset = getattr(err, "position", None)
    if not isinstance(offset, int):
        return (1, 1)
    line = text.count("\n", 0, offset) + 1
    return (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def reader_message(err: YAMLError) -> str:
    character = getattr(err, "character", None)
    if isinstance(character, int):
        return _("control character U+{code} is not allowed in YAML; remove it").format(code=f"{character:04X}")
    return first_line(str(err))
