"""KPIs and the 60/40 scorecard (SPEC 3): achievement against 100 % of target, monthly
readings, and the per-person blend of KPI achievement and key-result scores. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from okrcli.model.kinds import kpi_kind, kpi_problem
from okrcli.model.periods import Period
from okrcli.model.readings import monthly_readings, reading_day
from okrcli.model.sheet import KPI, Reading
from okrcli.model.values import Locale, Value
from okrcli.repo.config import Bands
from okrcli.repo.config import Scorecard as ScorecardWeights
from okrcli.score.key_results import (
    FormulaError,
    against_target,
    grade,
    latest,
    reaches,
    target_of,
    weighted_mean,
)
from okrcli.score.records import KPIScore, KRScore, MonthValue, Scorecard


def achievement(kpi: KPI, actual: Decimal, locale: Locale = "en") -> float:
    """a = actual / T for >=, T / actual for <=, 1 or 0 for a band or done."""
    return against_target(kpi_kind(kpi), kpi.target, actual, kpi_problem(kpi, locale), capped=False)


def kpi_actual(kpi: KPI) -> tuple[Decimal | None, Value | None]:
    """`actual`, else the latest check-in, else the latest reading; with the value as written
    (none for `done`, whose actual is 1 or 0)."""
    if kpi_kind(kpi) == "milestone":
        return (None, None) if kpi.done is None else (Decimal(int(kpi.done)), None)
    check_in = latest(kpi.check_ins)
    value = kpi.actual
    if value is None and check_in is not None and isinstance(check_in.value, Value):
        value = check_in.value
    if value is None and kpi.readings:
        value = sorted(kpi.readings, key=reading_day)[-1].value
    return (value.number, value) if value is not None else (None, None)


def monthly_values(readings: Sequence[Reading], period: Period) -> dict[str, Decimal]:
    """The value of each month `monthly_readings` keeps."""
    return {month: reading.value.number for month, reading in monthly_readings(readings, period).items() if reading.value.number is not None}


def score_kpi(kpi: KPI, ref: str, owner: str, period: Period, bands: Bands, locale: Locale = "en") -> KPIScore:
    """Achievement from the months of `period` with readings (their mean), else from the actual."""
    kind = kpi_kind(kpi)
    actual, written = kpi_actual(kpi)
    months = month_values(kpi, period) if kind != "milestone" else ()
    try:
        values = [m.value for m in months] or ([] if actual is None else [actual])
        scores = [achievement(kpi, value, locale) for value in values]
    except FormulaError as err:
        return KPIScore(ref=ref, owner=owner, title=kpi.title, kind=kind, weight=kpi.weight, target=None, actual=None,
                        achievement=None, met=None, grade=None, error=str(err))
    a = sum(scores) / len(scores) if scores else None
    return KPIScore(
        ref=ref, owner=owner, title=kpi.title, kind=kind, weight=kpi.weight, target=target_of(kpi.target, kind), actual=actual,
        achievement=a, met=None if a is None else reaches(a, 1.0), grade=grade(a, bands), readings=months,
        target_written=kpi.target, actual_written=written, unit=kpi.unit,
    )


def month_values(kpi: KPI, period: Period) -> tuple[MonthValue, ...]:
    """The months of `period` a KPI's achievement is the mean of, with their values as written."""
    found = monthly_readings(kpi.readings, period).items()
    return tuple(MonthValue(month=month, value=r.value.number, written=r.value) for month, r in found if r.value.number is not None)


def scorecard(
    owner: str, period: str, kpis: Sequence[KPIScore], key_results: Sequence[KRScore], weights: ScorecardWeights,
) -> Scorecard:
    """weights.kpis × mean(min(a, cap)) + weights.key_results × mean(KR score); an empty part
    hands its weight to the other."""
    kpi_part = weighted_mean((k.weight, capped(k.achievement, weights.kpi_cap)) for k in kpis)
    kr_part = weighted_mean((k.weight, k.score or 0.0) for k in key_results)
    applied = applied_weights(kpi_part is not None, kr_part is not None, weights)
    parts = [(applied[0], kpi_part), (applied[1], kr_part)]
    score = weighted_mean((w, p) for w, p in parts if p is not None)
    return Scorecard(
        owner=owner, period=period, score=score, kpi_part=kpi_part, kr_part=kr_part, weights=applied,
        kpis=list(kpis), key_results=list(key_results), kpi_cap=weights.kpi_cap,
    )


def capped(a: float | None, cap: float) -> float:
    # No value yet counts as 0, like a pending KR: missing data never raises a scorecard.
    return 0.0 if a is None else min(max(a, 0.0), cap)


def applied_weights(has_kpis: bool, has_krs: bool, weights: ScorecardWeights) -> tuple[float, float]:
    """The configured weights normalised to sum to 1, all of it on the one part with content."""
    if has_kpis and has_krs:
        total = weights.kpis + weights.key_results
        return (weights.kpis / total, weights.key_results / total) if total > 0 else (0.5, 0.5)
    return (float(has_kpis), float(has_krs))
