"""No number can crash okr (SPEC 2.1 limits): values beyond 10^18, beyond 18 significant
digits, beyond what Python can print or a float can hold, stacked scale words, tiny targets,
huge weights and confidences go through every reading command and `okr checkin`, in the
current file and in an old git version of it, and each run ends in a message, never in exit
3, a traceback, NaN or Infinity."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr

SHEET = """\
period: 2025-Q3
owner: mkt
objectives:
  - id: O1
    title: Grow traffic
    weight: {weight}
    key_results:
      - id: KR1
        title: Traffic reaches the goal
        start: {start}
        target: {target}
        current: {current}
        check_ins:
          - date: 2025-07-14
            value: {value}
            confidence: {confidence}
      - id: KR2
        title: Signups reach the goal
        target: ">= 40%"
        current: 36%
kpis:
  - id: K1
    title: Uptime
    target: {kpi_target}
    actual: {kpi_actual}
"""
GOOD = {
    "weight": "1", "start": "250000", "target": "308000", "current": "281000", "value": "262000",
    "confidence": "0.7", "kpi_target": '">= 95%"', "kpi_actual": "96%",
}
PATH = "2025-Q3/mkt.yaml"
LIMITS = "a number must be smaller than 10^18 in size; write a smaller number, e.g. in a larger unit"
DIGITS = "a number has at most 18 significant digits; write the number rounded to 18 digits or fewer"
NINES = "9" * 5000
SHOWN_NINES = "9" * 59 + "…"

# (name, fields changed, the schema problems of `okr check`: (line, column, message))
BAD: list[tuple[str, dict[str, str], list[tuple[int, int, str]]]] = [
    ("5000-digit integer", {"current": NINES}, [(12, 18, f"cannot read {SHOWN_NINES} as a number: {DIGITS}")]),
    ("5000-digit text", {"current": f'"{NINES}"'}, [(12, 18, f'cannot read "{"9" * 58}…" as a number: {DIGITS}')]),
    ("1e309", {"current": "1e309"}, [(12, 18, f"cannot read 1e309 as a number: {LIMITS}")]),
    ("-1e309", {"current": "-1e309"}, [(12, 18, f"cannot read -1e309 as a number: {LIMITS}")]),
    ("1e-400", {"current": "1e-400"}, [
        (12, 18, "cannot read 1e-400 as a number: a number this close to zero would read as 0; write the number in a smaller unit"),
    ]),
    (".nan", {"current": ".nan"}, [
        (12, 18, "cannot read .nan as a number: only finite numbers are allowed (no nan, no infinity); write a number like 120000"),
    ]),
    ("stacked scale words", {"current": '"1 tỷ tỷ"'}, [
        (12, 18, 'cannot read "1 tỷ tỷ" as a number: a value has at most one scale word (k, M, triệu, tỷ…); '
                 'write one, e.g. "1.5 tỷ" or "1500 triệu"'),
    ]),
    ("±1e308", {"start": "-1e308", "target": "1e308", "current": "1e308"}, [
        (10, 16, f"cannot read -1e308 as a number: {LIMITS}"),
        (11, 17, f"cannot read 1e308 as a number: {LIMITS}"),
        (12, 18, f"cannot read 1e308 as a number: {LIMITS}"),
    ]),
    ("10^18 exactly", {"current": "1000000000000000000"}, [(12, 18, f"cannot read 1000000000000000000 as a number: {LIMITS}")]),
    ("19 significant digits", {"current": '"1234567890.123456789"'}, [
        (12, 18, f'cannot read "1234567890.123456789" as a number: {DIGITS}'),
    ]),
    ("check-in value 10^19", {"value": "10000000000000000000"}, [(15, 20, f"cannot read 10000000000000000000 as a number: {LIMITS}")]),
    ("weight 1e309", {"weight": "1e309"}, [
        (6, 13, 'cannot read 1e309 as a weight; write a number like 1 or 0.5, or a percentage like "40%"'),
    ]),
    ("weight of 5000 digits", {"weight": NINES}, [
        (6, 13, f'cannot read {SHOWN_NINES} as a weight; write a number like 1 or 0.5, or a percentage like "40%"'),
    ]),
    ("weight 1e300%", {"weight": '"1e300%"'}, [
        (6, 13, 'cannot read "1e300%" as a weight; write a number like 1 or 0.5, or a percentage like "40%"'),
    ]),
    ("confidence of 5000 digits", {"confidence": NINES}, [
        (16, 25, f"`confidence` must be a number below 10^18 with at most 18 significant digits, got {SHOWN_NINES}; "
                 "write a number between 0 and 1, e.g. 0.7 for 70 %"),
    ]),
    ("confidence 1e309", {"confidence": "1e309"}, [
        (16, 25, "`confidence` must be a number below 10^18 with at most 18 significant digits, got 1e309; "
                 "write a number between 0 and 1, e.g. 0.7 for 70 %"),
    ]),
    ("KPI target 1e308", {"kpi_target": "1e308"}, [(24, 13, f"cannot read 1e308 as a number: {LIMITS}")]),
]

READING = [
    ["check"], ["check", "--format", "json"], ["check", "--format", "sarif"],
    ["score"], ["score", "--format", "json"], ["score", "--format", "csv"], ["score", "--format", "markdown"],
    ["scorecard", "mkt"], ["scorecard", "mkt", "--format", "json"],
    ["tree"], ["report"], ["report", "--format", "html"],
    ["history", "mkt/O1/KR1"], ["history", "mkt/O1/KR1", "--format", "json"], ["history", "mkt/K1"],
]


def sheet(**changed: str) -> str:
    return SHEET.format(**{**GOOD, **changed})


def commit(repo: Path, day: str) -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", day], check=True, env=env)


def answers(repo: Path, *args: str) -> int:
    """Run okr: it answers with a documented exit code, and its numbers are all finite."""
    result = run_okr(*args, cwd=repo, env={"NO_COLOR": "1"})
    assert result.code in (0, 1, 2), (args, result.err)
    assert "Traceback" not in result.err and "internal error" not in result.err, (args, result.err)
    if "json" in args and result.code != 2:  # a usage error prints no document
        json.loads(result.out, parse_constant=_refuse_constant)
    # Messages and rule docs name nan and infinity to refuse them (check's output, and the
    # problems of the sheets a report leaves out): the numbers around them are what is checked.
    if args[0] != "check":
        numbers = "\n".join(line for line in result.out.splitlines() if "(schema)" not in line and "as a number" not in line)
        assert NOT_FINITE.search(numbers) is None, (args, result.out)
    return result.code


NOT_FINITE = re.compile(r"\b(?:nan|inf|infinity)\b", re.IGNORECASE)


def _refuse_constant(name: str) -> Any:
    raise AssertionError(f"JSON output holds {name}")


def schema_problems(repo: Path) -> list[tuple[int, int, str]]:
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=repo)
    document: dict[str, Any] = json.loads(result.out)
    return [(p["line"], p["column"], p["message"]) for p in document["problems"] if p["rule"] == "schema"]


@pytest.mark.parametrize(("name", "changed", "expected"), BAD, ids=[case[0] for case in BAD])
def test_a_value_beyond_the_limits_is_a_schema_error_in_every_command(
    git_repo: Path, name: str, changed: dict[str, str], expected: list[tuple[int, int, str]]
) -> None:
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(sheet(**changed), encoding="utf-8")
    commit(git_repo, "2025-07-20")
    assert schema_problems(git_repo) == expected
    for command in READING:
        answers(git_repo, *command, "--as-of", "2025-08-15")
    assert answers(git_repo, "check", "--as-of", "2025-08-15") == 1
    answers(git_repo, "checkin", "mkt/K1", "97%", "--date", "2025-08-01")
    answers(git_repo, "checkin", "mkt/O1/KR2", "37%", "--date", "2025-08-01")


@pytest.mark.parametrize(("name", "changed", "expected"), BAD, ids=[case[0] for case in BAD])
def test_a_value_beyond_the_limits_in_an_old_version_never_breaks_history(
    git_repo: Path, name: str, changed: dict[str, str], expected: list[tuple[int, int, str]]
) -> None:
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(sheet(**changed), encoding="utf-8")
    commit(git_repo, "2025-07-05")
    (git_repo / PATH).write_text(sheet(), encoding="utf-8")
    commit(git_repo, "2025-07-20")
    for command in READING:
        assert answers(git_repo, *command, "--as-of", "2025-08-15") == 0, command
    # As of 2025-07-10 the bad version was the sheet: it is left out of the scores, and its
    # key result cannot be looked up then (a usage error naming the sheet), never a crash.
    assert answers(git_repo, "score", "--as-of", "2025-07-10") in (0, 1)
    assert answers(git_repo, "history", "mkt/O1/KR1", "--as-of", "2025-07-10") in (0, 2)
    result = run_okr("history", "mkt/O1/KR1", "--format", "json", "--as-of", "2025-08-15", cwd=git_repo)
    points = [(p["date"], p["value"], p["source"]) for p in json.loads(result.out)["points"]]
    bad_current = "current" in changed
    first = [] if bad_current else [("2025-07-05", 281000, "git")]
    assert points == [*first, ("2025-07-14", 262000, "check-in"), *([("2025-07-20", 281000, "git")] if bad_current else [])]
    assert answers(git_repo, "checkin", "mkt/O1/KR1", "290000", "--date", "2025-08-01") == 0


def test_a_tiny_target_scores_without_infinity(git_repo: Path) -> None:
    """actual / 5e-324 overflows a float: the achievement is held at 10^18, met and green."""
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(sheet(kpi_target="5e-324", kpi_actual="1", start="0", target="5e-324", current="1"), encoding="utf-8")
    commit(git_repo, "2025-07-20")
    result = run_okr("score", "--format", "json", "--as-of", "2025-08-15", cwd=git_repo)
    assert result.code == 0, result.err
    document = json.loads(result.out, parse_constant=_refuse_constant)
    kpi = document["kpis"][0]
    assert (kpi["actual"], kpi["achievement"], kpi["met"], kpi["grade"]) == (1, 1e18, True, "green")
    kr = document["objectives"][0]["key_results"][0]
    assert (kr["progress"], kr["score"], kr["status"]) == (1e18, 1, "done")
    assert document["objectives"][0]["score"] == 0.95
    for command in READING:
        assert answers(git_repo, *command, "--as-of", "2025-08-15") == 0, command


def test_a_ceiling_kpi_below_a_tiny_actual_scores_without_infinity(git_repo: Path) -> None:
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(sheet(kpi_target='"<= 100000000000000000"', kpi_actual="5e-324"), encoding="utf-8")
    commit(git_repo, "2025-07-20")
    result = run_okr("score", "--format", "json", "--as-of", "2025-08-15", cwd=git_repo)
    kpi = json.loads(result.out, parse_constant=_refuse_constant)["kpis"][0]
    assert (kpi["achievement"], kpi["met"]) == (1e18, True)


def test_huge_weights_in_range_never_overflow_a_mean(git_repo: Path) -> None:
    text = sheet(weight="999999999999999999")
    objective = text.split("objectives:\n")[1].split("kpis:")[0]
    (git_repo / "2025-Q3").mkdir()
    (git_repo / PATH).write_text(text.replace("kpis:", objective.replace("id: O1", "id: O2") + "kpis:", 1), encoding="utf-8")
    commit(git_repo, "2025-07-20")
    result = run_okr("score", "--format", "json", "--as-of", "2025-08-15", cwd=git_repo)
    document = json.loads(result.out, parse_constant=_refuse_constant)
    # (281000 − 250000) / (308000 − 250000) = 0.534483 and 36 / 40 = 0.9: their mean
    assert [o["score"] for o in document["objectives"]] == [0.7172, 0.7172]
    assert document["owners"] == [{"owner": "mkt", "score": 0.7172}]


def test_an_id_with_thousands_of_digits_gets_a_free_id_suggestion(tmp_path: Path) -> None:
    objective_id = "O" + "9" * 5000
    text = sheet().replace("id: O1", f"id: {objective_id}")
    objective = text.split("objectives:\n")[1].split("kpis:")[0]
    (tmp_path / "2025-Q3").mkdir()
    (tmp_path / PATH).write_text(text.replace("kpis:", objective + "kpis:", 1), encoding="utf-8")
    for command in READING[:4]:
        assert answers(tmp_path, *command, "--as-of", "2025-08-15") in (0, 1)
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path)
    found = [(p["line"], p["message"]) for p in json.loads(result.out)["problems"] if p["rule"] == "duplicate-id"]
    cut = objective_id[:-18]  # the number okr counts on is the last 18 digits
    assert [line for line, _ in found] == [21]
    assert found[0][1].endswith(f"IDs must be unique, give this one a free id such as '{cut}1000000000000000000'")


# 18 digits, within the limits: the float nearest each is 999,999,999,999,999,872 or 10^18,
# which would make the current the target (done) or the start the target (no formula).
EIGHTEEN = """
period: 2026-Q4
owner: ops
objectives:
  - id: O1
    title: Run a reliable service
    key_results:
      - {{id: KR1, title: Orders reach the target, start: "{start}", target: "{target}", current: "{current}"}}
      - {{id: KR2, title: Orders reach the target, start: {start_plain}, target: {target_plain}, current: {current_plain}}}
"""


@pytest.mark.parametrize(
    ("locale", "start", "target", "current", "shown"),
    [
        ("en", "999,999,999,999,999,900", "999,999,999,999,999,999", "999,999,999,999,999,950", "[999,999,999,999,999,950 / 999,999,999,999,999,999]"),
        ("vi", "999.999.999.999.999.900", "999.999.999.999.999.999", "999.999.999.999.999.950", "[999.999.999.999.999.950 / 999.999.999.999.999.999]"),
        ("en", "0.999999999999999900", "0.999999999999999999", "0.99999999999999995", "[0.99999999999999995 / 0.999999999999999999]"),
    ],
)
def test_values_of_eighteen_digits_score_exactly(tmp_path: Path, locale: str, start: str, target: str, current: str, shown: str) -> None:
    plain = {f"{name}_plain": text.replace(",", "").replace(".", "") if locale == "vi" else text.replace(",", "")
             for name, text in (("start", start), ("target", target), ("current", current))}
    (tmp_path / ".okr.yaml").write_text(f"number_locale: {locale}\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text(EIGHTEEN.format(start=start, target=target, current=current, **plain), encoding="utf-8")
    checked = run_okr("check", "--format", "parsable", "--as-of", "2026-11-15", cwd=tmp_path)
    assert (checked.code, checked.out) == (0, "")
    result = run_okr("score", "--format", "json", "--as-of", "2026-11-15", cwd=tmp_path)
    krs = json.loads(result.out)["objectives"][0]["key_results"]
    # (…950 − …900) / (…999 − …900) = 50 / 99 = 0.5051: on pace at 49 % of the period, not done
    assert [(k["progress"], k["status"]) for k in krs] == [(0.5051, "on-track"), (0.5051, "on-track")]
    assert re.search(r'"current": (\S+),', result.out)[1] == plain["current_plain"].lstrip("0") if locale == "vi" else True  # type: ignore[index]
    text = run_okr("score", "--as-of", "2026-11-15", cwd=tmp_path, env={"NO_COLOR": "1"}).out
    assert [line.rsplit("  ", 1)[1] for line in text.splitlines() if line.startswith("  ops/O1/")] == [shown, shown]
