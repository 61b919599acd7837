"""What several rules count: the objectives, key results and KPIs as they were written.

These walks read the loaded (pre-validation) data, so an item that failed schema validation
still counts when its `id` is readable: a typo in a KR's target must not hide that its ID is
a duplicate, nor make a parent that points at it look unknown.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

from okrcli.loader import Path
from okrcli.periods import Period, parse_day
from okrcli.refs import Ref
from okrcli.rules.base import Context
from okrcli.validate import SheetDoc

OwnerKey = tuple[str, str]  # (period text, owner)
IdKey = tuple[str, str, str]  # (period text, owner, id)


@dataclass(frozen=True, slots=True)
class Written:
    """One written objective, key result or KPI: its sheet, its YAML path, its data."""

    doc: SheetDoc
    path: Path  # ("objectives", 2) or ("objectives", 2, "key_results", 0)
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


def written_list(context: Context, doc: SheetDoc, path: Path) -> list[tuple[int, Any]]:
    """The items of the list at `path`; nothing when it is absent or not a list (a schema error)."""
    items = context.raw(doc, path)
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
        self._seen: dict[str, list[str]] = {}
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

    def refs_seen_from(self, period: Period) -> list[str]:
        """The `owner/O1` refs a sheet of `period` can point a parent at (once per period:
        a large repo asks for every broken parent)."""
        if period.text not in self._seen:
            reachable = {p.text for p in self.context.index.periods.values() if p.contains(period)}
            found = {f"{owner}/{oid}" for (text, owner, oid) in self.objectives if text in reachable}
            self._seen[period.text] = sorted(found)
        return self._seen[period.text]


def suggest(text: str, known: list[str], owner: str = "") -> str | None:
    """The closest known ref: one ending in the text (`O2` → `marketing/O2`, the sheet
    owner's own first), else a near miss."""
    tail = [ref for ref in known if ref.endswith("/" + text.strip())]
    if tail:
        return min(tail, key=lambda ref: (not ref.startswith(owner + "/"), ref))
    close = difflib.get_close_matches(text.strip(), known, n=1, cutoff=0.6)
    return close[0] if close else None


# Up to 18 digits: a longer run (an id such as `O` and 5,000 digits) is beyond what int() may
# read, and no id numbered like that needs a neighbour.
_NUMBERED = re.compile(r"^(.*?)([0-9]{1,18})$")


def free_id(taken: set[str], like: str) -> str:
    """An unused id in the style of `like`: `O4` when O1..O3 are taken, else `like-2`."""
    match = _NUMBERED.match(like)
    prefix = match.group(1) if match else like + "-"
    numbers = [int(m.group(2)) for m in map(_NUMBERED.match, taken) if m and m.group(1) == prefix]
    candidate = max(numbers, default=1) + 1
    while f"{prefix}{candidate}" in taken:
        candidate += 1
    return f"{prefix}{candidate}"
