"""When a goal's `target` or `start` moved, per git: the commits that changed the value a
key result or KPI is measured against, from the versions the command's `GitFacts` read.

A change is a difference in what the value means (its number, comparator, band, percent
and unit), not in how it is written: `2400` → `"2,400"` is no move. A value that appears
where there was none (a baseline added late) or disappears is no move either: only a value
replaced by another one is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from okrcli.history.facts import UNREADABLE
from okrcli.history.timeline import Item, find_item
from okrcli.repo.git import Revision

FIELDS = ("target", "start")
_ALIASES = {"start": ("start", "baseline")}


class Move(NamedTuple):
    field: str  # target | start
    old: str  # the value before, as written
    new: str  # the value after, as written
    commit: str | None  # the short hash; None: the change is not committed yet
    day: dt.date


def moves(versions: list[tuple[Revision, Any]], item: Item, locale: str) -> list[Move]:
    """Every change of `target` or `start` between consecutive committed versions of the
    sheet that hold the item, oldest first; a version that does not load is skipped."""
    found: list[Move] = []
    previous: dict[str, Any] | None = None
    for revision, data in versions:
        if data is UNREADABLE:
            continue
        node = find_item(data, item)
        if node is not None and previous is not None:
            found += [Move(f, *pair, revision.short, revision.day) for f in FIELDS if (pair := changed(previous, node, f, locale))]
        previous = node if node is not None else previous
    return found


def last_written(versions: list[tuple[Revision, Any]], item: Item) -> dict[str, Any] | None:
    """The item as the newest committed version that holds it wrote it."""
    for _, data in reversed(versions):
        node = find_item(data, item) if data is not UNREADABLE else None
        if node is not None:
            return node
    return None


def changed(old: dict[str, Any], new: dict[str, Any], field: str, locale: str) -> tuple[str, str] | None:
    """(old, new) as written when `field` means something else in `new` than in `old`."""
    before, after = _raw(old, field), _raw(new, field)
    if before is None or after is None or _meaning(before, locale) == _meaning(after, locale):
        return None
    return _written(before), _written(after)


def _raw(node: dict[str, Any], field: str) -> Any:
    for key in _ALIASES.get(field, (field,)):
        if node.get(key) is not None:
            return node[key]
    return None


def _meaning(raw: Any, locale: str) -> Any:
    from okrcli.model.values import ValueSyntaxError, parse_value

    try:
        value = parse_value(raw, locale=locale, allow_comparator=True, allow_band=True)  # type: ignore[arg-type]
    except ValueSyntaxError:
        return ("unreadable", str(raw))
    unit = value.unit.casefold() if value.unit else None
    return (value.number, value.comparator, value.low, value.high, value.percent, unit)


def _written(raw: Any) -> str:
    return raw if isinstance(raw, str) else str(raw)
