"""Sheets renamed after a past day (SPEC 3.1): a sheet committed before D under another name
was committed then, so `--as-of D` reads it once, under its old name; and the commit that
renamed it changed no value (staleness, `okr due`, the forecast's git points)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_okr, write_files
from tests.test_moment_cli import commit

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
        title: Weekly paying teams reach 50
        start: 10
        target: 50
        current: 20
"""
OLD, NEW = "2025-Q3/a.yaml", "2025-Q3/team-a.yaml"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True)


@pytest.fixture
def committed(git_repo: Path) -> Path:
    """The sheet committed in July as a.yaml."""
    write_files(git_repo, {OLD: SHEET.format(current=120)})
    commit(git_repo, "2025-07-10T12:00:00+00:00", "Q3 goals")
    return git_repo


def refs_as_of(repo: Path, day: str) -> tuple[int, list[tuple[str, float]], str]:
    result = run_okr("score", "2025-Q3", "--as-of", day, "--format", "json", cwd=repo)
    document: dict[str, Any] = json.loads(result.out)
    found = [(k["ref"], k["score"]) for o in document["objectives"] for k in o["key_results"]]
    return result.code, found, result.err


AUGUST = (0, [("growth/O1/KR1", 0.2), ("growth/O1/KR2", 0.25)], "")


def test_a_sheet_renamed_after_the_day_is_read_once(committed: Path) -> None:
    git(committed, "mv", OLD, NEW)
    commit(committed, "2025-09-10T12:00:00+00:00", "rename")
    assert refs_as_of(committed, "2025-08-15") == AUGUST
    check = run_okr("check", "--as-of", "2025-08-15", "--format", "json", cwd=committed)
    assert [p["rule"] for p in check.json()["problems"] if p["level"] == "error"] == []  # type: ignore[index]


def test_a_rename_and_an_edit_after_the_day_read_the_value_committed_then(committed: Path) -> None:
    git(committed, "mv", OLD, NEW)
    write_files(committed, {NEW: SHEET.format(current=180)})
    commit(committed, "2025-09-10T12:00:00+00:00", "rename and update")
    assert refs_as_of(committed, "2025-08-15") == AUGUST


def test_a_copy_under_a_new_name_after_the_day_is_read_once(committed: Path) -> None:
    shutil.copy(committed / OLD, committed / NEW)
    commit(committed, "2025-09-10T12:00:00+00:00", "copy")
    assert refs_as_of(committed, "2025-08-15") == AUGUST


def test_a_staged_rename_is_not_a_new_sheet(committed: Path) -> None:
    git(committed, "mv", OLD, NEW)
    assert refs_as_of(committed, "2025-08-15") == AUGUST


@pytest.mark.parametrize("edited", [False, True])
def test_a_rename_on_disk_without_git_is_not_a_new_sheet(committed: Path, edited: bool) -> None:
    (committed / OLD).rename(committed / NEW)
    if edited:
        write_files(committed, {NEW: SHEET.format(current=190)})
    assert refs_as_of(committed, "2025-08-15") == AUGUST


def test_a_new_sheet_after_the_day_is_still_read(committed: Path) -> None:
    """A sheet committed later that is not a rename is read by the value rule."""
    write_files(committed, {"2025-Q3/b.yaml": SHEET.replace("owner: growth", "owner: sales").format(current=150)})
    commit(committed, "2025-09-10T12:00:00+00:00", "sales")
    write_files(committed, {"2025-Q3/c.yaml": SHEET.replace("owner: growth", "owner: ops").format(current=110)})
    code, found, _ = refs_as_of(committed, "2025-08-15")
    assert (code, found) == (0, [
        ("growth/O1/KR1", 0.2), ("growth/O1/KR2", 0.25), ("sales/O1/KR1", 0.5), ("sales/O1/KR2", 0.25),
        ("ops/O1/KR1", 0.1), ("ops/O1/KR2", 0.25),
    ])  # in the order of their paths: a, b, c


@pytest.fixture
def renamed(committed: Path) -> Path:
    """KR1 last changed on 07-10 (the commit that added it); the sheet renamed on 08-20; on
    08-25 a commit that changes only KR2's value and adds a comment."""
    git(committed, "mv", OLD, NEW)
    commit(committed, "2025-08-20T12:00:00+00:00", "rename")
    text = SHEET.format(current=120).replace("current: 20", "current: 30").replace("owner: growth", "owner: growth  # the growth team")
    write_files(committed, {NEW: text})
    commit(committed, "2025-08-25T12:00:00+00:00", "KR2 at 30")
    return committed


def test_a_rename_is_no_update_of_the_values(renamed: Path) -> None:
    document = json.loads(run_okr("score", "--as-of", "2025-09-01", "--format", "json", cwd=renamed).out)
    kr1, kr2 = document["objectives"][0]["key_results"]
    assert (kr1["stale"], kr1["status"], kr2["stale"]) == (True, "off-track", False)
    # KR1's points: start 100 on 07-01 and 120 on 07-10, not the rename: 100 + 20/9 per day,
    # 302.2222 at 09-30, past 200 already (ETA: the as-of day)
    assert kr1["forecast"] == {"value": 302.2222, "score": 1, "eta": "2025-09-01"}
    history = run_okr("history", "growth/O1/KR1", "--as-of", "2025-09-01", "--format", "json", cwd=renamed).json()
    assert [(p["date"], p["value"], p["source"]) for p in history["points"]] == [("2025-07-10", 120, "git")]  # type: ignore[index]


def test_due_lists_a_key_result_whose_sheet_was_only_renamed(renamed: Path) -> None:
    result = run_okr("due", "--as-of", "2025-09-01", "--format", "json", cwd=renamed)
    assert result.code == 1
    assert [(d["ref"], d["last_update"], d["days"]) for d in result.json()["due"]] == [  # type: ignore[index]
        ("2025-Q3:growth/O1/KR1", "2025-07-10", 53),
    ]


def test_stale_check_in_does_not_take_a_rename_for_an_update(renamed: Path) -> None:
    check = run_okr("check", "--as-of", "2025-09-01", "--format", "json", cwd=renamed).json()
    assert [(p["path"], p["line"], p["rule"]) for p in check["problems"] if p["rule"] == "stale-check-in"] == [  # type: ignore[index]
        (NEW, 7, "stale-check-in"),
    ]


def test_an_objective_is_coloured_by_the_grade_that_stands(committed: Path) -> None:
    """On 08-15 O1 scores 0.225 (red) and is projected 1.0 (green: KR1's line from 100 on
    07-01 through 120 on 07-10, KR2's from 10 through 20): the HTML card, its bar and the
    terminal row are green, as the `~green` worded beside them; after the period, its
    final grade, red."""
    import re

    from tests.terminal import on_pty

    page = run_okr("report", "--as-of", "2025-08-15", "--format", "html", cwd=committed).out
    card = re.search(r'<article class="card objective (\w+)" data-ref="growth/O1">.*?<span class="fill (\w+)"', page, re.S)
    assert card is not None and card.groups() == ("green", "green")
    assert '<span class="pill green projected"' in page
    ended = run_okr("report", "--as-of", "2025-10-15", "--format", "html", cwd=committed).out
    card = re.search(r'<article class="card objective (\w+)" data-ref="growth/O1">.*?<span class="fill (\w+)"', ended, re.S)
    assert card is not None and card.groups() == ("red", "red")
    code, out = on_pty(committed, 160, "score", "--as-of", "2025-08-15", escapes=True)
    assert code == 0 and "\x1b[32m0.22 ~green\x1b[0m" in out


@pytest.mark.parametrize("how", ["git mv", "mv"])
def test_a_rename_not_committed_yet_keeps_the_sheets_history(git_repo: Path, how: str) -> None:
    # Today's quarter; the sheet's KR1 was set 30 days ago and not updated since: renamed in the
    # working tree (staged, or a plain move), it is still 30 days old for okr due, okr score
    # and okr history, as it is once the rename is committed.
    import datetime as dt

    today = dt.date.today()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    set_on = today - dt.timedelta(days=30)
    old, new = f"{quarter}/a.yaml", f"{quarter}/team-a.yaml"
    write_files(git_repo, {old: SHEET.replace("2025-Q3", quarter).format(current=120)})
    commit(git_repo, f"{set_on.isoformat()}T12:00:00+00:00", "goals")
    if how == "git mv":
        git(git_repo, "mv", old, new)
    else:
        shutil.move(str(git_repo / old), str(git_repo / new))
    due = run_okr("due", "--format", "json", cwd=git_repo)
    assert [(d["ref"], d["path"], d["last_update"], d["days"]) for d in due.json()["due"]][0] == (  # type: ignore[index]
        f"{quarter}:growth/O1/KR1", new, set_on.isoformat(), 30)
    kr1 = json.loads(run_okr("score", "--format", "json", cwd=git_repo).out)["objectives"][0]["key_results"][0]
    assert kr1["stale"] is True
    history = run_okr("history", "growth/O1/KR1", "--format", "json", cwd=git_repo).json()
    assert [(p["date"], p["value"]) for p in history["points"]] == [(set_on.isoformat(), 120)]  # type: ignore[index]


def test_a_rename_edited_beyond_gits_pairing_is_read_once(committed: Path) -> None:
    # In September a.yaml became team-a.yaml with two more objectives: git sees a delete and
    # an add. The new sheet has a.yaml's period, owner and O1, and a.yaml is gone: August
    # reads it once, as a.yaml.
    more = "".join(f"  - id: O{n}\n    title: Objective number {n} of many\n    key_results:\n"
                   f"      - {{id: KR1, title: Count {n} reaches 10, start: 0, target: 10, current: {n}}}\n" for n in range(2, 9))
    git(committed, "mv", OLD, NEW)
    (committed / NEW).write_text(SHEET.format(current=150).replace("owner: growth\n", "owner: growth\nlevel: team\n") + more, encoding="utf-8")
    commit(committed, "2025-09-05T12:00:00+00:00", "team-a, larger")
    assert refs_as_of(committed, "2025-08-15") == AUGUST
