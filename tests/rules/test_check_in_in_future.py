"""check-in-in-future: a KR or KPI check-in dated after today (the calendar's, not --as-of)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import messages, problems, sheet_problems, write_files

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
    kpis:
      - {{id: K1, title: Demo requests a month, target: ">= 120", check_ins: [{{date: {kpi}, value: 130}}]}}
"""


ONE_KPI = "rules:\n  kpi-count: disable\n"  # a sheet of one KPI, to show a KPI's check-ins


def _sheet(first: str, second: str, kpi: str = "2025-08-01", period: str = "2025-Q3") -> str:
    return SHEET.format(period=period, first=first, second=second, kpi=kpi)


def test_past_check_ins_are_fine_whatever_the_as_of_date(tmp_path: Path) -> None:
    # 2025-08-11 is after --as-of 2025-07-20 but long past: it was real when written.
    assert sheet_problems(tmp_path, _sheet("2025-07-14", "2025-08-11"), ONE_KPI, "--as-of", "2025-07-20") == []
    assert sheet_problems(tmp_path, _sheet("2025-07-14", "2025-08-11"), ONE_KPI) == []


def test_dates_after_today_in_key_results_and_kpis(tmp_path: Path) -> None:
    sheet = _sheet("2099-07-14", '"2099-08-11"', kpi="2099-08-01", period="2099-Q3")
    found = [(12, 19, "check-in-in-future"), (14, 20, "check-in-in-future"), (17, 81, "check-in-in-future")]
    assert sheet_problems(tmp_path, sheet, ONE_KPI) == found
    # --as-of moves the point of view, not the calendar: the same findings far after and far before.
    assert sheet_problems(tmp_path, sheet, ONE_KPI, "--as-of", "2100-01-01") == found
    assert sheet_problems(tmp_path, sheet, ONE_KPI, "--as-of", "2000-01-01") == found
    assert messages(tmp_path, "check-in-in-future")[0] == (
        "check-in dated 2099-07-14 is in the future; a check-in records a value already seen: "
        "date it the day the value was seen (a mistyped year or month?)"
    )


def test_tomorrow_is_in_the_future_and_today_is_not(tmp_path: Path) -> None:
    # Two days ahead: still in the future if the clock passes midnight during the test.
    today, ahead = dt.date.today(), dt.date.today() + dt.timedelta(days=2)
    sheet = _sheet(today.isoformat(), ahead.isoformat(), kpi=today.isoformat(), period=str(ahead.year))
    found = [p for p in sheet_problems(tmp_path, sheet, ONE_KPI) if p[2] == "check-in-in-future"]
    assert found == [(14, 20, "check-in-in-future")]


def test_an_unreadable_date_is_left_to_the_schema(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet("2099-13-01", "2025-08-11"), ONE_KPI) == [(12, 19, "schema")]


def test_config_can_lower_or_disable_it(tmp_path: Path) -> None:
    sheet = _sheet("2025-07-14", "2099-08-11")
    write_files(tmp_path, {"2025-Q3/growth.yaml": sheet, ".okr.yaml": "rules:\n  check-in-in-future: {level: warning}\n"})
    assert ("2025-Q3/growth.yaml", 14, 20, "check-in-in-future", "warning") in problems(tmp_path, "--as-of", "2025-08-15")
    write_files(tmp_path, {".okr.yaml": "rules:\n  check-in-in-future: disable\n"})
    assert [p for p in problems(tmp_path, "--as-of", "2025-08-15") if p[3] == "check-in-in-future"] == []
