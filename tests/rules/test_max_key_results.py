"""max-key-results: every key result past `max` (default 3) in one objective, at its item."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, sheet_problems, write_files

FIVE = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Make self-serve signups our main acquisition engine
        key_results:
          - {id: KR1, title: Trial signups reach 2400 (from 1500), start: 1500, target: 2400}
          - {id: KR2, title: Trial conversion reaches 18% (from 12%), start: 12%, target: 18%}
          - {id: KR3, title: Blended CAC falls to $400 (from $520), start: $520, target: $400}
          - {id: KR4, title: Referral signups reach 300 (from 120), start: 120, target: 300}
          - {id: KR5, title: Paid signups reach 900 (from 700), start: 700, target: 900}
"""


def _first(text: str, count: int) -> str:
    """The sheet with only its first `count` key results."""
    lines = text.strip("\n").splitlines()
    return "\n".join(lines[: 6 + count]) + "\n"


def test_three_key_results_pass(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _first(FIVE, 3)) == []


def test_every_key_result_past_the_limit(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, FIVE) == [(10, 9, "max-key-results"), (11, 9, "max-key-results")]
    assert messages(tmp_path, "max-key-results")[0] == (
        "objective 'growth/O1' has 5 key results, more than 3; keep the 3 that best show it is reached "
        "and move this one to `initiatives` or to an objective of its own"
    )


def test_block_style_item_is_reported_at_its_first_key(tmp_path: Path) -> None:
    text = """
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
              - id: KR2
                title: Trial conversion reaches 18% (from 12%)
                start: 12%
                target: 18%
              - id: KR3
                title: Blended CAC falls to $400 (from $520)
                start: $520
                target: $400
              - title: Referral signups reach 300 (from 120)
                id: KR4
                start: 120
                target: 300
    """
    assert sheet_problems(tmp_path, text) == [(19, 9, "max-key-results")]


def test_a_key_result_failing_the_schema_still_counts(tmp_path: Path) -> None:
    text = FIVE.replace("{id: KR4, title:", "{id: KR4, titel:")
    assert sheet_problems(tmp_path, _first(text, 4)) == [(10, 9, "max-key-results"), (10, 19, "schema")]


def test_max_and_level_from_config(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "sheet.yaml": FIVE,
        ".okr.yaml": "rules:\n  max-key-results: {max: 4, level: warning}\n",
    })
    assert problems(tmp_path) == [("sheet.yaml", 11, 9, "max-key-results", "warning")]
    assert messages(tmp_path, "max-key-results")[0].startswith("objective 'growth/O1' has 5 key results, more than 4;")


def test_invalid_option_is_a_usage_error(tmp_path: Path) -> None:
    write_files(tmp_path, {"sheet.yaml": FIVE, ".okr.yaml": "rules:\n  max-key-results: {max: 0}\n"})
    result = run_okr("check", cwd=tmp_path)
    assert result.code == 2
    assert "rule 'max-key-results', option 'max'" in result.err


def test_suppression_comment(tmp_path: Path) -> None:
    text = _first(FIVE, 4).replace("target: 300}", "target: 300}  # okr: disable=max-key-results")
    assert sheet_problems(tmp_path, text) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "max-key-results"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 1
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")
