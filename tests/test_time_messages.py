"""What okr says about the moment it reads (SPEC 3.1, 6, 7): outside git, refs that name
nothing to read, dates written loosely, a day with no open period, and the help of the
commands for which `--as-of` is only "today"."""

from __future__ import annotations

from pathlib import Path

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
        current: 150
        check_ins:
          - {date: 2025-07-20, value: 130}
          - {date: 2025-08-20, value: 150}
"""
PATH = "2025-Q3/growth.yaml"


def no_git_notice(root: Path, day: str) -> str:
    return (
        f"okr: {root} is not in a git repository (or git is not installed), so the sheets are read as they are now: "
        f"each value as of {day} is the latest check-in dated on or before that day, else `current`/`actual` when no "
        "check-in is dated after it\n"
    )


READING = [("score",), ("scorecard", "growth"), ("tree",), ("report",), ("history", "growth/O1/KR1"), ("check",), ("due",)]


@pytest.mark.parametrize("command", READING)
def test_a_past_day_outside_git_says_how_values_are_read(tmp_path: Path, command: tuple[str, ...]) -> None:
    write_files(tmp_path, {PATH: SHEET})
    today = run_okr(*command, cwd=tmp_path)
    past = run_okr(*command, "--as-of", "2025-08-01", cwd=tmp_path)
    assert past.code == run_okr(*command, "--as-of", "2025-08-01", cwd=tmp_path).code
    assert past.err == no_git_notice(tmp_path, "2025-08-01")
    assert no_git_notice(tmp_path, "2025-08-01") not in today.err


def test_the_notice_keeps_the_exit_code(tmp_path: Path) -> None:
    write_files(tmp_path, {PATH: SHEET})
    result = run_okr("score", "--as-of", "2025-08-01", "--format", "json", cwd=tmp_path)
    assert result.code == 0
    assert result.json()["objectives"][0]["key_results"][0]["current"] == 130  # type: ignore[index]


@pytest.mark.parametrize("args", [("main",), ("main", "HEAD"), ("main", "--as-of", "2025-08-01")])
def test_diff_outside_git_says_it_needs_a_repository(tmp_path: Path, args: tuple[str, ...]) -> None:
    write_files(tmp_path, {PATH: SHEET})
    result = run_okr("diff", *args, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"okr: okr diff compares the goals of two git refs, and {tmp_path} is not in a git repository (or git is not "
        "installed); run it in the goals' git repository as `okr diff BASE [HEAD]`, e.g. `okr diff main` (HEAD: the working tree)\n"
    )
    assert "--at" not in result.err
