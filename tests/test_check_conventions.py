"""What users of ruff, yamllint and ESLint expect of `okr check`: --exit-zero, --statistics
and JUnit XML for CI dashboards."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import run_okr, write_files

CLEAN = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow sustainable traffic
    key_results:
      - id: KR1
        title: Organic visits reach 30,000
        start: 20000
        target: 30000
      - id: KR2
        title: Signup conversion reaches 4%
        start: 3%
        target: 4%
"""

BROKEN = """\
period: 2025-Q3
owner: sales
objectives:
  - id: O1
    title: Win the enterprise segment
    key_results:
      - id: KR1
        titel: Enterprise deals reach 12
        start: 4
        target: 12
      - id: KR2
        title: Improve the average deal size
        start: $15k
        target: $25k
  - id: O2
    title: Keep the customers we win
    key_results:
      - id: KR1
        title: Net revenue retention reaches 110%
        start: 95%
        target: 110%
        confidence: 0.5
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/growth.yaml": CLEAN, "2025-Q3/sales.yaml": BROKEN})


def test_exit_zero_exits_0_whatever_is_found_and_still_reports(repo: Path) -> None:
    plain = run_okr("check", "-f", "parsable", cwd=repo)
    zero = run_okr("check", "-f", "parsable", "--exit-zero", cwd=repo)
    assert (plain.code, zero.code, zero.out) == (1, 0, plain.out)
    assert run_okr("check", "--strict", "--exit-zero", cwd=repo).code == 0
    assert run_okr("check", "--exit-zero", "--as-of", "someday", cwd=repo).code == 2


def test_statistics_count_per_rule_most_frequent_first_then_by_rule(repo: Path) -> None:
    result = run_okr("check", "--statistics", cwd=repo, env={"NO_COLOR": "1"})
    assert result.code == 1
    assert result.out.split("\n\n")[-2:] == [
        "Found 3 errors and 1 warning in 2 files.",
        "2  schema\n1  min-key-results\n1  vague-wording\n",
    ]


def test_statistics_align_counts_of_several_digits(tmp_path: Path) -> None:
    objectives = "".join(f"  - id: O{n}\n    title: Objective {n}\n" for n in range(1, 12))
    write_files(tmp_path, {"s.yaml": f"period: 2025-Q3\nowner: x\nobjectives:\n{objectives}"})
    out = run_okr("check", "--statistics", cwd=tmp_path, env={"NO_COLOR": "1"}).out
    assert out.split("\n\n")[-1] == "11  min-key-results\n11  objective-number\n 8  max-objectives\n"


def test_statistics_in_json_are_a_list_in_the_same_order(repo: Path) -> None:
    document = run_okr("check", "-f", "json", "--statistics", cwd=repo).json()
    assert isinstance(document, dict)
    assert document["statistics"] == [{"rule": "schema", "count": 2}, {"rule": "min-key-results", "count": 1}, {"rule": "vague-wording", "count": 1}]
    assert "statistics" not in run_okr("check", "-f", "json", cwd=repo).json()  # type: ignore[operator]


def test_statistics_of_a_clean_repo_add_nothing(tmp_path: Path) -> None:
    write_files(tmp_path, {"g.yaml": CLEAN})
    result = run_okr("check", "--statistics", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert (result.code, result.out) == (0, "No problems in 1 file.\n")
    assert run_okr("check", "-f", "json", "--statistics", cwd=tmp_path).json() == {
        "problems": [], "errors": 0, "warnings": 0, "files": 1, "suppressed": [], "statistics": [],
    }


@pytest.mark.parametrize("format", ["parsable", "github", "sarif", "junit"])
def test_statistics_in_a_line_format_is_a_usage_error(repo: Path, format: str) -> None:
    result = run_okr("check", "--statistics", "-f", format, cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"okr: --statistics: --format {format} has no place for them; use --format text or json\n"


def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_junit_has_one_suite_a_case_per_file_and_a_failure_per_problem(repo: Path) -> None:
    result = run_okr("check", "-f", "junit", cwd=repo)
    assert result.code == 1
    suites = parse_junit(result.out)
    assert (suites.tag, suites.attrib) == ("testsuites", {"name": "okr check", "tests": "2", "failures": "1", "errors": "0", "skipped": "0"})
    [suite] = list(suites)
    assert (suite.tag, suite.attrib) == ("testsuite", {"name": "okr check", "tests": "2", "failures": "1", "errors": "0", "skipped": "0"})
    cases = [(case.get("name"), case.get("file"), case.get("classname")) for case in suite]
    assert cases == [("2025-Q3/growth.yaml", "2025-Q3/growth.yaml", "okr"), ("2025-Q3/sales.yaml", "2025-Q3/sales.yaml", "okr")]
    assert list(suite[0]) == []
    failures = [(f.tag, f.get("type"), f.get("message"), f.text) for f in suite[1]]
    messages = [
        ("schema", "8:9: [error] unknown key 'titel' in key result; did you mean 'title'? (schema)"),
        (
            "vague-wording",
            "12:16: [error] 'Improve' is vague; state the measurable outcome, e.g. 'Trial-to-paid conversion reaches 18% (from 12%)' (vague-wording)",
        ),
        (
            "min-key-results",
            "15:5: [warning] objective 'sales/O2' has only 1 key result; write at least 2 measurable outcomes that together show it "
            "is reached (e.g. one for volume, one for quality) (min-key-results)",
        ),
        (
            "schema",
            "22:9: [error] unknown key 'confidence' in key result; allowed keys: id, title, start, baseline, target, current, done, "
            "unit, weight, owner, check_ins, links (schema)",
        ),
    ]
    assert failures == [("failure", rule, message, f"2025-Q3/sales.yaml:{message}") for rule, message in messages]


def test_junit_of_a_clean_repo_passes_every_case(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.yaml": CLEAN, "b/c.yaml": CLEAN.replace("growth", "ops")})
    result = run_okr("check", "-f", "junit", cwd=tmp_path)
    suite = parse_junit(result.out)[0]
    assert (result.code, suite.get("tests"), suite.get("failures")) == (0, "2", "0")
    assert [case.get("name") for case in suite] == ["a.yaml", "b/c.yaml"]


def test_junit_with_files_has_the_cases_of_those_files(repo: Path) -> None:
    suite = parse_junit(run_okr("check", "-f", "junit", "2025-Q3/growth.yaml", cwd=repo / "2025-Q3" / "..").out)[0]
    assert ([case.get("name") for case in suite], suite.get("failures")) == (["2025-Q3/growth.yaml"], "0")


def test_junit_escapes_markup_quotes_and_control_characters(tmp_path: Path) -> None:
    hostile_key = 'x<y>&"z\'\x1b[31m\t\x07\x85\u202e\ufffe'
    sheet = (
        "period: 2025-Q3\nowner: x\n"
        f"{_double_quoted(hostile_key)}: 1\n"
    )
    write_files(tmp_path, {"a&<b>.yaml": sheet})
    result = run_okr("check", "-f", "junit", cwd=tmp_path)
    suite = parse_junit(result.out)[0]
    [case] = list(suite)
    assert case.get("name") == "a&<b>.yaml"
    [failure] = list(case)
    shown = 'x<y>&"z\'\\x1b[31m\\t\\x07\\x85\\u202e\\ufffe'
    assert failure.get("message", "").startswith(f"3:1: [error] unknown key '{shown}' in sheet")
    assert failure.text is not None and failure.text.startswith(f"a&<b>.yaml:3:1: [error] unknown key '{shown}'")


def _double_quoted(text: str) -> str:
    escapes = {"\\": "\\\\", '"': '\\"', "\x1b": "\\e", "\t": "\\t", "\x07": "\\a", "\x85": "\\N", "\u202e": "\\u202e", "\ufffe": "\\ufffe"}
    return '"' + "".join(escapes.get(char, char) for char in text) + '"'
