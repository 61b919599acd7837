"""kpi-count: an owner with KPIs in a period needs `min` (3) to `max` (5) of them, across sheets."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, sheet_problems, write_files

SIX = """
    period: 2025-Q3
    owner: support
    kpis:
      - {id: K1, title: First response ≤ 2 hours, target: "<= 2"}
      - {id: K2, title: Satisfaction ≥ 90%, target: ">= 90%"}
      - {id: K3, title: Tickets solved on first contact ≥ 70%, target: ">= 70%"}
      - {id: K4, title: Backlog ≤ 40 tickets, target: "<= 40"}
      - {id: K5, title: Help-center deflection ≥ 25%, target: ">= 25%"}
      - {id: K6, title: Escalations ≤ 15 per month, target: "<= 15"}
"""


def _first(count: int) -> str:
    return "\n".join(SIX.strip("\n").splitlines()[: 3 + count]) + "\n"


def test_three_to_five_pass(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _first(3)) == []
    assert sheet_problems(tmp_path, _first(5)) == []


def test_too_few(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _first(2)) == [(4, 5, "kpi-count")]
    assert messages(tmp_path, "kpi-count") == [
        "owner 'support' has 2 KPIs in 2025-Q3, fewer than 3; track 3 to 5 KPIs that cover "
        "the health of the work (quantity, quality, time, cost)"
    ]


def test_too_many(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, SIX) == [(4, 5, "kpi-count")]
    assert messages(tmp_path, "kpi-count") == [
        "owner 'support' has 6 KPIs in 2025-Q3, more than 5; keep the 5 that matter most "
        "and watch the rest on a dashboard"
    ]


def test_no_kpis_is_fine(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: support
        objectives:
          - id: O1
            title: Make support effortless for agencies
            key_results:
              - {id: KR1, title: Satisfaction reaches 92% (from 85%), start: 85%, target: 92%}
              - {id: KR2, title: Backlog falls to 40 (from 120), start: 120, target: 40}
    """
    assert sheet_problems(tmp_path, text) == []


def test_sheets_of_one_owner_and_period_are_counted_together(tmp_path: Path) -> None:
    second = SIX.replace("{id: K", "{id: L")
    write_files(tmp_path, {
        ".okr.yaml": "",
        "2025-Q3/support.yaml": _first(2),
        "2025-Q3/support/night.yaml": "\n".join(second.strip("\n").splitlines()[:5]) + "\n",
        "2025-Q4/support.yaml": _first(2).replace("2025-Q3", "2025-Q4"),
    })
    # Q3: 2 + 2 KPIs is fine; Q4: 2 is too few, reported in the Q4 sheet only.
    assert problems(tmp_path) == [("2025-Q4/support.yaml", 4, 5, "kpi-count", "warning")]


def test_a_kpi_failing_the_schema_still_counts(tmp_path: Path) -> None:
    text = _first(3).replace(', target: "<= 2"', "")  # K1 has no target: a schema error
    assert sheet_problems(tmp_path, text) == [(4, 5, "schema")]


def test_bounds_from_config(tmp_path: Path) -> None:
    write_files(tmp_path, {"sheet.yaml": _first(3), ".okr.yaml": "rules:\n  kpi-count: {min: 1, max: 2}\n"})
    assert problems(tmp_path) == [("sheet.yaml", 4, 5, "kpi-count", "warning")]
    assert "more than 2;" in messages(tmp_path, "kpi-count")[0]


def test_max_below_min_is_a_usage_error(tmp_path: Path) -> None:
    write_files(tmp_path, {"sheet.yaml": _first(3), ".okr.yaml": "rules:\n  kpi-count: {min: 4, max: 2}\n"})
    result = run_okr("check", cwd=tmp_path)
    assert result.code == 2
    assert "rule 'kpi-count', option 'max'" in result.err and "max 2 is below min 4" in result.err


def test_file_level_suppression(tmp_path: Path) -> None:
    text = "# okr: disable-file=kpi-count\n" + _first(2)
    assert sheet_problems(tmp_path, text) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "kpi-count"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 0  # a warning does not fail the run without --strict
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")
