"""`okr checkin` and dates (SPEC 6): a date after today, or outside the sheet's period beyond
the `check-in-outside-period` rule's grace days, is refused with exit 2 and the file untouched;
a period that has merely ended takes late check-ins within the grace days."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import run_okr, write_files

SHEET = """\
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
        current: 1640
        check_ins:
          - {{date: {first}, value: 1640}}
      - {{id: KR2, title: Trial conversion reaches 18% (from 12%), start: 12%, target: 18%}}
"""
PATH = "goals/growth.yaml"


def repo(tmp_path: Path, period: str = "2025-Q3", first: str = "2025-07-14", config: str = "") -> bytes:
    write_files(tmp_path, {PATH: SHEET.format(period=period, first=first), ".okr.yaml": config})
    return (tmp_path / PATH).read_bytes()


def checkin(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_okr("checkin", "growth/O1/KR1", *args, cwd=root, env={"NO_COLOR": "1"})
    return result.code, result.out, result.err


def refused(root: Path, before: bytes, *args: str) -> str:
    code, out, err = checkin(root, *args)
    assert (code, out) == (2, ""), err
    assert (root / PATH).read_bytes() == before
    return err


def test_a_check_in_dated_next_year_is_refused_and_later_values_are_taken(tmp_path: Path) -> None:
    """The reported case: a check-in dated next year was written, then every real update
    left `current` alone because "the check-in of next year is later"."""
    today = dt.date.today()
    year = today.year
    before = repo(tmp_path, period=str(year), first=f"{year}-01-01")
    next_year = f"{year + 1}-02-01"
    err = refused(tmp_path, before, "2000", "--date", next_year, "--as-of", today.isoformat())
    assert re.fullmatch(
        rf"okr: --date {next_year} is after today \((\d{{4}}-\d\d-\d\d)\): a check-in records a value already seen; "
        r"date it today or earlier\n", err,
    )
    code, _, err = checkin(tmp_path, "2000", "--as-of", today.isoformat())
    assert (code, err) == (0, "")
    assert "current: 2000\n" in (tmp_path / PATH).read_text(encoding="utf-8")


def test_a_future_as_of_is_no_date_to_check_in_on(tmp_path: Path) -> None:
    before = repo(tmp_path, period="2099-Q3", first="2099-07-01")
    err = refused(tmp_path, before, "2000", "--as-of", "2099-08-15")
    assert err.startswith("okr: --as-of 2099-08-15 is after today (")


@pytest.mark.parametrize(
    ("config", "day", "message"),
    [
        ("", "2025-06-30", "--date 2025-06-30 is before 2025-Q3 (2025-07-01 to 2025-09-30); "
                           "record it in the sheet of the period it belongs to"),
        ("", "2025-10-01", "--date 2025-10-01 is after 2025-Q3 (2025-07-01 to 2025-09-30); late check-ins after a "
                           "period's end take `grace_days` of rule check-in-outside-period in .okr.yaml; record it in "
                           "the sheet of the period it belongs to"),
        ("rules:\n  check-in-outside-period: {grace_days: 7}\n", "2025-10-08",
         "--date 2025-10-08 is more than 7 days after the end of 2025-Q3 (2025-07-01 to 2025-09-30), the "
         "check-in-outside-period rule's grace_days; record it in the sheet of the period it belongs to"),
        # The grace is for a review meeting held after the end, not for dates before the start.
        ("rules:\n  check-in-outside-period: {grace_days: 7}\n", "2025-06-30",
         "--date 2025-06-30 is before 2025-Q3 (2025-07-01 to 2025-09-30); record it in the sheet of the period it belongs to"),
        # Disabling the rule stops `okr check` from reporting; the sheet still holds 2025-Q3 only.
        ("rules:\n  check-in-outside-period: disable\n", "2025-10-01", "--date 2025-10-01 is after 2025-Q3"),
        ("", "0001-01-01", "--date 0001-01-01 is before 2025-Q3"),
    ],
    ids=["before", "after", "past-grace", "before-with-grace", "rule-disabled", "year-one"],
)
def test_a_date_outside_the_period_is_refused(tmp_path: Path, config: str, day: str, message: str) -> None:
    before = repo(tmp_path, config=config)
    err = refused(tmp_path, before, "2000", "--date", day, "--as-of", "2025-12-31")
    assert err.startswith(f"okr: {message}") and err.count("\n") == 1


def test_a_period_that_has_ended_takes_late_check_ins_within_the_grace_days(tmp_path: Path) -> None:
    repo(tmp_path, config="rules:\n  check-in-outside-period: {grace_days: 7}\n")
    code, out, err = checkin(tmp_path, "2000", "--date", "2025-10-07", "--as-of", "2025-10-07")
    assert (code, err) == (0, "okr: note: the check-in date 2025-10-07 is after the end of 2025-Q3 (2025-09-30), within the grace days\n")
    assert out == (
        "goals/growth.yaml: checked in growth/O1/KR1 on 2025-10-07\n"
        "growth/O1/KR1: 0.1556 → 0.5556 (current 1640 → 2000)\n"  # 140 / 900, 500 / 900
    )
    assert (tmp_path / PATH).read_text(encoding="utf-8") == SHEET.format(period="2025-Q3", first="2025-07-14").replace(
        "current: 1640", "current: 2000",
    ).replace("value: 1640}\n", "value: 1640}\n          - {date: 2025-10-07, value: 2000}\n")
    assert run_okr("check", "--as-of", "2025-10-07", "--format", "parsable", cwd=tmp_path).out == ""


def test_the_last_day_of_the_period_and_today_are_taken(tmp_path: Path) -> None:
    repo(tmp_path)
    assert checkin(tmp_path, "1900", "--date", "2025-09-30", "--as-of", "2025-09-30")[:2] == (
        0, "goals/growth.yaml: checked in growth/O1/KR1 on 2025-09-30\ngrowth/O1/KR1: 0.1556 → 0.4444 (current 1640 → 1900)\n",
    )


def test_a_check_in_dated_today_after_the_period_blames_today_not_an_option(tmp_path: Path) -> None:
    # No --date and no --as-of: the day is today, and the refusal says so.
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET.format(period="2025-Q3", first="2025-07-14")})
    before = (tmp_path / "2025-Q3/growth.yaml").read_bytes()
    result = run_okr("checkin", "growth/O1/KR1", "2000", cwd=tmp_path)
    today = dt.date.today().isoformat()
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"okr: today {today} is after 2025-Q3 (2025-07-01 to 2025-09-30); late check-ins after a ")
    assert (tmp_path / "2025-Q3/growth.yaml").read_bytes() == before


def test_a_date_after_the_as_of_day_is_refused(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET.format(period="2025-Q3", first="2025-07-14")})
    before = (tmp_path / "2025-Q3/growth.yaml").read_bytes()
    result = run_okr("checkin", "growth/O1/KR1", "2000", "--date", "2025-08-01", "--as-of", "2025-07-15", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == ("okr: --date 2025-08-01 is after --as-of 2025-07-15, the day the check-in is read on: its score would "
                          "count a value not seen yet; date it on or before --as-of, or leave --as-of out\n")
    assert (tmp_path / "2025-Q3/growth.yaml").read_bytes() == before
