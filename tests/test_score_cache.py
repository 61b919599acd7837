"""`okr score`, `okr scorecard` and `okr tree` read a period's scores from the cache when
nothing they depend on changed: the same bytes and notices as a cold run, and never an old
answer when a sheet, the config, the history, the day, the language, the commit or the
period asked for changed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from okrcli.repo.cache import MAGIC, Cache
from tests.conftest import run_okr, write_files

GROWTH = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Grow self-serve signups
        parent: 2025:company/O1
        key_results:
          - {{id: KR1, title: Signups reach 2400 (from 1500), start: 1500, target: "2,400", current: "{current}", owner: ann, weight: 1}}
          - {{id: KR2, title: Conversion reaches 18% (from 12%), start: 12%, target: 18%, current: 14.5%, weight: 2.5}}
    kpis:
      - {{id: K1, title: Uptime, target: ">= 99%", actual: 99.5%}}
"""
COMPANY = """
    period: 2025
    owner: company
    level: company
    objectives:
      - id: O1
        title: Become the default tool for small teams
        key_results:
          - {id: KR1, title: Paying teams reach 900 (from 400), start: 400, target: 900, current: 610}
"""
BROKEN = """
    period: 2025-Q3
    owner: sales
    objectives:
      - id: O1
        title: Close more deals
        key_results:
          - {id: KR1, title: Deals reach 40, target: [40]}
"""
AS_OF = ("--as-of", "2025-08-15")
LEFT_OUT = (
    "okr: left out of the scores: 2025-Q3/sales.yaml:7:50: cannot read the list [40] as a number; write a number like 120000, "
    '"120.000" (number_locale: vi), "1,33 triệu", "8.5%", ">= 40%" or a band "95..99" (schema)\n'
)
COMMANDS = [
    ("score",), ("score", "--format", "json"), ("score", "--format", "markdown"), ("score", "--format", "csv"),
    ("score", "--owner", "growth"), ("scorecard", "ann"), ("scorecard", "growth", "--format", "json"),
    ("tree",), ("tree", "--format", "json"),
]


def commit(repo: Path, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", when], check=True, env=env)


def answer(root: Path, *args: str, **env: str) -> tuple[int, str, str]:
    result = run_okr(*args, cwd=root, env={"NO_COLOR": "1", "COLUMNS": "120", **env})
    return result.code, result.out, result.err


def fresh(root: Path, *args: str) -> tuple[int, str, str]:
    return answer(root, *args, OKR_NO_CACHE="1")


def score_entries() -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "okr"
    return sorted(p for p in folder.glob("*/scores/*/*") if p.is_file())


@pytest.fixture
def goals(git_repo: Path) -> Path:
    """A quarter under a year's objective, a sheet left out (its target is a list), committed."""
    write_files(git_repo, {
        ".okr.yaml": "number_locale: en\n", "2025/company.yaml": COMPANY,
        "2025-Q3/growth.yaml": GROWTH.format(current="1,940"), "2025-Q3/sales.yaml": BROKEN,
    })
    commit(git_repo, "2025-07-01T10:00:00")
    return git_repo


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_warm_run_answers_as_a_cold_one(goals: Path, command: tuple[str, ...]) -> None:
    cold = answer(goals, *command, *AS_OF)
    assert cold == fresh(goals, *command, *AS_OF)
    assert cold[0] == 1 and cold[2] == LEFT_OUT
    assert len(score_entries()) == 1
    assert answer(goals, *command, *AS_OF) == cold
    assert answer(goals, *command, *AS_OF, "-C", "2025-Q3") == fresh(goals, *command, *AS_OF, "-C", "2025-Q3")


def test_the_warm_run_reads_the_entry(goals: Path) -> None:
    """An authentic entry that says something else is what a warm run shows: it read no sheet."""
    cold = answer(goals, "score", "--format", "json", *AS_OF)
    [entry] = score_entries()
    key = entry.parent.name + entry.name
    cache = Cache(entry.parent.parent.parent)
    value = cache.get("scores", key)
    value[0][0] = "2025-Q4"  # the report's period
    cache.put("scores", key, value)
    warm = answer(goals, "score", "--format", "json", *AS_OF)
    assert json.loads(warm[1])["period"] == "2025-Q4" and json.loads(cold[1])["period"] == "2025-Q3"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "forged", "another shape", "a wrong type"])
def test_a_damaged_or_forged_entry_is_ignored(goals: Path, damage: str) -> None:
    cold = answer(goals, "score", "--format", "json", *AS_OF)
    [entry] = score_entries()
    key = entry.parent.name + entry.name
    cache = Cache(entry.parent.parent.parent)
    value = cache.get("scores", key)
    raw = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(b"\0" * 100)
    elif damage == "truncated":
        entry.write_bytes(raw[:-10])
    elif damage == "forged":  # another period, the MAC of the old one
        entry.write_bytes(raw[: len(MAGIC) + 32] + raw[len(MAGIC) + 32 :].replace(b'"2025-Q3"', b'"2025-Q4"', 1))
    elif damage == "another shape":
        cache.put("scores", key, {"report": value[0]})
    else:
        value[0][2] = "half"  # the elapsed share of the period as text
        cache.put("scores", key, value)
    assert answer(goals, "score", "--format", "json", *AS_OF) == cold


def changes(repo: Path) -> list[tuple[str, object]]:
    return [
        ("a sheet", lambda: write_files(repo, {"2025-Q3/growth.yaml": GROWTH.format(current="2,100")})),
        ("the config", lambda: write_files(repo, {".okr.yaml": "number_locale: vi\n"})),  # "2,400" now reads as 2.4
        ("a commit", lambda: commit(repo, "2025-08-12T10:00:00")),
    ]


@pytest.mark.parametrize("command", [("score", "--format", "json"), ("scorecard", "ann"), ("tree",)], ids=lambda c: c[0])
def test_a_changed_sheet_config_or_history_is_scored_again(goals: Path, command: tuple[str, ...]) -> None:
    today = ("--as-of", dt.date.today().isoformat())  # uncommitted changes count only today
    seen = [answer(goals, *command, *today)]
    for _what, change in changes(goals):
        change()  # type: ignore[operator]
        new = fresh(goals, *command, *today)
        assert answer(goals, *command, *today) == new == answer(goals, *command, *today)
        seen.append(new)
    assert len(set(seen)) >= 3  # the sheet and the config changed the answers: the cache had old ones to give


@pytest.mark.parametrize(
    "first, second",
    [
        (AS_OF, ("--as-of", "2025-10-15")),  # the period has ended
        (AS_OF, ("--as-of", "2025-07-20")),  # another day: values and forecasts move
        (AS_OF, (*AS_OF, "--lang", "vi")),
        ((*AS_OF, "2025-Q3"), (*AS_OF, "2025")),
        (("--at", "HEAD"), ("--at", "HEAD~1")),
        (("--at", "HEAD~1", "--as-of", "2025-07-20"), ("--at", "HEAD~1", "--as-of", "2025-08-15")),
    ],
    ids=["ended", "another day", "language", "period", "commit", "at and as-of"],
)
@pytest.mark.parametrize("command", [("score",), ("score", "--format", "json"), ("tree",), ("scorecard", "growth")], ids=" ".join)
def test_another_moment_language_or_period_is_scored_again(
    goals: Path, command: tuple[str, ...], first: tuple[str, ...], second: tuple[str, ...],
) -> None:
    write_files(goals, {"2025-Q3/growth.yaml": GROWTH.format(current="2,100")})
    commit(goals, "2025-08-01T10:00:00")
    before = answer(goals, *command, *first)
    assert before == fresh(goals, *command, *first)
    after = answer(goals, *command, *second)
    assert after == fresh(goals, *command, *second) != before
    assert answer(goals, *command, *first) == before and answer(goals, *command, *second) == after


def test_a_shallow_clone_says_so_on_a_warm_run(goals: Path, tmp_path: Path) -> None:
    commit_day = "2025-08-10T09:00:00"
    write_files(goals, {"2025-Q3/growth.yaml": GROWTH.format(current="2,100")})
    commit(goals, commit_day)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{goals}", str(clone)], check=True)
    args = ("score", "2025-Q3", "--as-of", "2025-07-20")
    cold = answer(clone, *args)
    assert cold[2].startswith("okr: this clone is shallow and its history does not reach 2025-07-20: ")
    assert cold[2].endswith(LEFT_OUT)
    assert answer(clone, *args) == cold == fresh(clone, *args)
    subprocess.run(["git", "-C", str(clone), "fetch", "-q", "--unshallow"], check=True)
    deep = answer(clone, *args)
    assert deep == fresh(clone, *args) and "shallow" not in deep[2] and deep[1] != cold[1]


def test_an_unknown_owner_is_refused_on_a_warm_run(goals: Path) -> None:
    cold = answer(goals, "score", "--owner", "nobody", *AS_OF)
    assert cold[0] == 2 and "unknown owner 'nobody' in 2025-Q3" in cold[2]
    assert answer(goals, "score", "--owner", "nobody", *AS_OF) == cold
