"""`okr history`: points from check-ins and from real git commits made on known dates."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_okr, run_okr_process, write_files

from okrcli.history.facts import GitFacts
from okrcli.history.timeline import (
    Item,
    key_results_of,
    last_updates,
    value_histories,
    value_history,
)
from okrcli.lint.settings import resolve_rules
from okrcli.repo.git import git_head
from okrcli.repo.workspace import open_workspace

SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    key_results:
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: 1500
      - id: KR2
        title: Help centre relaunched with search
        done: false
kpis:
  - id: K1
    title: CSAT at least 90%
    target: ">= 90%"
    actual: 88%
"""
PATH = "2025-Q3/growth.yaml"


def commit(repo: Path, day: str, message: str = "update") -> str:
    """Commit everything as of `day`; return the short hash git prints for it."""
    stamp = f"{day}T18:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)
    return git(repo, "rev-parse", "--short", "HEAD")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / PATH
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def okr(repo: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = run_okr(*args, "--as-of", "2025-08-15", cwd=repo, env={"NO_COLOR": "1", **(env or {})})
    return result.code, result.out, result.err


@pytest.fixture
def history_repo(git_repo: Path) -> tuple[Path, list[str]]:
    """KR1: set by hand, then by a check-in, a title-only commit, a hand edit, and one more
    check-in committed with nothing else (a commit that adds no point of its own): read at
    2025-08-15, a past day, the sheets are as committed then."""
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(SHEET, encoding="utf-8")
    hashes = [commit(git_repo, "2025-07-01", "Q3 goals")]
    edit(git_repo, "current: 1500", "current: 1640")
    hashes.append(commit(git_repo, "2025-07-10"))
    assert okr(git_repo, "checkin", "growth/O1/KR1", "1700", "--date", "2025-07-14")[0] == 0
    hashes.append(commit(git_repo, "2025-07-14", "check-in"))
    edit(git_repo, "Trial signups reach", "Self-serve trial signups reach")
    hashes.append(commit(git_repo, "2025-07-20", "wording"))
    edit(git_repo, "current: 1700", "current: 1800")
    hashes.append(commit(git_repo, "2025-07-28"))
    assert okr(git_repo, "checkin", "growth/O1/KR1", "1900", "--date", "2025-08-04")[0] == 0
    commit(git_repo, "2025-08-04", "check-in")
    return git_repo, hashes


def test_json_points_merge_check_ins_and_commits(history_repo: tuple[Path, list[str]]) -> None:
    repo, hashes = history_repo
    code, out, err = okr(repo, "history", "growth/O1/KR1", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "ref": "growth/O1/KR1",
        "points": [
            {"date": "2025-07-01", "value": 1500, "source": "git", "commit": hashes[0]},
            {"date": "2025-07-10", "value": 1640, "source": "git", "commit": hashes[1]},
            # the 2025-07-14 commit only recorded this check-in: one point, not two
            {"date": "2025-07-14", "value": 1700, "source": "check-in", "commit": None},
            # the wording commit changed no value: no point
            {"date": "2025-07-28", "value": 1800, "source": "git", "commit": hashes[4]},
            {"date": "2025-08-04", "value": 1900, "source": "check-in", "commit": None},
        ],
    }


def test_text_has_a_sparkline_and_the_changes(history_repo: tuple[Path, list[str]]) -> None:
    repo, hashes = history_repo
    code, out, err = okr(repo, "history", "growth/O1/KR1")
    assert (code, err) == (0, "")
    assert out == (
        "growth/O1/KR1  ▁▃▅▆█  5 points, 2025-07-01 → 2025-08-04\n"
        "date        value  change  source    commit\n"
        f"2025-07-01   1500          git       {hashes[0]}\n"
        f"2025-07-10   1640    +140  git       {hashes[1]}\n"
        "2025-07-14   1700     +60  check-in\n"
        f"2025-07-28   1800    +100  git       {hashes[4]}\n"
        "2025-08-04   1900    +100  check-in\n"
    )


@pytest.mark.parametrize(
    "name",
    [
        "2025-Q3/gro\x01wth.yaml",
        "2025-Q3/two\nlines.yaml",
        "2025-Q3/:100644 100644 abc def M.yaml",
        "\x01deadbeef beef 2025-07-01 x.yaml",
        "2025-Q3/caf\udce9.yaml",
    ],
    ids=["x01", "newline", "raw-record", "old-header", "not-utf8"],
)
def test_any_file_name_git_can_store(git_repo: Path, name: str) -> None:
    """The log is read by structure, never by guessing: names with \\x01, line breaks or what
    looks like a header or a change record, beside the sheet and as the sheet itself."""
    sheet = git_repo / name
    sheet.parent.mkdir(parents=True, exist_ok=True)
    noise = git_repo / name.replace(".yaml", ".txt")
    sheet.write_text(SHEET, encoding="utf-8")
    noise.write_text("1\n", encoding="utf-8")
    first = commit(git_repo, "2025-07-01", "Q3 goals")
    sheet.write_text(SHEET.replace("current: 1500", "current: 1640"), encoding="utf-8")
    noise.write_text("2\n", encoding="utf-8")
    second = commit(git_repo, "2025-07-10")
    code, out, err = okr(git_repo, "history", "growth/O1/KR1", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["points"] == [
        {"date": "2025-07-01", "value": 1500, "source": "git", "commit": first},
        {"date": "2025-07-10", "value": 1640, "source": "git", "commit": second},
    ]
    stale = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=git_repo, env={"OKR_NO_CACHE": "1"})
    assert stale.code == 0 and [p["message"] for p in stale.json()["problems"] if p["rule"] == "stale-check-in"] == [  # type: ignore[index]
        "key result 'growth/O1/KR1' has had no check-in and no commit changing its value since 2025-07-10 "
        "(36 days, more than stale_after_days 14); record where it stands: okr checkin growth/O1/KR1 VALUE",
        "key result 'growth/O1/KR2' has had no check-in and no commit changing its value since 2025-07-01 "
        "(45 days, more than stale_after_days 14); record where it stands: okr checkin growth/O1/KR2 VALUE",
    ]
    (git_repo / "2025-Q3").mkdir(exist_ok=True)
    git(git_repo, "mv", name, "2025-Q3/renamed.yaml")
    commit(git_repo, "2025-08-05", "rename")
    points = json.loads(okr(git_repo, "history", "growth/O1/KR1", "--format", "json")[1])["points"]
    assert [p["commit"] for p in points] == [first, second]


def test_log_records_are_parsed_by_structure() -> None:
    from okrcli.repo.git import Revision, parse_log

    marker = b"okr-1234"
    out = (
        marker + b" c1 s1 2025-07-10 10:00:00 +0700\0\n"
        b":100644 100644 aaa bbb M\0okr-1234 c9 s9 2025-01-01 x.yaml\0"
        b":000000 100644 000 ccc A\0:100644 100644 ddd eee M\0"
        b":100644 100644 fff ggg R087\0old.yaml\0new\nname.yaml\0" + marker + b" c0 s0 2025-07-01 09:00:00 +0700\0\n"
        b":000000 100644 000 hhh A\0\x01a\0"
    )
    assert parse_log(out, marker) == [
        Revision("c1", "s1", dt.date(2025, 7, 10), "okr-1234 c9 s9 2025-01-01 x.yaml", "bbb"),
        Revision("c1", "s1", dt.date(2025, 7, 10), ":100644 100644 ddd eee M", "ccc"),
        Revision("c1", "s1", dt.date(2025, 7, 10), "new\nname.yaml", "ggg", "old.yaml"),
        Revision("c0", "s0", dt.date(2025, 7, 1), "\x01a", "hhh"),
    ]


def test_as_of_cuts_the_history(history_repo: tuple[Path, list[str]]) -> None:
    repo, hashes = history_repo
    result = run_okr("history", "growth/O1/KR1", "--format", "json", "--as-of", "2025-07-14", cwd=repo)
    assert [p["date"] for p in json.loads(result.out)["points"]] == ["2025-07-01", "2025-07-10", "2025-07-14"]


def test_renamed_sheet_keeps_its_history(history_repo: tuple[Path, list[str]]) -> None:
    repo, hashes = history_repo
    git(repo, "mv", PATH, "2025-Q3/growth-team.yaml")
    commit(repo, "2025-08-05", "rename")
    points = json.loads(okr(repo, "history", "growth/O1/KR1", "--format", "json")[1])["points"]
    assert [p["commit"] for p in points] == [hashes[0], hashes[1], None, hashes[4], None]


def test_kpi_and_milestone_values(history_repo: tuple[Path, list[str]]) -> None:
    repo, hashes = history_repo
    edit(repo, "actual: 88%", "actual: 91.5%")
    edit(repo, "done: false", "done: true")
    last = commit(repo, "2025-08-08")
    kpi = json.loads(okr(repo, "history", "growth/K1", "--format", "json")[1])
    assert kpi == {
        "ref": "growth/K1",
        "points": [
            {"date": "2025-07-01", "value": 88, "source": "git", "commit": hashes[0]},
            {"date": "2025-08-08", "value": 91.5, "source": "git", "commit": last},
        ],
    }
    milestone = json.loads(okr(repo, "history", "growth/O1/KR2", "--format", "json")[1])
    assert [(p["date"], p["value"]) for p in milestone["points"]] == [("2025-07-01", 0), ("2025-08-08", 1)]
    table = okr(repo, "history", "growth/O1/KR2")[1].splitlines()
    assert [line.split()[:3] for line in table[2:]] == [["2025-07-01", "not", "done"], ["2025-08-08", "done", "+1"]]


def test_outside_git_shows_check_ins_only(history_repo: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> None:
    repo, _ = history_repo
    plain = tmp_path_factory.mktemp("plain")
    shutil.copytree(repo / "2025-Q3", plain / "2025-Q3")
    code, out, err = okr(plain, "history", "growth/O1/KR1", "--format", "json")
    assert (code, err) == (0, "okr: not in a git repository (or git is not installed): showing the check-ins only\n")
    assert json.loads(out) == {
        "ref": "growth/O1/KR1",
        "points": [
            {"date": "2025-07-14", "value": 1700, "source": "check-in", "commit": None},
            {"date": "2025-08-04", "value": 1900, "source": "check-in", "commit": None},
        ],
    }


def test_without_git_installed(history_repo: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> None:
    repo, _ = history_repo
    empty = tmp_path_factory.mktemp("no-git-here")
    code, out, err = okr(repo, "history", "growth/O1/KR1", "--format", "json", env={"PATH": str(empty)})
    assert (code, err.count("\n"), len(json.loads(out)["points"])) == (0, 1, 2)


def test_no_points_yet(git_repo: Path) -> None:
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(SHEET.replace("        current: 1500\n", ""), encoding="utf-8")
    assert okr(git_repo, "history", "growth/O1/KR1") == (0, "growth/O1/KR1: no check-ins and no recorded value yet\n", "")


def test_unknown_ref_is_a_usage_error(history_repo: tuple[Path, list[str]]) -> None:
    repo, _ = history_repo
    assert okr(repo, "history", "growth/O1/KR3") == (
        2,
        "",
        "okr: no key result or KPI 'growth/O1/KR3' in 2025-Q3; did you mean growth/O1/KR1 or growth/O1/KR2?\n",
    )


# --- the library calls `okr score` and `okr report` make ----------------------------------------


def test_batch_histories_and_last_updates(history_repo: tuple[Path, list[str]]) -> None:
    repo, _ = history_repo
    doc = open_workspace(repo, None, resolve_rules).sheets[0]
    objective = doc.objectives[0]
    wanted = {kr.id: (doc.path, Item("2025-Q3", "growth", ("O1", kr.id)), kr.check_ins) for kr in objective.key_results}
    found, in_git = value_histories(GitFacts(repo), wanted)
    assert in_git and found["KR1"] == value_history(repo, doc.path, wanted["KR1"][1], wanted["KR1"][2]).points
    assert [(p.date.isoformat(), p.value, p.source) for p in found["KR2"]] == [("2025-07-01", 0.0, "git")]
    krs = key_results_of([doc])
    assert last_updates(GitFacts(repo), krs, as_of=dt.date(2025, 8, 15)) == {
        "2025-Q3:growth/O1/KR1": dt.date(2025, 8, 4),  # the latest check-in
        "2025-Q3:growth/O1/KR2": dt.date(2025, 7, 1),  # no check-ins: the commit that set `done`
    }
    assert last_updates(GitFacts(repo), krs[:1], as_of=dt.date(2025, 7, 20)) == {"2025-Q3:growth/O1/KR1": dt.date(2025, 7, 14)}


REPEATED = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    key_results:
      - {id: KR1, title: Trial signups reach 2400 (from 1500), start: 1500, target: 2400, current: 1500}
      - {id: KR1, title: Again, start: 1, target: 2, current: 7777}
  - id: O1
    title: Again
    key_results:
      - {id: KR1, title: Trial signups reach 2400 (from 1500), start: 1500, target: 2400, current: 9999}
"""


def test_a_version_with_a_repeated_id_gives_the_first_items_value(git_repo: Path) -> None:
    # Each version's items are found through an index built once; the first objective with
    # an id, and its first key result with an id, are the ones read, as before the index.
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(REPEATED, encoding="utf-8")
    first = commit(git_repo, "2025-07-01")
    edit(git_repo, "current: 1500", "current: 1600")
    second = commit(git_repo, "2025-07-02")
    points = json.loads(okr(git_repo, "history", "growth/O1/KR1", "--format", "json")[1])["points"]
    assert [(p["value"], p["commit"]) for p in points] == [(1500, first), (1600, second)]


# --- the run-cache fingerprint -----------------------------------------------------------------


def test_git_head_reads_loose_packed_detached_and_worktree_refs(git_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    assert git_head(git_repo) == "unborn refs/heads/main"
    (git_repo / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    commit(git_repo, "2025-07-01")
    assert git_head(git_repo) == git(git_repo, "rev-parse", "HEAD")
    git(git_repo, "pack-refs", "--all")
    assert not (git_repo / ".git/refs/heads/main").exists()
    assert git_head(git_repo) == git(git_repo, "rev-parse", "HEAD")
    first = git(git_repo, "rev-parse", "HEAD")
    (git_repo / "a.yaml").write_text("a: 2\n", encoding="utf-8")
    commit(git_repo, "2025-07-02")
    assert git_head(git_repo) == git(git_repo, "rev-parse", "HEAD") != first
    git(git_repo, "checkout", "-q", "--detach", first)
    assert git_head(git_repo) == first
    worktree = tmp_path_factory.mktemp("wt") / "tree"
    git(git_repo, "worktree", "add", "-q", "-b", "side", str(worktree), "main")
    assert git_head(worktree) == git(worktree, "rev-parse", "HEAD") != first


def test_git_head_outside_git(tmp_path: Path) -> None:
    assert git_head(tmp_path) == ""


# --- git is read once per command ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "started"),
    [
        (("score", "2025-Q3", "--as-of", dt.date.today().isoformat()), ["rev-parse", "log", "cat-file"]),  # today: the working tree
        # A past day: which commit (rev-parse, log), its sheets (ls-tree, cat-file), then the
        # history cut at that commit, read once for everything (log, cat-file).
        (("check",), ["rev-parse", "log", "ls-tree", "cat-file", "log", "cat-file"]),  # KR2 has no check-in: is it stale?
        (("check", "--as-of", "2025-06-15"), ["rev-parse", "log"]),  # before the first commit: the working tree, no period to look up
        (("score",), ["rev-parse", "log", "ls-tree", "cat-file", "log", "cat-file"]),  # staleness and projections
        (("report",), ["rev-parse", "log", "ls-tree", "cat-file", "log", "cat-file"]),  # and every sparkline, one read
        (("history", "growth/O1/KR1"), ["rev-parse", "log", "ls-tree", "cat-file", "log", "cat-file"]),
        (("score", "--at", "HEAD~1", "--as-of", "2025-08-15"), ["rev-parse", "rev-parse", "log", "rev-parse", "ls-tree", "cat-file", "log", "cat-file"]),
        # --since reads the earlier review's repository as every command reads a moment:
        # which commit, one listing and one read of all its sheets, then its history for the
        # projections it showed, read once.
        (("report", "--since", "2025-07-20"),
         ["rev-parse", "log", "ls-tree", "cat-file", "log", "cat-file", "rev-parse", "log", "ls-tree", "cat-file", "log", "cat-file"]),
        (("report", "--since", "HEAD~2"),
         ["rev-parse", "log", "ls-tree", "cat-file", "log", "cat-file", "rev-parse", "rev-parse", "log", "rev-parse", "ls-tree", "cat-file",
          "log", "cat-file"]),
    ],
)
def test_git_starts_at_most_three_times(
    history_repo: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    command: tuple[str, ...],
    started: list[str],
) -> None:
    repo, _ = history_repo
    shim = tmp_path_factory.mktemp("shim")
    record = shim / "started"
    real = shutil.which("git")
    (shim / "git").write_text(f'#!/bin/sh\nprintf "%s\\n" "$3" >> "{record}"\nexec "{real}" "$@"\n', encoding="utf-8")
    (shim / "git").chmod(0o755)
    env = {"PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "OKR_NO_CACHE": "1"}
    done = run_okr_process(*command, *([] if "--as-of" in command else ["--as-of", "2025-08-15"]), cwd=repo, env=env)
    assert done.code in (0, 1), done.err
    assert (record.read_text().split() if record.exists() else []) == started


def test_a_ref_in_a_sheet_that_cannot_be_read_names_that_sheet(tmp_path: Path) -> None:
    # A merge left conflict markers in the sheet: neither history nor checkin finds the KR,
    # and both say which sheet could not be read instead of suggesting another owner's KR.
    write_files(tmp_path, {
        "2025-Q3/company.yaml": "period: 2025-Q3\nowner: company\nobjectives:\n  - id: O1\n    title: Win the market\n"
                                "    key_results:\n      - {id: KR2, title: Share reaches 30%, start: 10%, target: 30%}\n",
        "2025-Q3/sales.yaml": "period: 2025-Q3\nowner: sales\n<<<<<<< HEAD\nobjectives: []\n=======\nobjectives: [x]\n>>>>>>> b\n",
    })
    before = (tmp_path / "2025-Q3/sales.yaml").read_bytes()
    for args in (("history", "sales/O1/KR2"), ("checkin", "sales/O1/KR2", "27%", "--date", "2025-08-14")):
        code, out, err = okr(tmp_path, *args)
        assert (code, out) == (2, "")
        assert err.startswith("okr: no key result or KPI 'sales/O1/KR2' in 2025-Q3; these sheets could not be read, so it may be in "
                              "one of them: 2025-Q3/sales.yaml:4:1: "), err
        assert err.endswith("(yaml-syntax)\n") and "did you mean" not in err
    assert (tmp_path / "2025-Q3/sales.yaml").read_bytes() == before


def test_a_merge_is_when_its_branch_changed_the_value_here(git_repo: Path) -> None:
    # KR1 1500 on 07-01; a branch sets 1800 on 07-20; main edits KR2's title on 07-25 (KR1
    # still 1500 there); the branch is merged on 08-10. Here, KR1 moved to 1800 with the merge:
    # the branch's own commit is not this branch's history, and main's commit changed nothing.
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(SHEET, encoding="utf-8")
    first = commit(git_repo, "2025-07-01", "Q3 goals")
    git(git_repo, "checkout", "-q", "-b", "feature")
    edit(git_repo, "current: 1500", "current: 1800")
    commit(git_repo, "2025-07-20", "signups 1800")
    git(git_repo, "checkout", "-q", "main")
    edit(git_repo, "Help centre relaunched with search", "Help centre relaunched with search and chat")
    commit(git_repo, "2025-07-25", "KR2 title")
    stamp = {**os.environ, "GIT_AUTHOR_DATE": "2025-08-10T18:00:00+07:00", "GIT_COMMITTER_DATE": "2025-08-10T18:00:00+07:00"}
    subprocess.run(["git", "-C", str(git_repo), "merge", "-q", "--no-edit", "feature"], check=True, env=stamp, capture_output=True)
    merge = git(git_repo, "rev-parse", "--short", "HEAD")
    code, out, _ = okr(git_repo, "history", "growth/O1/KR1", "--format", "json")
    assert code == 0
    assert [(p["date"], p["value"], p["commit"]) for p in json.loads(out)["points"]] == [
        ("2025-07-01", 1500, first), ("2025-08-10", 1800, merge)]
    # as of 08-15 the last change is the merge's (5 days): not stale
    code, out, _ = okr(git_repo, "score", "--format", "json")
    kr1 = json.loads(out)["objectives"][0]["key_results"][0]
    assert (kr1["current"], kr1["stale"]) == (1800, False)


SHALLOW_NOTICE = ("okr: this clone is shallow: its history starts on {day}, so okr cannot know when a value it already held "
                  "there was set (no point in the history, no staleness from it); run `git fetch --unshallow`\n")


def test_a_shallow_clones_first_commit_sets_no_value(git_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    # KR1 was 1500 from 07-01 and 1700 from 07-10; the clone of depth 1 starts at 08-01 (a
    # title edit). That commit lists the sheet as new: it is no point of KR1's history, no
    # update that would make KR1 fresh, and each command says what the clone cannot show.
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(SHEET, encoding="utf-8")
    commit(git_repo, "2025-07-01", "Q3 goals")
    edit(git_repo, "current: 1500", "current: 1700")
    commit(git_repo, "2025-07-10", "signups 1700")
    edit(git_repo, "Help centre relaunched with search", "Help centre relaunched with search and chat")
    commit(git_repo, "2025-08-01", "KR2 title")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo}", str(clone)], check=True)
    notice = SHALLOW_NOTICE.format(day="2025-08-01")
    code, out, err = okr(clone, "history", "growth/O1/KR1", "--format", "json")
    assert (code, json.loads(out)["points"], err) == (0, [], notice)
    code, out, err = okr(clone, "score", "--format", "json")
    kr1 = json.loads(out)["objectives"][0]["key_results"][0]
    assert (code, kr1["current"], kr1["stale"], kr1["forecast"], err) == (0, 1700, False, None, notice)
    due = run_okr("due", "--as-of", "2025-08-15", cwd=clone)
    assert (due.code, due.err) == (1, notice)
    # the full history: KR1 last changed on 07-10, 36 days before 08-15: stale
    code, out, err = okr(git_repo, "score", "--format", "json")
    assert (json.loads(out)["objectives"][0]["key_results"][0]["stale"], err) == (True, "")
