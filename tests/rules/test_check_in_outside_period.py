"""check-in-outside-period: a KR or KPI check-in dated outside the sheet's period, at its date."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, sheet_problems, write_files

SHEET = """
    period: {period}
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
              - date: {first}
                value: 1640
              - {{date: {second}, value: 1980}}
          - {{id: KR2, title: Trial conversion reaches 18% (from 12%), start: 12%, target: 18%}}
"""


def _sheet(first: str, second: str = "2025-08-11", period: str = "2025-Q3") -> str:
    return SHEET.format(period=period, first=first, second=second)


def test_check_ins_inside_the_period(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet("2025-07-01", "2025-09-30")) == []


def test_before_and_after_the_period(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet("2025-06-30", "2025-10-01")) == [
        (12, 19, "check-in-outside-period"),
        (14, 20, "check-in-outside-period"),
    ]
    assert messages(tmp_path, "check-in-outside-period")[0] == (
        "check-in dated 2025-06-30 is outside 2025-Q3 (2025-07-01 to 2025-09-30); date it within "
        "the period, or move it to the sheet of the period it belongs to"
    )


def test_quoted_date(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet('"2024-07-14"')) == [(12, 19, "check-in-outside-period")]


def test_month_period(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet("2025-08-31", "2025-09-01", period="2025-08")) == [
        (14, 20, "check-in-outside-period"),
    ]
    assert "outside 2025-08 (2025-08-01 to 2025-08-31)" in messages(tmp_path, "check-in-outside-period")[0]


def test_unreadable_date_is_left_to_the_schema(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet("2025-13-01")) == [(12, 19, "schema")]


def test_kpi_check_in(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: support
        kpis:
          - id: K1
            title: First response ≤ 2 hours
            target: "<= 2"
            check_ins:
              - {date: 2025-10-02, value: 1.6}
          - {id: K2, title: Satisfaction ≥ 90%, target: ">= 90%"}
          - {id: K3, title: Backlog ≤ 40 tickets, target: "<= 40"}
    """
    assert sheet_problems(tmp_path, text) == [(8, 16, "check-in-outside-period")]


def test_grace_days_from_config(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "sheet.yaml": _sheet("2025-10-03", "2025-10-04"),
        ".okr.yaml": "rules:\n  check-in-outside-period: {grace_days: 3}\n",
    })
    assert problems(tmp_path) == [("sheet.yaml", 14, 20, "check-in-outside-period", "warning")]


def test_suppression_comment(tmp_path: Path) -> None:
    text = _sheet("2025-06-30  # okr: disable=check-in-outside-period")
    assert sheet_problems(tmp_path, text) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "check-in-outside-period"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 0  # a warning does not fail the run without --strict
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")
