"""`okr score`, `okr scorecard` and `okr tree` read a period's scores from the cache when
nothing they depend on changed: the same bytes and notices as a cold run, and never an old
answer when a sheet, the config, the history, the day, the language, the commit or the
period asked for changed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from okrcli.model.values import Value
from okrcli.repo.cache import MAGIC, Cache
from okrcli.score.entries import decode, encode
from okrcli.score.records import Forecast, KRScore, ObjectiveScore, ScoreReport
from okrcli.score.run import PeriodScores
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
    value[1][0][0] = "2025-Q4"  # the report's period
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
        cache.put("scores", key, {"report": value[1][0]})
    else:
        value[1][0][2] = "half"  # the elapsed share of the period as text
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


# --- the entry's format: shared records written once, read back checked -------------------------


def kr(ref: str, written: Value, forecast: Forecast | None = None) -> KRScore:
    return KRScore(
        ref=ref, title="Signups", kind="metric", owner="ann", weight=1.0, start=Decimal("1500"), target=Decimal("2400"),
        current=written.number, progress=0.5, score=0.5, status="on-track", target_written=written, current_written=written,
        forecast=forecast, links=("https://example.com",),
    )


def period_with(*krs: KRScore) -> PeriodScores:
    objective = ObjectiveScore(
        ref="growth/O1", owner="growth", title="Grow", kind="aspirational", weight=1, score=0.5, grade="yellow",
        status="on-track", too_easy=False, key_results=list(krs),
    )
    report = ScoreReport(period="2025-Q3", as_of=dt.date(2025, 8, 15), elapsed=0.5, objectives=[objective])
    return PeriodScores(report, [], ("a notice",))


def written(text: str, number: Decimal | None = None) -> Value:
    return Value(number=Decimal(text) if number is None else number, raw=text)


def test_an_entry_writes_each_shared_record_once_and_reads_it_back_as_written() -> None:
    same = [kr(f"growth/O1/KR{n}", written("1.0"), Forecast(0.0, 1.0, None)) for n in range(1, 4)]
    apart = [  # equal as numbers, not as written: each is shown as it was written
        kr("growth/O1/KR4", written("1.00")), kr("growth/O1/KR5", written("1.0", Decimal("1"))),
        kr("growth/O1/KR6", written("1.0"), Forecast(-0.0, 1, None)), kr("growth/O1/KR7", written("1.0"), Forecast(0.0, True, None)),
    ]
    scores = period_with(*same, *apart)
    entry = json.loads(json.dumps(encode(scores)))
    shared, _body = entry
    assert len(shared) == 3 + 3  # the three values and the three forecasts
    back = decode(PeriodScores, entry)
    assert back == scores and repr(back) == repr(scores)
    krs = back.report.objectives[0].key_results
    assert krs[0].current_written is krs[1].target_written  # read once, shared
    assert [repr(k.forecast) for k in krs if k.forecast] == [
        "Forecast(value=0.0, score=1.0, eta=None)", *["Forecast(value=0.0, score=1.0, eta=None)"] * 2,
        "Forecast(value=-0.0, score=1, eta=None)", "Forecast(value=0.0, score=True, eta=None)",
    ]


@pytest.mark.parametrize("number", [7, -1, True, 0.0, "0", [0], {}], ids=repr)
def test_a_shared_record_number_past_the_rows_or_not_a_number_refuses_the_entry(number: object) -> None:
    entry = json.loads(json.dumps(encode(period_with(kr("growth/O1/KR1", written("5"))))))
    assert decode(PeriodScores, entry) is not None
    entry[1][0][3][0][9][0][13] = number  # the KR's target as written
    assert decode(PeriodScores, entry) is None


@pytest.mark.parametrize(
    "damage",
    [lambda e: e[0][0].append(None), lambda e: e[0].__setitem__(0, "5"), lambda e: e.append([]), lambda e: e.__setitem__(0, {})],
    ids=["a row of another length", "a row not a list", "a third part", "rows not a list"],
)
def test_an_entry_of_another_shape_is_refused(damage: Callable[[list[Any]], None]) -> None:
    entry = json.loads(json.dumps(encode(period_with(kr("growth/O1/KR1", written("5"))))))
    damage(entry)
    assert decode(PeriodScores, entry) is None


@dataclass(frozen=True)
class _Plain:
    number: int


@dataclass(frozen=True)
class _Either:
    value: _Plain | int


def test_a_shared_record_beside_a_number_in_a_union_is_a_mistake_found_at_once() -> None:
    with pytest.raises(TypeError, match="cannot be told apart"):
        decode(_Either, encode(_Either(3)))


@pytest.mark.parametrize("status", ["finished", True, 1, ["done"], {}], ids=repr)
def test_a_status_no_literal_allows_refuses_the_entry(status: object) -> None:
    entry = json.loads(json.dumps(encode(period_with(kr("growth/O1/KR1", written("5"))))))
    entry[1][0][3][0][9][0][10] = None  # a key result without a target has no status
    assert decode(PeriodScores, entry).report.objectives[0].key_results[0].status is None
    entry[1][0][3][0][9][0][10] = status
    assert decode(PeriodScores, entry) is None


def test_reading_an_entry_holds_the_cycle_collector_back_only_while_it_reads(tmp_path: Path) -> None:
    import gc

    from okrcli.score.run import _cached_scores

    cache = Cache(tmp_path / "cache", secret=b"s" * 32)
    cache.put("scores", "0123456789", encode(period_with(kr("growth/O1/KR1", written("5")))))
    cache.put("scores", "9876543210", "not an entry")
    for key in ("0123456789", "9876543210"):
        assert gc.isenabled()
        _cached_scores(cache, key)
        assert gc.isenabled()
        gc.disable()
        try:
            _cached_scores(cache, key)
            assert not gc.isenabled()  # left as it was found
        finally:
            gc.enable()


MODULES_AT_EXIT = (
    "import atexit, sys\n"
    "heavy = {'okrcli.lint.rules', 'okrcli.lint.settings', 'okrcli.model.sheet', 'okrcli.load.validate'}\n"
    "atexit.register(lambda: print(sorted(heavy.intersection(sys.modules)), file=sys.stderr))\n"
    "sys.argv = ['okr', *sys.argv[1:]]\n"
    "from okrcli.cli import main\n"
    "main()\n"
)


def heavy_modules(root: Path, *args: str) -> tuple[int, str, str]:
    """The exit code, stdout and the rule, sheet-model and validation modules loaded by an `okr` run."""
    done = subprocess.run([sys.executable, "-c", MODULES_AT_EXIT, *args], cwd=root, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return done.returncode, done.stdout, done.stderr.splitlines()[-1]


def test_a_warm_score_of_a_config_without_rules_loads_no_rule_and_no_sheet_model(goals: Path) -> None:
    """Every rule at its defaults cannot fail: only a period scored afresh resolves them, and
    validates sheets."""
    cold = heavy_modules(goals, "score", *AS_OF)
    assert "okrcli.lint.rules" in cold[2] and "okrcli.model.sheet" in cold[2]
    warm = heavy_modules(goals, "score", *AS_OF)
    assert warm[:2] == cold[:2] and warm[2] == "[]"


@pytest.mark.parametrize("rules", ["rules: {vague-wording: disable}\n", "rules: {no-such-rule: disable}\n", "rules: {weights: {level: loud}}\n"])
def test_a_config_with_rules_is_read_as_before_on_every_run(goals: Path, rules: str) -> None:
    """A config's `rules:` are resolved before anything is read or told: a wrong one stops
    every run, cold or warm, with the same message."""
    write_files(goals, {".okr.yaml": "number_locale: en\n" + rules})
    commit(goals, "2025-07-02T10:00:00")  # `--at HEAD` reads the commit's config
    for command in [("score",), ("tree",), ("score", "--at", "HEAD")]:
        cold = answer(goals, *command, *AS_OF)
        assert answer(goals, *command, *AS_OF) == cold == fresh(goals, *command, *AS_OF)
        assert (cold[0] == 2 and "rule" in cold[2]) == ("disable}" not in rules or "no-such" in rules)
