"""What kind of goal a key result or KPI is (SPEC 2.2), inferred from the fields written, and
why its formula could never give a score: the facts validation and scoring share. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from okrcli.model.values import Locale, Value

if TYPE_CHECKING:  # the sheet's models are only named here: a score read from the cache needs none
    from okrcli.model.sheet import KPI, KeyResult

Kind = Literal["metric", "threshold-ge", "threshold-le", "band", "milestone"]
FALLING = ("<=", "<")


def kr_kind(kr: KeyResult) -> Kind | None:
    """The kind SPEC 2.2 infers from the fields written; None when nothing is measurable."""
    if kr.is_milestone:
        return "milestone"
    if kr.target is None:
        return None
    if kr.target.is_band:
        return "band"
    if kr.start is not None:
        return "metric"
    return "threshold-le" if kr.target.comparator in FALLING else "threshold-ge"


def formula_problem(kr: KeyResult, locale: Locale = "en") -> str | None:
    """Why no value could ever score this KR (a schema-level problem), or None; numbers in
    the repo's `locale`, as its readers write them."""
    kind = kr_kind(kr)
    if kind is None:
        return "it has no `target` and no `done:`; write a numeric target (target: \">= 40%\") or make it a milestone (done: false)"
    if kind == "metric":
        assert kr.start is not None and kr.target is not None
        return _metric_problem(kr.start, kr.target, locale)
    if kind in ("threshold-ge", "threshold-le"):
        assert kr.target is not None
        return threshold_problem(kind, kr.target, "add a `start:` (the baseline) so it scores as (current − start) / (target − start)", locale)
    return None


def _metric_problem(start: Value, target: Value, locale: Locale) -> str | None:
    begin, goal = start.number, target.number
    assert begin is not None and goal is not None
    if goal == begin:
        return f"its target {target.display(locale)} equals its start: (current − start) / (target − start) divides by zero; set `start:` to the baseline"
    wrong = goal < begin if target.comparator in (">=", ">") else goal > begin if target.comparator in FALLING else False
    if wrong:
        way = "below" if goal < begin else "above"
        return (
            f"its target {target.display(locale)} is {way} its start {start.display(locale)}, "
            "so progress would count backwards; fix the start or the comparator"
        )
    return None


def threshold_problem(kind: Kind, target: Value, hint: str, locale: Locale = "en") -> str | None:
    goal = target.number
    assert goal is not None
    if kind == "threshold-ge" and goal <= 0:
        what = "zero" if goal == 0 else "a negative number"
        return f"its target {target.display(locale)} makes value / target divide by {what}; {hint}"
    if kind == "threshold-le" and goal < 0:
        return f"its target {target.display(locale)} is negative, so target / value has no meaning; {hint}"
    return None


def kpi_kind(kpi: KPI) -> Kind:
    """A KPI's target: `done`, a band, `<=`, or `>=` (a bare number means `>=`)."""
    if kpi.done is not None or kpi.target is None:
        return "milestone"
    if kpi.target.is_band:
        return "band"
    return "threshold-le" if kpi.target.comparator in FALLING else "threshold-ge"


def kpi_problem(kpi: KPI, locale: Locale = "en") -> str | None:
    kind = kpi_kind(kpi)
    if kind not in ("threshold-ge", "threshold-le") or kpi.target is None:
        return None
    return threshold_problem(kind, kpi.target, "a KPI's achievement is actual / target (or target / actual for <=); choose a positive target", locale)
