"""Scalars as the file writes them: how `okr checkin` spells a value, a date or a note so
that it matches the sheet's own style and reads back as exactly what was meant.

A value is written plain only when YAML reads back the same thing the user typed (so the
Vietnamese `308.000` stays a quoted string and never becomes the float 308.0); strings
take the file's quotes; `true`/`false` take the case the file uses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.nodes import Node, ScalarNode

from okrcli.errors import EditRefused
from okrcli.i18n import _
from okrcli.load.reader import load_bytes

# YAML 1.1 readers (editors, older tools) take these plain words for booleans: quote them.
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
_INVALID = object()


@dataclass(frozen=True, slots=True)
class Scalar:
    text: str  # as written into the file
    value: Any  # what a YAML 1.2 reader makes of it


def render_value(text: str, hint: str | None, quote: str, flow: bool, locale: str) -> Scalar:
    """A value as typed: a plain YAML number when YAML reads the same number the locale does,
    else a string quoted as the file quotes (so "308.000" never becomes the float 308.0)."""
    read = _read_back(text, flow)
    if isinstance(read, (int, float)) and not isinstance(read, bool) and _same_number(text, read, locale):
        return Scalar(text, read)
    return render_string(text, hint, quote, flow)


def render_string(text: str, hint: str | None, quote: str, flow: bool) -> Scalar:
    """Plain when the file writes such strings plain (or shows no preference) and YAML reads
    it back unchanged; else in the file's quotes. `hint`: '' plain, a quote, None unknown."""
    if not hint and text.casefold() not in _YAML11_BOOLS and same(_read_back(text, flow), text):
        return Scalar(text, text)
    return Scalar(quoted(text, hint or quote), text)


def number_scalar(text: str, flow: bool, name: str) -> Scalar:
    """`text` written as it is, refused unless YAML reads it as a number."""
    read = _read_back(text, flow)
    if not isinstance(read, (int, float)) or isinstance(read, bool):
        raise EditRefused(_("{path}: {text} is not a number").format(path=name, text=repr(text)))
    return Scalar(text, read)


def bool_scalar(value: bool, *examples: Node | None) -> Scalar:
    """`true`/`false` in the case the file writes them (`True`, `TRUE`)."""
    text = "true" if value else "false"
    written = [n.value for n in examples if isinstance(n, ScalarNode) and n.style is None and n.value.lower() in ("true", "false")]
    if written:
        text = text.upper() if written[0].isupper() else text.title() if written[0][0].isupper() else text
    return Scalar(text, value)


def quoted(text: str, char: str) -> str:
    if char == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    escaped = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
    out = [escaped.get(c) or (c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") for c in text]
    return '"' + "".join(out) + '"'


def quote_of(node: Node | None) -> str | None:
    style = getattr(node, "style", None)
    return style if isinstance(node, ScalarNode) and style in ('"', "'") else None


def string_style(node: Node | None) -> str | None:
    """How a string is written at `node`: its quote, '' for plain, None when it is no string."""
    if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
        return None
    if node.style in ('"', "'"):
        return str(node.style)
    return "" if node.value and isinstance(_read_back(node.value, False), str) else None


def preferred_quote(nodes: list[tuple[ScalarNode | None, Node]]) -> str:
    styles = [node.style for _, node in nodes if isinstance(node, ScalarNode)]
    return "'" if styles.count("'") > styles.count('"') else '"'


def same(a: Any, b: Any) -> bool:
    """Equality that also compares types: 1, 1.0, True and "1" all differ."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _read_back(text: str, flow: bool) -> Any:
    """What our loader reads from `text` written plain in a block or flow context."""
    if "\n" in text or "\r" in text or text != text.strip():
        return _INVALID
    loaded = load_bytes((f"v: [{text}]\n" if flow else f"v: {text}\n").encode("utf-8"), "<value>")
    if loaded.problems or loaded.grouped_floats or not isinstance(loaded.data, dict):
        return _INVALID
    value = loaded.data.get("v")
    if flow:
        return value[0] if isinstance(value, list) and len(value) == 1 else _INVALID
    return value


def _same_number(text: str, read: float, locale: str) -> bool:
    from okrcli.model.values import ValueSyntaxError, parse_value

    try:
        number = parse_value(text, locale=locale).number  # type: ignore[arg-type]
        return number is not None and float(number) == float(read)
    except ValueSyntaxError:
        return False
