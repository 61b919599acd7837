"""Scoring key results (SPEC 2.2 and 3): KR kinds, progress, score, pace, status and grade,
and the arithmetic objectives and KPIs share (objectives and owners are in
`okrcli.score.objectives`, KPIs and the scorecard in `okrcli.score.kpis`, the records in
`okrcli.score.records`). Pure functions over the models: no I/O, no printing, no display text.

Choices the spec leaves open, made here once:

* Grades, status and `met` are decided on the score rounded to 4 decimals, the precision
  of the JSON, so a JSON `0.6` never sits next to `yellow` (text cuts to 2 decimals for the
  same reason: 0.5967 shows as 0.59).
* An objective takes the worst KR status in the order off-track, at-risk, pending,
  on-track, done: a KR without data hides more risk than an on-track one, less than a
  known-bad one. An objective with no KRs is pending.
* Strict comparators score like the others: `> 40%` scores like `>= 40%`.
* Negative weights count as 0 (rule `weights` warns about them); a mean with no weight is None.
  So an objective whose key results all weigh 0 has no score and no grade, and is `pending`
  like an objective without key results: it cannot be `done` with no score to be done by
  (rule `weights` warns). An owner whose objectives all weigh 0 has no score either.
* A `<=` KPI whose actual is at or below 0 meets its ceiling: a = 1 (T / actual is undefined).
* Values stay exact (`Decimal`) through the formula: a progress or achievement becomes a
  float only once computed, so no status turns on digits a float cannot hold (a current
  one below a target of 18 digits is not the target).
* A raw progress or achievement beyond ±10^18 (a target of 5e-324, a start and a target a
  hair apart) is held at ±10^18: values are below that size too, and no mean, grade or JSON
  number ever meets infinity.
* In the scorecard a KPI without any value counts as 0, like a pending KR, and a negative
  achievement as 0; the two weights are normalised to sum to 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, localcontext

from okrcli.model.kinds import Kind, formula_problem, kr_kind
from okrcli.model.sheet import CheckIn, KeyResult
from okrcli.model.values import Locale, Value
from okrcli.repo.config import Bands
from okrcli.score.records import Grade, KRScore, Status, Target

GOALS = {"aspirational": 0.6, "committed": 1.0}  # the score a finished period should reach
AT_RISK_SHARE = 0.75
PRECISION = 4
RATIO_LIMIT = 1e18


class FormulaError(ValueError):
    """A score that cannot be computed: a zero or wrong-signed denominator, or no target."""


# --- shared arithmetic --------------------------------------------------------------------


def reaches(value: float, bound: float) -> bool:
    """`value >= bound` as the user sees both numbers (4 decimals), so 0.59999… is 0.6."""
    return round(value, PRECISION) >= round(bound, PRECISION)


def clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def ratio(numerator: Decimal, denominator: Decimal) -> float:
    """numerator / denominator (never 0), exact to 40 digits, held within ±RATIO_LIMIT so it
    is never infinite; a float from here on."""
    with localcontext() as context:
        context.prec = 40
        quotient = numerator / denominator
    return min(max(float(quotient), -RATIO_LIMIT), RATIO_LIMIT)


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ wᵢ·xᵢ / Σ wᵢ with negative weights counted as 0; None when no weight is left."""
    total = weighted = 0.0
    for weight, value in pairs:
        weight = max(weight, 0.0)
        total += weight
        weighted += weight * value
    return weighted / total if total > 0 else None


def grade(score: float | None, bands: Bands) -> Grade | None:
    if score is None:
        return None
    if reaches(score, bands.green):
        return "green"
    return "yellow" if reaches(score, bands.yellow) else "red"


def latest(check_ins: Sequence[CheckIn], milestone: bool = False) -> CheckIn | None:
    """The latest check-in holding a number (or a true/false for a milestone); on the same
    day the one written last wins."""
    wanted = [c for c in check_ins if isinstance(c.value, bool) == milestone]
    return sorted(wanted, key=lambda c: c.date)[-1] if wanted else None


# --- key results ---------------------------------------------------------------------------


def kr_value(kr: KeyResult) -> Decimal | None:
    """`current`, else the latest check-in's value; a milestone's done is 1 or 0."""
    if kr.is_milestone:
        check_in = latest(kr.check_ins, milestone=True)
        done = kr.done if kr.done is not None else (check_in.value if check_in else None)
        return None if done is None else Decimal(int(bool(done)))
    value = kr.current
    if value is None:
        check_in = latest(kr.check_ins)
        value = check_in.value if check_in is not None and isinstance(check_in.value, Value) else None
    return value.number if value is not None else None


def kr_progress(kr: KeyResult, current: Decimal, locale: Locale = "en") -> float:
    """The raw (unclamped) score of `current`; raises FormulaError when it cannot be computed."""
    problem, kind, target = formula_problem(kr, locale), kr_kind(kr), kr.target
    if problem is None and kind == "metric":
        assert kr.start is not None and kr.start.number is not None and target is not None and target.number is not None
        return ratio(current - kr.start.number, target.number - kr.start.number)
    return against_target(kind, target, current, problem, capped=True)


def against_target(kind: Kind | None, target: Value | None, value: Decimal, problem: str | None, *, capped: bool) -> float:
    """The score key results and KPIs share: a milestone's 1 or 0 as is, a band 1 or 0, `>=`
    value / T, `<=` T / value, 1 once met when `capped` (a KR; a KPI's achievement keeps
    rewarding a lower value). Raises FormulaError when given the `problem` that forbids it."""
    if problem is not None:
        raise FormulaError(problem)
    if kind == "milestone" or target is None:
        return float(value)
    if kind == "band":
        return in_band(target, value)
    assert target.number is not None
    if kind == "threshold-ge":
        return ratio(value, target.number)
    # Below the ceiling is 1; above it, T / value (> 0 here, since value > ceiling >= 0).
    return 1.0 if value <= (target.number if capped else 0) else ratio(target.number, value)


def in_band(band: Value, value: Decimal) -> float:
    assert band.low is not None and band.high is not None
    return 1.0 if band.low <= value <= band.high else 0.0


def kr_status(score: float | None, expected: float) -> Status:
    """Pace: `score` None means no value yet; `expected` = elapsed × goal."""
    if score is None:
        return "pending"
    if reaches(score, 1.0):
        return "done"
    if reaches(score, expected):
        return "on-track"
    return "at-risk" if reaches(score, AT_RISK_SHARE * expected) else "off-track"


def expected_score(elapsed: float, kind: str) -> float:
    return elapsed * GOALS.get(kind, GOALS["aspirational"])


def is_stale(last_update: dt.date | None, as_of: dt.date, after_days: int) -> bool:
    """The hook for staleness: callers pass the date of the last update they know of."""
    return last_update is not None and (as_of - last_update).days > after_days


def score_key_result(
    kr: KeyResult, ref: str, owner: str, expected: float, *,
    as_of: dt.date | None = None, last_update: dt.date | None = None, stale_after_days: int = 14,
    locale: Locale = "en",
) -> KRScore:
    """Score one KR; `last_update` (check-in or git date) is the staleness hook."""
    kind, value = kr_kind(kr), kr_value(kr)
    check_in = latest(kr.check_ins, milestone=kind == "milestone")
    try:
        progress = None if value is None else kr_progress(kr, value, locale)
    except FormulaError as err:
        return KRScore(ref=ref, title=kr.title, kind=kind, owner=owner, weight=kr.weight, start=None, target=None, current=None,
                       progress=None, score=None, status=None, error=str(err), target_written=kr.target, current_written=_written(kr, kind))
    score = 0.0 if progress is None else clamp(progress)
    status = kr_status(None if progress is None else score, expected)
    stale = as_of is not None and status not in ("done", "pending") and is_stale(last_update, as_of, stale_after_days)
    return KRScore(
        ref=ref, title=kr.title, kind=kind, owner=owner, weight=kr.weight, start=_number(kr.start), target=target_of(kr.target, kind),
        current=value, progress=progress, score=score, status=status, stale=stale,
        confidence=check_in.confidence if check_in else None, target_written=kr.target, current_written=_written(kr, kind),
        confidence_date=check_in.date if check_in is not None and check_in.confidence is not None else None, unit=kr.unit,
    )


def target_of(target: Value | None, kind: Kind | None) -> Target:
    """The target as a number: T without its comparator, (low, high) for a band, 1 for done."""
    if kind == "milestone":
        return Decimal(1)
    if target is None:
        return None
    if target.is_band:
        assert target.low is not None and target.high is not None
        return (target.low, target.high)
    return target.number


def _number(value: Value | None) -> Decimal | None:
    return value.number if value is not None else None


def _written(kr: KeyResult, kind: Kind | None) -> Value | None:
    """The value the score is of, as written: `current`, else the latest check-in's number."""
    if kind == "milestone":
        return None
    check_in = latest(kr.check_ins)
    shown = kr.current if kr.current is not None else check_in.value if check_in is not None else None
    return shown if isinstance(shown, Value) else None
