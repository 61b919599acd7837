"""min-key-results: an objective with fewer than `min` (default 2) key results, at the objective."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, sheet_problems, write_files

SHEET = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Make self-serve signups our main acquisition engine
        key_results:
          - {id: KR1, title: Trial signups reach 2400 (from 1500), start: 1500, target: 2400}
          - {id: KR2, title: Trial conversion reaches 18% (from 12%), start: 12%, target: 18%}
      - id: O2
        title: Turn new accounts into habitual users
        key_results:
          - {id: KR1, title: Week-one activation reaches 60% (from 38%), start: 38%, target: 60%}
          - {id: KR2, title: Day-30 retention reaches 45% (from 39%), start: 39%, target: 45%}
"""
ONE = SHEET.replace("      - {id: KR2, title: Day-30 retention reaches 45% (from 39%), start: 39%, target: 45%}\n", "")


def test_two_key_results_pass(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, SHEET) == []


def test_one_key_result(tmp_path: Path) -> None:
    assert ONE != SHEET
    assert sheet_problems(tmp_path, ONE) == [(9, 5, "min-key-results")]
    assert messages(tmp_path, "min-key-results") == [
        "objective 'growth/O2' has only 1 key result; write at least 2 measurable outcomes that together "
        "show it is reached (e.g. one for volume, one for quality)"
    ]


def test_no_key_results(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: growth
        objectives:
          - id: O1
            title: Make self-serve signups our main acquisition engine
          - id: O2
            title: Turn new accounts into habitual users
            key_results: []
    """
    assert sheet_problems(tmp_path, text) == [(4, 5, "min-key-results"), (6, 5, "min-key-results")]
    assert messages(tmp_path, "min-key-results")[0].startswith("objective 'growth/O1' has no key results;")


def test_key_results_that_are_not_a_list_are_left_to_the_schema(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: growth
        objectives:
          - id: O1
            title: Make self-serve signups our main acquisition engine
            key_results: Trial signups reach 2400
    """
    assert sheet_problems(tmp_path, text) == [(6, 18, "schema")]


def test_min_from_config(tmp_path: Path) -> None:
    write_files(tmp_path, {"sheet.yaml": SHEET, ".okr.yaml": "rules:\n  min-key-results: {min: 3, level: error}\n"})
    assert problems(tmp_path) == [
        ("sheet.yaml", 4, 5, "min-key-results", "error"),
        ("sheet.yaml", 9, 5, "min-key-results", "error"),
    ]


def test_suppression_on_the_line_before(tmp_path: Path) -> None:
    text = ONE.replace("      - id: O2\n", "      # okr: disable=min-key-results\n      - id: O2\n")
    assert "disable=min-key-results" in text
    assert sheet_problems(tmp_path, text) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "min-key-results"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 0  # a warning does not fail the run without --strict
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")
