"""Projection (SPEC 3.1): the least-squares forecast of a key result, its ETA, and an
objective's projected score. Expected numbers are computed by hand (exact fractions, then
rounded to 4 decimals), never by the code under test."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcli.history.timeline import Point
from okrcli.model.periods import parse_period
from okrcli.model.sheet import KeyResult
from okrcli.score.projection import (
    Forecast,
    GoalRange,
    Line,
    fit_line,
    forecast,
    goal_range,
    kr_forecast,
    projected_score,
    projection_points,
)

Q3 = parse_period("2025-Q3")  # 2025-07-01 .. 2025-09-30, 92 days
AS_OF = dt.date(2025, 8, 15)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def kr(**fields: Any) -> KeyResult:
    return KeyResult.model_validate({"id": "KR1", "title": "Traffic reaches 320,000", **fields})


def points(*pairs: tuple[str, float]) -> list[Point]:
    return [Point(day(d), v, "check-in") for d, v in pairs]


TRAFFIC = points(("2025-07-14", 262000), ("2025-08-01", 270000))


# Line through (0, 250000), (13, 262000), (31, 270000) days from 07-01: on day 91 (09-30)
# it is 308965.6121; it meets 308000 on day 89.47, so on 09-29.
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (320000, Forecast(308965.6121, 0.8424, None)),  # (308965.6121 − 250000) / 70000
        (308000, Forecast(308965.6121, 1.0, day("2025-09-29"))),  # clamped; 1.0166 unclamped
    ],
)
def test_a_metric_key_result_with_its_start_on_the_first_day(target: int, expected: Forecast) -> None:
    assert kr_forecast(kr(start=250000, target=target), TRAFFIC, Q3, AS_OF, current_score=0.3448) == expected


def test_a_falling_metric() -> None:
    # (0, 10), (19, 9), (40, 8): 5.4363 on day 91, score (5.4363 − 10) / (5 − 10); 5 only on day 99.7.
    found = kr_forecast(kr(start=10, target=5), points(("2025-07-20", 9), ("2025-08-10", 8)), Q3, AS_OF, 0.4)
    assert found == Forecast(5.4363, 0.9127, None)


def test_a_ceiling_without_start() -> None:
    # (9, 3.0), (35, 2.6), (42, 2.5): 1.7516 on day 91, at or below 2 from day 74.67: 09-14.
    found = kr_forecast(kr(target="<= 2%"), points(("2025-07-10", 3.0), ("2025-08-05", 2.6), ("2025-08-12", 2.5)), Q3, AS_OF, 0.8)
    assert found == Forecast(1.7516, 1.0, day("2025-09-14"))


def test_a_band_is_reached_on_the_first_day_inside_it() -> None:
    # (0, 90), (30, 92), (40, 93): slope 0.0731/day; 95 on day 68.95 (09-08), 99 on day 123.7.
    found = kr_forecast(kr(target="95..99"), points(("2025-07-01", 90), ("2025-07-31", 92), ("2025-08-10", 93)), Q3, AS_OF, 0.0)
    assert found == Forecast(96.6115, 1.0, day("2025-09-08"))


def test_a_band_the_line_crosses_before_the_as_of_date_is_never_reached_after_it() -> None:
    # 90 on 07-01 rising 1 a day: inside 95..99 from 07-06 to 07-10, long before 08-15.
    found = kr_forecast(kr(target="95..99"), points(("2025-07-01", 90), ("2025-07-11", 100)), Q3, AS_OF, 0.0)
    assert found == Forecast(181.0, 0.0, None)


def test_the_eta_is_the_as_of_date_when_the_line_is_there_already() -> None:
    found = kr_forecast(kr(target=">= 100"), points(("2025-07-01", 50), ("2025-08-01", 110)), Q3, AS_OF, 0.9)
    assert found is not None and found.eta == AS_OF


def test_no_eta_once_the_current_score_is_1() -> None:
    found = kr_forecast(kr(target=">= 100"), points(("2025-07-01", 50), ("2025-08-01", 110)), Q3, AS_OF, 1.0)
    assert found is not None and found.eta is None


def test_a_milestone_reaches_its_target_at_1() -> None:
    line = points(("2025-07-01", 0.0), ("2025-08-01", 0.0), ("2025-08-11", 1.0))
    found = kr_forecast(kr(done=False), line, Q3, AS_OF, 0.0)
    # (0, 0), (31, 0), (41, 1): 1 on day 59.84, so on 08-30; 1.5795 on 09-30.
    assert found == Forecast(1.5795, 1.0, day("2025-08-30"))


def test_a_flat_line_forecasts_its_value_and_never_reaches_the_target() -> None:
    assert kr_forecast(kr(start=0, target=10), points(("2025-08-01", 0)), Q3, AS_OF, 0.0) == Forecast(0.0, 0.0, None)


@pytest.mark.parametrize(
    ("start", "chosen", "as_of"),
    [
        (None, points(("2025-08-01", 5)), AS_OF),  # one point
        (None, points(("2025-08-01", 5), ("2025-08-01", 7)), AS_OF),  # two on one day: a vertical line
        (0, [], dt.date(2025, 7, 1)),  # the start and no check-in, all on the first day
        (None, points(("2025-07-01", 5), ("2025-08-01", 7)), day("2025-10-01")),  # an ended period
        (None, points(("2025-06-20", 5), ("2025-06-30", 7), ("2025-08-20", 9)), AS_OF),  # outside the period or after D
        (None, points(("2025-07-01", -9.9e17), ("2025-07-02", 9.9e17)), AS_OF),  # the line leaves the range of values
    ],
)
def test_no_forecast(start: float | None, chosen: list[Point], as_of: dt.date) -> None:
    fields = {"target": 100} if start is None else {"start": start, "target": 100}
    assert kr_forecast(kr(**fields), chosen, Q3, as_of, 0.1) is None


def test_a_formula_no_value_can_be_scored_with_has_no_forecast() -> None:
    assert kr_forecast(kr(target=">= 0"), points(("2025-07-01", 5), ("2025-08-01", 7)), Q3, AS_OF, None) is None


def test_the_points_of_the_period_up_to_the_as_of_date() -> None:
    chosen = points(("2025-06-30", 1), ("2025-07-01", 2), ("2025-08-15", 3), ("2025-08-16", 4))
    assert projection_points(chosen, 0.5, Q3, AS_OF) == [(day("2025-07-01"), 0.5), (day("2025-07-01"), 2), (day("2025-08-15"), 3)]
    assert projection_points(chosen, None, Q3, day("2025-06-30")) == []


def test_the_fitted_line() -> None:
    line = fit_line([(day("2025-07-01"), 250000), (day("2025-07-14"), 262000), (day("2025-08-01"), 270000)])
    assert line is not None and line.origin == day("2025-07-01")
    assert (round(line.value, 4), round(line.slope, 4)) == (251386.5199, 632.7373)  # 182,758,000/727 and 460,000/727


@pytest.mark.parametrize(
    ("fields", "goal"),
    [
        ({"start": 250000, "target": 320000}, GoalRange(320000, None)),
        ({"start": 10, "target": 5}, GoalRange(None, 5)),
        ({"start": 10, "target": ">= 5"}, GoalRange(None, 5)),  # a comparator with a start scores as a metric
        ({"target": ">= 40%"}, GoalRange(40, None)),
        ({"target": "<= 2%"}, GoalRange(None, 2)),
        ({"target": "95..99"}, GoalRange(95, 99)),
        ({"done": False}, GoalRange(1, None)),
    ],
)
def test_the_values_a_key_result_scores_1_with(fields: dict[str, Any], goal: GoalRange) -> None:
    assert goal_range(kr(**fields)) == goal


def test_an_objectives_projected_score() -> None:
    # (1 × 0.8424 + 2 × 0.3) / 3: the forecast where there is one, else the current score;
    # a key result with neither (a broken formula) is left out, as in the objective's score.
    assert round(projected_score([(1, 0.8424, 0.5), (2, None, 0.3), (1, None, None)]) or 0, 4) == 0.4808
    assert projected_score([(1, None, None)]) is None
    assert projected_score([]) is None
    assert projected_score([(0, 0.5, 0.5)]) is None  # no weight left


_VALUE = st.floats(min_value=-9.99e17, max_value=9.99e17, allow_nan=False) | st.integers(-5, 5).map(float)
_DAY = st.integers(0, 91).map(lambda n: Q3.start + dt.timedelta(days=n))


@settings(max_examples=400, deadline=None)
@given(
    chosen=st.lists(st.tuples(_DAY, _VALUE), max_size=8),
    bounds=st.tuples(st.none() | _VALUE, st.none() | _VALUE),
    as_of=_DAY,
    current=st.none() | st.floats(0, 1),
)
def test_any_points_give_a_finite_forecast_or_none(
    chosen: list[tuple[dt.date, float]], bounds: tuple[float | None, float | None], as_of: dt.date, current: float | None,
) -> None:
    low, high = bounds
    goal = GoalRange(high, low) if low is not None and high is not None and low > high else GoalRange(low, high)
    found = forecast(chosen, Q3, as_of, lambda v: min(max(v / 1e17, 0.0), 1.0), goal, current)
    if found is None:
        return
    assert math.isfinite(found.value) and abs(found.value) < 1e18 and 0 <= found.score <= 1
    if found.eta is not None:
        assert as_of <= found.eta <= Q3.end
        line = fit_line(chosen)
        assert line is not None and goal.holds(line.at(found.eta))
        before = found.eta - dt.timedelta(days=1)
        assert before < as_of or not goal.holds(line.at(before))


def test_a_line_meets_a_goal_on_the_boundary_day_exactly() -> None:
    # 0 on 07-01 rising 0.1 a day: 3 is reached on day 30 (07-31) although 30 × 0.1 is 3.0000000000000004.
    chosen = [(day("2025-07-01"), 0.0), (day("2025-07-11"), 1.0)]
    assert forecast(chosen, Q3, day("2025-07-11"), lambda v: 0.0, GoalRange(3.0, None), 0.0) == Forecast(9.1, 0.0, day("2025-07-31"))
    assert Line(day("2025-07-01"), 0.0, 0.1).at(day("2025-07-31")) >= 3.0
