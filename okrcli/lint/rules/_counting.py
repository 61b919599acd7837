"""What several rules count: the objectives, key results and KPIs as they were written.

These walks read the loaded (pre-validation) data, so an item that failed schema validation
still counts when its `id` is readable: a typo in a KR's target must not hide that its ID is
a duplicate, nor make a parent that points at it look unknown.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from okrcli.lint.context import Context
from okrcli.lint.rules._near import Near
from okrcli.load.reader import YamlPath
from okrcli.load.validate import SheetDoc
from okrcli.load.written import WrittenDates
from okrcli.model.periods import Period, parse_day
from okrcli.model.refs import Ref

OwnerKey = tuple[str, str]  # (period text, owner)
IdKey = tuple[str, str, str]  # (period text, owner, id)


@dataclass(frozen=True, slots=True)
class Written:
    """One written objective, key result or KPI: its sheet, its YAML path, its data."""

    doc: SheetDoc
    path: YamlPath  # ("objectives", 2) or ("objectives", 2, "key_results", 0)
    data: Any

    @property
    def id(self) -> str | None:
        return written_id(self.data)

    @property
    def period(self) -> Period:
        assert self.doc.period is not None  # only sheets with a readable period are walked
        return self.doc.period

    @property
    def owner(self) -> str:
        return self.doc.owner

    @property
    def ref(self) -> str:
        return f"{self.owner}/{self.id}"

    @property
    def parent(self) -> str | None:
        """The `parent` ref as written; None when absent or not text (a schema error)."""
        parent = self.data.get("parent") if isinstance(self.data, dict) else None
        return parent if isinstance(parent, str) else None

    def where(self) -> str:
        """`2025-Q3/marketing.yaml:4`: the line of its `id`, for "also defined at" messages."""
        path = self.path + ("id",) if self.id is not None else self.path
        return f"{self.doc.path}:{self.doc.position(path)[0]}"


def written_id(data: Any) -> str | None:
    """The item's `id` when a reader can tell what it is; numbers count as their text."""
    if not isinstance(data, dict):
        return None
    value = data.get("id")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def written_list(context: Context, doc: SheetDoc, path: YamlPath) -> list[tuple[int, Any]]:
    """The items of the list at `path`; nothing when it is absent or not a list (a schema error)."""
    items = context.raw(doc, path)
    if isinstance(items, WrittenDates):  # a lean sheet's check-ins: their dates are what is read
        return [(index, {"date": day}) for index, day in enumerate(items)]
    return list(enumerate(items)) if isinstance(items, list) else []


def sheets_with_period(context: Context) -> Iterator[SheetDoc]:
    """Sheets whose header validated: the period and owner that place their items."""
    for doc in context.sheets:
        if doc.period is not None and doc.owner:
            yield doc


def written_items(context: Context, key: str) -> Iterator[Written]:
    """Every written objective (`key="objectives"`) or KPI (`key="kpis"`), in sheet order."""
    for doc in sheets_with_period(context):
        for index, data in written_list(context, doc, (key,)):
            yield Written(doc, (key, index), data)


def written_key_results(context: Context, objective: Written) -> list[Written]:
    path = objective.path + ("key_results",)
    return [Written(objective.doc, path + (index,), data) for index, data in written_list(context, objective.doc, path)]


def sheets_by_owner(context: Context) -> dict[OwnerKey, list[SheetDoc]]:
    """The sheets that merge for each (period, owner), whatever they hold."""
    grouped: dict[OwnerKey, list[SheetDoc]] = defaultdict(list)
    for doc in sheets_with_period(context):
        assert doc.period is not None
        grouped[(doc.period.text, doc.owner)].append(doc)
    return grouped


def measured_items(context: Context) -> Iterator[Written]:
    """Every written key result and KPI: the items that carry check-ins."""
    for objective in written_items(context, "objectives"):
        yield from written_key_results(context, objective)
    yield from written_items(context, "kpis")


def written_date(check_in: Any) -> dt.date | None:
    """A check-in's date; None when it cannot be read (the schema rule reports that)."""
    written = check_in.get("date") if isinstance(check_in, dict) else None
    if isinstance(written, dt.date) and not isinstance(written, dt.datetime):
        return written
    if isinstance(written, str):
        try:
            return parse_day(written)
        except ValueError:
            return None
    return None


def by_owner(items: Iterator[Written]) -> dict[OwnerKey, list[Written]]:
    """Items grouped by (period, owner): sheets with the same owner and period merge."""
    grouped: dict[OwnerKey, list[Written]] = defaultdict(list)
    for item in items:
        grouped[(item.period.text, item.owner)].append(item)
    return grouped


def by_id(items: Iterator[Written]) -> dict[IdKey, list[Written]]:
    """Items with a readable id grouped by (period, owner, id), first written first."""
    grouped: dict[IdKey, list[Written]] = defaultdict(list)
    for item in items:
        if item.id is not None:
            grouped[(item.period.text, item.owner, item.id)].append(item)
    return grouped


class ObjectiveTable:
    """Every written objective by (period, owner, id), and the lookups refs need."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.objectives = by_id(written_items(context, "objectives"))
        self._refs: dict[str, list[str]] = defaultdict(list)  # period text → `owner/O1` refs
        for text, owner, oid in self.objectives:
            self._refs[text].append(f"{owner}/{oid}")
        self._seen: dict[str, Reachable] = {}
        self._sheets: dict[OwnerKey, list[SheetDoc]] | None = None
        self._anywhere: dict[tuple[str, str], list[Written]] | None = None

    def sheets_of(self, owner: str, periods: list[Period]) -> list[SheetDoc]:
        """The sheets of `owner` in `periods`: where a ref to that owner resolves."""
        if self._sheets is None:
            self._sheets = sheets_by_owner(self.context)
        return [doc for period in periods for doc in self._sheets.get((period.text, owner), [])]

    def in_any_period(self, owner: str, objective_id: str) -> list[Written]:
        """The objectives `owner/objective_id` of every period (one a sheet moved away from)."""
        if self._anywhere is None:
            self._anywhere = defaultdict(list)
            for (_, found_owner, found_id), items in self.objectives.items():
                self._anywhere[(found_owner, found_id)] += items
        return self._anywhere.get((owner, objective_id), [])

    def candidate_periods(self, ref: Ref, period: Period) -> list[Period]:
        return self.context.index.candidate_periods(ref, period)

    def resolve(self, ref: Ref, period: Period) -> Written | None:
        """The objective `ref` names from a sheet of `period`, narrowest period first."""
        if len(ref.parts) != 1:
            return None
        for candidate in self.candidate_periods(ref, period):
            found = self.objectives.get((candidate.text, ref.owner, ref.parts[0]))
            if found:
                return found[0]
        return None

    def refs_seen_from(self, period: Period) -> Reachable:
        """The `owner/O1` refs a sheet of `period` can point a parent at (built once per
        period: a large repo asks for every broken parent)."""
        if period.text not in self._seen:
            reachable = self.context.index.enclosing(period)
            self._seen[period.text] = Reachable(ref for p in reachable for ref in self._refs.get(p.text, ()))
        return self._seen[period.text]


class Reachable:
    """Refs of objectives, indexed for the hints of a ref that names none of them."""

    def __init__(self, refs: Iterable[str]) -> None:
        self.refs = sorted(set(refs))
        self._by_owner: dict[str, list[str]] = defaultdict(list)
        self._by_tail: dict[str, list[str]] = defaultdict(list)
        for ref in self.refs:
            owner, _, oid = ref.partition("/")
            self._by_owner[owner].append(ref)
            self._by_tail[oid].append(ref)
        self._near: Near | None = None  # built for the first hint that needs it
        self._guesses: dict[tuple[str, str], str | None] = {}  # a broken ref is looked up twice

    def of_owner(self, owner: str) -> list[str]:
        return self._by_owner.get(owner, [])

    def suggest(self, text: str, owner: str = "") -> str | None:
        """The closest ref: one ending in the text (`O2` → `marketing/O2`, the sheet owner's
        own first), else the nearest (difflib's ratio, at least 0.6) of a few candidates."""
        if (text, owner) not in self._guesses:
            self._guesses[(text, owner)] = self._guess(text, owner)
        return self._guesses[(text, owner)]

    def _guess(self, text: str, owner: str) -> str | None:
        text = text.strip()
        tail = self._by_tail.get(text, [])
        if tail:
            return min(tail, key=lambda ref: (not ref.startswith(owner + "/"), ref))
        close = difflib.get_close_matches(text, self._candidates(text), n=1, cutoff=0.6)
        return close[0] if close else None

    def _candidates(self, text: str) -> list[str]:
        """The refs worth ranking: all of them in a repository of ordinary size; beyond, so
        that a miss costs the same however many refs there are, those a typo away, those of
        the owner written (a wrong id) and those with the id written (a renamed owner)."""
        if len(self.refs) <= _ALL:
            return self.refs
        if self._near is None:
            self._near = Near(self.refs)
        written_owner, _, written_id = text.partition("/")
        found = [*self._near.candidates(text), *self._by_owner.get(written_owner, [])[:_FEW], *self._by_tail.get(written_id, [])[:_FEW]]
        return list(dict.fromkeys(found))


_ALL = 500  # refs compared with each miss, at most
_FEW = 32  # refs of one owner, or with one id, ranked beyond that


class FreeIds:
    """Unused ids in the style of a given one: `O4` when O1..O3 are taken, else `like-2`.
    Each answer is then taken, so two duplicates are never told the same id; the taken ids
    are read once, so each answer costs the same however many there are."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self.highest: dict[str, int] = {}  # prefix → its highest number taken
        for taken_id in self.taken:
            numbered = _numbered(taken_id)
            if numbered is not None:
                prefix, number = numbered
                self.highest[prefix] = max(self.highest.get(prefix, 1), number)

    def take(self, like: str) -> str:
        numbered = _numbered(like)
        prefix = numbered[0] if numbered is not None else like + "-"
        candidate = self.highest.get(prefix, 1) + 1
        while f"{prefix}{candidate}" in self.taken:
            candidate += 1
        self.highest[prefix] = candidate
        self.taken.add(f"{prefix}{candidate}")
        return f"{prefix}{candidate}"


# Up to 18 digits: a longer run (an id such as `O` and 5,000 digits) is beyond what int() may
# read, and no id numbered like that needs a neighbour.
_MAX_DIGITS = 18


def _numbered(text: str) -> tuple[str, int] | None:
    """`O12` → ("O", 12): the text before its last digits (18 at most), and their number."""
    start = len(text)
    while start > 0 and len(text) - start < _MAX_DIGITS and text[start - 1] in "0123456789":
        start -= 1
    return None if start == len(text) else (text[:start], int(text[start:]))
