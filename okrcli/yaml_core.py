"""The YAML 1.2 core schema: how a plain scalar's text becomes null, a bool, an int, a float
or a date, with the same patterns ruamel.yaml's round-trip loader applies (so `okr check`
and `okr checkin` never disagree about what a value is). `yes`, `on` and `012` are not
YAML 1.1's bool and octal here: `yes` is text and `012` is 12.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

CORE = "tag:yaml.org,2002:"
EXPLICIT_KINDS = frozenset({"str", "int", "float", "bool", "null", "timestamp"})

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_EXPECTED: dict[str, type | tuple[type, ...]] = {
    "int": int, "float": (float, int), "bool": bool, "null": type(None), "timestamp": dt.date,
}


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema, as ruamel.yaml resolves plain scalars."""
    if not value:
        return None
    first = value[0]
    if first in "-+0123456789.":
        if _INT.match(value):
            return _to_int(value)
        if _FLOAT.match(value):
            return _to_float(value)
        if _DATE.match(value):
            return _to_date(value)
        return value
    if first in "tTfF" and _BOOL.match(value):
        return first in "tT"
    if first in "~nN" and _NULL.match(value):
        return None
    return value


def _to_int(value: str) -> int:
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith(("0b", "0x", "0o")):
        return sign * int(digits, 0)
    return sign * int(digits)


def _to_float(value: str) -> float:
    text = value.replace("_", "").lower()
    if text.endswith(".nan"):
        return float("nan")
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float(text)


def _to_date(value: str) -> Any:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value  # the schema names the bad date


def resolve_tagged(kind: str, value: str) -> Any:
    """A scalar with an explicit core tag (`!!int "12"`); ValueError when it is not one."""
    if kind == "str":
        return value
    resolved: Any = resolve_plain(value)
    if not isinstance(resolved, _EXPECTED[kind]) or (kind != "bool" and isinstance(resolved, bool)):
        raise ValueError(f"not a valid {kind}: {value!r}")
    if kind == "float":
        return float(cast(float, resolved))  # an int or a float, checked above
    return resolved
