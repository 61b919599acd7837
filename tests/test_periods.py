"""SPEC 3 "Period names": which period `okr score [PERIOD]` works on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr, write_files

from okrcli.model.core_schema import show
from okrcli.model.periods import (
    Period,
    PeriodError,
    UnknownPeriodError,
    default_period,
    parse_period,
    periods_within,
    resolve_period,
)

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


# --- elapsed: 0 on the first day and before, 1 after, (days − 1) / days on the last day ---------


@pytest.mark.parametrize(
    ("period", "as_of", "expected"),
    [
        ("2025-Q3", dt.date(2025, 7, 1), 0.0),  # the first day: nothing of it is gone yet
        ("2025-Q3", dt.date(2025, 7, 2), 1 / 92),
        ("2025-Q3", dt.date(2025, 6, 30), 0.0),  # before the period
        ("2025-Q3", dt.date(2024, 1, 1), 0.0),
        ("2025-Q3", dt.date(2025, 9, 30), 91 / 92),  # the last day: not over until it ends
        ("2025-Q3", dt.date(2025, 10, 1), 1.0),  # after the period
        ("2025-Q3", dt.date(2030, 1, 1), 1.0),
        ("2025-02", dt.date(2025, 2, 28), 27 / 28),
        ("2024-02", dt.date(2024, 2, 29), 28 / 29),
        ("2024", dt.date(2024, 12, 31), 365 / 366),
        ("2025-H1", dt.date(2025, 4, 1), 90 / 181),
    ],
)
def test_elapsed_is_clamped_and_counts_whole_days_gone(period: str, as_of: dt.date, expected: float) -> None:
    assert parse_period(period).elapsed(as_of) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("period", "days", "start", "end"),
    [
        ("2025-Q3", 92, dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("2025-Q1", 90, dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        ("2024-Q1", 91, dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2025-H2", 184, dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ("2025-12", 31, dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        ("2025", 365, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_days_count_both_ends(period: str, days: int, start: dt.date, end: dt.date) -> None:
    parsed = parse_period(period)
    assert (parsed.days, parsed.start, parsed.end) == (days, start, end)
    assert parsed.contains_date(start) and parsed.contains_date(end)
    assert not parsed.contains_date(start - dt.timedelta(days=1)) and not parsed.contains_date(end + dt.timedelta(days=1))


# --- years 1900 to 2999 -----------------------------------------------------------------------

FORMS = "write YYYY-Qn (2025-Q3), YYYY-Hn (2025-H2), YYYY (2025) or YYYY-MM (2025-09)"


@pytest.mark.parametrize("text", ["1900", "1900-Q1", "1900-H1", "1900-01", "2999", "2999-Q4", "2999-H2", "2999-12"])
def test_years_1900_to_2999_are_periods(text: str) -> None:
    assert parse_period(text).text == text


@pytest.mark.parametrize(
    ("text", "year"),
    [("1899", 1899), ("1899-Q4", 1899), ("1899-12", 1899), ("3000", 3000), ("3000-H1", 3000), ("3000-01", 3000), ("0000", 0), ("9999-Q1", 9999)],
)
def test_years_outside_1900_to_2999_are_refused(text: str, year: int) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert str(caught.value) == f"year {year} is out of range; {FORMS}"


# --- which period holds the day: quarter, then half, then month, then year ---------------------


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("2025", "2025-H2", "2025-Q3", "2025-08"), "2025-Q3"),
        (("2025-08", "2025-Q3", "2025-H2", "2025"), "2025-Q3"),
        (("2025-H2", "2025-Q3"), "2025-Q3"),  # a quarter over a half
        (("2025-Q3", "2025-H2"), "2025-Q3"),
        (("2025-08", "2025-Q3"), "2025-Q3"),  # over a month
        (("2025-08", "2025-H2"), "2025-H2"),  # a half over a month
        (("2025-H2", "2025-08"), "2025-H2"),
        (("2025", "2025-08"), "2025-08"),  # a month over a year
        (("2025-08", "2025"), "2025-08"),
    ],
)
def test_the_period_holding_the_day_prefers_quarter_half_month_year(texts: tuple[str, ...], expected: str) -> None:
    assert default_period(present(*texts), AUG_15).text == expected
    assert resolve_period(None, present(*texts), AUG_15).text == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("2026-H1", "2026-Q1"), "2026-Q1"),
        (("2026-Q1", "2026-H1"), "2026-Q1"),
        (("2026-01", "2026-H1"), "2026-H1"),
        (("2026", "2026-01"), "2026-01"),
        (("2026-01", "2026"), "2026-01"),
        (("2026-02", "2026-Q1"), "2026-02"),  # the latest start wins first
    ],
)
def test_with_none_holding_the_day_the_latest_wins_in_the_same_order(texts: tuple[str, ...], expected: str) -> None:
    assert default_period(present(*texts), AUG_15).text == expected


# --- the same through the CLI -----------------------------------------------------------------

SHEET = """
    period: {period}
    owner: {owner}
    objectives:
      - id: O1
        title: Grow organic traffic
        key_results:
          - {{id: KR1, title: Visits reach 300000 (from 200000), start: 200000, target: 300000, current: 250000}}
          - {{id: KR2, title: Signups reach 500 (from 100), start: 100, target: 500}}
"""


@pytest.mark.parametrize(
    ("as_of", "elapsed", "gone"),
    [("2025-06-30", 0, "0%"), ("2025-07-01", 0, "0%"), ("2025-07-02", 0.0109, "1%"), ("2025-09-30", 0.9891, "99%"), ("2025-10-01", 1, "100%")],
)
def test_score_reports_elapsed_clamped_from_the_first_day(tmp_path: Path, as_of: str, elapsed: float, gone: str) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": SHEET.format(period="2025-Q3", owner="team")})
    result = run_okr("score", "2025-Q3", "--as-of", as_of, "--format", "json", cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    document: Any = result.json()
    assert document["elapsed"] == elapsed
    text = run_okr("score", "2025-Q3", "--as-of", as_of, cwd=tmp_path).out
    assert text.splitlines()[0] == f"Scores for 2025-Q3 as of {as_of} ({gone} of the period gone)"


@pytest.mark.parametrize("as_of", ["2025-06-30", "2025-07-01"])
def test_nothing_is_expected_before_the_first_day_is_over(tmp_path: Path, as_of: str) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": SHEET.format(period="2025-Q3", owner="team")})
    document: Any = run_okr("score", "2025-Q3", "--as-of", as_of, "--format", "json", cwd=tmp_path).json()
    assert [(k["score"], k["status"]) for k in document["objectives"][0]["key_results"]] == [(0.5, "on-track"), (0, "pending")]


def test_sheets_of_years_outside_1900_to_2999_are_schema_errors(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            f"{period}/{owner}.yaml": f"period: {period}\nowner: {owner}\n"
            for period, owner in (("1899-Q4", "a"), ("1900", "b"), ("2999-12", "c"), ("3000", "d"))
        },
    )
    result = run_okr("check", "--format", "parsable", cwd=tmp_path)
    assert result.code == 1
    assert result.out == (
        f"1899-Q4/a.yaml:1:9: [error] year 1899 is out of range; {FORMS} (schema)\n3000/d.yaml:1:9: [error] year 3000 is out of range; {FORMS} (schema)\n"
    )


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        (("2025", "2025-H2", "2025-Q3", "2025-08"), "2025-Q3"),
        (("2025", "2025-H2", "2025-08"), "2025-H2"),
        (("2025", "2025-08"), "2025-08"),
        (("2025",), "2025"),
    ],
)
def test_score_without_a_period_prefers_the_quarter_holding_the_day(tmp_path: Path, periods: tuple[str, ...], expected: str) -> None:
    write_files(tmp_path, {f"{p}/team-{p}.yaml": SHEET.format(period=p, owner=f"team-{p.lower()}") for p in periods})
    result = run_okr("score", "--as-of", "2025-08-15", "--format", "json", cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    document: Any = result.json()
    assert document["period"] == expected


# --- messages in full -------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, True, False, 2025.0, "Q3", "", "  ", "2025-Q5", "2025-13", "25-Q3", ["2025"]])
def test_what_is_not_a_period_is_named_with_the_forms(raw: object) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(raw)
    assert str(caught.value) == f"cannot read {show(raw)} as a period; {FORMS}"  # as YAML writes it: null, true, "Q3"


@pytest.mark.parametrize(
    ("text", "present_texts", "message"),
    [
        ("H3", ("2025-Q3",), "unknown period 'H3'; a half is H1 or H2; periods present: 2025-Q3"),
        ("Q2", ("2025-Q3",), "unknown period 'Q2'; no Q2 on or before 2025-08-15 has sheets; periods present: 2025-Q3"),
        # listed by start, the longer first
        ("2024", ("2025-Q1", "2025-01", "2025", "2025-H1"), "unknown period '2024'; periods present: 2025, 2025-H1, 2025-Q1, 2025-01"),
    ],
)
def test_unknown_period_messages_in_full(text: str, present_texts: tuple[str, ...], message: str) -> None:
    with pytest.raises(UnknownPeriodError) as caught:
        resolve_period(text, present(*present_texts), AUG_15)
    assert str(caught.value) == message


def test_no_sheets_message_in_full() -> None:
    with pytest.raises(UnknownPeriodError) as caught:
        resolve_period("Q3", [], AUG_15)
    assert str(caught.value) == "the repository has no goal sheets with a period yet; run `okr init` to add one"
