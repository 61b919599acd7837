"""The repository at a moment (SPEC 3.1) through every reading command: `--as-of D` reads the
sheets as committed at the end of day D, `--at REF` those of a ref; check-ins after the
as-of date are ignored; ended periods; the forecasts, worked out by hand here."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_okr, write_files

SHEET = """\
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
        current: {current}
      - id: KR2
        title: Onboarding guide published
        done: {done}
"""
PATH = "2025-Q3/growth.yaml"


def commit(repo: Path, stamp: str, message: str = "update") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()


def sheet(repo: Path, current: int, done: str = "false") -> None:
    write_files(repo, {PATH: SHEET.format(current=current, done=done)})


@pytest.fixture
def dated(git_repo: Path) -> Path:
    """KR1 at 120 on 07-10, 150 late on 07-31 and 160 just after midnight on 08-01 (both
    +07:00, the same UTC day), then 190 uncommitted."""
    sheet(git_repo, 120)
    commit(git_repo, "2025-07-10T18:00:00+07:00", "Q3 goals")
    subprocess.run(["git", "-C", str(git_repo), "tag", "v1"], check=True)
    sheet(git_repo, 150)
    commit(git_repo, "2025-07-31T23:30:00+07:00")
    sheet(git_repo, 160, "true")
    commit(git_repo, "2025-08-01T00:30:00+07:00")
    sheet(git_repo, 190, "true")
    return git_repo


def score_json(repo: Path, *args: str) -> dict[str, Any]:
    result = run_okr("score", "--format", "json", *args, cwd=repo)
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


def kr(document: dict[str, Any], index: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = document["objectives"][0]["key_results"][index]
    return found


@pytest.mark.parametrize(
    ("as_of", "current", "score"),
    [
        ("2025-07-10", 120, 0.2),
        ("2025-07-30", 120, 0.2),
        ("2025-07-31", 150, 0.5),  # 23:30+07:00: on the committer's calendar, still the 31st
        ("2025-08-01", 160, 0.6),  # 00:30+07:00 on the 1st (the 31st in UTC)
        ("2025-09-15", 160, 0.6),  # uncommitted changes count only today
    ],
)
def test_values_as_committed_at_the_end_of_the_day(dated: Path, as_of: str, current: int, score: float) -> None:
    document = score_json(dated, "2025-Q3", "--as-of", as_of)
    assert (document["as_of"], kr(document)["current"], kr(document)["score"]) == (as_of, current, score)


def test_today_reads_the_working_tree(dated: Path) -> None:
    assert kr(score_json(dated, "2025-Q3"))["current"] == 190


def test_at_a_ref_reads_its_sheets_and_its_day(dated: Path) -> None:
    document = score_json(dated, "--at", "v1")
    assert (document["as_of"], kr(document)["current"]) == ("2025-07-10", 120)
    document = score_json(dated, "--at", "v1", "--as-of", "2025-08-15")  # the pace of that day, v1's sheets
    assert (document["as_of"], kr(document)["current"], kr(document)["status"]) == ("2025-08-15", 120, "off-track")


def test_at_reads_only_the_sheets_present_there(dated: Path) -> None:
    write_files(dated, {"2025-Q3/later.yaml": "period: 2025-Q3\nowner: later\nkpis:\n  - {id: K1, title: Uptime, target: '>= 99%', actual: 99.5%}\n"})
    assert score_json(dated, "--at", "v1")["kpis"] == []
    # --as-of adds the sheets not committed yet at D, read by the value rule
    assert [k["ref"] for k in score_json(dated, "2025-Q3", "--as-of", "2025-08-01")["kpis"]] == ["later/K1"]


HOSTILE_REFS = ["nope", "--output=/tmp/x/owned", "-C", "HEAD\nx", "v1\x1b[2J", "HEAD:2025-Q3", "v1..HEAD", "", "../../etc/passwd", "HEAD~99"]


@pytest.mark.parametrize("ref", HOSTILE_REFS)
@pytest.mark.parametrize("command", [("score",), ("scorecard", "growth"), ("tree",), ("report",), ("history", "growth/O1/KR1"), ("check",)])
def test_an_unknown_ref_is_a_usage_error(dated: Path, ref: str, command: tuple[str, ...]) -> None:
    result = run_okr(*command, "--at", ref, cwd=dated)
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1 and "unknown git ref" in result.err and "Traceback" not in result.err
    assert not Path("/tmp/x/owned").exists()


def test_at_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    sheet(tmp_path, 120)
    result = run_okr("score", "--at", "HEAD", cwd=tmp_path)
    assert result.code == 2 and "not in a git repository" in result.err


CHECKED_IN = """\
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
        current: 170
        check_ins:
          - {date: 2025-07-10, value: 130, confidence: 0.5, note: early}
          - {date: 2025-08-20, value: 170, confidence: 0.9, note: later}
"""


@pytest.mark.parametrize("in_git", [False, True])
def test_check_ins_after_the_day_are_ignored(tmp_path: Path, in_git: bool) -> None:
    """Outside git, and for a sheet not committed yet at D: the latest check-in on or
    before D, its confidence; the later one nowhere."""
    if in_git:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_files(tmp_path, {PATH: CHECKED_IN})
    found = kr(score_json(tmp_path, "--as-of", "2025-08-01"))
    assert (found["current"], found["score"], found["confidence"], found["forecast"]) == (130, 0.3, 0.5, {
        "value": 403.3333, "score": 1.0, "eta": "2025-08-01"})  # the line 100 + 30/9 per day from 07-01, at 09-30
    history = run_okr("history", "growth/O1/KR1", "--format", "json", "--as-of", "2025-08-01", cwd=tmp_path).json()
    assert [p["date"] for p in history["points"]] == ["2025-07-10"]
    assert "2025-08-20" not in run_okr("report", "--as-of", "2025-08-01", cwd=tmp_path).out


def test_forecast_by_hand(dated: Path) -> None:
    """Points: start on 07-01, and the git points of 07-10, 07-31 and 08-01 (the commit that
    added the key result counts); the least-squares line at 09-30, and the first day it
    reaches 200."""
    days = [0, 9, 30, 31]  # from 2025-07-01
    values = [100, 120, 150, 160]
    n = len(days)
    mean_d, mean_v = Fraction(sum(days), n), Fraction(sum(values), n)
    slope = sum((d - mean_d) * (v - mean_v) for d, v in zip(days, values, strict=True)) / sum((d - mean_d) ** 2 for d in days)
    at = lambda day: mean_v + slope * (day - mean_d)  # noqa: E731
    last = (dt.date(2025, 9, 30) - dt.date(2025, 7, 1)).days
    eta = next(d for d in range(31, last + 1) if at(d) >= 200)
    found = kr(score_json(dated, "2025-Q3", "--as-of", "2025-08-01"))
    assert found["forecast"] == {
        "value": round(float(at(last)), 4), "score": 1.0, "eta": (dt.date(2025, 7, 1) + dt.timedelta(days=eta)).isoformat(),
    }
    assert found["forecast"] == {"value": 262.1757, "score": 1.0, "eta": "2025-08-26"}
    document = score_json(dated, "2025-Q3", "--as-of", "2025-08-01")
    objective = document["objectives"][0]
    # KR2, a milestone: false on 07-10 (07-31 repeats it: no point), true on 08-01; done
    # already, so no ETA. 0 + 1/22 per day from 07-10, at 09-30 (day 82 from 07-10).
    assert kr(document, 1)["forecast"] == {"value": round(82 / 22, 4), "score": 1.0, "eta": None}
    assert (objective["projected_score"], objective["projected_grade"]) == (1.0, "green")
    assert (document["ended"], document["closed"], objective["final"], objective["retro"]) == (False, False, None, None)


def test_an_ended_period_is_closed_and_final(dated: Path) -> None:
    document = score_json(dated, "2025-Q3", "--as-of", "2025-10-05")
    statuses = [(k["status"], k["stale"], k["forecast"]) for k in document["objectives"][0]["key_results"]]
    assert statuses == [("closed", False, None), ("done", False, None)]
    assert (document["objectives"][0]["status"], document["ended"]) == ("closed", True)
    assert "closed" in run_okr("score", "2025-Q3", "--as-of", "2025-10-05", cwd=dated, env={"NO_COLOR": "1"}).out


def test_a_shallow_clone_that_does_not_reach_the_day_says_so(dated: Path, tmp_path: Path) -> None:
    commit(dated, "2025-08-10T09:00:00+07:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{dated}", str(clone)], check=True)
    result = run_okr("score", "2025-Q3", "--as-of", "2025-07-20", "--format", "json", cwd=clone)
    assert result.code == 0
    assert result.err == (
        "okr: this clone is shallow and its history does not reach 2025-07-20: the sheets are read from the working tree, "
        "with check-ins after that day left out; run `git fetch --unshallow` for the sheets as committed then\n"
    )
    assert kr(json.loads(result.out))["current"] == 190


def test_check_lints_the_repository_as_it_was(dated: Path) -> None:
    write_files(dated, {PATH: SHEET.format(current=160, done="true") + "colour: red\n"})
    commit(dated, "2025-08-10T09:00:00+07:00")
    sheet(dated, 170)  # fixed, not committed yet
    then = run_okr("check", "--format", "json", "--as-of", "2025-08-05", cwd=dated)
    broken = run_okr("check", "--format", "json", "--as-of", "2025-08-10", cwd=dated)
    assert (then.code, broken.code, run_okr("check", cwd=dated).code) == (0, 1, 0)
    assert [(p["path"], p["line"], p["rule"]) for p in broken.json()["problems"]] == [(PATH, 15, "schema")]
    # a sheet not committed yet at D is linted as it is now; with --at, only REF's sheets
    write_files(dated, {"2025-Q3/later.yaml": "period: 2025-Q3\nowner: later\n"})
    assert run_okr("check", "--format", "json", "--as-of", "2025-08-05", cwd=dated).json()["files"] == 2
    assert run_okr("check", "--format", "json", "--at", "v1", cwd=dated).json()["files"] == 1


def test_the_config_is_read_from_the_same_tree(dated: Path, tmp_path: Path) -> None:
    """The commit's `.okr.yaml`; `--config FILE` wins over it."""
    write_files(dated, {".okr.yaml": "number_locale: vi\n", PATH: SHEET.format(current='"150,5"', done="false")})
    commit(dated, "2025-08-12T09:00:00+07:00")
    write_files(dated, {".okr.yaml": "number_locale: en\n"})
    assert kr(score_json(dated, "2025-Q3", "--as-of", "2025-08-12"))["current"] == 150.5
    write_files(tmp_path, {"vi.yaml": "number_locale: en\n"})
    result = run_okr("score", "2025-Q3", "--as-of", "2025-08-12", "--config", str(tmp_path / "vi.yaml"), "--format", "json", cwd=dated)
    assert (result.code, json.loads(result.out)["left_out"]) == (1, [{"path": PATH, "rule": "schema"}])
    assert 'cannot read "150,5" as a number: under number_locale: en' in result.err


def test_text_and_markdown_explain_the_status_by_the_projection(dated: Path) -> None:
    text = run_okr("score", "2025-Q3", "--as-of", "2025-08-01", cwd=dated, env={"NO_COLOR": "1"}).out.splitlines()
    assert text[2:6] == [
        "growth  score 0.80",
        "  growth/O1      [########--]  0.80  ~green  on-track: projected 1.00, needs 0.60  Grow weekly active teams (aspirational)",
        "  growth/O1/KR1  [######----]  0.60          on-track: projected 1.00, needs 0.60, reaches the target 2025-08-26"
        "  Weekly active teams reach 200  [160 / 200]",
        "  growth/O1/KR2  [##########]  1.00          done              Onboarding guide published  [done / done]",
    ]
    ended = run_okr("score", "2025-Q3", "--as-of", "2025-10-05", cwd=dated, env={"NO_COLOR": "1"}).out.splitlines()
    assert ended[3:6] == [
        "  growth/O1      [########--]  0.80  green   closed            Grow weekly active teams (aspirational)",
        "  growth/O1/KR1  [######----]  0.60          closed            Weekly active teams reach 200  [160 / 200]",
        "  growth/O1/KR2  [##########]  1.00          done              Onboarding guide published  [done / done]",
    ]
    markdown = run_okr("score", "2025-Q3", "--as-of", "2025-08-01", "--format", "markdown", cwd=dated).out
    assert "| **growth/O1** | **Grow weekly active teams** (aspirational) | | **0.80** | ~green | on-track: projected 1.00, needs 0.60 |" in markdown


def _fitted(days: list[int], values: list[int]) -> tuple[Fraction, Fraction, Fraction]:
    """The least-squares line through the points: (mean day, mean value, slope)."""
    n = len(days)
    mean_d, mean_v = Fraction(sum(days), n), Fraction(sum(values), n)
    slope = sum((d - mean_d) * (v - mean_v) for d, v in zip(days, values, strict=True)) / sum((d - mean_d) ** 2 for d in days)
    return mean_d, mean_v, slope


@pytest.mark.parametrize(
    ("history", "as_of", "expected"),
    [
        # done on 07-20, undone on 08-01: the line through 0, 1, 0 falls to 0.1374 by 09-30,
        # below done: score 0 (a milestone is done or not, never 0.14 done), no ETA
        ([("2025-07-10", "false"), ("2025-07-20", "true"), ("2025-08-01", "false")], "2025-08-05",
         {"value": 0.1374, "score": 0, "eta": None}),
        # done on 07-25, undone on 08-01: the line still rises, reaches 1 on 09-20 and ends at
        # 1.1122: score 1, and the ETA of a milestone not done now
        ([("2025-07-01", "false"), ("2025-07-25", "true"), ("2025-08-01", "false")], "2025-08-05",
         {"value": 1.1122, "score": 1, "eta": "2025-09-20"}),
        # never done: a commit that repeats `false` is no new point, one point is no line
        ([("2025-07-01", "false"), ("2025-07-25", "false")], "2025-08-05", None),
    ],
)
def test_a_milestone_forecast_is_done_or_not(git_repo: Path, history: list[tuple[str, str]], as_of: str, expected: Any) -> None:
    """A milestone's values are 0 (not done) and 1 (done), its target 1 (SPEC 2.2, 7): the
    least-squares line through them gives `forecast.value` as for any key result, its score
    is the milestone's formula of that value (1 where it reaches 1, else 0) and its ETA the
    first day from the as-of date it reaches 1."""
    for index, (day, done) in enumerate(history):
        sheet(git_repo, 120 + index, done)  # KR1 moves too: every commit changes the sheet
        commit(git_repo, f"{day}T10:00:00+07:00")
    found = kr(score_json(git_repo, "2025-Q3", "--as-of", as_of), 1)["forecast"]
    if expected is None:
        assert found is None
        return
    start = dt.date.fromisoformat(history[0][0])
    days = [(dt.date.fromisoformat(day) - start).days for day, _ in history]
    mean_d, mean_v, slope = _fitted(days, [int(done == "true") for _, done in history])
    at = lambda day: mean_v + slope * (day - mean_d)  # noqa: E731
    last = (dt.date(2025, 9, 30) - start).days
    assert found["value"] == round(float(at(last)), 4) == expected["value"]
    assert found["score"] == (1 if at(last) >= 1 else 0) == expected["score"]
    eta = next((d for d in range((dt.date.fromisoformat(as_of) - start).days, last + 1) if at(d) >= 1), None)
    assert found["eta"] == (None if eta is None else (start + dt.timedelta(days=eta)).isoformat()) == expected["eta"]
