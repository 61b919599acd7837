"""A period's scores as a cache entry: plain JSON, read back only into the records scoring
makes (`okrcli.score.records`), field by field, by their declared types.

A record is the list of its fields in order; a `Decimal` is its text (exact, exponent
kept), a date its ISO text, a tuple or a frozenset a list; an int written in a float field
stays an int, as the report printed it. The entry is `[shared, body]`: a report writes the
same small records (a `Value`, a `Forecast`: frozen, scalar fields only) thousands of
times, so each such record is written once in `shared` and the body holds its number there,
read back once and shared. A value of any other shape, a tag a literal does not allow, a
record of another length, a number past the shared ones: the whole entry is None and the
caller scores the period again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

Decoder = Callable[[Any], Any]


class Refused(ValueError):
    """The entry does not have the shape okr writes."""


def encode(value: Any) -> list[Any]:
    """`value` (records, lists, tuples, numbers, text, dates, Decimals) as the entry holds
    it: `[shared, body]`, each shared record written once."""
    shared = _Shared()
    body = shared.encode(value)
    return [shared.rows, body]


class _Shared:
    """The shared records of an entry being written, each by its encoded fields: the same
    text stands for the same record (1, 1.0 and True, "1" and 1, 0.0 and -0.0 and the
    exponents of a Decimal are told apart by how JSON writes them)."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self.numbers: dict[str, int] = {}

    def encode(self, value: Any) -> Any:
        kind: type = type(value)
        if value is None or kind in (str, int, float, bool):
            return value
        if kind is Decimal:
            return str(value)
        if kind is dt.date:
            return value.isoformat()
        if kind in (list, tuple):
            return [self.encode(v) for v in value]
        if kind is frozenset:
            return sorted(self.encode(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = [self.encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
            return self.number(fields) if _scalars_only(kind) else fields
        raise TypeError(f"not cacheable: {kind.__name__}")

    def number(self, fields: list[Any]) -> int:
        """The place of a shared record's fields in `rows`, added on first use."""
        text = repr(fields)  # fields of scalars only: their repr tells them apart as JSON does
        found = self.numbers.get(text)
        if found is None:
            found = self.numbers[text] = len(self.rows)
            self.rows.append(fields)
        return found


def decode(hint: Any, value: Any) -> Any:
    """The entry `value` read back as `hint` (a record class or a type of its fields); None
    when it does not have exactly the shape `encode` writes for it."""
    if type(value) is not list or len(value) != 2 or type(value[0]) is not list:
        return None
    _ROWS[:] = value[0]
    _MADE.clear()
    try:
        return decoder(hint)(value[1])
    except (Refused, RecursionError):
        return None
    finally:
        _ROWS.clear()
        _MADE.clear()
        _DECIMALS.clear()


# The shared records of the entry being read: as written, and those read back so far by
# (class, number). A number is read as the class its field declares, so a row read as two
# classes is two records, each checked as its own.
_ROWS: list[Any] = []
_MADE: dict[tuple[type, int], Any] = {}
_DECIMALS: dict[str, Decimal] = {}  # the Decimals read so far, by their text


@cache
def decoder(hint: Any) -> Decoder:
    """The function reading a JSON value back as `hint`, made once per type."""
    if hint is type(None) or hint is None:
        return _none
    if hint in _SCALARS:
        return _SCALARS[hint]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return _literal(frozenset(args))
    if origin in (types.UnionType, typing.Union):
        _one_number_at_most(args)
        return _union(tuple(decoder(a) for a in args))
    if origin is list:
        return _list(decoder(args[0]), list)
    if origin is frozenset:
        return _list(decoder(args[0]), frozenset)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _list(decoder(args[0]), tuple)
        return _pair(tuple(decoder(a) for a in args))
    raise TypeError(f"no decoder for {hint!r}")


def _one_number_at_most(members: tuple[Any, ...]) -> None:
    """A shared record is written as a number: a union may hold one only when no other of
    its members could be read from a number too (another shared record, an int)."""
    numbers = [m for m in members if m in (int, float, bool) or (isinstance(m, type) and _scalars_only(m))]
    numbers += [m for m in members if typing.get_origin(m) is typing.Literal and any(type(a) in (int, bool) for a in typing.get_args(m))]
    if len(numbers) > 1 and any(isinstance(m, type) and _scalars_only(m) for m in numbers):
        raise TypeError(f"a shared record cannot be told apart from a number in {members!r}")


def _none(value: Any) -> None:
    if value is not None:
        raise Refused
    return None


def _exactly(*kinds: type) -> Decoder:
    def read(value: Any) -> Any:
        if type(value) not in kinds:
            raise Refused
        return value

    return read


def _decimal(value: Any) -> Decimal:
    """A Decimal from its text, read once per entry: targets and starts repeat on many rows."""
    if type(value) is not str:
        raise Refused
    found = _DECIMALS.get(value)
    if found is None:
        try:
            found = _DECIMALS[value] = Decimal(value)
        except InvalidOperation:
            raise Refused from None
    return found


def _date(value: Any) -> dt.date:
    if type(value) is not str:
        raise Refused
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Refused from None


_SCALARS: dict[Any, Decoder] = {
    str: _exactly(str),
    int: _exactly(int, bool),
    bool: _exactly(bool),
    float: _exactly(float, int, bool),  # a weight written `1` is the int 1 in the report too
    Decimal: _decimal,
    dt.date: _date,
}


def _literal(allowed: frozenset[Any]) -> Decoder:
    def read(value: Any) -> Any:
        if type(value) not in (str, int, bool) or value not in allowed:
            raise Refused
        return value

    return read


def _union(members: tuple[Decoder, ...]) -> Decoder:
    def read(value: Any) -> Any:
        for member in members:
            try:
                return member(value)
            except Refused:
                continue
        raise Refused

    return read


def _list(item: Decoder, make: Callable[[Any], Any]) -> Decoder:
    def read(value: Any) -> Any:
        if type(value) is not list:
            raise Refused
        return make([item(v) for v in value])

    return read


def _pair(items: tuple[Decoder, ...]) -> Decoder:
    def read(value: Any) -> Any:
        if type(value) is not list or len(value) != len(items):
            raise Refused
        return tuple(read_one(v) for read_one, v in zip(items, value, strict=True))

    return read


def _record(cls: type) -> Decoder:
    """A record read from the list of its fields (a shared one: from its row, by number),
    built positionally by a reader made for its class on first use (a record may hold
    records of its own kind): a report holds tens of thousands of records, so each field is
    checked in one line, not through a generic walk. The reader's text is made of field
    numbers and names of this module only."""
    made: list[Decoder] = []

    def read(value: Any) -> Any:
        if not made:
            made.append(_reader(cls))
        return made[0](value)

    if not _scalars_only(cls):
        return read

    def read_shared(number: Any) -> Any:
        if type(number) is not int:
            raise Refused
        key = (cls, number)
        found = _MADE.get(key)
        if found is None:
            if not 0 <= number < len(_ROWS):
                raise Refused
            found = _MADE[key] = read(_ROWS[number])
        return found

    return read_shared


_SCALAR_HINTS = (str, int, float, bool, Decimal, dt.date, type(None))


@cache
def _scalars_only(cls: type) -> bool:
    """A frozen record whose fields hold scalars only: equal fields, an equal record to
    share; written once in the entry."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        return False
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        members = typing.get_args(hint) if typing.get_origin(hint) in (types.UnionType, typing.Union, typing.Literal) else (hint,)
        if typing.get_origin(hint) is typing.Literal:
            continue
        if not all(m in _SCALAR_HINTS or typing.get_origin(m) is typing.Literal for m in members):
            return False
    return True


_PLAIN: dict[Any, frozenset[type]] = {
    str: frozenset({str}), int: frozenset({int, bool}), bool: frozenset({bool}), float: frozenset({float, int, bool}),
}


def _reader(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    scope: dict[str, Any] = {"Refused": Refused, "cls": cls}
    lines = ["def read(v):", f"    if type(v) is not list or len(v) != {len(names)}:", "        raise Refused"]
    for number, name in enumerate(names):
        hint = hints[name]
        members = typing.get_args(hint) if typing.get_origin(hint) in (types.UnionType, typing.Union) else (hint,)
        nullable = type(None) in members
        rest = [m for m in members if m is not type(None)]
        value = f"a{number}"
        lines.append(f"    {value} = v[{number}]")
        if all(m in _PLAIN for m in rest):
            scope[f"K{number}"] = frozenset().union(*(_PLAIN[m] for m in rest), {type(None)} if nullable else set())
            lines += [f"    if type({value}) not in K{number}:", "        raise Refused"]
        elif all(typing.get_origin(m) is typing.Literal for m in rest):  # a status, a grade: as `_literal` reads them
            scope[f"K{number}"] = frozenset({str, int, bool, *([type(None)] if nullable else [])})
            scope[f"L{number}"] = frozenset().union(*(typing.get_args(m) for m in rest), [None] if nullable else [])
            lines += [f"    if type({value}) not in K{number} or {value} not in L{number}:", "        raise Refused"]
        else:
            scope[f"R{number}"] = decoder(rest[0] if len(rest) == 1 else typing.Union[tuple(rest)])  # noqa: UP007
            guard = f"if {value} is not None: " if nullable else ""
            lines.append(f"    {guard}{value} = R{number}({value})")
    lines.append(f"    return cls({', '.join(f'a{n}' for n in range(len(names)))})")
    exec("\n".join(lines), scope)  # noqa: S102 - the text above, made of numbers and fixed names
    return scope["read"]  # type: ignore[no-any-return]
