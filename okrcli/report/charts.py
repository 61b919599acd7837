"""A key result's value over its period, as the review report charts it and tables it.

Everything a chart or its table shows is decided here, so the renderers only lay it out:

* the points are those `okr history` shows (check-ins and the commits that changed the
  value, the one that added the key result included), up to the as-of date;
* the target: one line, or a band's two;
* the pace: from `start` on the period's first day to the target at its end, for a key
  result with a baseline; the pace at a point's date is `start + (target − start) ×
  elapsed`, elapsed as everywhere in okr (the fraction of the period gone by that day);
* the projection: the least-squares line of `okrcli.score.projection` from the as-of date to
  the period's last day, ending at `forecast.value` (open periods with two points or more);
* the confidences given in check-ins, dated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from okrcli.history.timeline import Point
from okrcli.model.kinds import kr_kind
from okrcli.model.periods import Period
from okrcli.model.sheet import KeyResult
from okrcli.model.values import Locale
from okrcli.score.key_results import PRECISION, reaches
from okrcli.score.projection import Forecast, fit_line, kr_forecast, projection_points

Dated = tuple[dt.date, float]


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One point of the values-over-time table."""

    point: Point
    pace: float | None  # where the value should be by that day; None without a baseline
    confidence: float | None  # given with that check-in


@dataclass(frozen=True, slots=True)
class Chart:
    first: dt.date  # the period's first day
    last: dt.date  # its last day
    days: int  # its length: the pace line ends at `first + days`, the end of the last day
    as_of: dt.date
    rows: tuple[ChartRow, ...]  # oldest first
    targets: tuple[float, ...]  # the target line, or a band's low and high; none for a milestone
    pace: tuple[Dated, Dated] | None  # start on the first day → target at the period's end
    projection: tuple[Dated, Dated] | None  # the fitted line from the as-of date to the last day
    forecast: Forecast | None
    confidences: tuple[Dated, ...]  # (date, confidence) of the check-ins that gave one
    milestone: bool = False
    reached: bool = False  # the current score is 1 already: the forecast has no ETA to give
    percent: bool = False  # the target is a percent: every value drawn is in percent points

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(row.point for row in self.rows)


def kr_chart(kr: KeyResult, points: Sequence[Point], period: Period, as_of: dt.date, current_score: float | None, locale: Locale) -> Chart:
    """The chart of `kr` in `period` read at `as_of`, from its history `points`."""
    forecast = kr_forecast(kr, points, period, as_of, current_score, locale)
    targets = _targets(kr)
    pace = _pace(kr, period, targets)
    kept = [p for p in points if p.date <= as_of]
    confidences = {c.date: c.confidence for c in kr.check_ins if c.confidence is not None and c.date <= as_of}
    rows = tuple(ChartRow(p, _pace_at(pace, period, p.date), confidences.get(p.date) if p.source == "check-in" else None) for p in kept)
    return Chart(
        period.start, period.end, period.days, as_of, rows, targets, pace,
        _projection(kr, points, period, as_of, forecast), forecast,
        tuple(sorted(confidences.items())), kr_kind(kr) == "milestone",
        current_score is not None and reaches(current_score, 1.0), kr.target is not None and kr.target.percent,
    )


def _targets(kr: KeyResult) -> tuple[float, ...]:
    """A chart is drawn in floats: values leave their exact form here."""
    target = kr.target
    if target is None:
        return (1.0,) if kr_kind(kr) == "milestone" else ()
    if target.low is not None and target.high is not None:
        return (float(target.low), float(target.high))
    return (float(target.number),) if target.number is not None else ()


def _pace(kr: KeyResult, period: Period, targets: tuple[float, ...]) -> tuple[Dated, Dated] | None:
    start = float(kr.start.number) if kr.start is not None and kr.start.number is not None else None
    if start is None or len(targets) != 1 or kr_kind(kr) != "metric":
        return None
    return (period.start, start), (period.start + dt.timedelta(days=period.days), targets[0])


def _pace_at(pace: tuple[Dated, Dated] | None, period: Period, day: dt.date) -> float | None:
    if pace is None:
        return None
    (_, start), (_, target) = pace
    return round(start + (target - start) * period.elapsed(day), PRECISION)


def _projection(kr: KeyResult, points: Sequence[Point], period: Period, as_of: dt.date, forecast: Forecast | None) -> tuple[Dated, Dated] | None:
    """The forecast's own line, from the as-of date (or the period's first day) on."""
    if forecast is None:
        return None
    start = float(kr.start.number) if kr.start is not None and kr.start.number is not None and kr_kind(kr) == "metric" else None
    line = fit_line(projection_points(points, start, period, as_of))
    if line is None:
        return None
    begin = min(max(as_of, period.start), period.end)
    return (begin, round(line.at(begin), PRECISION)), (period.end, forecast.value)
