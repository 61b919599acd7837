"""The YAML 1.2 core schema: how a plain scalar's text becomes null, a bool, an int, a float
or a date, with the same patterns ruamel.yaml's round-trip loader applies (so `okr check`
and `okr checkin` never disagree about what a value is). `yes`, `on` and `012` are not
YAML 1.1's bool and octal here: `yes` is text and `012` is 12.

A number beyond what a value may hold (SPEC 2.1: finite, at most 18 significant digits,
|x| < 10^18) loads as `OutOfRange`, its text as written: the schema refuses it quoting that
text, and nothing downstream meets an integer Python cannot print (its 4,300-digit limit)
or a float that overflowed to infinity (`1e309`) or underflowed to 0 (`1e-400`). The
explicit `.inf` and `.nan` stay floats, which the schema refuses by name.

`show` is the way back: a loaded value as YAML would write it, for messages.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
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
LIMIT = 10**18  # a value's magnitude stays below this (SPEC 2.1)
MAX_DIGITS = 18  # and it has at most this many significant digits
_FLOAT_LIMIT = float(LIMIT)
_FLOAT_DIGITS = 15  # significant digits any binary float holds exactly


@dataclass(frozen=True, slots=True)
class OutOfRange:
    """A plain scalar YAML reads as a number that no value may hold, kept as written."""

    text: str

    def __str__(self) -> str:
        return self.text

class WrittenFloat(float):
    """A YAML float with more significant digits than a binary float holds (16 to 18), kept
    with the text it was read from, so a value is the number written, every digit."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> WrittenFloat:
        number = super().__new__(cls, float(text))
        number.text = text
        return number


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


def _to_int(value: str) -> int | OutOfRange:
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    if digits.startswith(("0b", "0x", "0o")):
        # 60 bits hold any value below 10^18; more digits than that cannot be one.
        if len(digits[2:].lstrip("0")) > 60:
            return OutOfRange(value)
        number = sign * int(digits, 0)
        return number if abs(number) < LIMIT else OutOfRange(value)
    # Counted before int() is called: Python refuses to convert more than 4,300 digits.
    return sign * int(digits) if len(digits.lstrip("0")) <= MAX_DIGITS else OutOfRange(value)


def _to_float(value: str) -> float | OutOfRange:
    text = value.replace("_", "").lower()
    if text.endswith(".nan"):
        return float("nan")
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    mantissa = text.lstrip("+-").partition("e")[0].replace(".", "").strip("0")
    number = float(text)
    held = math.isfinite(number) and abs(number) < _FLOAT_LIMIT and (number != 0.0 or not mantissa)
    if not held or len(mantissa) > MAX_DIGITS:
        return OutOfRange(value)
    return WrittenFloat(text) if len(mantissa) > _FLOAT_DIGITS else number


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
    if isinstance(resolved, OutOfRange) and kind in ("int", "float"):
        return resolved  # a number all the same: the schema says why it cannot be held
    if not isinstance(resolved, _EXPECTED[kind]) or (kind != "bool" and isinstance(resolved, bool)):
        raise ValueError(f"not a valid {kind}: {value!r}")
    if kind == "float":
        return float(cast(float, resolved))  # an int or a float, checked above
    return resolved


# --- back to text -------------------------------------------------------------------------

SHOWN = 60  # characters of a value a message shows; longer ones end in "…"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def show(value: Any, limit: int = SHOWN) -> str:
    """A loaded value as YAML would write it inline, for a message: `2025-08-01`, `null`,
    `true`, `12.5`, `.inf`, `"text"` (always quoted, so a text that looks like a number
    says it is one), `[1, 2]`, `{id: O1}`; cut to about `limit` characters."""
    text = _shown(value, limit)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1] + "…"
    return cut + '"' if text.startswith('"') else cut


def _shown(value: Any, budget: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return "true" if value else "false"
    if isinstance(value, int):
        return _int_text(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, (dt.date, OutOfRange)):
        return value.isoformat() if isinstance(value, dt.date) else value.text
    if isinstance(value, str):
        return '"' + "".join(_escape(char) for char in value[: budget + 1]) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + _joined((_shown(item, budget) for item in value), budget) + "]"
    if isinstance(value, dict):
        pairs = (f"{_key(key, budget)}: {_shown(item, budget)}" for key, item in value.items())
        return "{" + _joined(pairs, budget) + "}"
    return _shown(str(value), budget)


def _int_text(number: int) -> str:
    try:
        return str(number)
    except ValueError:  # beyond Python's digit limit for printing an int
        return f"a number of about {int(number.bit_length() * math.log10(2)):,} digits"


def _float_text(number: float) -> str:
    if math.isnan(number):
        return ".nan"
    if math.isinf(number):
        return "-.inf" if number < 0 else ".inf"
    return repr(number)


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _key(key: Any, budget: int) -> str:
    """A mapping key plain when YAML would read it back as the same text (`id`, `title`)."""
    if isinstance(key, ScalarKey):
        return key.text  # `1`, `true`: as written, and read back as the same key
    if isinstance(key, str) and re.fullmatch(r"[A-Za-z_][\w-]*", key) and resolve_plain(key) == key:
        return key
    return _shown(key, budget)


def _joined(parts: Any, budget: int) -> str:
    """Items joined by ", ", stopping once the text is longer than any message shows."""
    taken: list[str] = []
    length = 0
    for part in parts:
        taken.append(part)
        length += len(part) + 2
        if length > budget:
            break
    return ", ".join(taken)


class ScalarKey:
    """A mapping key that is not text (`1`, `1.0`, `true`, `~`, `2025-07-14`), kept with its
    text as written for messages.

    YAML 1.2 compares keys by type and value: `1`, `1.0` and `true` are three keys, where
    Python's dict would merge them (1 == 1.0 == True) and silently keep one value; `1` and
    `0x1` are one key, and `1` is not the text key `"1"`."""

    __slots__ = ("text", "value")

    def __init__(self, text: str, value: Any) -> None:
        self.text = text
        self.value = value

    def _identity(self) -> tuple[type, Any]:
        value = self.value
        return (float, "nan") if value != value else (type(value), value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ScalarKey) and self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __reduce__(self) -> tuple[type[ScalarKey], tuple[str, Any]]:
        return (ScalarKey, (self.text, self.value))
