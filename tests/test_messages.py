"""Messages show values as YAML writes them (`2025-08-01`, `null`, `true`, `"text"`), never as
Python reprs (`datetime.date(2025, 8, 1)`, `None`, `'text'`); dates are exactly YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr, write_files

from okrcli.model.core_schema import OutOfRange, show

SHEET = """\
period: {period}
owner: growth
objectives:
  - id: {id}
    title: {title}
    weight: {weight}
    initiatives: [{initiative}]
    key_results:
      - id: KR1
        title: Organic visits reach the goal
        start: {start}
        target: {target}
        current: {current}
        check_ins:
          - date: {date}
            value: 25000
            confidence: {confidence}
      - id: KR2
        title: Help centre relaunched
        done: {done}
"""
GOOD = {
    "period": "2025-Q3", "id": "O1", "title": "Grow traffic", "weight": "1", "initiative": "SEO", "start": "20000",
    "target": "30000", "current": "25000", "date": "2025-07-14", "confidence": "0.5", "done": "false",
}
NUMBER_FORMS = 'write a number like 120000, "120.000" (number_locale: vi), "1,33 triệu" or "8.5%"'
CONFIDENCE = "; write a number between 0 and 1, e.g. 0.7 for 70 %"
WEIGHT = 'write a number like 1 or 0.5, or a percentage like "40%"'
DATE = "write YYYY-MM-DD, e.g. 2025-07-14"

CASES: list[tuple[str, str, str]] = [
    ("title", "2025-08-01", '`title` must be text, got 2025-08-01; write it in quotes: title: "2025-08-01"'),
    ("title", "true", '`title` must be text, got true; write it in quotes: title: "true"'),
    ("title", "12.50", '`title` must be text, got 12.5; write it in quotes: title: "12.5"'),
    ("title", "~", "`title` is empty (null); write the title"),
    ("title", "[1, two]", '`title` must be text, got [1, "two"]; write it as one line of text'),
    ("id", "12345678901234567890", '`id` must be text, got 12345678901234567890; write it in quotes: id: "12345678901234567890"'),
    ("done", '"yes"', '`done` must be true or false, got "yes"'),
    ("done", "2025-08-01", "`done` must be true or false, got 2025-08-01"),
    ("confidence", '"0.7"', f'`confidence` must be a number, got "0.7"{CONFIDENCE}'),
    ("confidence", "null", ""),  # an empty confidence is no confidence
    ("confidence", "2", f"`confidence` must be at most 1, got 2{CONFIDENCE}"),
    ("confidence", "-0.5", f"`confidence` must be at least 0, got -0.5{CONFIDENCE}"),
    ("confidence", ".nan", f"`confidence` must be a finite number, got .nan{CONFIDENCE}"),
    ("confidence", "1e309", f"`confidence` must be a number below 10^18 with at most 18 significant digits, got 1e309{CONFIDENCE}"),
    ("weight", "[1]", f"cannot read [1] as a weight; {WEIGHT}"),
    ("weight", "~", f"cannot read null as a weight; {WEIGHT}"),
    ("weight", "true", f"cannot read true as a weight; {WEIGHT}"),
    ("weight", '"heavy"', f'cannot read "heavy" as a weight; {WEIGHT}'),
    ("date", "20250815", "`date` must be a date written YYYY-MM-DD, got 20250815"),
    ("date", '"20250815"', f'cannot read "20250815" as a date; {DATE}'),
    ("date", '"2025-W33-5"', f'cannot read "2025-W33-5" as a date; {DATE}'),
    ("date", '"2025-7-1"', f'cannot read "2025-7-1" as a date; {DATE}'),
    ("date", '"2025-08-01T10:00"', f'cannot read "2025-08-01T10:00" as a date; {DATE}'),
    ("date", '"it\'s\\tlate"', f'cannot read "it\'s\\tlate" as a date; {DATE}'),
    ("date", "~", "`date` must be a date written YYYY-MM-DD, got null"),
    ("period", "2025-07-01", "cannot read 2025-07-01 as a period; write YYYY-Qn (2025-Q3), YYYY-Hn (2025-H2), YYYY (2025) or YYYY-MM (2025-09)"),
    ("period", "true", "cannot read true as a period; write YYYY-Qn (2025-Q3), YYYY-Hn (2025-H2), YYYY (2025) or YYYY-MM (2025-09)"),
    ("initiative", "12", "an initiative is a line of text or a mapping with `title:` (and `owner:`, `status:`); got 12"),
    ("initiative", "~", "an initiative is a line of text or a mapping with `title:` (and `owner:`, `status:`); got null"),
    ("start", "2025-07-01", f"cannot read the date 2025-07-01 as a number; {NUMBER_FORMS}"),
    ("current", "[1, 2]", f"cannot read the list [1, 2] as a number; {NUMBER_FORMS}"),
    ("current", "{a: 1}", f"cannot read the mapping {{a: 1}} as a number; {NUMBER_FORMS}"),
    ("current", "false", "cannot read false as a number: a true/false is not a number; write a number, or use `done: true` / `done: false` for a milestone"),
]


def schema_messages(root: Path) -> list[str]:
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=root)
    document: dict[str, Any] = json.loads(result.out)
    return [p["message"] for p in document["problems"] if p["rule"] == "schema"]


@pytest.mark.parametrize(("field", "written", "message"), CASES, ids=[f"{f}={w}" for f, w, _ in CASES])
def test_messages_show_values_as_yaml_writes_them(tmp_path: Path, field: str, written: str, message: str) -> None:
    write_files(tmp_path, {"sheet.yaml": SHEET.format(**{**GOOD, field: written})})
    assert schema_messages(tmp_path) == ([message] if message else [])


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("number_locale: 2025-08-01\n", "'number_locale' must be 'en' or 'vi', got 2025-08-01"),
        ("number_locale: ~\n", "'number_locale' must be 'en' or 'vi', got null"),
        ("stale_after_days: 1e5\n", "'stale_after_days': Input should be a valid integer (got 100000.0)"),
        ("stale_after_days: true\n", "'stale_after_days': Input should be a valid integer (got true)"),
        ("scorecard: {kpi_cap: 1e300}\n",
         "'scorecard.kpi_cap': Input should be a number below 10^18 with at most 18 significant digits (got 1e300)"),
        ("grading: {aspirational: {green: .nan, yellow: 0.4}}\n",
         "'grading.aspirational.green': Input should be a finite number (got .nan)"),
        ("rules: {vague-wording: 3}\n", "rule 'vague-wording' takes `disable`, `enable` or a mapping of options, got 3"),
        ("rules: {vague-wording: {level: ~}}\n", "rule 'vague-wording', option 'level' must be error, warning or disable, got null"),
        ("rules: {max-objectives: {max: 99999999999999999999}}\n",
         "rule 'max-objectives', option 'max': Input should be a number below 10^18 with at most 18 significant digits "
         "(got 99999999999999999999)"),
        ("rules: {max-objectives: {max: '5'}}\n", "rule 'max-objectives', option 'max': Input should be a valid integer (got \"5\")"),
    ],
)
def test_config_messages_show_values_as_yaml_writes_them(tmp_path: Path, config: str, message: str) -> None:
    write_files(tmp_path, {".okr.yaml": config, "sheet.yaml": SHEET.format(**GOOD)})
    result = run_okr("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("okr: ") and result.err.rstrip("\n").endswith(message), result.err


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "null"), (True, "true"), (False, "false"), (0, "0"), (-12, "-12"), (1.5, "1.5"), (1e20, "1e+20"),
        (float("inf"), ".inf"), (float("-inf"), "-.inf"), (float("nan"), ".nan"), (dt.date(2025, 8, 1), "2025-08-01"),
        ("text", '"text"'), ("12", '"12"'), ('say "hi"\\', '"say \\"hi\\"\\\\"'), ("a\nb\tc\x1b\x85\u2028", '"a\\nb\\tc\\x1b\\x85\\u2028"'),
        ([1, "a", None], '[1, "a", null]'), ({"id": "O1", "true": 1, 3: [dt.date(2025, 1, 2)]}, '{id: "O1", "true": 1, 3: [2025-01-02]}'),
        (OutOfRange("1e309"), "1e309"),
        ("x" * 100, '"' + "x" * 58 + '…"'), (list(range(100)), "[" + ", ".join(map(str, range(17))) + ", …"),
    ],
)
def test_show_writes_a_loaded_value_as_yaml(value: object, shown: str) -> None:
    assert show(value) == shown


def test_show_never_prints_an_int_python_cannot_print() -> None:
    assert show(10**5000) == "a number of about 5,000 digits"


@pytest.mark.parametrize("day", ["20250815", "2025-W33-5", "2025-W33", "2025-8-15", "2025-08-15T00:00", "2025-02-30", "2025-13-01", "15/08/2025", ""])
def test_date_options_take_exactly_yyyy_mm_dd(tmp_path: Path, day: str) -> None:
    write_files(tmp_path, {"sheet.yaml": SHEET.format(**GOOD)})
    for args in (("score", "--as-of", day), ("check", "--as-of", day), ("checkin", "growth/O1/KR1", "26000", "--date", day)):
        result = run_okr(*args, cwd=tmp_path)
        option = args[-2]
        assert (result.code, result.out) == (2, "")
        if day in ("2025-02-30", "2025-13-01"):  # written as asked, but no day of the calendar
            assert result.err == f"okr: {option} {day}: there is no such day; write a day of the calendar, e.g. {option} 2025-08-15\n"
        else:
            assert result.err == f"okr: {option} {day!r}: write a date as YYYY-MM-DD, e.g. {option} 2025-08-15\n"
    assert "2025-08-15" not in (tmp_path / "sheet.yaml").read_text(encoding="utf-8")


def test_a_check_in_date_in_another_form_is_not_read_as_a_date_by_any_rule(tmp_path: Path) -> None:
    """`check-in-outside-period` reads dates as written: "20250101" is no date there either."""
    write_files(tmp_path, {"sheet.yaml": SHEET.format(**{**GOOD, "date": '"20250101"'})})
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path)
    rules = [(p["line"], p["column"], p["rule"]) for p in json.loads(result.out)["problems"]]
    assert rules == [(15, 19, "schema")]


PERCENT_MIX = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow traffic
    key_results:
      - id: KR1
        title: Organic share reaches 40%
        target: ">= 40%"
        current: {current}
"""


@pytest.mark.parametrize(
    ("locale", "current", "message"),
    [
        ("en", "0.36", '0.36 is a bare fraction beside the percent ">= 40%"; write it as a percent too: "36%"'),
        ("en", "0.07", '0.07 is a bare fraction beside the percent ">= 40%"; write it as a percent too: "7%"'),
        ("en", '"0.365"', '"0.365" is a bare fraction beside the percent ">= 40%"; write it as a percent too: "36.5%"'),
        ("vi", '"0,365"', '"0,365" is a bare fraction beside the percent ">= 40%"; write it as a percent too: "36,5%"'),
        ("vi", '"0,12345"', '"0,12345" is a bare fraction beside the percent ">= 40%"; write it as a percent too: "12,345%"'),
    ],
)
def test_percent_mix_suggests_the_percent_in_the_repo_locale(tmp_path: Path, locale: str, current: str, message: str) -> None:
    write_files(tmp_path, {".okr.yaml": f"number_locale: {locale}\n", "sheet.yaml": PERCENT_MIX.format(current=current)})
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path)
    found = [(p["line"], p["column"], p["message"]) for p in json.loads(result.out)["problems"] if p["rule"] == "schema"]
    assert found == [(10, 18, message)]
