"""The edges of scoring and of its display (SPEC 2.2, 3, 7): both ends of a band, a status for
a score just below 1, and scores cut (not rounded) to 2 decimals in text and Markdown, so a
shown number always agrees with the grade beside it. `okr score` runs on real sheets; the pure
functions are tested too where an edge needs exact floats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import Result, run_okr, write_files

from okrcli.model.kinds import formula_problem
from okrcli.model.sheet import KeyResult
from okrcli.model.values import format_number, parse_value
from okrcli.reporters.values import fixed, kr_current, kr_target
from okrcli.score.key_results import (
    expected_score,
    in_band,
    kr_status,
    score_key_result,
)
from okrcli.score.records import ObjectiveScore, ScoreReport

AS_OF = ("--as-of", "2025-08-15")  # 45 of Q3's 92 days gone: elapsed 0.4891
RELAXED = "rules:\n  max-key-results: {max: 10}\n  max-objectives: {max: 10}\n  min-key-results: disable\n"


def okr(root: Path, *args: str) -> Result:
    return run_okr(*args, "-C", str(root), cwd=root)


# --- bands: both ends are inside ------------------------------------------------------------

BANDS = """
    period: 2025-Q3
    owner: qa
    objectives:
      - id: O1
        title: Keep page weight in its budget
        key_results:
          - {id: KR1, title: Page weight stays within 95 to 99 kB, target: "95..99", current: 95}
          - {id: KR2, title: Page weight stays within 95 to 99 kB, target: "95..99", current: 99}
          - {id: KR3, title: Page weight stays within 95 to 99 kB, target: "95..99", current: "94.99"}
          - {id: KR4, title: Page weight stays within 95 to 99 kB, target: "95..99", current: "99.01"}
    kpis:
      - {id: K1, title: Uptime within 95 to 99%, target: "95..99%", actual: 95%}
      - {id: K2, title: Uptime within 95 to 99%, target: "95..99%", actual: 99%}
      - {id: K3, title: Uptime within 95 to 99%, target: "95–99%", actual: 94.9%}
"""


def test_band_ends_score_one_and_just_outside_zero(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/qa.yaml": BANDS, ".okr.yaml": RELAXED})
    result = okr(tmp_path, "score", "2025-Q3", *AS_OF, "--format", "json")
    assert (result.code, result.err) == (0, "")
    document: Any = result.json()
    key_results = document["objectives"][0]["key_results"]
    assert [(k["ref"], k["target"], k["current"], k["progress"], k["score"], k["status"]) for k in key_results] == [
        ("qa/O1/KR1", [95, 99], 95, 1, 1, "done"),
        ("qa/O1/KR2", [95, 99], 99, 1, 1, "done"),
        ("qa/O1/KR3", [95, 99], 94.99, 0, 0, "off-track"),
        ("qa/O1/KR4", [95, 99], 99.01, 0, 0, "off-track"),
    ]
    assert document["objectives"][0]["score"] == 0.5  # (1 + 1 + 0 + 0) / 4
    assert [(k["ref"], k["achievement"], k["met"], k["grade"]) for k in document["kpis"]] == [
        ("qa/K1", 1, True, "green"), ("qa/K2", 1, True, "green"), ("qa/K3", 0, False, "red"),
    ]


@pytest.mark.parametrize(
    ("band", "value", "expected"),
    [
        ("95..99", 95.0, 1.0), ("95..99", 94.99999999, 0.0), ("95..99", 99.0, 1.0), ("95..99", 99.00000001, 0.0),
        ("95..99", 97.0, 1.0), ("-5..-1", -5.0, 1.0), ("-5..-1", -1.0, 1.0), ("-5..-1", -0.5, 0.0),
        ("0..0", 0.0, 1.0), ("0..0", 1e-09, 0.0),
    ],
)
def test_in_band_includes_both_ends(band: str, value: float, expected: float) -> None:
    assert in_band(parse_value(band, allow_band=True), value) == expected


# --- a score between 0.9 and 1 --------------------------------------------------------------

NEAR_ONE = """
    period: 2025-Q3
    owner: qa
    objectives:
      - id: O1
        title: Ship every order we take
        kind: committed
        key_results:
          - {id: KR1, title: Orders shipped reach 100000, start: 0, target: 100000, current: 99995}
          - {id: KR2, title: Orders shipped reach 100000, start: 0, target: 100000, current: 99990}
      - id: O2
        title: Delight the customers we have
        key_results:
          - {id: KR1, title: Orders shipped reach 100000, start: 0, target: 100000, current: 99995}
          - {id: KR2, title: Orders shipped reach 100000, start: 0, target: 100000, current: 99995}
"""


def test_a_score_that_rounds_to_one_is_done_and_one_below_is_not(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/qa.yaml": NEAR_ONE, ".okr.yaml": RELAXED})
    result = okr(tmp_path, "score", "2025-Q3", *AS_OF, "--format", "json")
    assert (result.code, result.err) == (0, "")
    document: Any = result.json()
    committed, aspirational = document["objectives"]
    # 0.99995 is 1.0 at 4 decimals: done; 0.9999 is not, and is ahead of the pace (0.4891)
    assert [(k["score"], k["status"]) for k in committed["key_results"]] == [(1, "done"), (0.9999, "on-track")]
    # (0.99995 + 0.9999) / 2 = 0.999925 → 0.9999: committed objectives are green only at 1
    assert (committed["score"], committed["grade"], committed["status"], committed["too_easy"]) == (0.9999, "yellow", "on-track", False)
    assert (aspirational["score"], aspirational["grade"], aspirational["status"], aspirational["too_easy"]) == (1, "green", "done", True)
    lines = okr(tmp_path, "score", "2025-Q3", *AS_OF).out.splitlines()
    assert lines[3:6] == [
        "  qa/O1      [#########-]  0.99  ~yellow  on-track: projected 0.99, needs 1.00  Ship every order we take (committed)",
        "  qa/O1/KR1  [##########]  1.00           done              Orders shipped reach 100000  [99,995 / 100,000]",
        "  qa/O1/KR2  [#########-]  0.99           on-track          Orders shipped reach 100000  [99,990 / 100,000]",
    ]
    assert lines[6] == "  qa/O2      [##########]  1.00  ~green   done              Delight the customers we have (aspirational, too easy?)"


@pytest.mark.parametrize(
    ("score", "expected", "status"),
    [
        (0.99995, 1.0, "done"),            # 1.0 at 4 decimals
        (0.99994999, 1.0, "at-risk"),      # 0.9999: not done, and below a pace of 1
        (0.9999, 1.0, "at-risk"),
        (0.9999, 0.9999, "on-track"),
        (0.9999, 0.5, "on-track"),
        (0.95, 1.0, "at-risk"),
        (1.0, 1.0, "done"),
        (1.5, 0.2, "done"),
        (0.29999, 0.3, "on-track"),        # the pace is compared at 4 decimals too
        (0.29994, 0.3, "at-risk"),
        (0.22496, 0.3, "at-risk"),         # 0.75 × 0.3 = 0.225
        (0.22494, 0.3, "off-track"),
        (0.0, 0.0, "on-track"),
        (None, 0.9, "pending"),
    ],
)
def test_kr_status_near_the_edges(score: float | None, expected: float, status: str) -> None:
    assert kr_status(score, expected) == status


# --- positive fractions as shown: cut to 2 decimals, values as written ----------------------

FRACTIONS = """
    period: 2025-Q3
    owner: qa
    objectives:
      - id: O1
        title: Show the conversion as graded
        key_results:
          - {id: KR1, title: Conversion rate reaches 1, target: ">= 1", current: "0.5967"}
      - id: O2
        title: Show the conversion as graded
        key_results:
          - {id: KR1, title: Conversion rate reaches 1, target: ">= 1", current: "0.59999"}
      - id: O3
        title: Show the conversion as graded
        key_results:
          - {id: KR1, title: Conversion rate reaches 1, target: ">= 1", current: "0.6"}
          - {id: KR2, title: Orders reach 3, start: 0, target: 3, current: 1}
          - {id: KR3, title: Conversion rate reaches 1, target: ">= 1", current: "0.005"}
          - {id: KR4, title: Conversion rate reaches 1, target: ">= 1", current: 2.5e-05}
          - {id: KR5, title: Conversion rate reaches 1, target: ">= 1", current: 1e-05}
          - {id: KR6, title: Conversion rate reaches 1, target: ">= 1", current: "0.29"}
          - {id: KR7, title: Conversion rate reaches 1, target: ">= 1", current: "0.57"}
          - {id: KR8, title: Conversion rate reaches 1, target: ">= 1", current: "0.58"}
"""
# O3: (0.6 + 1/3 + 0.005 + 0.000025 + 0.00001 + 0.29 + 0.57 + 0.58) / 8 = 2.378368… / 8 = 0.297296…
# qa: (0.5967 + 0.59999 + 0.297296) / 3 = 0.497995…


@pytest.fixture
def fractions(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/qa.yaml": FRACTIONS, ".okr.yaml": RELAXED})


def test_text_cuts_scores_to_two_decimals_beside_their_grade(fractions: Path) -> None:
    result = okr(fractions, "score", "2025-Q3", *AS_OF)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[2:17] == [
        "qa  score 0.49",
        "  qa/O1      [#####-----]  0.59  ~yellow  on-track: projected 0.59, needs 0.60  Show the conversion as graded (aspirational)",
        "  qa/O1/KR1  [#####-----]  0.59           on-track          Conversion rate reaches 1  [0.5967 / >= 1]",
        "  qa/O2      [######----]  0.60  ~green   on-track: projected 0.60, needs 0.60  Show the conversion as graded (aspirational)",
        "  qa/O2/KR1  [######----]  0.60           on-track          Conversion rate reaches 1  [0.59999 / >= 1]",
        "  qa/O3      [##--------]  0.29  ~red     off-track: projected 0.29, needs 0.60  Show the conversion as graded (aspirational)",
        "  qa/O3/KR1  [######----]  0.60           on-track          Conversion rate reaches 1  [0.6 / >= 1]",
        "  qa/O3/KR2  [###-------]  0.33           on-track          Orders reach 3  [1 / 3]",
        "  qa/O3/KR3  [----------]  0.00           off-track         Conversion rate reaches 1  [0.005 / >= 1]",
        "  qa/O3/KR4  [----------]  0.00           off-track         Conversion rate reaches 1  [0.000025 / >= 1]",
        "  qa/O3/KR5  [----------]  0.00           off-track         Conversion rate reaches 1  [0.00001 / >= 1]",
        "  qa/O3/KR6  [##--------]  0.29           at-risk           Conversion rate reaches 1  [0.29 / >= 1]",
        "  qa/O3/KR7  [#####-----]  0.57           on-track          Conversion rate reaches 1  [0.57 / >= 1]",
        "  qa/O3/KR8  [#####-----]  0.58           on-track          Conversion rate reaches 1  [0.58 / >= 1]",
        "",
    ]


def test_markdown_cuts_scores_to_two_decimals_beside_their_grade(fractions: Path) -> None:
    lines = okr(fractions, "score", "2025-Q3", *AS_OF, "--format", "markdown").out.splitlines()
    assert "## qa · score 0.49" in lines
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| Ref ")]
    assert rows == [
        "| **qa/O1** | **Show the conversion as graded** (aspirational) | | **0.59** | ~yellow | on-track: projected 0.59, needs 0.60 |",
        "| qa/O1/KR1 | Conversion rate reaches 1 | 0.5967 / >= 1 | 0.59 | | on-track |",
        "| **qa/O2** | **Show the conversion as graded** (aspirational) | | **0.60** | ~green | on-track: projected 0.60, needs 0.60 |",
        "| qa/O2/KR1 | Conversion rate reaches 1 | 0.59999 / >= 1 | 0.60 | | on-track |",
        "| **qa/O3** | **Show the conversion as graded** (aspirational) | | **0.29** | ~red | off-track: projected 0.29, needs 0.60 |",
        "| qa/O3/KR1 | Conversion rate reaches 1 | 0.6 / >= 1 | 0.60 | | on-track |",
        "| qa/O3/KR2 | Orders reach 3 | 1 / 3 | 0.33 | | on-track |",
        "| qa/O3/KR3 | Conversion rate reaches 1 | 0.005 / >= 1 | 0.00 | | off-track |",
        "| qa/O3/KR4 | Conversion rate reaches 1 | 0.000025 / >= 1 | 0.00 | | off-track |",
        "| qa/O3/KR5 | Conversion rate reaches 1 | 0.00001 / >= 1 | 0.00 | | off-track |",
        "| qa/O3/KR6 | Conversion rate reaches 1 | 0.29 / >= 1 | 0.29 | | at-risk |",
        "| qa/O3/KR7 | Conversion rate reaches 1 | 0.57 / >= 1 | 0.57 | | on-track |",
        "| qa/O3/KR8 | Conversion rate reaches 1 | 0.58 / >= 1 | 0.58 | | on-track |",
    ]


def test_json_keeps_four_decimals_of_the_same_scores(fractions: Path) -> None:
    document: Any = okr(fractions, "score", "2025-Q3", *AS_OF, "--format", "json").json()
    assert [(o["score"], o["grade"]) for o in document["objectives"]] == [(0.5967, "yellow"), (0.6, "green"), (0.2973, "red")]
    assert [k["score"] for k in document["objectives"][2]["key_results"]] == [0.6, 0.3333, 0.005, 0, 0, 0.29, 0.57, 0.58]
    assert document["owners"] == [{"owner": "qa", "score": 0.498}]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.5967, "0.59"), (0.6, "0.60"), (1 / 3, "0.33"), (2 / 3, "0.66"), (0.005, "0.00"), (2.5e-05, "0.00"),
        (0.59999, "0.60"), (0.59994, "0.59"), (0.29, "0.29"), (0.57, "0.57"), (0.58, "0.58"), (0.999949, "0.99"),
        (0.99995, "1.00"), (1.0, "1.00"), (0.0, "0.00"), (1.25, "1.25"), (None, "—"),
    ],
)
def test_fixed_cuts_after_rounding_to_four_decimals(value: float | None, shown: str) -> None:
    assert fixed(value, "en") == shown
    assert fixed(value, "vi") == shown.replace(".", ",")  # the repo's decimal mark, the same figure


def test_fixed_all_hundredths_show_as_themselves() -> None:
    # 0.29 × 100 is 28.999…: without the nudge it would show as 0.28.
    assert [fixed(n / 100, "en") for n in range(101)] == [f"{n // 100}.{n % 100:02d}" for n in range(101)]
    assert [fixed(n / 100, "vi") for n in range(101)] == [f"{n // 100},{n % 100:02d}" for n in range(101)]


@pytest.mark.parametrize(
    ("number", "en", "vi"),
    [
        (0.5967, "0.5967", "0,5967"), (0.6, "0.6", "0,6"), (1 / 3, "0.3333333333333333", "0,3333333333333333"),
        (0.005, "0.005", "0,005"), (2.5e-05, "0.000025", "0,000025"), (1e-05, "0.00001", "0,00001"),
        (1234.5, "1,234.5", "1.234,5"), (0.0, "0", "0"), (-0.25, "-0.25", "-0,25"),
    ],
)
def test_format_number_shows_fractions_as_written(number: float, en: str, vi: str) -> None:
    assert (format_number(number), format_number(number, "vi")) == (en, vi)


# --- messages, pace goals, staleness and shown values in full ---------------------------------

def kr(locale: str = "en", **fields: Any) -> KeyResult:
    return KeyResult.model_validate({"id": "KR1", "title": "A key result", **fields}, context={"locale": locale})


HINT = "add a `start:` (the baseline) so it scores as (current − start) / (target − start)"


@pytest.mark.parametrize(
    ("fields", "kind", "message"),
    [
        (
            {"start": 40, "target": 40},
            "metric",
            "its target 40 equals its start: (current − start) / (target − start) divides by zero; set `start:` to the baseline",
        ),
        ({"target": ">= 0"}, "threshold-ge", f"its target >= 0 makes value / target divide by zero; {HINT}"),
        ({"target": ">= -5"}, "threshold-ge", f"its target >= -5 makes value / target divide by a negative number; {HINT}"),
        ({"target": "<= -1"}, "threshold-le", f"its target <= -1 is negative, so target / value has no meaning; {HINT}"),
        (
            {"start": 10, "target": ">= 5"},
            "metric",
            "its target >= 5 is below its start 10, so progress would count backwards; fix the start or the comparator",
        ),
        ({"start": 10, "target": "> 5"}, "metric", "its target > 5 is below its start 10, so progress would count backwards; fix the start or the comparator"),
        (
            {"start": 10, "target": "<= 15"},
            "metric",
            "its target <= 15 is above its start 10, so progress would count backwards; fix the start or the comparator",
        ),
        (
            {"start": 10, "target": "< 15"},
            "metric",
            "its target < 15 is above its start 10, so progress would count backwards; fix the start or the comparator",
        ),
        ({}, None, 'it has no `target` and no `done:`; write a numeric target (target: ">= 40%") or make it a milestone (done: false)'),
    ],
)
def test_formula_problems_in_full(fields: dict[str, Any], kind: str | None, message: str) -> None:
    assert formula_problem(kr(**fields)) == message
    broken = score_key_result(kr(**fields, current=12), "o/O1/KR1", "o", 0.3)
    assert (broken.ref, broken.title, broken.kind, broken.owner, broken.weight, broken.error) == ("o/O1/KR1", "A key result", kind, "o", 1.0, message)
    assert (broken.score, broken.progress, broken.status) == (None, None, None)


@pytest.mark.parametrize(
    ("elapsed", "kind", "expected"),
    [(0.5, "committed", 0.5), (0.5, "aspirational", 0.3), (0.5, "stretch", 0.3), (1.0, "committed", 1.0), (0.0, "committed", 0.0)],
)
def test_expected_score_is_elapsed_times_the_goal(elapsed: float, kind: str, expected: float) -> None:
    assert expected_score(elapsed, kind) == pytest.approx(expected)


def test_a_milestones_confidence_is_its_latest_done_check_ins() -> None:
    check_ins = [{"date": "2025-07-01", "value": False, "confidence": 0.4}, {"date": "2025-08-01", "value": True, "confidence": 0.8}]
    result = score_key_result(kr(check_ins=check_ins), "o/O1/KR1", "o", 0.3)
    assert (result.kind, result.current, kr_current(result, "en"), result.confidence, result.status) == ("milestone", 1.0, "done", 0.8, "done")


@pytest.mark.parametrize(
    ("fields", "status", "stale"),
    [
        ({"start": 0, "target": 10, "current": 4}, "on-track", True),
        ({"start": 0, "target": 10, "current": 10}, "done", False),  # nothing left to update
        ({"start": 0, "target": 10}, "pending", False),  # never updated is not stale
    ],
)
def test_only_open_krs_with_a_value_go_stale(fields: dict[str, Any], status: str, stale: bool) -> None:
    result = score_key_result(kr(**fields), "o/O1/KR1", "o", 0.2, as_of=dt.date(2025, 8, 15), last_update=dt.date(2025, 7, 1))
    assert (result.status, result.stale) == (status, stale)


@pytest.mark.parametrize(("last_update", "stale"), [(dt.date(2025, 7, 31), True), (dt.date(2025, 8, 1), False)])
def test_stale_after_14_days_by_default(last_update: dt.date, stale: bool) -> None:
    result = score_key_result(kr(start=0, target=10, current=4), "o/O1/KR1", "o", 0.2, as_of=dt.date(2025, 8, 15), last_update=last_update)
    assert result.stale is stale  # 15 days and 14 days before the as-of date


def test_values_are_shown_as_written_and_in_the_locale() -> None:
    from_check_in = score_key_result(kr(target=">= 40%", check_ins=[{"date": "2025-07-14", "value": "36%"}]), "r", "o", 0.2)
    assert (from_check_in.current, kr_current(from_check_in, "en"), kr_target(from_check_in, "en")) == (36.0, "36%", ">= 40%")
    vi = score_key_result(kr("vi", target=">= 1.234,5", check_ins=[{"date": "2025-07-01", "value": "1.000,5"}]), "r", "o", 0.2, locale="vi")
    assert (kr_target(vi, "vi"), kr_current(vi, "vi")) == (">= 1.234,5", "1.000,5")
    assert (kr_target(vi, "en"), kr_current(vi, "en")) == (">= 1,234.5", "1,000.5")
    pending = score_key_result(kr(start=0, target=10), "r", "o", 0.2)
    assert (pending.current, kr_current(pending, "en")) == (None, "—")
    done = score_key_result(kr(done=True), "r", "o", 0.2)
    assert (kr_current(done, "en"), kr_target(done, "en")) == ("done", "done")


def test_grade_counts_count_the_grade_that_stands() -> None:
    """Projected grades while the period runs (what the rows show), final ones after it."""

    def objective(grade: Any, projected: Any, ended: bool) -> ObjectiveScore:
        return ObjectiveScore(ref="o/O1", owner="o", title="t", kind="aspirational", weight=1.0, score=None, grade=grade, status="pending",
                              too_easy=False, projected_grade=projected, ended=ended)

    grades = [("green", "red"), ("green", "green"), ("red", None), (None, "green"), ("green", "yellow")]
    running = ScoreReport(period="2025-Q3", as_of=dt.date(2025, 8, 15), elapsed=0.5, objectives=[objective(g, p, False) for g, p in grades])
    assert running.grade_counts() == {"green": 2, "yellow": 1, "red": 1}
    ended = ScoreReport(period="2025-Q3", as_of=dt.date(2025, 10, 15), elapsed=1.0, objectives=[objective(g, None, True) for g, _ in grades])
    assert ended.grade_counts() == {"green": 3, "yellow": 0, "red": 1}
