"""SPEC 2.1 values: every accepted form, every rejection and its message."""

from __future__ import annotations

import math
import unicodedata
from datetime import date

import pytest
from ruamel.yaml import YAML

from okrcli.values import Locale, Value, ValueSyntaxError, parse_value

# "1,33 triệu" with decomposed (NFD) accents, as some editors and keyboards write it
NFD_TRIEU = unicodedata.normalize("NFD", "1,33 triệu")

# flags: "c" allows a comparator, "b" allows a band (both are only allowed in target).
# expected: (number, percent, comparator, low, high, unit)
ACCEPTED: list[tuple[object, Locale, str, tuple[object, ...]]] = [
    # YAML numbers
    (0, "en", "", (0.0, False, None, None, None, None)),
    (42, "en", "", (42.0, False, None, None, None, None)),
    (3.14, "en", "", (3.14, False, None, None, None, None)),
    (-7, "en", "", (-7.0, False, None, None, None, None)),
    (10**20, "en", "", (1e20, False, None, None, None, None)),
    (308.0, "vi", "", (308.0, False, None, None, None, None)),  # ambiguous-number's job
    # plain text
    ("42", "en", "", (42.0, False, None, None, None, None)),
    ("  42  ", "en", "", (42.0, False, None, None, None, None)),
    ("007", "en", "", (7.0, False, None, None, None, None)),
    ("1" + "0" * 20, "en", "", (1e20, False, None, None, None, None)),
    # en grouping
    ("1,234.5", "en", "", (1234.5, False, None, None, None, None)),
    ("1,234,567.5", "en", "", (1234567.5, False, None, None, None, None)),
    ("1,234", "en", "", (1234.0, False, None, None, None, None)),
    ("3.14", "en", "", (3.14, False, None, None, None, None)),
    ("120.000", "en", "", (120.0, False, None, None, None, None)),  # en: '.' is decimal
    ("1.33 triệu", "en", "", (1330000.0, False, None, None, None, None)),
    # signs
    ("-3", "en", "", (-3.0, False, None, None, None, None)),
    ("−3", "en", "", (-3.0, False, None, None, None, None)),
    ("+3", "en", "", (3.0, False, None, None, None, None)),
    ("- 3", "en", "", (-3.0, False, None, None, None, None)),
    ("-0.5", "en", "", (-0.5, False, None, None, None, None)),
    # scale words
    ("2.5k", "en", "", (2500.0, False, None, None, None, None)),
    ("2.5 K", "en", "", (2500.0, False, None, None, None, None)),
    ("1.5B", "en", "", (1.5e9, False, None, None, None, None)),
    ("3bn", "en", "", (3e9, False, None, None, None, None)),
    ("12 M visits", "en", "", (12e6, False, None, None, None, "visits")),
    # percent
    ("8.5%", "en", "", (8.5, True, None, None, None, None)),
    ("36%", "en", "", (36.0, True, None, None, None, None)),
    ("36 %", "en", "", (36.0, True, None, None, None, None)),
    ("0%", "en", "", (0.0, True, None, None, None, None)),
    # comparators
    (">= 40%", "en", "c", (40.0, True, ">=", None, None, None)),
    (">=40%", "en", "c", (40.0, True, ">=", None, None, None)),
    ("> 5", "en", "c", (5.0, False, ">", None, None, None)),
    ("< 5", "en", "c", (5.0, False, "<", None, None, None)),
    ("<= 10%", "en", "c", (10.0, True, "<=", None, None, None)),
    ("≥40%", "en", "c", (40.0, True, ">=", None, None, None)),
    ("≤ 120,000", "en", "c", (120000.0, False, "<=", None, None, None)),
    (">= -5", "en", "cb", (-5.0, False, ">=", None, None, None)),
    # currencies and units
    ("$1.5M", "en", "", (1500000.0, False, None, None, None, "$")),
    ("€20", "en", "", (20.0, False, None, None, None, "€")),
    ("-$5", "en", "", (-5.0, False, None, None, None, "$")),
    ("$-5", "en", "", (-5.0, False, None, None, None, "$")),
    ("120 USD", "en", "", (120.0, False, None, None, None, "USD")),
    ("5 visits", "en", "", (5.0, False, None, None, None, "visits")),
    ("5 km", "en", "", (5.0, False, None, None, None, "km")),  # 'k' only as a whole word
    ("5 trips", "en", "", (5.0, False, None, None, None, "trips")),  # 'tr' likewise
    ("5 m", "en", "", (5.0, False, None, None, None, "m")),  # M is upper case only
    ("30% of revenue", "en", "", (30.0, True, None, None, None, "of revenue")),
    # vi: the seed articles
    ("120.000", "vi", "", (120000.0, False, None, None, None, None)),
    ("1,33 triệu", "vi", "", (1330000.0, False, None, None, None, None)),
    ("8.5%", "vi", "", (8.5, True, None, None, None, None)),
    ("≤ 120.000", "vi", "c", (120000.0, False, "<=", None, None, None)),
    ("10,4 tỷ", "vi", "", (10400000000.0, False, None, None, None, None)),
    ("308.000", "vi", "", (308000.0, False, None, None, None, None)),
    (">= 40%", "vi", "c", (40.0, True, ">=", None, None, None)),
    ("36%", "vi", "", (36.0, True, None, None, None, None)),
    ("≥ 8,5%", "vi", "c", (8.5, True, ">=", None, None, None)),
    ("1.33 triệu", "vi", "", (1330000.0, False, None, None, None, None)),
    ("120.000 VND", "vi", "", (120000.0, False, None, None, None, "VND")),
    ("500 triệu đồng", "vi", "", (500000000.0, False, None, None, None, "đồng")),
    ("1,33 triệu VND", "vi", "", (1330000.0, False, None, None, None, "VND")),
    # vi: grouping and decimal marks
    ("8,5%", "vi", "", (8.5, True, None, None, None, None)),
    ("1.234.567", "vi", "", (1234567.0, False, None, None, None, None)),
    ("1.234,5", "vi", "", (1234.5, False, None, None, None, None)),
    ("1.234.567,89", "vi", "", (1234567.89, False, None, None, None, None)),
    ("1,234", "vi", "", (1.234, False, None, None, None, None)),
    ("1.5", "vi", "", (1.5, False, None, None, None, None)),
    ("1.500", "vi", "", (1500.0, False, None, None, None, None)),
    ("0.700", "vi", "", (0.7, False, None, None, None, None)),  # a leading 0 never groups
    ("0,5", "vi", "", (0.5, False, None, None, None, None)),
    ("-1.000", "vi", "", (-1000.0, False, None, None, None, None)),
    # vi: scale words, case and Unicode forms
    ("1,33 TRIỆU", "vi", "", (1330000.0, False, None, None, None, None)),
    ("1,33 Triệu", "vi", "", (1330000.0, False, None, None, None, None)),
    (NFD_TRIEU, "vi", "", (1330000.0, False, None, None, None, None)),
    ("2 tr", "vi", "", (2e6, False, None, None, None, None)),
    ("2tr", "vi", "", (2e6, False, None, None, None, None)),
    ("5 tỉ", "vi", "", (5e9, False, None, None, None, None)),
    ("50 nghìn", "vi", "", (50000.0, False, None, None, None, None)),
    ("50 ngàn", "vi", "", (50000.0, False, None, None, None, None)),
    ("10 nghìn tỷ", "vi", "", (1e13, False, None, None, None, None)),
    ("120.000₫", "vi", "", (120000.0, False, None, None, None, "₫")),
    ("₫120.000", "vi", "", (120000.0, False, None, None, None, "₫")),
    ("120.000đ", "vi", "", (120000.0, False, None, None, None, "đ")),
    ("3 ngày", "vi", "", (3.0, False, None, None, None, "ngày")),
    ("200 người", "vi", "", (200.0, False, None, None, None, "người")),
    # bands
    ("95..99", "en", "b", (None, False, None, 95.0, 99.0, None)),
    ("95..99", "en", "cb", (None, False, None, 95.0, 99.0, None)),
    ("95–99%", "en", "b", (None, True, None, 95.0, 99.0, None)),
    ("95%..99%", "en", "b", (None, True, None, 95.0, 99.0, None)),
    ("95%..99", "en", "b", (None, True, None, 95.0, 99.0, None)),
    ("95—99", "en", "b", (None, False, None, 95.0, 99.0, None)),
    ("95 .. 99", "en", "b", (None, False, None, 95.0, 99.0, None)),
    ("-5..5", "en", "b", (None, False, None, -5.0, 5.0, None)),
    ("5..5", "en", "b", (None, False, None, 5.0, 5.0, None)),
    ("$5..$10", "en", "b", (None, False, None, 5.0, 10.0, "$")),
    ("5..10 VND", "en", "b", (None, False, None, 5.0, 10.0, "VND")),
    ("500k..2M", "en", "b", (None, False, None, 500000.0, 2e6, None)),
    ("1–2 triệu", "vi", "b", (None, False, None, 1e6, 2e6, None)),  # scale on one side
    ("1,5..2,5", "vi", "b", (None, False, None, 1.5, 2.5, None)),
    ("120.000..150.000", "vi", "b", (None, False, None, 120000.0, 150000.0, None)),
]

# expected: a substring of the one-line message
REJECTED: list[tuple[object, Locale, str, str]] = [
    (True, "en", "", "use `done: true`"),
    (False, "en", "", "cannot read false as a number"),
    (None, "en", "", "null"),
    ([1], "en", "", "cannot read the list '[1]'"),
    ({"a": 1}, "en", "", "mapping"),
    (date(2025, 7, 14), "en", "", "the date '2025-07-14'"),
    (float("nan"), "en", "", "only finite numbers"),
    (float("inf"), "en", "", "only finite numbers"),
    (10**400, "en", "", "only finite numbers"),
    ("nan", "en", "", "cannot read 'nan' as a number: only finite"),
    (".inf", "en", "", "only finite numbers"),
    ("-.inf", "en", "", "only finite numbers"),
    ("Infinity", "en", "", "only finite numbers"),
    ("9" * 400, "en", "", "only finite numbers"),
    ("abc", "en", "", "cannot read 'abc' as a number; write a number like 120000"),
    ("", "en", "", "the value is empty"),
    ("   ", "en", "", "the value is empty"),
    ("1,2345", "en", "", "',' groups thousands in threes"),
    ("12,34,5", "en", "", "',' groups thousands in threes"),
    ("1,33", "en", "", "write '1.33' for a decimal, or set number_locale: vi in .okr.yaml"),
    ("1,33 triệu", "en", "", "write '1.33 triệu' for a decimal"),
    ("8,5%", "en", "", "number_locale: vi"),
    ("0,700", "en", "", "number_locale: vi"),
    ("5.", "en", "", "cannot read '5.' as a number"),
    ("5%k", "en", "", "a percent cannot also have a scale word"),
    ("5k%", "en", "", "a percent cannot also have a scale word"),
    ("5 to 7", "en", "", "unexpected 'to 7' after the number"),
    ("5 - 7", "en", "", "unexpected '- 7' after the number"),
    ("12 34", "en", "", "unexpected '34' after the number"),
    ("$5 USD", "en", "", "the unit is written twice"),
    ("€$5", "en", "", "the unit is written twice"),
    ("$5..10 USD", "en", "b", "the unit is written twice"),
    (">= 5", "en", "", "comparators (>=, <=, >, <) are only allowed in target"),
    ("≤ 5", "vi", "b", "comparators (>=, <=, >, <) are only allowed in target"),
    (">=", "en", "c", "cannot read '>=' as a number"),
    ("95..99", "en", "", "bands are only allowed in target"),
    ("95–99%", "en", "c", "bands are only allowed in target"),
    ("99..95", "en", "b", "write '95..99'"),
    ("1..2..3", "en", "b", "a band has exactly two ends"),
    ("..99", "en", "b", "a band has exactly two ends"),
    (">= 95..99", "en", "cb", "either a comparator or a band"),
    ("12,34,5", "vi", "", "at most one decimal mark"),
    ("1,234.567", "vi", "", "at most one decimal mark"),
    ("1234.567", "vi", "", "write '1234567' for a whole number or '1234,567'"),
    ("1.234.5", "vi", "", "once '.' groups thousands the decimal mark is ','"),
    ("1.,5", "vi", "", "'.' must be followed by digits"),
    ("1 234\n5", "en", "", "cannot read '1 234\\n5'"),
]


def _flags(flags: str) -> dict[str, bool]:
    return {"allow_comparator": "c" in flags, "allow_band": "b" in flags}


@pytest.mark.parametrize(("raw", "locale", "flags", "expected"), ACCEPTED)
def test_accepted(raw: object, locale: Locale, flags: str, expected: tuple[object, ...]) -> None:
    value = parse_value(raw, locale=locale, **_flags(flags))
    got = (value.number, value.percent, value.comparator, value.low, value.high, value.unit)
    assert got == expected
    assert value.is_band == (expected[0] is None)
    assert value.raw == (raw if isinstance(raw, str) else str(raw))


@pytest.mark.parametrize(("raw", "locale", "flags", "fragment"), REJECTED)
def test_rejected(raw: object, locale: Locale, flags: str, fragment: str) -> None:
    with pytest.raises(ValueSyntaxError) as caught:
        parse_value(raw, locale=locale, **_flags(flags))
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message
    assert message.startswith("cannot read ")
    assert "; write " in message


def test_generic_message_names_the_forms_allowed_here() -> None:
    with pytest.raises(ValueSyntaxError) as caught:
        parse_value("12,34,5,", allow_comparator=True, allow_band=True)
    assert str(caught.value).endswith(
        'write a number like 120000, "120.000" (number_locale: vi), "1,33 triệu", "8.5%", '
        '">= 40%" or a band "95..99"'
    )


def test_anchored_yaml_boolean_is_not_read_as_one() -> None:
    loaded = YAML().load("a: &flag true\n")  # ruamel keeps an anchored bool as an int
    with pytest.raises(ValueSyntaxError, match="cannot read true as a number"):
        parse_value(loaded["a"])


def test_round_trip_yaml_numbers_are_read() -> None:
    loaded = YAML().load("a: 1_000\nb: 308.000\nc: 1e3\n")
    assert [parse_value(loaded[key]).number for key in "abc"] == [1000.0, 308.0, 1000.0]


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_value("abc")


def test_negative_zero_reads_as_zero() -> None:
    number = parse_value("-0").number
    assert number == 0.0 and math.copysign(1.0, number or 0.0) == 1.0


@pytest.mark.parametrize(
    ("raw", "locale", "flags", "shown"),
    [
        ("308.000", "vi", "", "308,000"),
        (308000, "en", "", "308,000"),
        (3.14, "en", "", "3.14"),
        ("1,234.5", "en", "", "1,234.5"),
        ("-0.5", "en", "", "-0.5"),
        (">= 40%", "en", "c", ">= 40%"),
        ("≤ 8,5%", "vi", "c", "<= 8.5%"),
        ("95..99", "en", "b", "95..99"),
        ("95–99%", "en", "b", "95..99%"),
        ("$1.5M", "en", "", "$1,500,000"),
        ("120.000 VND", "vi", "", "120,000 VND"),
        ("120.000₫", "vi", "", "120,000₫"),
    ],
)
def test_display(raw: object, locale: Locale, flags: str, shown: str) -> None:
    assert parse_value(raw, locale=locale, **_flags(flags)).display() == shown


def test_value_is_frozen() -> None:
    value = Value(1.0)
    with pytest.raises(AttributeError):
        value.number = 2.0  # type: ignore[misc]
