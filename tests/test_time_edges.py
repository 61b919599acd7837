"""The repository at a moment at its edges (SPEC 3.1): a day before a sheet's first commit, a
day a shallow clone's history does not reach, a ref that does not exist; through every
reading command and `--since`. Real git, dated commits; values by hand."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr, write_files

TEAM = """\
period: 2025-Q3
owner: {owner}
objectives:
  - id: O1
    title: Grow weekly active teams
    key_results:
      - id: KR1
        title: Weekly active teams reach 200
        start: 100
        target: 200
        current: {current}
        check_ins:
          - {{date: 2025-07-15, value: 120}}
          - {{date: 2025-08-05, value: {current}}}
"""
NOTICE = (
    "okr: this clone is shallow and its history does not reach {day}: the sheets are read from the working tree, "
    "with check-ins after that day left out; run `git fetch --unshallow` for the sheets as committed then\n"
)

CUT = ("okr: this clone is shallow: its history starts on 2025-08-06, so okr cannot know when a value it already held "
       "there was set (no point in the history, no staleness from it); run `git fetch --unshallow`\n")


def commit(repo: Path, day: str, message: str = "update") -> None:
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


@pytest.fixture
def two_teams(git_repo: Path) -> Path:
    """growth committed on 07-10 (`current` 130, a check-in of 07-15 at 120); ops first
    committed on 08-06, with its check-ins of 07-15 (120) and 08-05 (170, its `current`)."""
    write_files(git_repo, {"2025-Q3/growth.yaml": TEAM.format(owner="growth", current=130).replace(
        "          - {date: 2025-08-05, value: 130}\n", "")})
    commit(git_repo, "2025-07-10")
    write_files(git_repo, {"2025-Q3/ops.yaml": TEAM.format(owner="ops", current=170)})
    commit(git_repo, "2025-08-06")
    return git_repo


def scores(repo: Path, *args: str) -> dict[str, Any]:
    result = run_okr("score", "2025-Q3", "--format", "json", *args, cwd=repo)
    assert result.code == 0, result.err
    document: dict[str, Any] = result.json()  # type: ignore[assignment]
    return {o["ref"]: (o["key_results"][0]["current"], o["key_results"][0]["score"]) for o in document["objectives"]}


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # before any commit: the working tree by the value rule; each sheet has a check-in
        # after the day and none on or before it: no value (pending, 0)
        ("2025-07-05", {"growth/O1": (None, 0), "ops/O1": (None, 0)}),
        # growth as committed on 07-10: no check-in after the day, so `current` 130 (0.3);
        # ops not committed before 08-06: the working tree, whose 08-05 check-in is after the
        # day: the latest kept, 120 (0.2)
        ("2025-07-20", {"growth/O1": (130, 0.3), "ops/O1": (120, 0.2)}),
        # ops still not committed on 08-05, and nothing after that day: `current` 170 (0.7)
        ("2025-08-05", {"growth/O1": (130, 0.3), "ops/O1": (170, 0.7)}),
        ("2025-08-06", {"growth/O1": (130, 0.3), "ops/O1": (170, 0.7)}),  # ops as committed
    ],
)
def test_a_day_before_a_sheets_first_commit_reads_it_by_the_value_rule(two_teams: Path, as_of: str, expected: dict[str, Any]) -> None:
    assert scores(two_teams, "--as-of", as_of) == expected


def test_since_a_day_before_the_first_commit_is_the_working_tree_then(two_teams: Path) -> None:
    result = run_okr("report", "2025-Q3", "--as-of", "2025-08-15", "--since", "2025-07-05", cwd=two_teams)
    assert (result.code, result.err) == (0, "")
    assert "Compared with 2025-07-05 (the working tree, read as of 2025-07-05)." in result.out
    # Then no value (0.00, projected 0: ~red); now 0.30 and 0.70, both projected 1: growth's
    # line through 100 (07-01), 130 (07-10, git) and 120 (07-15) ends at 254.6, ops' through
    # 100, 120 (07-15) and 170 (08-05) at 281.6: ~green.
    assert "| growth/O1 | Grow weekly active teams | 0.00 | 0.30 | +0.30 | ~red → ~green |" in result.out
    assert "| ops/O1 | Grow weekly active teams | 0.00 | 0.70 | +0.70 | ~red → ~green |" in result.out


@pytest.fixture
def shallow(two_teams: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of depth 1: its only commit is of 08-06."""
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{two_teams}", str(clone)], check=True)
    return clone


@pytest.mark.parametrize(
    "command",
    [("score", "2025-Q3"), ("scorecard", "ops", "2025-Q3"), ("tree", "2025-Q3"), ("report", "2025-Q3"),
     ("history", "ops/O1/KR1"), ("check",)],
)
def test_every_reading_command_says_when_a_shallow_clone_does_not_reach_the_day(shallow: Path, command: tuple[str, ...]) -> None:
    result = run_okr(*command, "--as-of", "2025-07-20", cwd=shallow)
    assert (result.code, result.err) == (0, NOTICE.format(day="2025-07-20"))
    # its commit reaches that day; what it cannot tell is when a value it holds was set (okr
    # check, whose staleness rule says nothing then, does not read values at a day)
    told = run_okr(*command, "--as-of", "2025-08-10", cwd=shallow).err
    assert told == ("" if command == ("check",) else CUT)


def test_a_shallow_clone_reads_the_working_tree_by_the_value_rule(shallow: Path) -> None:
    # the working tree by the value rule: growth has no check-in after 07-20 (130), ops has
    # (its check-in of 07-15, 120): the numbers the full history gives for growth's commit too
    assert scores(shallow, "--as-of", "2025-07-20") == {"growth/O1": (130, 0.3), "ops/O1": (120, 0.2)}


def test_since_beyond_a_shallow_clone_says_so_once(shallow: Path) -> None:
    result = run_okr("report", "2025-Q3", "--as-of", "2025-08-10", "--since", "2025-07-20", cwd=shallow)
    assert (result.code, result.err) == (0, CUT + NOTICE.format(day="2025-07-20"))
    assert "Compared with 2025-07-20 (the working tree, read as of 2025-07-20)." in result.out


@pytest.mark.parametrize("ref", ["nope", "-x", "", "HEAD~9", "2025-13-01", "HEAD\n"])
def test_since_an_unknown_ref_is_one_message_and_exit_2(two_teams: Path, ref: str) -> None:
    result = run_okr("report", "2025-Q3", "--since", ref, cwd=two_teams)
    assert (result.code, result.out) == (2, "")
    shown = ref.replace("\n", "\\n")  # a line break in user text is shown escaped: one line
    assert result.err == (f"okr: --since {shown}: not a date (YYYY-MM-DD), and unknown git ref '{shown}': no tag, branch or commit "
                          "of that name; see `git tag`, `git branch` or `git log`\n")
