"""One value rule (SPEC 3.1): what a key result or KPI says when read at the end of day D.

Check-ins dated after D are dropped everywhere (lists, confidence, notes, staleness,
history, projection), and so are a KPI's readings of a later day or month (a month counts
from its first day). When the item as read holds a check-in (a KPI also a reading) dated
after D, its `current` (a KPI's `actual`, a milestone's `done`) may already reflect it, so
the value becomes the latest kept check-in (a KPI's, else its latest kept reading), else
none; otherwise the value is `current`/`actual` when written, else the latest kept
check-in, as always.

A milestone has no "no value" state once it is a milestone (`done` decides its kind), so a
milestone whose `done` is set aside and that has no kept true/false check-in reads
`done: false`: at D it was not yet done.

Pure and copy-on-write: the models are never changed; an item with nothing dated after D
is returned as is (the same object), so reading at D costs nothing for the common sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from okrcli.model.sheet import KPI, CheckIn, KeyResult, Model, Objective, Reading

M = TypeVar("M", bound=Model)


def key_result_at(kr: KeyResult, day: dt.date) -> KeyResult:
    kept = _kept(kr.check_ins, day)
    if kept is None:
        return kr
    if kr.is_milestone:
        return _copy(kr, check_ins=kept, done=_latest_done(kept))
    return _copy(kr, check_ins=kept, current=None)


def kpi_at(kpi: KPI, day: dt.date) -> KPI:
    kept = _kept(kpi.check_ins, day)
    readings = [r for r in kpi.readings if _reading_day(r) <= day]
    if kept is None and len(readings) == len(kpi.readings):
        return kpi
    changes: dict[str, Any] = {"readings": readings, "check_ins": kept if kept is not None else kpi.check_ins}
    if kpi.done is not None:
        changes["done"] = _latest_done(changes["check_ins"]) if kept is not None else kpi.done
    else:
        changes["actual"] = None  # a later check-in or reading may be what `actual` records
    return _copy(kpi, **changes)


def objective_at(objective: Objective, day: dt.date) -> Objective:
    results = [key_result_at(kr, day) for kr in objective.key_results]
    if all(new is old for new, old in zip(results, objective.key_results, strict=True)):
        return objective
    return _copy(objective, key_results=results)


def items_at(objectives: Sequence[Objective], kpis: Sequence[KPI], day: dt.date) -> tuple[list[Objective], list[KPI]]:
    """The objectives and KPIs of a sheet as scoring sees them at the end of `day`."""
    return [objective_at(o, day) for o in objectives], [kpi_at(k, day) for k in kpis]


def _kept(check_ins: list[CheckIn], day: dt.date) -> list[CheckIn] | None:
    """The check-ins dated on or before `day`, in the order written; None when none is later."""
    if all(c.date <= day for c in check_ins):
        return None
    return [c for c in check_ins if c.date <= day]


def _latest_done(kept: list[CheckIn]) -> bool:
    flags = sorted((c for c in kept if isinstance(c.value, bool)), key=lambda c: c.date)
    return bool(flags[-1].value) if flags else False


def _reading_day(reading: Reading) -> dt.date:
    """A reading counts from its date, or from the first day of the month it is written for."""
    if reading.date is not None:
        return reading.date
    assert reading.period is not None  # a reading has a date or a period
    return reading.period.start


def _copy(model: M, **changes: Any) -> M:
    """A shallow copy with `changes`, keeping where the item sits in its sheet (`path`)."""
    copied = model.model_copy(update=changes)
    copied.place(model.path)
    return copied
