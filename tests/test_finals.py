"""A closed period's `final:` is what every command shows (SPEC 3.1): `okr close`, then a value
edited by hand; score, scorecard, tree and report keep the frozen numbers in every format,
and `okr check` reports `closed-period-changed`. Real git, dated commits; numbers by hand."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr, write_files
from test_report import Page

PATH = "2025-Q3/growth.yaml"
SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    retro: Trials grew; conversion did not
    key_results:
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: 1980
      - id: KR2
        title: Trial conversion reaches 18% (from 12%)
        start: 12%
        target: 18%
        current: 14%
kpis:
  - {id: K1, title: Churn under 5%, target: "<= 5%", actual: 4%}
  - {id: K2, title: Demos per month, target: ">= 100", actual: 90}
  - {id: K3, title: Uptime, target: ">= 99%", actual: 99.5%}
"""
# At closing: KR1 (1980 − 1500) / 900 = 0.5333, KR2 (14 − 12) / 6 = 0.3333, O1 0.4333 (yellow);
# K1 5 / 4 = 1.25 (green), K2 90 / 100 = 0.9 (yellow), K3 99.5 / 99 = 1.0051 (green).
# The hand edits after it: KR1 2400 (1.0), so O1 would be 0.6667 (green); K1 10% (5 / 10 =
# 0.5, red); K2 120 (1.2, green).
EDITS = (("current: 1980", "current: 2400"), ("actual: 4%", "actual: 10%"), ("actual: 90", "actual: 120"))


def git(repo: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, **({"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day} if day else {})}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def edit(repo: Path) -> None:
    text = (repo / PATH).read_text(encoding="utf-8")
    for old, new in EDITS:
        assert old in text
        text = text.replace(old, new)
    (repo / PATH).write_text(text, encoding="utf-8")


@pytest.fixture
def closed(git_repo: Path) -> Path:
    """Q3 committed on 09-20, closed on 10-03 and committed, then edited by hand (not committed)."""
    write_files(git_repo, {PATH: SHEET})
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-qm", "Q3", day="2025-09-20T10:00:00+07:00")
    result = run_okr("close", "2025-Q3", "--date", "2025-10-03", cwd=git_repo)
    assert result.code == 0, result.err
    git(git_repo, "commit", "-qam", "close Q3", day="2025-10-03T10:00:00+07:00")
    edit(git_repo)
    return git_repo


def okr_json(repo: Path, *args: str) -> Any:
    result = run_okr(*args, "--format", "json", cwd=repo)
    assert result.code == 0, result.err
    return json.loads(result.out)


FINAL_O1 = {"score": 0.4333, "grade": "yellow"}


def test_score_json_shows_the_finals_not_the_edited_values(closed: Path) -> None:
    document = okr_json(closed, "score", "2025-Q3")  # today: the working tree, edits included
    objective = document["objectives"][0]
    assert {key: objective[key] for key in ("score", "grade", "status", "too_easy", "projected_score", "projected_grade", "final", "retro")} == {
        "score": 0.4333, "grade": "yellow", "status": "closed", "too_easy": False,
        "projected_score": 0.4333, "projected_grade": "yellow", "final": FINAL_O1, "retro": "Trials grew; conversion did not",
    }
    # the key results have no finals: they show their values now (KR1 done at 2400)
    assert [(k["current"], k["score"], k["status"]) for k in objective["key_results"]] == [(2400, 1, "done"), (14, 0.3333, "closed")]
    assert [(k["actual"], k["achievement"], k["met"], k["grade"], k["final"]) for k in document["kpis"]] == [
        (10, 1.25, True, "green", {"achievement": 1.25, "grade": "green"}),
        (120, 0.9, False, "yellow", {"achievement": 0.9, "grade": "yellow"}),
        (99.5, 1.0051, True, "green", {"achievement": 1.0051, "grade": "green"}),
    ]
    assert (document["owners"], document["ended"], document["closed"]) == ([{"owner": "growth", "score": 0.4333}], True, True)


def test_scorecard_and_tree_are_built_from_the_finals(closed: Path) -> None:
    card = okr_json(closed, "scorecard", "growth", "2025-Q3")
    # KPI part from the finals: (min(1.25, 1) + 0.9 + min(1.0051, 1)) / 3 = 0.9667 (the edited
    # values would give (0.5 + 1 + 1) / 3 = 0.8333); KR part (1 + 0.3333) / 2 = 0.6667;
    # 0.6 × 0.9667 + 0.4 × 0.6667 = 0.8467.
    assert (card["kpi_part"], card["kr_part"], card["score"]) == (0.9667, 0.6667, 0.8467)
    tree = okr_json(closed, "tree", "2025-Q3")["tree"]
    assert [(n["ref"], n["score"], n["grade"], n["status"]) for n in tree] == [("growth/O1", 0.4333, "yellow", "closed")]


def test_text_markdown_and_csv_show_the_finals(closed: Path) -> None:
    text = run_okr("score", "2025-Q3", cwd=closed, env={"NO_COLOR": "1"}).out.splitlines()
    assert text[2:4] == [
        "growth  score 0.43",
        "  growth/O1      [####------]  0.43  yellow  closed            Make self-serve signups our main acquisition engine (aspirational)",
    ]
    assert "  growth/K1      [##########]  1.25  green   met               Churn under 5%  [10% / <= 5%]" in text
    assert text[-1] == "Objectives: 0 green, 1 yellow, 0 red · KPIs: 2 of 3 met · 100% of 2025-Q3 gone"
    markdown = run_okr("score", "2025-Q3", "--format", "markdown", cwd=closed).out
    assert "| **growth/O1** | **Make self-serve signups our main acquisition engine** (aspirational) | | **0.43** | yellow | closed |" in markdown
    assert "| growth/K2 | Demos per month | 120 / >= 100 | 0.90 | yellow | no |" in markdown
    csv = run_okr("score", "2025-Q3", "--format", "csv", cwd=closed).out.splitlines()
    assert "kpi,growth/K1,growth,,Churn under 5%,threshold-le,,5,10,1.25,1.25,green,met,,,1,,,," in csv


def test_the_report_shows_the_finals_and_the_retro(closed: Path) -> None:
    markdown = run_okr("report", "2025-Q3", cwd=closed).out
    assert "| growth | 0.43 | 🟡 yellow | 1 | 2 of 3 | 0.84 |" in markdown  # the scorecard: 0.8467
    start = markdown.index("### growth/O1")
    assert markdown[start:].split("\n\n")[1:4] == [
        "**0.43** 🟡 yellow (expected by now 0.60) · closed · aspirational",
        "Final (okr close): **0.43** 🟡 yellow",
        "Retro: Trials grew; conversion did not",
    ]
    assert "| growth/K1 | Churn under 5% | 10% / ≤ 5% | 1.25 | met | 🟢 green · final 1.25 green |" in markdown
    page = Page(run_okr("report", "2025-Q3", "--format", "html", cwd=closed).out)
    assert page.errors == []
    assert page.words("growth/O1").startswith(
        "growth/O1 Make self-serve signups our main acquisition engine aspirational · expected by now 0.60 0.43 yellow closed "
        "Final (okr close): 0.43 yellow Retro : Trials grew; conversion did not")
    assert page.words("growth/K2").startswith("growth/K2 Demos per month 120 / ≥ 100 0.90 ✗ not met yellow · final 0.90 yellow")


def test_check_reports_the_changed_values(closed: Path) -> None:
    result = run_okr("check", "--format", "parsable", cwd=closed)
    assert result.code == 1
    changed = [line for line in result.out.splitlines() if line.endswith("(closed-period-changed)")]
    # at each `final:` (the close added `closed:` at line 3 and O1's `final:` at line 8)
    assert [line.split(" [error] ")[0] for line in changed] == [f"{PATH}:8:5:", f"{PATH}:21:67:", f"{PATH}:22:69:"]
    assert changed[0].split(" [error] ")[1] == (
        "growth/O1 was closed with score 0.4333 (`final:`), but its values as of 2025-10-03 now give 0.6667: a closed period's "
        "values are final; restore them, or remove `closed:` and every `final:` and run `okr close` again (closed-period-changed)"
    )
    assert "growth/K1 was closed with achievement 1.2500 (`final:`), but its values as of 2025-10-03 now give 0.5000" in changed[1]
    assert "growth/K2 was closed with achievement 0.9000 (`final:`), but its values as of 2025-10-03 now give 1.2000" in changed[2]


def test_a_past_day_reads_the_commit_and_its_finals(closed: Path) -> None:
    git(closed, "commit", "-qam", "edit after the close", day="2025-10-10T10:00:00+07:00")
    after = okr_json(closed, "score", "2025-Q3", "--as-of", "2025-10-15")  # the edited commit, closed
    assert (after["objectives"][0]["score"], after["objectives"][0]["final"], after["closed"]) == (0.4333, FINAL_O1, True)
    assert run_okr("check", "--as-of", "2025-10-15", "--format", "parsable", cwd=closed).out.count("(closed-period-changed)") == 3
    # 10-01: ended, not closed yet: the commit of 09-20, recomputed (the values then give 0.4333 too)
    before = okr_json(closed, "score", "2025-Q3", "--as-of", "2025-10-01")
    assert (before["objectives"][0]["score"], before["objectives"][0]["final"], before["ended"], before["closed"]) == (0.4333, None, True, False)
    assert [k["final"] for k in before["kpis"]] == [None, None, None]


@pytest.mark.parametrize(
    ("as_of", "header", "score", "k1", "final"),
    [
        ("2025-10-02", "closed: 2025-10-03\n", 0.6667, 0.5, None),  # ended, the closing day not come yet
        ("2025-10-03", "closed: 2025-10-03\n", 0.4333, 1.25, FINAL_O1),
        ("2025-10-02", "", 0.4333, 1.25, FINAL_O1),  # `final:` written without `closed:`: once ended
        ("2025-09-30", "", 0.6667, 0.5, None),  # the period runs: nothing is final yet
    ],
)
def test_outside_git_the_finals_hold_from_the_closing_day(tmp_path: Path, as_of: str, header: str, score: float, k1: float, final: Any) -> None:
    """A sheet outside git carries the finals written later; read at an earlier day it was not
    closed yet, as the same sheet read from git at that day shows."""
    sheet = SHEET.replace("owner: growth\n", "owner: growth\n" + header).replace(
        "    key_results:", "    final: {score: 0.4333, grade: yellow}\n    key_results:", 1,
    ).replace("actual: 4%}", "actual: 4%, final: {achievement: 1.25, grade: green}}")
    write_files(tmp_path, {PATH: sheet})
    edit(tmp_path)
    document = okr_json(tmp_path, "score", "2025-Q3", "--as-of", as_of)
    objective = document["objectives"][0]
    assert (objective["score"], objective["final"], document["kpis"][0]["achievement"]) == (score, final, k1)
    assert document["closed"] is (header != "" and final is not None)


LATE = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow weekly active teams
    key_results:
      - id: KR1
        title: Weekly active teams reach 200
        start: 100
        target: 200
        check_ins:
          - {date: 2025-09-20, value: 140}
      - id: KR2
        title: Onboarding guide published
        done: false
"""


@pytest.fixture
def late_check_in(git_repo: Path) -> Path:
    """Closed on 10-03 at KR1 (140 − 100) / 100 = 0.4, KR2 0: O1 0.2 (red); then a check-in
    dated 10-10 (193: 0.93) added by hand and committed."""
    write_files(git_repo, {PATH: LATE})
    assert run_okr("close", "2025-Q3", "--date", "2025-10-03", cwd=git_repo).code == 0
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-qm", "close Q3", day="2025-10-03T10:00:00+07:00")
    text = (git_repo / PATH).read_text(encoding="utf-8").replace(
        "          - {date: 2025-09-20, value: 140}\n", "          - {date: 2025-09-20, value: 140}\n          - {date: 2025-10-10, value: 193}\n",
    )
    (git_repo / PATH).write_text(text, encoding="utf-8")
    git(git_repo, "commit", "-qam", "late check-in", day="2025-10-11T10:00:00+07:00")
    return git_repo


@pytest.mark.parametrize("as_of", [[], ["--as-of", "2025-10-20"]])
def test_check_ins_after_the_closing_day_are_ignored_everywhere(late_check_in: Path, as_of: list[str]) -> None:
    document = okr_json(late_check_in, "score", "2025-Q3", *as_of)
    objective = document["objectives"][0]
    assert (objective["score"], objective["final"]) == (0.2, {"score": 0.2, "grade": "red"})
    assert [(k["current"], k["score"], k["status"]) for k in objective["key_results"]] == [(140, 0.4, "closed"), (False, 0, "closed")]
    card = okr_json(late_check_in, "scorecard", "growth", "2025-Q3", *as_of)
    assert (card["kr_part"], card["score"], [k["score"] for k in card["key_results"]]) == (0.2, 0.2, [0.4, 0])
    tree = okr_json(late_check_in, "tree", "2025-Q3", *as_of)["tree"]
    assert [(n["ref"], n["score"]) for n in tree] == [("growth/O1", 0.2)]
    markdown = run_okr("report", "2025-Q3", "--format", "markdown", *as_of, cwd=late_check_in).out
    assert "193" not in markdown and "0.93" not in markdown
    history = okr_json(late_check_in, "history", "growth/O1/KR1", *as_of)
    assert [(p["date"], p["value"]) for p in history["points"]] == [("2025-09-20", 140)]
    check = okr_json(late_check_in, "check", *as_of)
    assert [p["rule"] for p in check["problems"] if p["level"] == "error"] == []


CLOSED_THEN_LATE = """\
period: 2025-Q3
owner: alpha
objectives:
  - id: O1
    title: Grow weekly signups
    key_results:
      - id: KR1
        title: Weekly signups reach 200
        start: 100
        target: 200
        current: 150
        check_ins:
          - date: 2025-07-15
            value: 120
          - date: 2025-09-20
            value: 150
"""


def test_a_closed_sheets_history_stops_at_its_closing_day(git_repo: Path) -> None:
    # A check-in of 10-05 (committed 10-06, with `current: 190`) came after the close of 10-02:
    # the rows read 150 at the closing day, and so do the history and the report's chart,
    # without the commit that brought 190 as a point of its own.
    write_files(git_repo, {".okr.yaml": "rules:\n  check-in-outside-period: {grace_days: 10}\n", "2025-Q3/a.yaml": CLOSED_THEN_LATE})
    _commit(git_repo, "2025-09-21")
    assert run_okr("checkin", "alpha/O1/KR1", "190", "--date", "2025-10-05", cwd=git_repo).code == 0
    _commit(git_repo, "2025-10-06")
    assert run_okr("close", "2025-Q3", "--date", "2025-10-02", cwd=git_repo).code == 0
    _commit(git_repo, "2025-10-07")
    history = run_okr("history", "alpha/O1/KR1", "--format", "json", cwd=git_repo).json()
    assert [(p["date"], p["value"]) for p in history["points"]] == [("2025-07-15", 120), ("2025-09-20", 150)]  # type: ignore[index]
    report = run_okr("report", cwd=git_repo).out
    assert "2 values, 120 on 2025-07-15 to 150 on 2025-09-20; target 200;" in report and "| 190 |" not in report


def _commit(root: Path, day: str) -> None:
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", day], check=True, env=env)
