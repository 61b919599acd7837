"""moved-target: a KR's or KPI's target or start replaced after the period's first
grace_days days, read from real commits with set dates."""

from __future__ import annotations

import datetime as dt
import os
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
            title: Trial signups reach the target
            start: {start}
            target: {target}
            check_ins: [{{date: 2025-08-11, value: 1710}}]
          - {{id: KR2, title: Paid plans reach 300, start: 120, target: 300, current: 200}}
    kpis:
      - {{id: K1, title: Churn stays low, target: "{kpi}", actual: 2%}}
"""


def commit(root: Path, day: str, message: str = "goals") -> None:
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)


def short(root: Path) -> str:
    return subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()


def sheet(start: str = "1500", target: str = "2400", kpi: str = "<= 3%") -> str:
    return SHEET.format(start=start, target=target, kpi=kpi)


def moved(root: Path, *args: str, as_of: str = "2025-08-15") -> list[tuple[int, int, str]]:
    result = run_okr("check", "--format", "json", "--as-of", as_of, *args, cwd=root, env={"OKR_NO_CACHE": "1"})
    assert result.code in (0, 1), result.err
    found = result.json()["problems"]  # type: ignore[index]
    return [(p["line"], p["column"], p["message"]) for p in found if p["rule"] == "moved-target"]


def history(root: Path, *versions: tuple[str, str]) -> list[str]:
    """Commit each (day, sheet text) in turn; the short hashes."""
    hashes = []
    for day, text in versions:
        write_files(root, {"2025-Q3/growth.yaml": text})
        commit(root, day)
        hashes.append(short(root))
    return hashes


def test_target_moved_after_grace(git_repo: Path) -> None:
    _, late = history(git_repo, ("2025-07-02", sheet()), ("2025-08-01", sheet(target="2000")))
    assert moved(git_repo) == [(10, 17, (
        f"key result 'growth/O1/KR1' target moved from 2400 to 2000 in commit {late} on 2025-08-01, after the first "
        "14 days of 2025-Q3; keep the promise made at the start, or say why the goal was re-planned"
    ))]


def test_the_first_grace_days_are_free_and_the_as_of_date_cuts(git_repo: Path) -> None:
    history(git_repo, ("2025-06-20", sheet(target="3000")), ("2025-07-14", sheet()))  # day 14 of the period: inside
    assert moved(git_repo) == []
    history(git_repo, ("2025-07-15", sheet(target="2500")))  # day 15
    assert [m[:2] for m in moved(git_repo)] == [(10, 17)]
    assert moved(git_repo, as_of="2025-07-14") == []  # the commit is after the as-of date


def test_start_kpi_target_and_last_move_named(git_repo: Path) -> None:
    _, _, last = history(
        git_repo, ("2025-07-01", sheet()), ("2025-08-01", sheet(start="1400", kpi="<= 4%")),
        ("2025-08-05", sheet(start="1300", kpi="<= 4%")),
    )
    found = moved(git_repo)
    assert [(line, column) for line, column, _ in found] == [(9, 16), (14, 46)]
    assert found[0][2].startswith(f"key result 'growth/O1/KR1' start moved from 1400 to 1300 in commit {last} on 2025-08-05,")
    assert found[1][2].startswith("KPI 'growth/K1' target moved from <= 3% to <= 4% in commit ")


def test_rewording_adding_and_new_goals_are_not_moves(git_repo: Path) -> None:
    no_start = sheet().replace("        start: 1500\n", "")
    history(
        git_repo, ("2025-07-01", no_start), ("2025-08-01", sheet()),  # a baseline written late
        ("2025-08-02", sheet(target='"2,400"', kpi="≤ 3%")),  # the same values, written otherwise
        ("2025-08-03", sheet().replace("    kpis:", "          - {id: KR3, title: Demos reach 40, target: '>= 40'}\n    kpis:")),
    )
    assert moved(git_repo) == []


def test_uncommitted_change_and_suppression(git_repo: Path) -> None:
    history(git_repo, ("2025-07-01", sheet()))
    write_files(git_repo, {"2025-Q3/growth.yaml": sheet(target="2000")})
    today = dt.date.today().isoformat()
    assert moved(git_repo, as_of="2025-08-15") == []  # today is after the as-of date
    assert moved(git_repo, as_of=today) == [(10, 17, (
        f"key result 'growth/O1/KR1' target moved from 2400 to 2000 in the working tree (not committed yet, {today}), "
        "after the first 14 days of 2025-Q3; keep the promise made at the start, or say why the goal was re-planned"
    ))]
    write_files(git_repo, {"2025-Q3/growth.yaml": sheet(target="2000  # okr: disable=moved-target -- re-planned")})
    assert moved(git_repo, as_of=today) == []


def test_grace_days_option_and_outside_git(git_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    history(git_repo, ("2025-07-01", sheet()), ("2025-07-20", sheet(target="2000")))
    # --config FILE: the config as it is now (as of a past day, `.okr.yaml` is the commit's)
    write_files(git_repo, {".okr.yaml": "rules:\n  moved-target: {grace_days: 30}\n"})
    assert [m[:2] for m in moved(git_repo)] == [(10, 17)] and moved(git_repo, "--config", ".okr.yaml") == []
    write_files(git_repo, {".okr.yaml": "rules:\n  moved-target: {grace_days: 19}\n"})
    assert [m[:2] for m in moved(git_repo, "--config", ".okr.yaml")] == [(10, 17)]
    write_files(git_repo, {".okr.yaml": "rules:\n  moved-target: {grace_days: -1}\n"})
    result = run_okr("check", cwd=git_repo)
    assert result.code == 2 and "moved-target" in result.err and "grace_days" in result.err
    outside = tmp_path_factory.mktemp("plain")
    write_files(outside, {"2025-Q3/growth.yaml": sheet(target="2000")})
    assert moved(outside) == []
