"""Projection (SPEC 3.1): where a key result's value is heading by the end of its period.

The value points of an open period up to the as-of date (check-ins, git points, `start` on
the period's first day) give a least-squares line of value over days. `forecast.value` is
the line on the period's last day, `forecast.score` that value through the key result's own
formula, clamped; `forecast.eta` the first day from the as-of date to the last day on which
the line reaches the target (its value is one the key result scores 1 with), None when it
never does there or when the current score is already 1. Numbers are rounded to 4 decimals.

No forecast (None) with fewer than two points, with all points on one day (a vertical line),
for an ended period, or when the line leaves the range values may take (|x| < 10^18): no
input produces NaN or infinity. A flat line is a forecast: the value stays where it is.

An objective's projected score is the weighted mean of its key results' forecast scores,
taking the current score for a key result without a forecast.

A milestone's values are 0 (not done) and 1 (done), its target 1: the line through them
gives its `forecast.value` like any key result's (a done milestone whose line keeps rising
ends above 1, as a metric's ends above its target), its score is the milestone's formula of
that value (1 once the line reaches 1, else 0) and its ETA the first day the line reaches 1.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import NamedTuple, Protocol

from okrcli.model.kinds import kr_kind
from okrcli.model.periods import Period
from okrcli.model.sheet import KeyResult
from okrcli.model.values import Locale
from okrcli.score.key_results import (
    PRECISION,
    RATIO_LIMIT,
    FormulaError,
    clamp,
    kr_progress,
    reaches,
    weighted_mean,
)
from okrcli.score.records import Forecast as Forecast  # defined beside the records that carry it


class Dated(Protocol):
    """A value point: a history `Point`, or anything with a date and a value."""

    @property
    def date(self) -> dt.date: ...

    @property
    def value(self) -> float: ...


class Line(NamedTuple):
    """value(day) = value + slope × (day − origin), slope per day."""

    origin: dt.date
    value: float
    slope: float

    def at(self, day: dt.date) -> float:
        return self.value + self.slope * (day - self.origin).days


class GoalRange(NamedTuple):
    """The values a key result scores 1 with: low ≤ value ≤ high (None: no bound)."""

    low: float | None
    high: float | None

    def holds(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


def projection_points(points: Iterable[Dated], start: float | None, period: Period, as_of: dt.date) -> list[tuple[dt.date, float]]:
    """The points a line is fitted to: those of the period up to `as_of`, and `start` on the
    period's first day when the key result has one."""
    last = min(as_of, period.end)
    found = [(p.date, p.value) for p in points if period.start <= p.date <= last]
    if start is not None and period.start <= last:
        found.insert(0, (period.start, start))
    return found


def fit_line(points: Iterable[tuple[dt.date, float]]) -> Line | None:
    """The least-squares line through the points; None for fewer than two days."""
    pairs = list(points)
    if len({day for day, _ in pairs}) < 2:
        return None
    origin = min(day for day, _ in pairs)
    days = [float((day - origin).days) for day, _ in pairs]
    mean_day = math.fsum(days) / len(days)
    mean_value = math.fsum(v for _, v in pairs) / len(pairs)
    spread = math.fsum((d - mean_day) ** 2 for d in days)
    slope = math.fsum((d - mean_day) * (v - mean_value) for d, (_, v) in zip(days, pairs, strict=True)) / spread
    line = Line(origin, mean_value - slope * mean_day, slope)
    return line if all(math.isfinite(x) for x in (line.value, line.slope)) else None


def forecast(
    points: Iterable[tuple[dt.date, float]], period: Period, as_of: dt.date,
    score_of: Callable[[float], float], goal: GoalRange | None, current_score: float | None,
) -> Forecast | None:
    """The forecast of an open period from `points` (see `projection_points`); `score_of`
    is the key result's clamped score of a value, `goal` the values it scores 1 with."""
    if as_of > period.end:
        return None
    line = fit_line(points)
    if line is None:
        return None
    value = line.at(period.end)
    if not abs(value) < RATIO_LIMIT:
        return None
    shown = round(value, PRECISION) + 0.0  # never -0.0
    try:  # the score of the value shown, so each number can be derived from the others
        score = score_of(shown)
    except FormulaError:
        return None
    done = current_score is not None and round(current_score, PRECISION) >= 1
    eta = None if done or goal is None else first_day_reached(line, goal, max(as_of, period.start), period.end)
    return Forecast(shown, round(score, PRECISION) + 0.0, eta)


def first_day_reached(line: Line, goal: GoalRange, first: dt.date, last: dt.date) -> dt.date | None:
    """The first day in [first, last] on which the line's value lies in `goal`. The days it
    does form one run (a line meets an interval once), solved rather than searched."""
    low, high = _days_within(line, goal)
    begin = max(low, float((first - line.origin).days))
    end = min(high, float((last - line.origin).days))
    if begin > end:
        return None
    day = math.ceil(begin)
    for candidate in (day - 1, day, day + 1):  # the boundary day, whatever float rounding did
        if begin - 1 <= candidate <= end and _inside(line, goal, candidate, first, last):
            return line.origin + dt.timedelta(days=candidate)
    return None


def _days_within(line: Line, goal: GoalRange) -> tuple[float, float]:
    """The days (from the line's origin) on which the value lies in `goal`, as a closed
    range held within ±10^6 days (beyond any period); empty when low > high."""
    span = 1e6
    if line.slope == 0:
        return (-span, span) if goal.holds(line.value) else (span, -span)
    # Where the line crosses each bound; a missing bound does not limit the days.
    low = -span if goal.low is None else (goal.low - line.value) / line.slope
    high = span if goal.high is None else (goal.high - line.value) / line.slope
    if line.slope < 0:  # a falling line is above `low` before it crosses it, not after
        low, high = (-span if goal.high is None else high), (span if goal.low is None else low)
    return max(low, -span), min(high, span)


def _inside(line: Line, goal: GoalRange, offset: int, first: dt.date, last: dt.date) -> bool:
    day = line.origin + dt.timedelta(days=offset)
    return first <= day <= last and goal.holds(line.at(day))


def goal_range(kr: KeyResult) -> GoalRange | None:
    """The values `kr` scores 1 with, from its kind; None when it cannot be scored."""
    kind, target = kr_kind(kr), kr.target
    if kind == "milestone":
        return GoalRange(1.0, None)
    if kind is None or target is None:
        return None
    if kind == "band":
        return GoalRange(_float(target.low), _float(target.high))
    goal = target.number
    assert goal is not None
    falling = kind == "threshold-le" or (kind == "metric" and kr.start is not None and kr.start.number is not None and goal < kr.start.number)
    return GoalRange(None, float(goal)) if falling else GoalRange(float(goal), None)


def _float(number: Decimal | None) -> float | None:
    """A line through points is fitted in floats: values leave their exact form here."""
    return None if number is None else float(number)


def kr_forecast(
    kr: KeyResult, points: Iterable[Dated], period: Period, as_of: dt.date, current_score: float | None, locale: Locale = "en",
) -> Forecast | None:
    """A key result's forecast from its value points (check-ins and git points, as
    `okr history` shows them, read at `as_of`) and its own formula."""
    start = _float(kr.start.number) if kr.start is not None and kr_kind(kr) == "metric" else None
    chosen = projection_points(points, start, period, as_of)
    return forecast(chosen, period, as_of, _score_of(kr, locale), goal_range(kr), current_score)


def _score_of(kr: KeyResult, locale: Locale) -> Callable[[float], float]:
    """A value's clamped score by the key result's formula. A milestone's formula is done or
    not (1 or 0, SPEC 2.2): its line, through the values 0 (not done) and 1 (done), scores 1
    where it reaches 1 and 0 below, never a partial score a milestone cannot have."""
    if kr_kind(kr) == "milestone":
        return lambda value: 1.0 if reaches(value, 1.0) else 0.0
    return lambda value: clamp(kr_progress(kr, Decimal(repr(value)), locale))


def projected_score(key_results: Iterable[tuple[float, float | None, float | None]]) -> float | None:
    """Σ wᵢ·pᵢ / Σ wᵢ over (weight, forecast score, current score), pᵢ the forecast score
    where there is one, else the current score; key results with neither are left out, as
    in the objective's own score."""
    pairs = [(w, f if f is not None else s) for w, f, s in key_results]
    return weighted_mean((w, p) for w, p in pairs if p is not None)
