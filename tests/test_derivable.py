"""Every number shown is derivable from what is shown beside it, and `okr report` agrees with
`okr score` and `okr scorecard`: grades from the scores and bands beside them, weights shown
where means are weighted, the months a KPI's achievement is the mean of, the KRs a
scorecard counts, the date of each check-in a confidence or a note comes from."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import run_okr, write_files
from tests.test_report import Page
from tests.test_score_cli import ANN, AS_OF, TEAM, okr


def objective(oid: str, kind: str, start: int, current: int, weight: str = "") -> str:
    """An objective of one metric KR from `start` to 100: its score is (current - start) / (100 - start)."""
    return f"""
      - id: {oid}
        title: Objective {oid}
        kind: {kind}{weight}
        key_results:
          - {{id: KR1, title: Orders reach 100 (from {start}), start: {start}, target: 100, current: {current}}}"""


def owner_sheet(owner: str, *objectives: str) -> str:
    return f"""
    period: 2025-Q3
    owner: {owner}
    objectives:""" + "".join(objectives) + "\n"


GRADES = {
    # committed 0.9 (yellow) and aspirational 0.5 (yellow): mean 0.7, green on the stretch bands.
    "2025-Q3/mixed.yaml": owner_sheet("mixed", objective("O1", "committed", 0, 90), objective("O2", "aspirational", 0, 50)),
    # aspirational 0.5 and 0.55 (weight 3): (0.5 + 3 × 0.55) / 4 = 0.5375, yellow.
    "2025-Q3/stretch.yaml": owner_sheet("stretch", objective("O1", "aspirational", 0, 50),
                                        objective("O2", "aspirational", 0, 55, "\n        weight: 3")),
    # committed 0.9 and 0.95: 0.925, yellow on the committed bands (green only at 1.0).
    "2025-Q3/promise.yaml": owner_sheet("promise", objective("O1", "committed", 0, 90), objective("O2", "committed", 0, 95)),
}


def test_an_owner_grade_agrees_with_the_objective_grades_beside_it(tmp_path: Path) -> None:
    write_files(tmp_path, GRADES)
    lines = okr(tmp_path, "report", "Q3", *AS_OF).out.splitlines()
    assert [line for line in lines if line.startswith(("| mixed ", "| stretch ", "| promise "))] == [
        # the quarter runs: projected grades, marked (one value per KR, no forecast: the
        # projections are the current scores)
        "| mixed | 0.70 | 🟡 ~yellow (lowest) | 2 | — | 0.70 |",
        "| promise | 0.92 | 🟡 ~yellow | 2 | — | 0.92 |",
        "| stretch | 0.53 | 🟡 ~yellow | 2 | — | 0.52 |",  # the scorecard: its KRs' mean, (0.5 + 0.55) / 2
    ]
    assert "## mixed · 0.70 🟡 ~yellow (lowest of their objectives, committed and aspirational)" in lines
    assert "**0.90** 🟡 ~yellow (expected by now 0.48) · on-track: projected 0.90, needs 1.00 · committed" in lines  # 1.0 × 0.4891
    assert "**0.55** 🟡 ~yellow (expected by now 0.29) · on-track: projected 0.55, needs 0.60 · aspirational · weight 3" in lines
    page = Page(okr(tmp_path, "report", "Q3", *AS_OF, "--format", "html").out)
    assert "mixed 0.70 ~yellow lowest of their objectives, committed and aspirational" in page.words()
    text = okr(tmp_path, "score", "Q3", *AS_OF).out.splitlines()
    assert "stretch  score 0.53" in text
    assert "  stretch/O2      [#####-----]  0.55  ~yellow  on-track: projected 0.55, needs 0.60  Objective O2 (aspirational, weight 3)" in text
    write_files(tmp_path, {"2025-Q3/stretch.yaml": GRADES["2025-Q3/stretch.yaml"].replace("weight: 3", "weight: -3")})
    text = okr(tmp_path, "score", "Q3", *AS_OF).out.splitlines()
    assert "stretch  score 0.50" in text  # the weight -3 counts as 0: O1 alone
    assert "  stretch/O2      [#####-----]  0.55  ~yellow  on-track: projected 0.55, needs 0.60  Objective O2 (aspirational, weight -3, counted as 0)" in text


CHECK_INS = TEAM.replace(
    "              - {date: 2025-08-01, value: 250000, confidence: 0.6}",
    "              - {date: 2025-08-01, value: 250000, confidence: 0.6}\n"
    "              - {date: 2025-08-08, value: 250000, note: Campaign paused}\n"
    "              - {date: 2025-08-11, value: 250000}",
).replace("{date: 2025-07-14, value: 230000, confidence: 0.7}", "{date: 2025-07-14, value: 230000, confidence: 0.7, note: Launch}")


def test_a_confidence_and_a_note_of_different_check_ins_each_show_their_date(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": CHECK_INS, "2025-Q3/team/ann.yaml": ANN})
    # The latest check-in (08-11) says neither; the confidence is the latest one's, like okr score's.
    score: Any = okr(tmp_path, "score", "Q3", *AS_OF, "--format", "json").json()
    assert score["objectives"][0]["key_results"][0]["confidence"] is None
    row = next(line for line in okr(tmp_path, "report", "Q3", *AS_OF).out.splitlines() if line.startswith("| KR1 | Visits"))
    assert row.endswith("| — | 2025-08-08: Campaign paused |")
    write_files(tmp_path, {"2025-Q3/team.yaml": CHECK_INS.replace("              - {date: 2025-08-11, value: 250000}\n", "")})
    row = next(line for line in okr(tmp_path, "report", "Q3", *AS_OF).out.splitlines() if line.startswith("| KR1 | Visits"))
    assert row.endswith("| — | 2025-08-08: Campaign paused |")  # the 08-08 check-in gives no confidence
    write_files(tmp_path, {"2025-Q3/team.yaml": CHECK_INS.replace("              - {date: 2025-08-11, value: 250000}\n", "").replace(
        "{date: 2025-08-08, value: 250000, note: Campaign paused}", "{date: 2025-07-20, value: 240000, note: Campaign paused}")})
    row = next(line for line in okr(tmp_path, "report", "Q3", *AS_OF).out.splitlines() if line.startswith("| KR1 | Visits"))
    assert row.endswith("| 0.60 (2025-08-01) | 2025-07-20: Campaign paused |")
    page = Page(okr(tmp_path, "report", "Q3", *AS_OF, "--format", "html").out)
    assert "confidence 0.60 (2025-08-01) · 2025-07-20: Campaign paused" in page.words("team/O1/KR1")


def test_the_scorecard_counts_what_the_owner_section_lists(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": ANN})
    lines = okr(tmp_path, "report", "Q3", *AS_OF).out.splitlines()
    # ann: KPIs min(1.25, 1); KRs (0.5 + 0.2 + 0) / 3 = 0.2333; 0.6 × 1 + 0.4 × 0.2333 = 0.6933.
    assert ("Scorecard **0.69** = 0.60 × KPIs 1.00 + 0.40 × key results 0.23; KPIs: each achievement capped at 1.00; "
            "key results: the 3 they own, 1 of them in others' objectives") in lines
    start = lines.index("### Key results of ann in others' objectives")
    assert lines[start + 4].startswith("| team/O1/KR1 | Visits reach 300,000 a month (from 200,000) | 200,000 → 250,000 → 300,000 | 0.50 |")
    assert lines[start + 5] == ""
    # team: KPIs min(1.05, 1); KRs (2 × 0.75 + 1) / 3 = 0.8333: not KR1 (ann's) nor O2/KR1 (bob's), marked so.
    assert ("Scorecard **0.93** = 0.60 × KPIs 1.00 + 0.40 × key results 0.83; KPIs: each achievement capped at 1.00; "
            "key results: the 2 they own") in lines
    assert any(line.startswith("| KR1 | Visits reach 300,000 a month (from 200,000) (owner: ann) |") for line in lines)
    assert any(line.startswith("| KR2 | Organic share of visits at least 40% (weight 2) |") for line in lines)
    assert any(line.startswith("| KR1 | Complaints per 1,000 orders at most 3 (owner: bob) |") for line in lines)
    card: Any = okr(tmp_path, "scorecard", "ann", "Q3", *AS_OF, "--format", "json").json()
    assert [(kr["ref"], kr["owner"], kr["score"]) for kr in card["key_results"]] == [
        ("team/O1/KR1", "ann", 0.5), ("ann/O1/KR1", "ann", 0.2), ("ann/O1/KR2", "ann", 0),
    ]
    page = Page(okr(tmp_path, "report", "Q3", *AS_OF, "--format", "html").out)
    assert page.errors == []
    assert "Key results of ann in others' objectives team/O1/KR1 Visits reach 300,000 a month (from 200,000)" in page.words()


def test_a_kpi_on_monthly_readings_shows_them_everywhere(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": ANN})
    # team/K1: actual 110, but a = (90 / 100 + 120 / 100) / 2 = 1.05, not 110 / 100.
    text = okr(tmp_path, "score", "Q3", *AS_OF).out.splitlines()
    assert "  team/K1      [##########]  1.05  green    met               Signups per month  [90 · 120 / 100, mean of 2 months]" in text
    assert "  team/K2      [##########]  1.25  green    met               Cost per lead at most $50  [$40 / <= $50]" in text
    card = okr(tmp_path, "scorecard", "team", "Q3", *AS_OF).out.splitlines()
    assert card[2:4] == [
        "", "KPIs (60%, each achievement capped at 1.00)",
    ]
    assert card[4].endswith("Signups per month  [90 · 120 / 100, mean of 2 months]")
    report = okr(tmp_path, "report", "Q3", *AS_OF).out.splitlines()
    assert "| team/K1 | Signups per month | 90 · 120 / 100, mean of 2 months | 1.05 | met | 🟢 green |" in report
    page = Page(okr(tmp_path, "report", "Q3", *AS_OF, "--format", "html").out)
    assert page.words("team/K1") == "team/K1 Signups per month 90 · 120 / 100 mean of 2 months 1.05 ✓ met green"


def test_a_kpi_without_a_value_counts_as_zero_and_says_so(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM.replace('        actual: "$40"\n', "")})
    card = okr(tmp_path, "scorecard", "ann", "Q3", *AS_OF).out.splitlines()
    # ann's one KPI, team/K2, has no value: KPIs 0; her one KR, team/O1/KR1, 0.5; 0.6 × 0 + 0.4 × 0.5 = 0.2.
    assert card[1:4] == [
        "Score 0.20 = 0.60 × KPIs 0.00 + 0.40 × key results 0.50", "", "KPIs (60%, each achievement capped at 1.00, no value counts as 0)",
    ]


def git(repo: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ} | ({"GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"} if day else {})
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_history_of_a_kpi_on_readings_shows_the_readings(git_repo: Path) -> None:
    write_files(git_repo, {"2025-Q3/team.yaml": TEAM.replace("actual: 110", "actual: 95")})
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-qm", "Q3", day="2025-07-10")
    write_files(git_repo, {"2025-Q3/team.yaml": TEAM})  # actual 95 → 110: a git point of `actual`
    git(git_repo, "commit", "-qam", "actual", day="2025-08-12")
    result = run_okr("history", "team/K1", *AS_OF, "--format", "json", cwd=git_repo)
    assert (result.code, result.err) == (0, "")
    assert result.json() == {"ref": "team/K1", "points": [
        {"date": "2025-07-01", "value": 90, "source": "reading", "commit": None, "month": "2025-07"},
        {"date": "2025-08-10", "value": 120, "source": "reading", "commit": None, "month": "2025-08"},
    ]}
    text = run_okr("history", "team/K1", *AS_OF, cwd=git_repo, env={"NO_COLOR": "1"}).out.splitlines()
    assert text == [
        "team/K1  ▁█  2 monthly readings, 2025-07 → 2025-08-10; its achievement is their mean",
        "date        value  change  source   commit",
        "2025-07        90          reading",
        "2025-08-10    120     +30  reading",
    ]
    # Without readings, the value's own history: git points of `actual` and check-ins.
    other: Any = run_okr("history", "team/K2", *AS_OF, "--format", "json", cwd=git_repo).json()
    assert [p["source"] for p in other["points"]] == ["git"]


def test_a_forecast_of_tiny_values_scores_the_value_it_shows(tmp_path: Path) -> None:
    """A KR from 0 to 0.0001: the line through 0 (07-01, its start) and 0.00000074 (07-10)
    reaches 0.00000074 × 91 / 9 = 0.0000074822 on 09-30, shown as 0 at 4 decimals (SPEC
    3.1); its score is that of the value shown, 0, not 0.0748 (the unrounded value's)."""
    write_files(tmp_path, {"2025-Q3/lab.yaml": """
        period: 2025-Q3
        owner: lab
        objectives:
          - id: O1
            title: Cleaner samples
            key_results:
              - id: KR1
                title: Impurity signal reaches 0.0001
                start: 0
                target: 0.0001
                check_ins:
                  - {date: 2025-07-10, value: 0.00000074}
              - {id: KR2, title: Samples reach 100, start: 0, target: 100, current: 50}
    """})
    document = run_okr("score", "--as-of", "2025-08-01", "--format", "json", cwd=tmp_path).json()
    objective: dict[str, Any] = document["objectives"][0]  # type: ignore[index]
    kr1 = objective["key_results"][0]
    assert (kr1["current"], kr1["score"], kr1["forecast"]) == (0.00000074, 0.0074, {"value": 0, "score": 0, "eta": None})
    # KR2 has one point only (no check-in, not in git): no forecast, its score 0.5 counts
    assert (objective["key_results"][1]["forecast"], objective["projected_score"]) == (None, 0.25)
