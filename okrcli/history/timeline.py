"""The value of a key result or KPI over time: its check-ins, and the commits that changed
its `current` (a KPI's `actual`, a milestone's `done`) in the sheet's git history; for a KPI
scored on monthly `readings`, those readings, the values its achievement is the mean of.

The commits come from the command's `GitFacts` (`okrcli.history.facts`), read once per command;
outside a git repository, or without git installed, only the check-ins are known.

`last_updates` gives the dates staleness is judged by (SPEC 3): a KR's latest check-in,
else the last commit that changed its value.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    NamedTuple,
    TypeVar,
)

from okrcli.history.facts import UNREADABLE, GitFacts, Version, follow_versions
from okrcli.repo.git import Revision

if TYPE_CHECKING:
    from okrcli.load.validate import SheetDoc
    from okrcli.model.periods import Period
    from okrcli.model.sheet import KPI, CheckIn, KeyResult, Objective

Source = Literal["check-in", "git", "reading"]
KRItem = tuple["SheetDoc", "Objective", "KeyResult"]
K = TypeVar("K")


# NamedTuples, not dataclasses: the lint imports this module for `stale-check-in`, and a
# NamedTuple costs a sixth of a dataclass to define.


class Point(NamedTuple):
    date: dt.date
    value: float
    source: Source
    commit: str | None = None  # the short hash of a git point
    text: str = ""  # the value as written, for display
    month: str | None = None  # a reading written for a month (`period: 2025-07`), dated its first day


class Item(NamedTuple):
    """Which goal to follow through the versions of a sheet."""

    period: str
    owner: str
    ids: tuple[str, ...]  # ("O1", "KR2") for a key result, ("K1",) for a KPI


class History(NamedTuple):
    points: list[Point]  # oldest first
    in_git: bool
    cut: dt.date | None = None  # a shallow clone's first day, when the history starts there


# --- one item's history --------------------------------------------------------------------


def reading_points(kpi: KPI, period: Period, locale: str = "en") -> list[Point]:
    """The monthly readings of `period` a KPI's achievement is the mean of (the latest of each
    month), oldest first; none when it is scored on its actual."""
    from okrcli.model.readings import monthly_readings

    points = []
    for month, reading in monthly_readings(kpi.readings, period).items():
        number = reading.value.number
        if number is None:
            continue
        day = reading.date if reading.date is not None else reading.period.start if reading.period is not None else None
        assert day is not None  # a reading has a date or a period
        points.append(Point(day, float(number), "reading", None, reading.value.display(locale), month if reading.date is None else None))  # type: ignore[arg-type]
    return points


def value_history(
    root: Path, relative: str, item: Item, check_ins: Sequence[CheckIn], locale: str = "en", until: str | None = None, prefix: str | None = None,
) -> History:
    """Check-ins and the commits that changed the value, oldest first, following renames;
    the commits up to `until` when given."""
    from okrcli.history.facts import shallow_cut

    versions = follow_versions(root, relative, until, prefix)
    changes = value_changes(versions, item, locale) if versions is not None else []
    return History(merge_points(check_ins, changes), versions is not None, shallow_cut(versions or []))


def value_histories(
    facts: GitFacts, wanted: Mapping[K, tuple[str, Item, Sequence[CheckIn]]], locale: str = "en",
) -> tuple[dict[K, list[Point]], bool]:
    """Many items' histories (key → (sheet path, item, check-ins)) from the versions of
    their sheets in `facts` (through renames, as `okr history` shows them); and whether git
    answered."""
    versions = facts.versions({relative for relative, _, _ in wanted.values()}) if wanted else None
    found = {
        key: merge_points(check_ins, value_changes(versions.get(relative, []), item, locale) if versions is not None else [])
        for key, (relative, item, check_ins) in wanted.items()
    }
    return found, versions is not None


def merge_points(check_ins: Sequence[CheckIn], changes: list[Point]) -> list[Point]:
    """Oldest first. A commit that only recorded a check-in's value (the value of the latest
    check-in on or before it) adds no point of its own."""
    points = [_check_in_point(c) for c in check_ins]
    ordered = sorted(points, key=_day)  # on one day, in the order written
    days = [p.date for p in ordered]
    return sorted(points + [p for p in changes if not _recorded(p, ordered, days)], key=_day)


def _day(point: Point) -> dt.date:
    return point.date


def _check_in_point(check_in: CheckIn) -> Point:
    value = check_in.value
    if isinstance(value, bool):
        return Point(check_in.date, float(value), "check-in", text="true" if value else "false")
    return Point(check_in.date, float(value.number or 0), "check-in", text=value.raw)


def _recorded(point: Point, ordered: list[Point], days: list[dt.date]) -> bool:
    before = bisect_right(days, point.date)  # the check-ins on or before the commit's day
    return before > 0 and ordered[before - 1].value == point.value  # on one day, the last written wins


def value_changes(versions: list[tuple[Revision, Any]], item: Item, locale: str) -> list[Point]:
    """A git point for every version (oldest first) whose value differs from the one before."""
    points: list[Point] = []
    previous: tuple[float, str] | None = None
    for revision, data in versions:
        if data is UNREADABLE:
            continue  # a broken commit neither sets nor clears the value
        value = _value_in(data, item, locale)
        if revision.boundary:  # a shallow clone's first commit holds the value, set when it cannot tell
            previous = value
            continue
        if value is not None and (previous is None or value[0] != previous[0]):
            points.append(Point(revision.day, value[0], "git", revision.short, value[1]))
        previous = value
    return points


def _value_in(data: Any, item: Item, locale: str) -> tuple[float, str] | None:
    node = find_item(data, item)
    if node is None:
        return None
    field = "done" if "done" in node and "target" not in node else "actual" if len(item.ids) == 1 else "current"
    raw = node.get(field)
    if isinstance(raw, bool):
        return (float(raw), "true" if raw else "false")
    from okrcli.model.values import ValueSyntaxError, parse_value

    try:
        parsed = parse_value(raw, locale=locale)  # type: ignore[arg-type]
    except ValueSyntaxError:
        return None
    return None if parsed.number is None else (float(parsed.number), parsed.raw)


def find_item(data: Any, item: Item) -> dict[str, Any] | None:
    """The raw mapping of `item` in one version of a sheet, if that version has it."""
    if not isinstance(data, dict) or str(data.get("owner")) != item.owner or not _same_period(data.get("period"), item.period):
        return None
    if isinstance(data, Version):
        return data.find(item.ids)
    if len(item.ids) == 2:
        objective = _by_id(data.get("objectives"), item.ids[0])
        return _by_id(objective.get("key_results") if objective else None, item.ids[1])
    return _by_id(data.get("kpis"), item.ids[0])


def _by_id(items: Any, wanted: str) -> dict[str, Any] | None:
    if not isinstance(items, list):
        return None
    return next((x for x in items if isinstance(x, dict) and str(x.get("id")) == wanted), None)


def _same_period(raw: Any, text: str) -> bool:
    from okrcli.model.periods import PeriodError, parse_period

    try:
        return parse_period(raw).text == text
    except PeriodError:
        return False


# --- staleness -----------------------------------------------------------------------------


def kr_key(doc: SheetDoc, objective: Objective, kr: KeyResult) -> str:
    """A KR's full ref, `2025-Q3:owner/O1/KR1`: the key of `last_updates`."""
    assert doc.period is not None
    return f"{doc.period.text}:{doc.owner}/{objective.id}/{kr.id}"


def key_results_of(docs: Iterable[SheetDoc]) -> list[KRItem]:
    return [(doc, objective, kr) for doc in docs if doc.period is not None for objective in doc.objectives for kr in objective.key_results]


def last_check_in(kr: KeyResult, as_of: dt.date | None = None) -> dt.date | None:
    days = [c.date for c in kr.check_ins if as_of is None or c.date <= as_of]
    return max(days) if days else None


def last_updates(facts: GitFacts, key_results: Iterable[KRItem], *, as_of: dt.date | None = None, locale: str = "en") -> dict[str, dt.date]:
    """`kr_key` → the date of the KR's latest update on or before `as_of`: its latest
    check-in, else the last commit that changed its value; KRs with neither are left out.
    `facts` is asked only about the sheets whose KRs need it, and not at all when none do."""
    found: dict[str, dt.date] = {}
    wanted: dict[str, list[tuple[str, Item]]] = {}
    for doc, objective, kr in key_results:
        key = kr_key(doc, objective, kr)
        day = last_check_in(kr, as_of)
        if day is not None:
            found[key] = day
        else:
            assert doc.period is not None
            wanted.setdefault(doc.path, []).append((key, Item(doc.period.text, doc.owner, (objective.id, kr.id))))
    if wanted:
        found.update(_last_commits(facts, wanted, as_of, locale))
    return found


def _last_commits(facts: GitFacts, wanted: dict[str, list[tuple[str, Item]]], as_of: dt.date | None, locale: str) -> dict[str, dt.date]:
    versions = facts.versions(wanted) or {}
    found: dict[str, dt.date] = {}
    for relative, items in wanted.items():
        for key, item in items:
            days = [p.date for p in value_changes(versions.get(relative, []), item, locale) if as_of is None or p.date <= as_of]
            if days:
                found[key] = max(days)
    return found
