"""Where text goes: Rich on a colour terminal, plain unwrapped text otherwise; and how user
text is made safe to show there.

SPEC 7: a sheet can neither forge an output line nor drive the terminal. Every human and
line-based format (text, parsable, github, markdown, html) passes what it renders through
`printable_data` first, so each piece of user text (a title, a key, a path, a message that
quotes them) shows its control characters escaped: `\\n`, `\\t`, `\\x1b`, `\\x9b`,
`\\u202e`. Ordinary Unicode (Vietnamese diacritics, emoji and their joiners) is kept. A
backslash is not doubled, so escaping twice changes nothing and text that holds no control
character reads exactly as written. CSV cells are escaped the same way: a spreadsheet has
no use for an escape sequence, and a CSV is read on terminals too.

JSON and SARIF stay faithful: `json_text` writes the characters `json.dumps` leaves raw
(DEL, C1 controls, the separators and bidirectional controls, lone surrogates) as `\\u`
escapes, which decode to the very same strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import operator
import os
import re
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

from okrcli.model.values import plain_number

T = TypeVar("T")

# C0 and C1 controls and DEL (escape sequences, line breaks, bells), the Unicode line and
# paragraph separators, the bidirectional controls that reorder what a reader sees
# (CVE-2021-42574) and lone surrogates, which no output encoding can write.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What json.dumps(ensure_ascii=False) leaves raw of the above (it escapes C0 itself).
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every control character shown as an escape, on one line."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable_data(value: T) -> T:
    """`value` with every string inside it made `printable`: through dataclasses, named
    tuples, tuples, lists and dicts, so a field added to a result later is covered too.
    What holds nothing to escape is returned as it is, and so is a record `take_as_printable`
    was given, without a look."""
    return _printable(value, dict(_CHECKED))  # type: ignore[no-any-return]


def printable_json(text: str) -> bool:
    """Whether every string of the JSON `text` (as `json.dumps(ensure_ascii=False)` writes
    it) is printable as it is: no character `printable` escapes raw, and no escape that can
    stand for one (json.dumps writes a C0 control as `\\n` or `\\u001b`; a `\\"` or a
    `\\\\` is harmless). One look at the whole text instead of one per string."""
    return not _UNSAFE.search(text) and ("\\" not in text or not _CONTROL_ESCAPE.search(text))


def take_as_printable(records: Iterable[Any]) -> None:
    """Frozen records whose text was checked as a whole (`printable_json`), everything inside
    them included (a list in a record is never changed once the record is made): taken as
    they are until the next call. Held here, so no other object can take the id of one
    while it is listed."""
    _CHECKED.clear()
    _CHECKED.update((id(record), record) for record in records)


# A backslash and a letter JSON escapes a control character with (an escaped backslash
# before such a letter matches too: then each string is looked at, as always).
_CONTROL_ESCAPE = re.compile(r"\\[bfnrtu]")
_CHECKED: dict[int, Any] = {}  # the records of `take_as_printable`, by id


def _printable(value: Any, seen: dict[int, Any]) -> Any:
    """`seen`: the records made printable so far, by id: a report shares one value record
    among many rows, looked at once."""
    kind = type(value)
    if kind is str:
        return printable(value)
    if kind in _SCALARS:
        return value
    names = _init_fields(kind)
    if names is not None:
        done = seen.get(id(value))
        if done is None:
            done = seen[id(value)] = _printable_fields(value, names, seen)
        return done
    if isinstance(value, (list, tuple)):
        return _printable_items(value, seen)
    if isinstance(value, dict):
        pairs = [(_printable(k, seen), _printable(v, seen)) for k, v in value.items()]
        unchanged = all(k is old_k and v is old_v for (k, v), (old_k, old_v) in zip(pairs, value.items(), strict=False))
        return value if unchanged else kind(pairs)
    return printable(value) if isinstance(value, str) else value


def _printable_fields(value: Any, names: tuple[str, ...], seen: dict[int, Any]) -> Any:
    fields = _GETTERS[type(value)](value)
    # one look at all the record's text at once: its strings are escaped one by one only
    # when one of them holds a control character; its records and lists are walked
    clean = not _UNSAFE.search("".join([old for old in fields if type(old) is str]))
    changed = {}
    for name, old in zip(names, fields, strict=True):
        kind = type(old)
        if kind in _SCALARS or (clean and kind is str):  # most fields: looked at here, without a call
            continue
        new = seen.get(id(old)) if kind in _FIELDS else None  # a shared record, looked at before
        if new is None:
            new = _printable(old, seen)
        if new is not old:
            changed[name] = new
    return dataclasses.replace(value, **changed) if changed else value


def _printable_items(value: list[Any] | tuple[Any, ...], seen: dict[int, Any]) -> Any:
    if all(type(item) is str for item in value) and not _UNSAFE.search("".join(value)):
        return value  # text only, nothing to escape (links): one look
    items = [_printable(item, seen) for item in value]
    if all(new is old for new, old in zip(items, value, strict=False)):
        return value
    return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)  # a named tuple takes fields


# Values with no text inside, skipped without a look: a report holds many thousands.
_SCALARS = frozenset({int, float, Decimal, bool, type(None), dt.date, dt.datetime})
_FIELDS: dict[type, tuple[str, ...] | None] = {}
_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}  # a record's init fields, all at once


def _init_fields(kind: type) -> tuple[str, ...] | None:
    """The fields a dataclass is built from (cached per class); None for anything else."""
    if kind not in _FIELDS:
        names = tuple(f.name for f in dataclasses.fields(kind) if f.init) if dataclasses.is_dataclass(kind) else None
        _FIELDS[kind] = names
        if names is not None:
            _GETTERS[kind] = operator.attrgetter(*names) if len(names) > 1 else lambda value: tuple(getattr(value, n) for n in names)
    return _FIELDS[kind]


def json_text(document: Any) -> str:
    """`document` as indented JSON, readable Unicode kept, control characters escaped. A
    `Decimal` (a value as read) is written with every digit it has, never through a float."""
    marker = "okr-number-" + os.urandom(8).hex() + ":"  # no user text can hold it

    def exact(value: object) -> str:
        if isinstance(value, Decimal):
            return marker + plain_number(value)
        raise TypeError(f"{type(value).__name__} is not JSON")

    text = json.dumps(document, ensure_ascii=False, indent=2, default=exact)
    if marker in text:
        text = re.sub('"' + re.escape(marker) + r'(-?[0-9.]+)"', r"\1", text)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


def wants_rich(stream: Any = None) -> bool:
    stream = stream if stream is not None else sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console(stream: Any = None) -> Any:
    """A Rich console that never reads user text as markup or guesses highlights."""
    from rich.console import Console

    return Console(file=stream or sys.stdout, markup=False, highlight=False, emoji=False, soft_wrap=False)


def write(text: str) -> None:
    sys.stdout.write(text)


def notice(text: str) -> None:
    """One line on stderr, `okr: …`, with any user text in it escaped."""
    print(f"okr: {printable(text)}", file=sys.stderr)
