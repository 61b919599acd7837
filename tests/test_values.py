"""SPEC 2.1 values: every accepted form, every rejection and its message."""

from __future__ import annotations

import math
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from okrcli.model.values import Locale, Value, ValueSyntaxError, parse_value
from tests.conftest import run_okr, write_files

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
    (10**18 - 1, "en", "", (10**18 - 1, False, None, None, None, None)),  # every digit
    (5e-324, "en", "", (5e-324, False, None, None, None, None)),  # tiny, but held
    (308.0, "vi", "", (308.0, False, None, None, None, None)),  # ambiguous-number's job
    # plain text
    ("42", "en", "", (42.0, False, None, None, None, None)),
    ("  42  ", "en", "", (42.0, False, None, None, None, None)),
    ("007", "en", "", (7.0, False, None, None, None, None)),
    ("1" + "0" * 17, "en", "", (1e17, False, None, None, None, None)),
    ("123456789012345678", "en", "", (123456789012345678, False, None, None, None, None)),
    ("0.000000000000000001", "en", "", (1e-18, False, None, None, None, None)),
    ("1.50000000000000000000", "en", "", (1.5, False, None, None, None, None)),  # trailing 0s
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
    ("5 m", "en", "", (5e6, False, None, None, None, None)),  # a scale word in any case
    ("5 b", "en", "", (5e9, False, None, None, None, None)),
    ("5 mm", "en", "", (5.0, False, None, None, None, "mm")),
    ("3 ms", "en", "", (3.0, False, None, None, None, "ms")),
    ("2 Mbps", "en", "", (2.0, False, None, None, None, "Mbps")),
    ("40 VND", "en", "", (40.0, False, None, None, None, "VND")),
    ("5 kg", "en", "", (5.0, False, None, None, None, "kg")),
    ("5 tries", "en", "", (5.0, False, None, None, None, "tries")),
    ("7 tin", "en", "", (7.0, False, None, None, None, "tin")),
    ("2 bin", "en", "", (2.0, False, None, None, None, "bin")),
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
    ("999.999.999 tỷ", "vi", "", (999999999e9, False, None, None, None, None)),
    ("12 tr/ngày", "vi", "", (12e6, False, None, None, None, "/ngày")),  # tr is a whole word
    ("5 nghiên cứu", "vi", "", (5.0, False, None, None, None, "nghiên cứu")),  # not nghìn
    ("4 tiêu chí", "vi", "", (4.0, False, None, None, None, "tiêu chí")),
    ("5 triu", "vi", "", (5.0, False, None, None, None, "triu")),  # a dropped letter stays a unit
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
    (None, "en", "", "cannot read an empty value (null) as a number"),
    ([1], "en", "", "cannot read the list [1] as"),
    ({"a": 1}, "en", "", "cannot read the mapping {a: 1} as"),
    (date(2025, 7, 14), "en", "", "cannot read the date 2025-07-14 as"),
    (float("nan"), "en", "", "cannot read .nan as a number: only finite numbers"),
    (float("inf"), "en", "", "cannot read .inf as a number: only finite numbers"),
    (float("-inf"), "en", "", "cannot read -.inf as a number: only finite numbers"),
    (10**400, "en", "", "cannot read 1000000000"),
    (10**18, "en", "", "cannot read 1000000000000000000 as a number: a number must be smaller than 10^18"),
    (-(10**18), "en", "", "a number must be smaller than 10^18"),
    (1e18, "en", "", "cannot read 1e+18 as a number: a number must be smaller than 10^18"),
    (-1e308, "en", "", "a number must be smaller than 10^18"),
    ("nan", "en", "", 'cannot read "nan" as a number: only finite'),
    (".inf", "en", "", "only finite numbers"),
    ("-.inf", "en", "", "only finite numbers"),
    ("Infinity", "en", "", "only finite numbers"),
    ("9" * 400, "en", "", "a number has at most 18 significant digits; write the number rounded"),
    ("9" * 5000, "en", "", "a number has at most 18 significant digits"),
    ("1" + "0" * 18, "en", "", "a number must be smaller than 10^18 in size; write a smaller number"),
    ("-1" + "0" * 18, "en", "", "a number must be smaller than 10^18 in size"),
    ("1.000.000.000.000.000.000", "vi", "", "a number must be smaller than 10^18 in size"),
    ("1.000.000.000 tỷ", "vi", "", "a number must be smaller than 10^18 in size"),
    ("1000000000000 M", "en", "", "a number must be smaller than 10^18 in size"),
    ("1234567890.123456789", "en", "", "a number has at most 18 significant digits"),
    ("0.1234567890123456789", "en", "", "a number has at most 18 significant digits"),
    ("0." + "0" * 400 + "1", "en", "", "a number this close to zero would read as 0; write the number in a smaller unit"),
    ("1e309", "en", "", "unexpected \"e309\" after the number"),
    ("abc", "en", "", 'cannot read "abc" as a number; write a number like 120000'),
    ("", "en", "", "the value is empty"),
    ("   ", "en", "", "the value is empty"),
    ("1,2345", "en", "", "',' groups thousands in threes"),
    ("12,34,5", "en", "", "',' groups thousands in threes"),
    ("1,33", "en", "", 'write "1.33" for a decimal, or set number_locale: vi in .okr.yaml'),
    ("1,33 triệu", "en", "", 'write "1.33 triệu" for a decimal'),
    ("8,5%", "en", "", "number_locale: vi"),
    ("0,700", "en", "", "number_locale: vi"),
    ("5.", "en", "", 'cannot read "5." as a number'),
    ("5%k", "en", "", "a percent cannot also have a scale word"),
    ("5k%", "en", "", "a percent cannot also have a scale word"),
    ("5 to 7", "en", "", 'unexpected "to 7" after the number'),
    ("5 - 7", "en", "", 'unexpected "- 7" after the number'),
    ("12 34", "en", "", 'unexpected "34" after the number'),
    ("$5 USD", "en", "", "the unit is written twice"),
    ("€$5", "en", "", "the unit is written twice"),
    ("$5..10 USD", "en", "b", "the unit is written twice"),
    (">= 5", "en", "", "comparators (>=, <=, >, <) are only allowed in target"),
    ("≤ 5", "vi", "b", "comparators (>=, <=, >, <) are only allowed in target"),
    (">=", "en", "c", 'cannot read ">=" as a number'),
    ("95..99", "en", "", "bands are only allowed in target"),
    ("95–99%", "en", "c", "bands are only allowed in target"),
    ("99..95", "en", "b", 'the band\'s low end "99" is above its high end "95"; write "95..99"'),
    ("1..2..3", "en", "b", "a band has exactly two ends"),
    ("..99", "en", "b", "a band has exactly two ends"),
    (">= 95..99", "en", "cb", "either a comparator or a band"),
    ("12,34,5", "vi", "", "at most one decimal mark"),
    ("1,234.567", "vi", "", "at most one decimal mark"),
    ("1234.567", "vi", "", 'write "1234567" for a whole number or "1234,567"'),
    ("1.234.5", "vi", "", "once '.' groups thousands the decimal mark is ','"),
    ("1.,5", "vi", "", "'.' must be followed by digits"),
    ("1 234\n5", "en", "", 'cannot read "1 234\\n5"'),
    ("1 234\u2028\x1b", "en", "", 'cannot read "1 234\\u2028\\x1b"'),
]


def _exact(item: object) -> object:
    """A number of the table as the exact decimal it spells: 3.14 is 3.14, not the float."""
    return Decimal(repr(item)) if isinstance(item, float) else item


def _flags(flags: str) -> dict[str, bool]:
    return {"allow_comparator": "c" in flags, "allow_band": "b" in flags}


@pytest.mark.parametrize(("raw", "locale", "flags", "expected"), ACCEPTED)
def test_accepted(raw: object, locale: Locale, flags: str, expected: tuple[object, ...]) -> None:
    value = parse_value(raw, locale=locale, **_flags(flags))
    got = (value.number, value.percent, value.comparator, value.low, value.high, value.unit)
    assert got == tuple(_exact(item) for item in expected)
    assert all(isinstance(number, Decimal) for number in (value.number, value.low, value.high) if number is not None)
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


def test_an_integer_python_cannot_print_is_refused_without_printing_it() -> None:
    with pytest.raises(ValueSyntaxError) as caught:
        parse_value(10**5000)  # beyond Python's 4,300-digit limit for str(int)
    assert str(caught.value) == (
        "cannot read a number of about 5,000 digits as a number: a number must be smaller than 10^18 in size; "
        "write a smaller number, e.g. in a larger unit"
    )


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


# --- scale words (SPEC 2.1): any case, with or without diacritics, at most one -----------------


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("950 trieu", 950e6), ("950 TRIEU", 950e6), ("950 Triệu", 950e6), ("950 TRIỆU", 950e6),
        (unicodedata.normalize("NFD", "950 TRIỆU"), 950e6),
        ("1,2 tỷ", 1.2e9), ("1,2 ty", 1.2e9), ("1,2 TY", 1.2e9), ("1,2 Tỷ", 1.2e9), ("1,2 tỉ", 1.2e9), ("1,2 ti", 1.2e9),
        ("1,2 Tỉ", 1.2e9), (unicodedata.normalize("NFD", "1,2 tỷ"), 1.2e9),
        ("5 nghìn", 5e3), ("5 nghin", 5e3), ("5 NGHÌN", 5e3), ("5 ngàn", 5e3), ("5 ngan", 5e3), ("5 Ngàn", 5e3),
        ("5 k", 5e3), ("5 K", 5e3), ("5 m", 5e6), ("5 M", 5e6), ("5 TR", 5e6), ("5 Tr", 5e6), ("5 b", 5e9),
        ("5 BN", 5e9), ("5 Bn", 5e9),
        ("120 triệu đồng", 120e6), ("120 trieu dong", 120e6),
    ],
)
def test_scale_words_in_any_case_and_without_diacritics(raw: str, number: float) -> None:
    assert parse_value(raw, locale="vi").number == number


@pytest.mark.parametrize("raw", ["1 tỷ tỷ", "10 nghìn tỷ", "1 triệu tỷ", "5 k M", "2 tr trieu", "3 TY ti VND"])
def test_stacked_scale_words_are_refused(raw: str) -> None:
    with pytest.raises(ValueSyntaxError) as caught:
        parse_value(raw, locale="vi")
    assert str(caught.value) == (
        f'cannot read "{raw}" as a number: a value has at most one scale word (k, M, triệu, tỷ…); '
        'write one, e.g. "1.5 tỷ" or "1500 triệu"'
    )


@pytest.mark.parametrize(
    ("raw", "word", "meant", "corrected"),
    [
        ("950 trieuu", "trieuu", "triệu", "950 triệu"),
        ("950 TRIEUU", "TRIEUU", "triệu", "950 triệu"),
        ("950 triệuu", "triệuu", "triệu", "950 triệu"),
        ("950 treiu", "treiu", "triệu", "950 triệu"),
        ("2 tyy", "tyy", "tỷ", "2 tỷ"),
        ("2 tỷy", "tỷy", "tỷ", "2 tỷ"),
        ("2 tii", "tii", "tỉ", "2 tỉ"),
        ("5 nghinn", "nghinn", "nghìn", "5 nghìn"),
        ("5 nghìnn", "nghìnn", "nghìn", "5 nghìn"),
        ("5 ngna", "ngna", "ngàn", "5 ngàn"),
        ("3 bnn", "bnn", "bn", "3 bn"),
        ("3 trr", "trr", "tr", "3 tr"),
        ("2 tyy VND", "tyy", "tỷ", "2 tỷ VND"),
        ("1,5 tyy/năm", "tyy", "tỷ", "1,5 tỷ/năm"),
    ],
)
def test_a_mistyped_scale_word_is_refused_with_its_correction(raw: str, word: str, meant: str, corrected: str) -> None:
    with pytest.raises(ValueSyntaxError) as caught:
        parse_value(raw, locale="vi")
    assert str(caught.value) == (
        f'cannot read "{raw}" as a number: "{word}" looks like a mistyped scale word (did you mean {meant}?); '
        f'write "{corrected}"'
    )


@pytest.mark.parametrize(
    "raw",
    ["5 km", "3 ms", "5 mm", "40 VND", "2 Mbps", "5 kg", "3 ngày", "5 nghiên cứu", "5 tries", "7 try", "7 tin",
     "2 bin", "4 tiêu chí", "5 trips", "10 toys", "5 triu", "9 kk", "9 bb", "20 người", "3 tuần", "6 tháng"],
)
def test_real_units_are_not_taken_for_mistyped_scale_words(raw: str) -> None:
    value = parse_value(raw, locale="vi")
    assert (value.number, value.unit) == (float(raw.split()[0]), raw.split(maxsplit=1)[1])


# A run of blanks this long took minutes to read while a pattern retried it from every
# position; read in linear time, each of these takes milliseconds.
PAD = " " * 100_000
NBSP = "\u00a0" * 100_000


@pytest.mark.parametrize(
    ("raw", "locale", "flags", "expected"),
    [
        (f"20{PAD}x", "en", "", (20.0, False, None, None, None, "x")),
        (f"20{PAD}x", "vi", "", (20.0, False, None, None, None, "x")),
        (f"5{PAD}k", "en", "", (5000.0, False, None, None, None, None)),
        (f"5{PAD}triệu{PAD}VND", "vi", "", (5e6, False, None, None, None, "VND")),
        (f"5{PAD}%", "en", "", (5.0, True, None, None, None, None)),
        (f"5{PAD}%{PAD}x", "en", "", (5.0, True, None, None, None, "x")),
        (f"5{NBSP}x", "en", "", (5.0, False, None, None, None, "x")),
        (f"5{NBSP}x", "vi", "", (5.0, False, None, None, None, "x")),
        (f"-{PAD}5", "en", "", (-5.0, False, None, None, None, None)),
        (f"${PAD}-{PAD}5", "en", "", (-5.0, False, None, None, None, "$")),
        (f"5{PAD}..{PAD}6{PAD}x", "en", "b", (None, False, None, 5.0, 6.0, "x")),
        (f">={PAD}1.000{PAD}VND", "vi", "c", (1000.0, False, ">=", None, None, "VND")),
        (f"{PAD}42{PAD}", "en", "", (42.0, False, None, None, None, None)),
    ],
)
def test_long_blank_runs_read_as_their_parts(raw: str, locale: Locale, flags: str, expected: tuple[object, ...]) -> None:
    value = parse_value(raw, locale=locale, **_flags(flags))
    assert (value.number, value.percent, value.comparator, value.low, value.high, value.unit) == expected


FORMS = 'write a number like 120000, "120.000" (number_locale: vi), "1,33 triệu" or "8.5%"'
ONE_MARK = 'under number_locale: vi a number has at most one decimal mark; write "1.234.567" or "1.234,5"'


@pytest.mark.parametrize(
    ("raw", "locale", "message"),
    [
        (f"-{PAD}x", "en", 'cannot read "-' + " " * 57 + '…" as a number; ' + FORMS),
        (f"${PAD}${PAD}5", "en", 'cannot read "$' + " " * 57 + '…" as a number: the unit is written twice ($, $); write the unit once'),
        (f"5 a{PAD}1", "vi", 'cannot read "5 a' + " " * 55 + '…" as a number: unexpected "a' + " " * 57 + '…" after the number; ' + FORMS),
        (f"5{PAD}..", "en", 'cannot read "5' + " " * 57 + '…" as a number: bands are only allowed in target; write a single number'),
        ("1." * 100_000 + "x", "vi", 'cannot read "' + "1." * 29 + '…" as a number: ' + ONE_MARK),
        ("1.000" * 40_000, "vi", 'cannot read "' + "1.000" * 11 + '1.0…" as a number: ' + ONE_MARK),
    ],
)
def test_long_runs_are_refused_with_their_message(raw: str, locale: Locale, message: str) -> None:
    with pytest.raises(ValueSyntaxError) as caught:
        parse_value(raw, locale=locale)
    assert str(caught.value) == message


def test_a_sheet_and_a_check_in_with_long_blank_runs_are_read_at_once(tmp_path: Path) -> None:
    pad = " " * 60_000
    write_files(tmp_path, {"s.yaml": (
        "period: 2026-Q4\nowner: ops\nobjectives:\n  - id: O1\n    title: Run\n    key_results:\n"
        f'      - {{id: KR1, title: Deploys reach 20, start: 1, target: "20{pad}x", current: "5 x"}}\n'
        "      - {id: KR2, title: Tickets reach 5, start: 1, target: 5, current: 2}\n"
    )})
    checked = run_okr("check", "--format", "parsable", "--as-of", "2026-11-15", cwd=tmp_path)
    assert (checked.code, checked.out, checked.err) == (0, "", "")
    taken = run_okr("checkin", "ops/O1/KR2", f"300{pad}x", "--date", "2026-11-15", cwd=tmp_path)
    assert (taken.code, taken.err) == (0, "")
    assert taken.out == f"s.yaml: checked in ops/O1/KR2 on 2026-11-15\nops/O1/KR2: 0.2500 → 1.0000 (current 2 → 300{pad}x)\n"
