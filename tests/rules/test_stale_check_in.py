"""stale-check-in: an open KR of the current period with no update for stale_after_days,
judged as of --as-of, from its check-ins or, lacking them, from real git commits."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_okr, write_files

SHEET = """
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
            check_ins:
              - {date: 2025-07-14, value: 1640}
              - {date: 2025-07-30, value: 1800}
          - id: KR2
            title: Trial conversion reaches 18% (from 12%)
            start: 12%
            target: 18%
            current: 18%
            check_ins: [{date: 2025-07-01, value: 15%}]
          - {id: KR3, title: Paid plans reach 300 (from 120), start: 120, target: 300}
"""


def stale(root: Path, as_of: str, env: dict[str, str] | None = None) -> list[tuple[str, int, int, str]]:
    result = run_okr("check", "--format", "json", "--as-of", as_of, cwd=root, env={"OKR_NO_CACHE": "1", **(env or {})})
    assert result.code in (0, 1), result.err
    found = result.json()["problems"]  # type: ignore[index]
    return [(p["path"], p["line"], p["column"], p["message"]) for p in found if p["rule"] == "stale-check-in"]


def where(found: list[tuple[str, int, int, str]]) -> list[tuple[int, int]]:
    return [(line, column) for _, line, column, _ in found]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025-07-20", []),  # 6 days after the 2025-07-14 check-in
        ("2025-07-29", [(7, 9)]),  # 15 days: the 2025-07-30 check-in is after the as-of date
        ("2025-08-13", []),  # 14 days is not more than 14
        ("2025-08-15", [(7, 9)]),
        ("2025-10-01", []),  # another quarter: not the current period any more
    ],
)
def test_as_of_decides(tmp_path: Path, as_of: str, expected: list[tuple[int, int]]) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET})
    assert where(stale(tmp_path, as_of)) == expected


def test_message(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET})
    assert stale(tmp_path, "2025-08-15") == [(
        "2025-Q3/growth.yaml", 7, 9,
        "key result 'growth/O1/KR1' has had no check-in since 2025-07-30 (16 days, more than "
        "stale_after_days 14); record where it stands: okr checkin growth/O1/KR1 VALUE",
    )]


def test_stale_after_days_and_disabling(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET, ".okr.yaml": "stale_after_days: 16\n"})
    assert where(stale(tmp_path, "2025-08-15")) == []  # 16 days
    assert where(stale(tmp_path, "2025-08-16")) == [(7, 9)]
    write_files(tmp_path, {".okr.yaml": "rules:\n  stale-check-in: disable\n"})
    assert stale(tmp_path, "2025-08-16") == []


def test_suppression_comment(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET.replace("      - id: KR1\n", "      - id: KR1  # okr: disable=stale-check-in\n")})
    assert stale(tmp_path, "2025-08-15") == []


# --- from git ------------------------------------------------------------------------------------

GIT_SHEET = """\
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
        current: 1640
      - id: KR2
        title: Help centre relaunched with search
        done: false
"""


def commit(repo: Path, day: str) -> None:
    stamp = f"{day}T09:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", day], check=True, env=env)


def replace(repo: Path, old: str, new: str) -> None:
    path = repo / "2025-Q3/growth.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def committed(git_repo: Path) -> Path:
    write_files(git_repo, {"2025-Q3/growth.yaml": GIT_SHEET})
    commit(git_repo, "2025-07-01")
    return git_repo


def test_without_check_ins_the_last_commit_changing_the_value_counts(committed: Path) -> None:
    assert stale(committed, "2025-07-10") == []
    assert stale(committed, "2025-07-20") == [
        ("2025-Q3/growth.yaml", 7, 9, "key result 'growth/O1/KR1' has had no check-in and no commit changing its value "
         "since 2025-07-01 (19 days, more than stale_after_days 14); record where it stands: okr checkin growth/O1/KR1 VALUE"),
        ("2025-Q3/growth.yaml", 12, 9, "key result 'growth/O1/KR2' has had no check-in and no commit changing its value "
         "since 2025-07-01 (19 days, more than stale_after_days 14); record where it stands: okr checkin growth/O1/KR2 VALUE"),
    ]
    replace(committed, "current: 1640", "current: 1700")
    replace(committed, "Help centre relaunched", "Help centre relaunched in two languages")  # no new value
    commit(committed, "2025-07-18")
    assert where(stale(committed, "2025-07-20")) == [(12, 9)]
    assert where(stale(committed, "2025-07-17")) == [(7, 9), (12, 9)]  # the 18th is after the as-of date


def test_done_and_outside_git(committed: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    replace(committed, "done: false", "done: true")
    commit(committed, "2025-07-02")
    assert where(stale(committed, "2025-08-15")) == [(7, 9)]
    plain = tmp_path_factory.mktemp("plain")
    shutil.copytree(committed / "2025-Q3", plain / "2025-Q3")
    assert stale(plain, "2025-08-15") == []  # no check-ins and no git: nothing to judge by


def test_a_new_commit_misses_the_run_cache(committed: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = {"OKR_NO_CACHE": "0", "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cache"))}
    replace(committed, "current: 1640", "current: 1700")  # edited, not committed yet
    assert where(stale(committed, "2025-07-20", cache)) == [(7, 9), (12, 9)]
    assert where(stale(committed, "2025-07-20", cache)) == [(7, 9), (12, 9)]  # from the cache
    commit(committed, "2025-07-18")  # the same bytes, a new history
    assert where(stale(committed, "2025-07-20", cache)) == [(12, 9)]
