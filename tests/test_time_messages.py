"""What okr says about the moment it reads (SPEC 3.1, 6, 7): outside git, refs that name
nothing to read, dates written loosely, a day with no open period, and the help of the
commands for which `--as-of` is only "today"."""

from __future__ import annotations

import subprocess
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
VALUED = [c for c in READING if c != ("check",)]  # okr check lints the sheets as written: no value is read at D


@pytest.mark.parametrize("command", VALUED)
def test_a_past_day_outside_git_says_how_values_are_read(tmp_path: Path, command: tuple[str, ...]) -> None:
    """The check-in of 08-20 is set aside on 08-01: KR1 reads 130 (07-20's), not its
    `current` 150, and okr says why, once; on 08-25 nothing is set aside: nothing to say."""
    write_files(tmp_path, {PATH: SHEET})
    past = run_okr(*command, "--as-of", "2025-08-01", cwd=tmp_path)
    assert past.err == no_git_notice(tmp_path, "2025-08-01")
    assert "not in a git repository" not in run_okr(*command, "--as-of", "2025-08-25", cwd=tmp_path).err.replace(
        "okr: not in a git repository (or git is not installed): showing the check-ins only\n", "")
    assert "not in a git repository" not in run_okr(*command, cwd=tmp_path).err.replace(
        "okr: not in a git repository (or git is not installed): showing the check-ins only\n", "")


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


@pytest.fixture
def repo(git_repo: Path) -> Path:
    """An empty commit on 06-01 (tagged `empty`), the sheet committed on 08-10 (message
    'Q3 goals')."""
    from tests.test_moment_cli import commit

    (git_repo / "README").write_text("goals\n", encoding="utf-8")
    commit(git_repo, "2025-06-01T10:00:00+00:00", "start")
    subprocess.run(["git", "-C", str(git_repo), "tag", "empty"], check=True)
    write_files(git_repo, {PATH: SHEET})
    commit(git_repo, "2025-08-10T10:00:00+00:00", "Q3 goals")
    return git_repo


@pytest.mark.parametrize("command", READING)
def test_at_a_commit_without_sheets_says_so(repo: Path, command: tuple[str, ...]) -> None:
    short = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "empty"], capture_output=True, text=True, check=True).stdout.strip()
    result = run_okr(*command, "--at", "empty", cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"okr: --at empty: commit {short} has no goal sheets: no *.yaml or *.yml file under . (dot folders and `exclude:` "
        "aside); give a ref made after the sheets were added (`git log -- .` lists the commits that touched them)\n"
    )


def test_git_search_refs_and_near_names(repo: Path) -> None:
    assert run_okr("score", "--at", ":/Q3 goals", "--format", "json", cwd=repo).json()["as_of"] == "2025-08-10"  # type: ignore[index]
    result = run_okr("score", "--at", ":/x", cwd=repo)
    assert (result.code, result.err) == (2, (
        "okr: unknown git ref ':/x': no tag, branch or commit of that name; see `git tag`, `git branch` or `git log`\n"
    ))
    result = run_okr("due", "--at", "mian", cwd=repo)
    assert (result.code, result.err) == (2, "okr: unknown git ref 'mian': no tag, branch or commit of that name; did you mean 'main'?\n")
    result = run_okr("report", "--since", "emtpy", cwd=repo)
    assert (result.code, result.err) == (2, (
        "okr: --since emtpy: not a date (YYYY-MM-DD), and unknown git ref 'emtpy': no tag, branch or commit of that name; "
        "did you mean 'empty'?\n"
    ))


@pytest.mark.parametrize("written", ["2026-10-12 ", " 2026-10-12", "2026-10-12\t"])
@pytest.mark.parametrize("command", [("score",), ("due",), ("checkin", "growth/O1/KR1", "160")])
def test_a_date_option_is_exactly_yyyy_mm_dd(tmp_path: Path, written: str, command: tuple[str, ...]) -> None:
    write_files(tmp_path, {PATH: SHEET})
    result = run_okr(*command, "--as-of", written, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"okr: --as-of {written!r}: write a date as YYYY-MM-DD, e.g. --as-of 2025-08-15\n"
    assert (tmp_path / PATH).read_text(encoding="utf-8") == SHEET


@pytest.mark.parametrize(
    ("as_of", "heading"),
    [
        ("2025-10-15", "Nothing due: no open period on 2025-10-15; the latest period 2025-Q3 ended on 2025-09-30"),
        ("2025-06-15", "Nothing due: no open period on 2025-06-15; the next period 2025-Q3 starts on 2025-07-01"),
    ],
)
def test_due_with_no_open_period_says_so(tmp_path: Path, as_of: str, heading: str) -> None:
    write_files(tmp_path, {PATH: SHEET})
    result = run_okr("due", "--as-of", as_of, cwd=tmp_path)
    assert (result.code, result.out) == (0, heading + "\n")
    assert run_okr("due", "--as-of", as_of, "--format", "markdown", cwd=tmp_path).out == f"### {heading}\n"
    vi = run_okr("due", "--as-of", "2025-10-15", "--lang", "vi", cwd=tmp_path)
    assert vi.out == "Không có gì cần cập nhật: không có kỳ nào đang diễn ra vào ngày 2025-10-15; kỳ gần nhất 2025-Q3 đã kết thúc ngày 2025-09-30\n"


def test_as_of_help_says_what_it_means_for_edits() -> None:
    wide = {"COLUMNS": "200"}
    init = " ".join(run_okr("init", "--help", env=wide).out.split())
    assert "--as-of DATE The day taken as today (YYYY-MM-DD): the sample sheet is for the quarter holding it; default today." in init
    checkin = " ".join(run_okr("checkin", "--help", env=wide).out.split())
    assert (
        "--as-of DATE The day taken as today (YYYY-MM-DD): the check-in's date unless --date is given, and the day a ref without "
        "a period (owner/O1/KR2) is looked up at; default today. The sheet edited is the one on disk."
    ) in checkin
    assert "Read the repository as it was" not in checkin + init


def test_history_and_score_agree_before_the_first_commit(repo: Path) -> None:
    """On 07-25 the sheet (committed 08-10) was not committed yet: the value rule gives 130,
    the check-in of 07-20 (the one of 08-20 comes later)."""
    document = run_okr("score", "--as-of", "2025-07-25", "--format", "json", cwd=repo).json()
    assert document["objectives"][0]["key_results"][0]["current"] == 130  # type: ignore[index]
    history = run_okr("history", "growth/O1/KR1", "--as-of", "2025-07-25", "--format", "json", cwd=repo).json()
    assert history["points"] == [{"date": "2025-07-20", "value": 130, "source": "check-in", "commit": None}]  # type: ignore[index]


def test_history_names_the_value_a_sheet_not_committed_yet_holds(repo: Path) -> None:
    """Without check-ins, a sheet not committed on D reads its `current` (SPEC 3.1), as
    okr score shows; okr history has no dated point, and says which value stands."""
    write_files(repo, {"2025-Q3/sales.yaml": SHEET.replace("owner: growth", "owner: sales").split("        check_ins:")[0]})
    score = run_okr("score", "--as-of", "2025-07-25", "--format", "json", cwd=repo).json()
    assert [k["current"] for o in score["objectives"] for k in o["key_results"]] == [130, 150]  # type: ignore[index]
    history = run_okr("history", "sales/O1/KR1", "--as-of", "2025-07-25", cwd=repo, env={"NO_COLOR": "1"})
    assert (history.code, history.out) == (0, (
        "sales/O1/KR1: no dated value yet (no check-in, and no commit of the sheet records one); the sheet reads 150, "
        "the value okr score uses\n"
    ))
