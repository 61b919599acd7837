"""SPEC 2.2 and 3: every scoring formula, with expectations computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from okrcli.model.kinds import formula_problem, kpi_problem, kr_kind
from okrcli.model.periods import parse_period
from okrcli.model.sheet import KPI, KeyResult
from okrcli.repo.config import Bands, Config, Grading
from okrcli.repo.config import Scorecard as Weights
from okrcli.reporters.values import kr_current, kr_target
from okrcli.score.key_results import (
    FormulaError,
    grade,
    is_stale,
    kr_progress,
    kr_status,
    kr_value,
    reaches,
    score_key_result,
    weighted_mean,
)
from okrcli.score.kpis import (
    achievement,
    monthly_values,
    score_kpi,
    scorecard,
)
from okrcli.score.objectives import owner_scores, score_objective, worst_status
from okrcli.score.records import KPIScore, KRScore, ObjectiveScore

Q3 = parse_period("2025-Q3")
GRADING = Grading()
KPI_BANDS = Bands(green=1.0, yellow=0.9)


def kr(locale: str = "en", **fields: Any) -> KeyResult:
    return KeyResult.model_validate({"id": "KR1", "title": "A key result", **fields}, context={"locale": locale})


def kpi(locale: str = "en", **fields: Any) -> KPI:
    return KPI.model_validate({"id": "K1", "title": "A KPI", **fields}, context={"locale": locale})


def scored(expected: float = 0.0, **fields: Any) -> KRScore:
    return score_key_result(kr(**fields), "o/O1/KR1", "o", expected)


# --- kinds and formulas -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "kind", "progress"),
    [
        # metric rising: (281000 − 250000) / (308000 − 250000) = 31000 / 58000
        ({"start": 250000, "target": 308000, "current": 281000}, "metric", 31000 / 58000),
        # metric falling: (138000 − 150000) / (120000 − 150000) = −12000 / −30000 = 0.4
        ({"start": 150000, "target": 120000, "current": 138000}, "metric", 0.4),
        # beyond the target and behind the start stay raw in progress
        ({"start": 100, "target": 200, "current": 250}, "metric", 1.5),
        ({"start": 100, "target": 200, "current": 80}, "metric", -0.2),
        # threshold >=: current / T, percent points: 36 / 40
        ({"target": ">= 40%", "current": "36%"}, "threshold-ge", 0.9),
        ({"target": "> 40%", "current": "44%"}, "threshold-ge", 1.1),
        # threshold <=: T / current above the ceiling (3 / 3.6), 1 at or below it
        ({"target": "<= 3", "current": 3.6}, "threshold-le", 3 / 3.6),
        ({"target": "<= 3", "current": 3}, "threshold-le", 1.0),
        ({"target": "< 3", "current": 1}, "threshold-le", 1.0),
        ({"target": "<= 0", "current": 2}, "threshold-le", 0.0),
        ({"target": "<= 0", "current": 0}, "threshold-le", 1.0),
        # band: 1 inside (ends included), 0 outside
        ({"target": "95..99", "current": 97}, "band", 1.0),
        ({"target": "95..99", "current": 99}, "band", 1.0),
        ({"target": "95..99", "current": 99.5}, "band", 0.0),
        ({"target": "95–99%", "current": "94%"}, "band", 0.0),
        # milestone
        ({"done": True}, "milestone", 1.0),
        ({"done": False}, "milestone", 0.0),
        # a comparator target with a start scores like a metric: (7.4 − 6.8) / (8.5 − 6.8)
        ({"start": "6.8%", "target": ">= 8.5%", "current": "7.4%"}, "metric", 0.6 / 1.7),
        ({"start": 24, "target": "<= 6", "current": 11}, "metric", 13 / 18),
        # a plain target without start scores as threshold >=: 72 / 80
        ({"target": 80, "current": 72}, "threshold-ge", 0.9),
    ],
)
def test_kind_and_progress(fields: dict[str, Any], kind: str, progress: float) -> None:
    result = scored(**fields)
    assert result.kind == kind
    assert result.progress == pytest.approx(progress)
    assert result.score == pytest.approx(min(max(progress, 0.0), 1.0))
    assert result.error is None


def test_vi_numbers_score_like_their_en_spelling() -> None:
    vi = kr("vi", start="250.000", target="308.000", current="281.000")
    assert kr_progress(vi, kr_value(vi) or 0) == pytest.approx(31000 / 58000)
    aov = kr("vi", target=">= 1,33 triệu", current="1,21 triệu")  # 1 210 000 / 1 330 000
    assert kr_progress(aov, kr_value(aov) or 0) == pytest.approx(121 / 133)
    share = kr("vi", target=">= 8,5%", current="8.5%")
    assert kr_progress(share, kr_value(share) or 0) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"start": 40, "target": 40, "current": 41}, "divides by zero"),
        ({"start": "40%", "target": ">= 40%", "current": "41%"}, "divides by zero"),
        ({"target": ">= 0", "current": 3}, "divide by zero"),
        ({"target": 0, "current": 3}, "divide by zero"),
        ({"target": ">= -5", "current": 3}, "negative"),
        ({"target": "<= -1", "current": -3}, "negative"),
        ({"start": 10, "target": ">= 5", "current": 7}, "below its start"),
        ({"start": 10, "target": "<= 15", "current": 12}, "above its start"),
        ({"current": 5}, "no `target`"),
    ],
)
def test_broken_formulas_give_an_error_never_a_crash(fields: dict[str, Any], words: str) -> None:
    result = scored(**fields)
    assert result.error is not None and words in result.error
    assert (result.score, result.progress, result.status) == (None, None, None)
    with pytest.raises(FormulaError):
        kr_progress(kr(**fields), 1.0)
    assert formula_problem(kr(**fields)) == result.error


def test_no_value_and_no_check_in_is_pending_with_score_zero() -> None:
    result = scored(0.3, start=10, target=50)
    assert (result.progress, result.score, result.status, result.current) == (None, 0.0, "pending", None)


def test_current_falls_back_to_the_latest_check_in_by_date() -> None:
    check_ins = [
        {"date": "2025-08-01", "value": 250, "confidence": 0.6},
        {"date": "2025-07-14", "value": 230, "confidence": 0.9},
    ]
    result = scored(start=200, target=300, check_ins=check_ins)
    assert result.current == 250  # the later date, though written first
    assert result.progress == pytest.approx(0.5)
    assert result.confidence == 0.6


def test_confidence_is_the_latest_check_ins_even_with_a_current() -> None:
    check_ins = [{"date": "2025-07-14", "value": 230, "confidence": 0.9}, {"date": "2025-07-28", "value": 240}]
    result = scored(start=200, target=300, current=260, check_ins=check_ins)
    assert (result.current, result.confidence) == (260, None)


def test_milestone_done_from_a_check_in() -> None:
    milestone = kr(check_ins=[{"date": "2025-07-01", "value": False}, {"date": "2025-08-01", "value": True}])
    assert (kr_kind(milestone), kr_value(milestone)) == ("milestone", 1.0)


def test_target_and_current_in_machine_form() -> None:
    assert scored(target=">= 40%", current="36%").target == 40
    assert scored(target="95..99", current=97).target == (95, 99)
    done = scored(done=False)
    assert (done.target, done.current, kr_target(done, "en"), kr_current(done, "en")) == (1.0, 0.0, "done", "not done")


# --- pace and status --------------------------------------------------------------------------


def test_status_by_pace() -> None:
    expected = 0.5 * 0.6  # half the period gone, aspirational
    assert kr_status(None, expected) == "pending"
    assert kr_status(1.0, expected) == "done"
    assert kr_status(0.3, expected) == "on-track"
    assert kr_status(0.225, expected) == "at-risk"  # 0.75 × 0.3
    assert kr_status(0.2249, expected) == "off-track"
    assert kr_status(0.0, 0.0) == "on-track"  # nothing is expected on the first day


def test_committed_objectives_expect_more() -> None:
    elapsed = Q3.elapsed(dt.date(2025, 8, 15))  # 45 / 92
    assert elapsed == pytest.approx(45 / 92)
    aspirational = scored(elapsed * 0.6, start=0, target=100, current=30)
    committed = scored(elapsed * 1.0, start=0, target=100, current=30)
    assert (aspirational.status, committed.status) == ("on-track", "off-track")  # 0.3 < 0.75 × 0.489


def test_the_objective_takes_the_worst_status() -> None:
    assert worst_status(["done", "on-track", "pending"]) == "pending"
    assert worst_status(["pending", "at-risk"]) == "at-risk"
    assert worst_status(["at-risk", "off-track", "done"]) == "off-track"
    assert worst_status(["done", "done"]) == "done"
    assert worst_status([]) == "pending"


def test_staleness_hook() -> None:
    as_of = dt.date(2025, 8, 15)
    assert is_stale(dt.date(2025, 7, 31), as_of, 14)  # 15 days
    assert not is_stale(dt.date(2025, 8, 1), as_of, 14)  # 14 days
    assert not is_stale(None, as_of, 14)
    fields = kr(start=0, target=10, current=4)
    assert score_key_result(fields, "r", "o", 0.2, as_of=as_of, last_update=dt.date(2025, 7, 1)).stale
    assert not score_key_result(fields, "r", "o", 0.2, as_of=as_of).stale


# --- objectives, owners, grades ---------------------------------------------------------------


def kr_score(score: float | None, weight: float = 1.0, status: str = "on-track") -> KRScore:
    return KRScore(ref="r", title="t", kind="metric", owner="o", weight=weight, start=None, target=None, current=None, progress=score,
                   score=score, status=status)  # type: ignore[arg-type]


def objective(scores: list[tuple[float | None, float]], kind: str = "aspirational") -> ObjectiveScore:
    return score_objective("o/O1", "o", "t", kind, 1.0, [kr_score(s, w) for s, w in scores], GRADING)


def test_objective_score_is_the_weighted_mean() -> None:
    # (2 × 0.52 + 1 × 0.6071) / 3
    assert objective([(0.52, 2), (0.6071, 1)]).score == pytest.approx((2 * 0.52 + 0.6071) / 3)
    assert objective([(0.5, 0), (0.9, 1)]).score == pytest.approx(0.9)
    assert objective([(0.5, -1), (0.9, 1)]).score == pytest.approx(0.9)  # negative counts as 0
    assert objective([(0.5, 0)]).score is None
    assert objective([]).score is None and objective([]).status == "pending"


def test_an_objective_with_no_weight_has_no_score_and_is_pending() -> None:
    """Σ wᵢ·sᵢ / Σ wᵢ with Σ wᵢ = 0 has no value: no score, no grade, and not `done` however
    far its key results got (rule `weights` says why)."""
    done = [kr_score(1.0, 0, "done"), kr_score(1.0, 0.0, "done")]
    found = score_objective("o/O1", "o", "t", "aspirational", 1.0, done, GRADING)
    assert (found.score, found.grade, found.status, found.too_easy) == (None, None, "pending", False)
    negative = score_objective("o/O1", "o", "t", "committed", 1.0, [kr_score(0.5, -1, "off-track")], GRADING)
    assert (negative.score, negative.grade, negative.status) == (None, None, "pending")
    # one weight above 0 is enough: the others are left out of the score, not of the status
    mixed = score_objective("o/O1", "o", "t", "aspirational", 1.0, [kr_score(1.0, 0, "done"), kr_score(0.2, 1, "off-track")], GRADING)
    assert (mixed.score, mixed.grade, mixed.status) == (0.2, "red", "off-track")


def test_an_owner_whose_objectives_weigh_nothing_has_no_score() -> None:
    first = score_objective("a/O1", "a", "t", "aspirational", 0.0, [kr_score(0.9)], GRADING)
    second = score_objective("a/O2", "a", "t", "aspirational", 0.0, [kr_score(0.3)], GRADING)
    assert [(o.owner, o.score) for o in owner_scores([first, second])] == [("a", None)]


def test_weighted_mean() -> None:
    assert weighted_mean([(1, 0.2), (3, 0.6)]) == pytest.approx(0.5)
    assert weighted_mean([]) is None


@pytest.mark.parametrize(
    ("score", "kind", "expected"),
    [
        (0.6, "aspirational", "green"), (0.5999, "aspirational", "yellow"), (0.59999999, "aspirational", "green"),
        (0.4, "aspirational", "yellow"), (0.3999, "aspirational", "red"), (1.0, "aspirational", "green"),
        (1.0, "committed", "green"), (0.9999, "committed", "yellow"), (0.7, "committed", "yellow"),
        (0.6999, "committed", "red"), (0.0, "committed", "red"),
    ],
)
def test_grades_at_band_edges(score: float, kind: str, expected: str) -> None:
    assert objective([(score, 1)], kind).grade == expected


def test_grades_follow_configured_bands() -> None:
    config = Config.model_validate({"grading": {"aspirational": {"green": 0.7, "yellow": 0.5}}})
    assert grade(0.65, config.grading.aspirational) == "yellow"
    assert grade(0.7, config.grading.aspirational) == "green"
    assert grade(None, config.grading.aspirational) is None


def test_kr_grades_use_their_objectives_bands() -> None:
    assert [k.grade for k in objective([(0.65, 1), (0.45, 1)], "aspirational").key_results] == ["green", "yellow"]
    assert [k.grade for k in objective([(0.65, 1), (0.45, 1)], "committed").key_results] == ["red", "red"]


def test_too_easy_only_for_aspirational_at_one() -> None:
    assert objective([(1.0, 1)]).too_easy
    assert not objective([(0.9999, 1)]).too_easy
    assert not objective([(1.0, 1)], "committed").too_easy


def test_reaches_compares_at_four_decimals() -> None:
    assert reaches(0.59999, 0.6) and not reaches(0.5999, 0.6)


def test_owner_score_is_the_weighted_mean_of_objectives() -> None:
    first = score_objective("a/O1", "a", "t", "aspirational", 2.0, [kr_score(0.9)], GRADING)
    second = score_objective("a/O2", "a", "t", "aspirational", 1.0, [kr_score(0.3)], GRADING)
    other = score_objective("b/O1", "b", "t", "aspirational", 1.0, [kr_score(0.5)], GRADING)
    owners = owner_scores([first, other, second])
    assert [(o.owner, o.score) for o in owners] == [("a", pytest.approx(0.7)), ("b", 0.5)]  # (2×0.9 + 0.3) / 3


# --- KPIs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "value", "expected"),
    [
        ({"target": ">= 95%"}, 96, 96 / 95),
        ({"target": 120}, 104, 104 / 120),  # a bare number means >=
        ({"target": "<= 45"}, 48, 45 / 48),
        ({"target": "<= 20"}, 12, 20 / 12),
        ({"target": "<= 2"}, 0, 1.0),  # at or below 0 meets the ceiling
        ({"target": "15..25"}, 20, 1.0),
        ({"target": "15..25"}, 28, 0.0),
        ({"done": True}, 1.0, 1.0),
    ],
)
def test_kpi_achievement(fields: dict[str, Any], value: float, expected: float) -> None:
    assert achievement(kpi(**fields), value) == pytest.approx(expected)


def test_kpi_with_zero_target_is_an_error() -> None:
    broken = kpi(target=">= 0", actual=3)
    assert kpi_problem(broken) is not None
    result = score_kpi(broken, "o/K1", "o", Q3, KPI_BANDS)
    assert result.error is not None and result.achievement is None


@pytest.mark.parametrize(
    ("actual", "met", "expected_grade"),
    [(100, True, "green"), (99.99, False, "yellow"), (90, False, "yellow"), (89.99, False, "red")],
)
def test_kpi_met_and_grade_edges(actual: float, met: bool, expected_grade: str) -> None:
    result = score_kpi(kpi(target=100, actual=actual), "o/K1", "o", Q3, KPI_BANDS)
    assert (result.met, result.grade) == (met, expected_grade)


def test_kpi_readings_in_the_periods_months_are_averaged() -> None:
    readings = [
        {"period": "2025-06", "value": 10},  # before Q3: left out
        {"period": "2025-07", "value": 90},
        {"date": "2025-08-10", "value": 100},
        {"date": "2025-08-31", "value": 120},  # the later August reading wins
        {"period": "2025-Q3", "value": 1},  # not a month: left out
    ]
    result = score_kpi(kpi(target=100, actual=500, readings=readings), "o/K1", "o", Q3, KPI_BANDS)
    assert result.months == 2
    assert result.achievement == pytest.approx((0.9 + 1.2) / 2)  # 1.05; the actual is not used
    assert result.actual == 500


def test_monthly_values_percent_readings() -> None:
    months = monthly_values(kpi(target=">= 35%", readings=[{"period": "2025-07", "value": "33%"}]).readings, Q3)
    assert months == {"2025-07": 33.0}


def test_kpi_without_any_value_has_no_achievement() -> None:
    result = score_kpi(kpi(target=">= 10"), "o/K1", "o", Q3, KPI_BANDS)
    assert (result.achievement, result.met, result.grade, result.actual) == (None, None, None, None)


def test_kpi_actual_falls_back_to_the_latest_check_in() -> None:
    result = score_kpi(kpi(target=10, check_ins=[{"date": "2025-07-10", "value": 8}, {"date": "2025-08-10", "value": 12}]), "o/K1", "o", Q3, KPI_BANDS)
    assert result.actual == 12
    assert result.achievement == pytest.approx(1.2)


# --- the 60/40 scorecard ----------------------------------------------------------------------


def kpi_score(a: float | None, weight: float = 1.0) -> KPIScore:
    return KPIScore(ref="o/K1", owner="o", title="t", kind="threshold-ge", weight=weight, target=1.0, actual=a, achievement=a, met=None, grade=None)


def test_scorecard_sixty_forty_with_cap() -> None:
    # KPI part: mean(min(1.2, 1), 0.8) = 0.9; KR part: (0.5 + 2 × 0.8) / 3 = 0.7
    card = scorecard("o", "2025-Q3", [kpi_score(1.2), kpi_score(0.8)], [kr_score(0.5), kr_score(0.8, 2)], Weights())
    assert card.kpi_part == pytest.approx(0.9)
    assert card.kr_part == pytest.approx(0.7)
    assert card.score == pytest.approx(0.6 * 0.9 + 0.4 * 0.7)  # 0.82
    assert card.weights == pytest.approx((0.6, 0.4))


def test_scorecard_cap_is_configurable() -> None:
    card = scorecard("o", "2025-Q3", [kpi_score(1.5)], [], Weights(kpi_cap=1.2))
    assert card.kpi_part == pytest.approx(1.2) and card.score == pytest.approx(1.2)


def test_an_empty_part_hands_its_weight_over() -> None:
    only_krs = scorecard("o", "2025-Q3", [], [kr_score(0.75)], Weights())
    assert (only_krs.score, only_krs.kpi_part, only_krs.weights) == (0.75, None, (0.0, 1.0))
    only_kpis = scorecard("o", "2025-Q3", [kpi_score(0.95)], [], Weights())
    assert (only_kpis.score, only_kpis.kr_part, only_kpis.weights) == (0.95, None, (1.0, 0.0))
    nothing = scorecard("o", "2025-Q3", [], [], Weights())
    assert nothing.score is None


def test_scorecard_counts_missing_and_negative_achievement_as_zero() -> None:
    card = scorecard("o", "2025-Q3", [kpi_score(None), kpi_score(-0.5), kpi_score(0.9)], [], Weights())
    assert card.kpi_part == pytest.approx(0.3)


def test_scorecard_weights_are_normalised() -> None:
    card = scorecard("o", "2025-Q3", [kpi_score(1.0)], [kr_score(0.5)], Weights(kpis=0.5, key_results=0.5))
    assert card.score == pytest.approx(0.75)
    card = scorecard("o", "2025-Q3", [kpi_score(1.0)], [kr_score(0.0)], Weights(kpis=0.3, key_results=0.1))
    assert card.score == pytest.approx(0.75)
    assert card.weights == pytest.approx((0.75, 0.25))
