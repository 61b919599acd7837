"""KPIs end to end (SPEC 3): yes/no KPIs written with `done:`, values taken from `readings`, a
KPI with both a target and `done:`, and the scorecard's weights when both are 0. Numbers are
computed by hand in the comments; `okr score` runs on real sheets in real folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Result, run_okr, write_files

from okrcli.model.kinds import kpi_kind
from okrcli.model.periods import parse_period
from okrcli.model.sheet import KPI
from okrcli.repo.config import Bands
from okrcli.repo.config import Scorecard as Weights
from okrcli.reporters.values import kpi_actual as actual_text
from okrcli.reporters.values import kpi_target as target_text
from okrcli.score.kpis import (
    applied_weights,
    kpi_actual,
    monthly_values,
    score_kpi,
    scorecard,
)
from okrcli.score.records import KPIScore, KRScore

Q3 = parse_period("2025-Q3")
KPI_BANDS = Bands(green=1.0, yellow=0.9)

OPS = """
    period: 2025-Q3
    owner: ops
    kpis:
      - id: K1
        title: SOC 2 report published
        done: true
      - id: K2
        title: Status page public
        done: false
      - id: K3
        title: Signups per month
        target: 100
        readings:
          - {date: 2025-08-31, value: 120}  # August's latest reading: it wins, though written first
          - {date: 2025-07-01, value: 90}   # Q3's first day counts
          - {date: 2025-08-10, value: 100}
          - {date: 2025-09-30, value: 105}  # Q3's last day counts; the latest reading: the actual
          - {date: 2025-06-30, value: 500}  # the day before Q3: left out
      - id: K4
        title: Monthly churn at most 2%
        target: "<= 2%"
        actual: 2.2%
        readings:
          - {period: 2025-Q3, value: 1%}    # a quarter is not a month: left out
          - {period: 2025, value: 1%}       # nor is a year
          - {period: 2025-08, value: 2.5%}  # 2 / 2.5 = 0.8
          - {period: 2025-06, value: 4%}    # a month outside Q3: left out
          - {period: 2025-09, value: 2%}    # 2 / 2 = 1
      - id: K5
        title: Demo requests per month
        target: 100
        check_ins:
          - {date: 2025-08-20, value: 95}
        readings:
          - {date: 2025-09-10, value: 80}
      - id: K6
        title: Invoices paid on time at least 99%
        target: ">= 99%"
        actual: 98%
        readings:
          - {period: 2025-06, value: 50%}   # none in Q3: the actual is scored
"""

AS_OF = ("--as-of", "2025-09-30")  # Q3's last day: every reading is dated on or before it


def okr(root: Path, *args: str) -> Result:
    return run_okr(*args, "-C", str(root), cwd=root)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/ops.yaml": OPS})


def kpi_json(
    ref: str, title: str, kind: str, target: Any, actual: Any, months: list[tuple[str, float]], achievement: Any, met: Any, grade: Any
) -> dict[str, Any]:
    return {
        "ref": ref,
        "owner": "ops",
        "title": title,
        "target": target,
        "actual": actual,
        "achievement": achievement,
        "met": met,
        "grade": grade,
        "kind": kind,
        "weight": 1,
        "months": [{"month": m, "value": v} for m, v in months],
        "final": None,
    }


def test_score_json_of_done_kpis_and_readings(repo: Path) -> None:
    result = okr(repo, "score", "2025-Q3", *AS_OF, "--format", "json")
    assert (result.code, result.err) == (0, "")
    document: Any = result.json()
    assert document["elapsed"] == 0.9891  # 91 / 92: the last day is not yet gone
    assert document["kpis"] == [
        kpi_json("ops/K1", "SOC 2 report published", "milestone", 1, 1, [], 1, True, "green"),
        kpi_json("ops/K2", "Status page public", "milestone", 1, 0, [], 0, False, "red"),
        # (0.9 + 1.2 + 1.05) / 3; the actual is the latest reading
        kpi_json("ops/K3", "Signups per month", "threshold-ge", 100, 105, [("2025-07", 90), ("2025-08", 120), ("2025-09", 105)], 1.05, True, "green"),
        # (2 / 2.5 + 2 / 2) / 2; the actual is shown, not scored
        kpi_json("ops/K4", "Monthly churn at most 2%", "threshold-le", 2, 2.2, [("2025-08", 2.5), ("2025-09", 2)], 0.9, False, "yellow"),
        # the check-in is the actual; September's reading is scored: 80 / 100
        kpi_json("ops/K5", "Demo requests per month", "threshold-ge", 100, 95, [("2025-09", 80)], 0.8, False, "red"),
        # no reading in Q3: 98 / 99 = 0.989898…
        kpi_json("ops/K6", "Invoices paid on time at least 99%", "threshold-ge", 99, 98, [], 0.9899, False, "yellow"),
    ]


def test_score_text_of_done_kpis_and_readings(repo: Path) -> None:
    result = okr(repo, "score", "2025-Q3", *AS_OF)
    assert result.code == 0
    assert result.out.splitlines()[2:10] == [
        "ops",
        "  ops/K1  [##########]  1.00  green   met               SOC 2 report published  [done / done]",
        "  ops/K2  [----------]  0.00  red     not met           Status page public  [not done / done]",
        "  ops/K3  [##########]  1.05  green   met               Signups per month  [90 · 120 · 105 / 100, mean of 3 months]",
        "  ops/K4  [#########-]  0.90  yellow  not met           Monthly churn at most 2%  [2.5% · 2% / <= 2%, mean of 2 months]",
        "  ops/K5  [########--]  0.80  red     not met           Demo requests per month  [80 / 100, mean of 1 month]",
        "  ops/K6  [#########-]  0.98  yellow  not met           Invoices paid on time at least 99%  [98% / >= 99%]",
        "",
    ]
    assert result.out.splitlines()[-1] == "Objectives: ~0 green, ~0 yellow, ~0 red · KPIs: 2 of 6 met · 99% of 2025-Q3 gone"


def test_score_markdown_of_done_kpis(repo: Path) -> None:
    lines = okr(repo, "score", "2025-Q3", *AS_OF, "--format", "markdown").out.splitlines()
    assert "| ops/K1 | SOC 2 report published | done / done | 1.00 | green | yes |" in lines
    assert "| ops/K2 | Status page public | not done / done | 0.00 | red | no |" in lines
    assert "| ops/K3 | Signups per month | 90 · 120 · 105 / 100, mean of 3 months | 1.05 | green | yes |" in lines


def test_scorecard_counts_done_kpis_as_one_and_zero(repo: Path) -> None:
    document: Any = okr(repo, "scorecard", "ops", "2025-Q3", *AS_OF, "--format", "json").json()
    # mean(1, 0, min(1.05, 1), 0.9, 0.8, 98 / 99) = 0.781649…; no key results: all weight on KPIs
    assert (document["score"], document["kpi_part"], document["kr_part"]) == (0.7816, 0.7816, None)
    assert document["weights"] == {"kpis": 1, "key_results": 0}


# --- the pure functions, for the branches the CLI test cannot isolate -------------------------


def kpi(**fields: Any) -> KPI:
    return KPI.model_validate({"id": "K1", "title": "A KPI", **fields}, context={"locale": "en"})


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({"done": True}, "milestone"),
        ({"done": False}, "milestone"),
        ({"target": 5}, "threshold-ge"),
        ({"target": "<= 5"}, "threshold-le"),
        ({"target": "< 5"}, "threshold-le"),
        ({"target": "4..6"}, "band"),
    ],
)
def test_kpi_kind(fields: dict[str, Any], kind: str) -> None:
    assert kpi_kind(kpi(**fields)) == kind


@pytest.mark.parametrize(("done", "achieved", "met", "grade"), [(True, 1.0, True, "green"), (False, 0.0, False, "red")])
def test_a_done_kpi_scores_one_or_zero_and_ignores_readings(done: bool, achieved: float, met: bool, grade: str) -> None:
    # A reading of 1 would score 1 if readings were read for a yes/no KPI.
    result = score_kpi(kpi(done=done, readings=[{"period": "2025-07", "value": 1}]), "o/K1", "o", Q3, KPI_BANDS)
    assert (result.kind, result.target, result.actual, result.achievement, result.met, result.grade, result.months) == (
        "milestone",
        1.0,
        achieved,
        achieved,
        met,
        grade,
        0,
    )
    assert (target_text(result, "en"), actual_text(result, "en")) == ("done", "done" if done else "not done")
    assert kpi_actual(kpi(done=done)) == (achieved, None)


def test_the_actual_is_the_latest_reading_by_day_not_by_position() -> None:
    readings = [
        {"period": "2025-08", "value": 7},  # counts as of August 31
        {"date": "2025-09-02", "value": 9},  # the latest
        {"date": "2025-08-31", "value": 8},
        {"period": "2025-07", "value": 6},
    ]
    def actual(**fields: Any) -> tuple[float | None, str | None]:
        number, written = kpi_actual(kpi(**fields))
        return number, written.raw if written is not None else None

    assert actual(target=10, readings=readings) == (9.0, "9")
    assert actual(target=10, readings=readings[:1] + readings[2:]) == (8.0, "8")  # a date ties its month: written later wins
    assert actual(target=10, actual=3, readings=readings) == (3.0, "3")


def test_monthly_values_keep_the_latest_reading_of_each_month_in_the_period() -> None:
    readings = kpi(
        target=10,
        readings=[
            {"date": "2025-09-30", "value": 5},
            {"date": "2025-10-01", "value": 99},  # the day after Q3
            {"date": "2025-07-31", "value": 2},
            {"period": "2025-07", "value": 1},  # July as a whole: dated July 31, after the reading above in the list
            {"date": "2025-07-01", "value": 0},
            {"date": "2025-06-30", "value": 99},  # the day before Q3
            {"period": "2025-H2", "value": 99},
            {"period": "2025-10", "value": 99},
            {"date": "2025-09-01", "value": 4},
        ],
    ).readings
    assert monthly_values(readings, Q3) == {"2025-07": 1.0, "2025-09": 5.0}
    assert monthly_values(readings, parse_period("2025-09")) == {"2025-09": 5.0}
    assert monthly_values(readings, parse_period("2025-H2")) == {"2025-07": 1.0, "2025-09": 5.0, "2025-10": 99.0}


def test_the_mean_of_the_months_is_scored_and_counted() -> None:
    result = score_kpi(kpi(target="<= 4", readings=[{"period": "2025-07", "value": 5}, {"period": "2025-08", "value": 2}]), "o/K1", "o", Q3, KPI_BANDS)
    # months: July 4 / 5 = 0.8, August 4 / 2 = 2 (a KPI's achievement keeps rewarding a lower value): 1.4
    assert (result.months, result.achievement, result.actual, result.met) == (2, pytest.approx(1.4), 2.0, True)


# --- both scorecard weights 0 -----------------------------------------------------------------


def zero_weights() -> Weights:
    # The config refuses `scorecard: {kpis: 0, key_results: 0}`; the function stays total anyway.
    return Weights.model_construct(kpis=0.0, key_results=0.0, kpi_cap=1.0)


@pytest.mark.parametrize(
    ("has_kpis", "has_krs", "expected"),
    [(True, True, (0.5, 0.5)), (True, False, (1.0, 0.0)), (False, True, (0.0, 1.0)), (False, False, (0.0, 0.0))],
)
def test_applied_weights_with_both_weights_zero(has_kpis: bool, has_krs: bool, expected: tuple[float, float]) -> None:
    assert applied_weights(has_kpis, has_krs, zero_weights()) == expected


@pytest.mark.parametrize(
    ("kpis", "key_results", "expected"),
    [(0.6, 0.4, (0.6, 0.4)), (0.0, 0.4, (0.0, 1.0)), (0.3, 0.0, (1.0, 0.0)), (0.2, 0.2, (0.5, 0.5)), (1.0, 1.0, (0.5, 0.5))],
)
def test_applied_weights_are_normalised(kpis: float, key_results: float, expected: tuple[float, float]) -> None:
    assert applied_weights(True, True, Weights(kpis=kpis, key_results=key_results)) == pytest.approx(expected)


def test_a_scorecard_with_both_weights_zero_is_the_plain_mean_of_its_parts() -> None:
    kpis = [KPIScore(ref="o/K1", owner="o", title="t", kind="threshold-ge", weight=1.0, target=1.0, actual=0.9, achievement=0.9, met=False, grade="yellow")]
    key_results = [KRScore(ref="o/O1/KR1", title="t", kind="metric", owner="o", weight=1.0, start=0.0, target=1.0, current=0.3, progress=0.3,
                           score=0.3, status="on-track")]
    card = scorecard("o", "2025-Q3", kpis, key_results, zero_weights())
    assert (card.weights, card.kpi_part, card.kr_part, card.score) == ((0.5, 0.5), 0.9, 0.3, pytest.approx(0.6))


# --- a KPI with both a target and done --------------------------------------------------------

BOTH = """
    period: 2025-Q3
    owner: ops
    kpis:
      - id: K1
        title: Uptime at least 99.9%
        target: ">= 99.9%"
        done: true
      - id: K2
        title: SOC 2 report published
        done: false
        target: 1
      - id: K3
        title: Status page public
        done: true
"""


def test_a_kpi_with_both_target_and_done_is_a_schema_error_at_done(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/ops.yaml": BOTH})
    result = okr(tmp_path, "check", "--format", "parsable", "--as-of", "2025-08-15")
    message = "a KPI has either a `target` or `done:` (true/false), not both; remove one (schema)"
    assert result.code == 1
    assert result.out == (
        f"2025-Q3/ops.yaml:7:11: [error] {message}\n"  # at `done:`, as for a key result
        f"2025-Q3/ops.yaml:10:11: [error] {message}\n"  # written before the target: still at `done:`
    )


def test_a_kpi_with_both_is_left_out_of_scores(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/ops.yaml": BOTH, "2025-Q3/web.yaml": OPS.replace("owner: ops", "owner: web")})
    result = okr(tmp_path, "score", "2025-Q3", *AS_OF, "--format", "json")
    assert result.code == 1
    assert result.err == (
        "okr: left out of the scores: 2025-Q3/ops.yaml:7:11: a KPI has either a `target` or `done:` (true/false), not both; remove one (schema)\n"
    )
    document: Any = result.json()
    assert [k["ref"] for k in document["kpis"]] == [f"web/K{n}" for n in range(1, 7)]
    assert document["left_out"] == [{"path": "2025-Q3/ops.yaml", "rule": "schema"}]


def test_checkin_never_gives_a_kpi_both(tmp_path: Path) -> None:
    sheet = 'period: 2025-Q3\nowner: ops\nkpis:\n  - {id: K1, title: Uptime at least 99%, target: ">= 99%", actual: 98%}\n'
    write_files(tmp_path, {"2025-Q3/ops.yaml": sheet})
    result = okr(tmp_path, "checkin", "ops/K1", "true", "--date", "2025-08-01")
    assert result.code == 2 and "has a numeric target" in result.err
    assert (tmp_path / "2025-Q3/ops.yaml").read_text(encoding="utf-8") == sheet


@pytest.mark.parametrize("fields", [{"target": 5, "done": True}, {"done": False, "target": "<= 3"}, {"target": "1..2", "done": False}])
def test_the_model_refuses_both(fields: dict[str, Any]) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=r"a KPI has either a `target` or `done:` \(true/false\), not both; remove one"):
        kpi(**fields)


# --- messages, ceilings and shown values in full ----------------------------------------------

KPI_HINT = "a KPI's achievement is actual / target (or target / actual for <=); choose a positive target"


@pytest.mark.parametrize(
    ("target", "kind", "message"),
    [
        (">= 0", "threshold-ge", f"its target >= 0 makes value / target divide by zero; {KPI_HINT}"),
        ("-3", "threshold-ge", f"its target -3 makes value / target divide by a negative number; {KPI_HINT}"),
        ("<= -1", "threshold-le", f"its target <= -1 is negative, so target / value has no meaning; {KPI_HINT}"),
        ("< -1", "threshold-le", f"its target < -1 is negative, so target / value has no meaning; {KPI_HINT}"),
    ],
)
def test_a_kpi_that_cannot_be_scored_says_why(target: str, kind: str, message: str) -> None:
    result = score_kpi(kpi(target=target, actual=3), "o/K1", "o", Q3, KPI_BANDS)
    assert (result.ref, result.owner, result.title, result.kind, result.weight, result.error) == ("o/K1", "o", "A KPI", kind, 1.0, message)
    assert (result.achievement, result.met, result.grade) == (None, None, None)


@pytest.mark.parametrize(("actual", "expected"), [(0.5, 4.0), (1, 2.0), (2, 1.0), (4, 0.5), (0, 1.0), (-1, 1.0)])
def test_a_kpi_below_its_ceiling_keeps_earning(actual: float, expected: float) -> None:
    # target / actual, unlike a key result's 1 once met; at or below 0 it is 1 (T / 0 is undefined)
    assert score_kpi(kpi(target="<= 2", actual=actual), "o/K1", "o", Q3, KPI_BANDS).achievement == pytest.approx(expected)


def test_kpi_values_are_shown_in_the_locale() -> None:
    written = KPI.model_validate({"id": "K1", "title": "A KPI", "target": ">= 1.234,5", "actual": "1.000"}, context={"locale": "vi"})
    vi = score_kpi(written, "o/K1", "o", Q3, KPI_BANDS, "vi")
    assert (target_text(vi, "vi"), actual_text(vi, "vi"), vi.actual) == (">= 1.234,5", "1.000", 1000.0)
    assert (target_text(vi, "en"), actual_text(vi, "en")) == (">= 1,234.5", "1,000")
    nothing = score_kpi(kpi(target=">= 10"), "o/K1", "o", Q3, KPI_BANDS)
    assert (nothing.actual, actual_text(nothing, "en"), target_text(nothing, "en")) == (None, "—", ">= 10")
