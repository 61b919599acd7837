"""SPEC 3 "Period names": which period `okr score [PERIOD]` works on."""

from __future__ import annotations

import datetime as dt

import pytest

from okrcli.periods import Period, PeriodError, UnknownPeriodError, default_period, parse_period, periods_within, resolve_period

AUG_15 = dt.date(2025, 8, 15)


def present(*texts: str) -> list[Period]:
    return [parse_period(text) for text in texts]


REPO = present("2024-Q3", "2024-Q4", "2025", "2025-Q2", "2025-Q3", "2026-Q1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-Q3", "2025-Q3"),
        ("2024-Q3", "2024-Q3"),
        ("Q3", "2025-Q3"),  # the most recent Q3 with sheets, not after the as-of date
        ("q3", "2025-Q3"),
        ("Q4", "2024-Q4"),  # 2025-Q4 has no sheets
        ("Q2", "2025-Q2"),
        ("H2", "2025-H2"),  # a half is known when quarters inside it have sheets
        ("H1", "2025-H1"),
        ("2025", "2025"),
        ("2024", "2024"),  # quarters only: the year selects them
        (" 2025-q3 ", "2025-Q3"),
        (None, "2025-Q3"),  # the quarter holding the as-of date wins over the year
        ("", "2025-Q3"),
    ],
)
def test_resolve(text: str | None, expected: str) -> None:
    assert resolve_period(text, REPO, AUG_15).text == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025-Q4", "unknown period '2025-Q4'; periods present: 2024-Q3, 2024-Q4, 2025, 2025-Q2, 2025-Q3, 2026-Q1"),
        ("Q1", "no Q1 on or before 2025-08-15 has sheets; write 2026-Q1 for the coming one"),
        ("2027", "unknown period '2027'"),
        ("Q5", "unknown period 'Q5'; write YYYY-Qn"),
        ("H3", "a half is H1 or H2"),
        ("next", "unknown period 'next'"),
        ("2025-07", "unknown period '2025-07'"),  # the Q3 sheet is not inside July
    ],
)
def test_unknown_periods_list_the_periods_present(text: str, words: str) -> None:
    with pytest.raises(UnknownPeriodError) as caught:
        resolve_period(text, REPO, AUG_15)
    assert words in str(caught.value)
    assert "periods present: 2024-Q3, 2024-Q4, 2025, 2025-Q2, 2025-Q3, 2026-Q1" in str(caught.value)
    assert isinstance(caught.value, PeriodError)


def test_no_sheets_at_all() -> None:
    with pytest.raises(UnknownPeriodError, match="no goal sheets"):
        resolve_period(None, [], AUG_15)


def test_default_prefers_quarter_then_half_then_month_then_year() -> None:
    assert default_period(present("2025", "2025-07", "2025-H2"), AUG_15).text == "2025-H2"
    assert default_period(present("2025", "2025-08"), AUG_15).text == "2025-08"
    assert default_period(present("2025", "2025-Q2"), AUG_15).text == "2025"


def test_default_without_a_period_holding_the_day_is_the_latest() -> None:
    assert default_period(present("2024-Q4", "2025-Q1"), AUG_15).text == "2025-Q1"
    assert default_period(present("2026-Q1", "2025-Q4"), AUG_15).text == "2026-Q1"
    # the same start: the quarter wins over the year
    assert default_period(present("2026", "2026-Q1"), AUG_15).text == "2026-Q1"


def test_short_names_never_pick_a_period_after_the_as_of_date() -> None:
    assert resolve_period("Q1", present("2025-Q1", "2026-Q1"), AUG_15).text == "2025-Q1"
    assert resolve_period("Q1", present("2025-Q1", "2026-Q1"), dt.date(2026, 1, 1)).text == "2026-Q1"


def test_a_year_or_half_selects_what_is_inside() -> None:
    periods = present("2025", "2025-H2", "2025-Q3", "2025-07", "2024-Q4", "2026")
    assert [p.text for p in periods_within(parse_period("2025"), periods)] == ["2025", "2025-H2", "2025-Q3", "2025-07"]
    assert [p.text for p in periods_within(parse_period("2025-H2"), periods)] == ["2025-H2", "2025-Q3", "2025-07"]
    assert [p.text for p in periods_within(parse_period("2025-Q3"), periods)] == ["2025-Q3", "2025-07"]


def test_parse_period_is_unchanged() -> None:
    q3 = parse_period("2025-Q3")
    assert (q3.start, q3.end, q3.kind) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30), "quarter")
    assert q3.elapsed(AUG_15) == pytest.approx(45 / 92)
