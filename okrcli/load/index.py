"""Every objective, key result and KPI of a set of validated sheets, by period, owner and ID:
where a reference points."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, TypeVar

from okrcli.load.validate import SheetDoc
from okrcli.model.periods import Period
from okrcli.model.refs import Ref
from okrcli.model.sheet import KPI, KeyResult, Objective

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    doc: SheetDoc
    item: T
    objective: Objective | None = None  # the objective of a key result

    @property
    def period(self) -> Period:
        assert self.doc.period is not None
        return self.doc.period

    @property
    def owner(self) -> str:
        return self.doc.owner


Key = tuple[str, ...]  # (period text, owner, id[, kr id])


def _put(table: dict[Key, list[T]], key: Key, item: T) -> None:
    """`item` added under `key`; a new list holds one item exactly (most ids are unique, and
    a list grown by `append` keeps room for four)."""
    found = table.get(key)
    if found is None:
        table[key] = [item]
    else:
        found.append(item)


class Index:
    """Every objective, key result and KPI of the workspace by period, owner and ID.

    Values are lists so that duplicates are visible to the `duplicate-id` rule."""

    def __init__(self, docs: list[SheetDoc]) -> None:
        self.objectives: dict[Key, list[Located[Objective]]] = defaultdict(list)
        self.key_results: dict[Key, list[Located[KeyResult]]] = defaultdict(list)
        self.kpis: dict[Key, list[Located[KPI]]] = defaultdict(list)
        self.periods: dict[str, Period] = {}
        self._by_year: dict[int, list[Period]] = defaultdict(list)  # a period never spans years
        for doc in docs:
            if doc.period is not None:
                self._add(doc, doc.period)

    def _add(self, doc: SheetDoc, period: Period) -> None:
        if period.text not in self.periods:
            self.periods[period.text] = period
            self._by_year[period.start.year].append(period)
        base = (period.text, doc.owner)
        for objective in doc.objectives:
            _put(self.objectives, base + (objective.id,), Located(doc, objective))
            for kr in objective.key_results:
                _put(self.key_results, base + (objective.id, kr.id), Located(doc, kr, objective))
        for kpi in doc.kpis:
            _put(self.kpis, base + (kpi.id,), Located(doc, kpi))

    def candidate_periods(self, ref: Ref, period: Period) -> list[Period]:
        """Where a ref made in `period` may point: itself, then enclosing periods, narrowest first."""
        if ref.period is not None:
            return [ref.period]
        return [period, *(p for p in self.enclosing(period) if p != period)]

    def enclosing(self, period: Period) -> list[Period]:
        """The periods with sheets that contain `period` (itself too), narrowest first: a
        look among the few of its year, not all the periods of the repository."""
        return sorted((p for p in self._by_year.get(period.start.year, ()) if p.contains(period)), key=lambda p: p.days)

    def objective(self, ref: Ref, period: Period) -> Located[Objective] | None:
        return self._find(self.objectives, ref, period, 1)

    def key_result(self, ref: Ref, period: Period) -> Located[KeyResult] | None:
        return self._find(self.key_results, ref, period, 2)

    def kpi(self, ref: Ref, period: Period) -> Located[KPI] | None:
        return self._find(self.kpis, ref, period, 1)

    def _find(self, table: dict[Key, list[Located[T]]], ref: Ref, period: Period, parts: int) -> Located[T] | None:
        """The first item `ref` names, looking in `period` and then the periods around it."""
        if len(ref.parts) != parts:
            return None
        for candidate in self.candidate_periods(ref, period):
            found = table.get((candidate.text, ref.owner, *ref.parts))
            if found:
                return found[0]
        return None
