"""The loader: YAML 1.2 values, positions from the nodes, and hostile input refused."""

from __future__ import annotations

import datetime as dt

import pytest

from okrcli.load.limits import MAX_BYTES
from okrcli.load.reader import MAX_ALIASES, MAX_DEPTH, load_bytes
from okrcli.load.suppressions import Listed
from okrcli.model.core_schema import OutOfRange, ScalarKey, show


def load(text: str | bytes):
    return load_bytes(text.encode("utf-8") if isinstance(text, str) else text, "s.yaml")


def found(text: str | bytes) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.rule) for p in load(text).problems]


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("yes", "yes"),  # YAML 1.2: not a bool
        ("no", "no"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("42", 42),
        ("-7", -7),
        ("0o17", 15),
        ("0x1F", 31),
        ("012", 12),  # no YAML 1.1 octal
        ("3.5", 3.5),
        ("308.000", 308.0),
        ("1e3", 1000.0),
        ("2025-07-14", dt.date(2025, 7, 14)),
        ("2025-07", "2025-07"),
        ("2025-Q3", "2025-Q3"),
        ("'308.000'", "308.000"),
        ('"42"', "42"),
        ("!!str 42", "42"),
        ("!!int '12'", 12),
        ("!!float 1", 1.0),
        ("1,33 triệu", "1,33 triệu"),
    ],
)
def test_scalars_follow_yaml_1_2(scalar: str, value: object) -> None:
    assert load(f"v: {scalar}\n").data == {"v": value}


def test_positions_of_keys_and_values_are_one_based() -> None:
    loaded = load("period: 2025-Q3\nobjectives:\n  - id: O1\n    title: Tăng trưởng\n")
    assert loaded.values[("period",)] == (1, 9)
    assert loaded.keys[("objectives", 0, "title")] == (4, 5)
    assert loaded.values[("objectives", 0, "title")] == (4, 12)
    assert loaded.position(("objectives", 0, "missing", 3)) == (3, 5)


def test_columns_count_characters_not_bytes() -> None:
    loaded = load("title: Tăng trưởng\nx: {a: cải, b: thiện}\n")
    assert loaded.values[("x", "b")] == (2, 16)


def test_grouped_floats_are_recorded_only_when_plain() -> None:
    loaded = load("a: 308.000\nb: '308.000'\nc: 1.5\nd: 0.700\ne: 1.250.000\n")
    assert loaded.grouped_floats == [((1, 4), "308.000")]


@pytest.mark.parametrize("text", ["a: &n 308.000\nb: *n\n", "a: [&n 1.500, *n, *n]\n", "a: {x: &n 2.000}\nb: {y: *n}\n"])
def test_an_alias_of_a_grouped_float_is_recorded_once_at_its_anchor(text: str) -> None:
    loaded = load_bytes(text.encode("utf-8"), "a.yaml")
    assert (loaded.problems, [position for position, _ in loaded.grouped_floats]) == ([], [(1, text.index("&") + 1)])


def test_duplicate_key_points_at_the_second_key() -> None:
    assert found("a: 1\nb:\n  c: 1\n  c: 2\n") == [(4, 3, "duplicate-key")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\n", [(2, 1, "yaml-syntax")]),
        ("a:\n\tb: 1\n", [(2, 1, "yaml-syntax")]),
        ("a: 'open\n", [(1, 4, "yaml-syntax")]),
        ("a: 1\n---\nb: 2\n", [(2, 1, "yaml-syntax")]),
        ("a: *nothing\n", [(1, 4, "yaml-syntax")]),
        ("a: !!python/object:os.system {}\n", [(1, 4, "unsafe-yaml")]),
        ("a: !!python/name:os.system\n", [(1, 4, "unsafe-yaml")]),
        ("a: !custom x\n", [(1, 4, "unsafe-yaml")]),
        ("a: &x [*x]\n", [(1, 8, "unsafe-yaml")]),
        ("a: !!binary aGVsbG8=\n", [(1, 4, "unsafe-yaml")]),
        ("a: !!int nope\n", [(1, 4, "yaml-syntax")]),
    ],
)
def test_bad_and_unsafe_yaml(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(text) == expected


def test_tab_indentation_says_to_use_spaces() -> None:
    assert "indent with spaces, not tabs" in load("a:\n\tb: 1\n").problems[0].message


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    problems = load("\n".join(lines) + "\n").problems
    assert [(p.rule, p.line) for p in problems] == [("unsafe-yaml", 3)]
    assert f"more than {MAX_ALIASES} aliases" in problems[0].message


def test_a_few_aliases_are_fine() -> None:
    assert load("a: &x {k: 1}\nb: *x\n").data == {"a": {"k": 1}, "b": {"k": 1}}


def test_deep_nesting_is_refused_without_recursion() -> None:
    text = "[" * 100_000 + "]" * 100_000
    assert found(text) == [(1, MAX_DEPTH + 1, "unsafe-yaml")]
    deep_block = "".join(" " * i + "k:\n" for i in range(200))
    assert [p.rule for p in load(deep_block).problems] == ["unsafe-yaml"]


def test_oversized_file_is_refused_before_parsing() -> None:
    assert found(b"a: 1\n" + b"#" * MAX_BYTES) == [(1, 1, "unsafe-yaml")]


def test_invalid_utf8_names_the_line_and_column() -> None:
    problems = load(b"a: 1\nb: ca\xff\n").problems
    assert [(p.line, p.column, p.rule) for p in problems] == [(2, 6, "yaml-syntax")]
    assert "invalid UTF-8 byte 0xff" in problems[0].message


def test_utf8_bom_is_accepted_and_remembered() -> None:
    loaded = load(b"\xef\xbb\xbfperiod: 2025-Q3\n")
    assert (loaded.data, loaded.bom, loaded.problems) == ({"period": "2025-Q3"}, True, [])


def test_utf16_is_refused() -> None:
    assert found("a: 1\n".encode("utf-16")) == [(1, 1, "yaml-syntax")]


def test_control_characters_are_refused_with_their_position() -> None:
    problems = load("a: 1\nb: x\x00\n").problems
    assert [(p.line, p.column, p.rule) for p in problems] == [(2, 5, "yaml-syntax")]
    assert "U+0000" in problems[0].message


def test_empty_file_loads_as_nothing() -> None:
    assert (load("").data, load("").problems) == (None, [])


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("9" * 5000, OutOfRange("9" * 5000)),  # int() would refuse it: Python's 4,300-digit limit
        ("-" + "9" * 19, OutOfRange("-" + "9" * 19)),
        ("1000000000000000000", OutOfRange("1000000000000000000")),
        ("999999999999999999", 999999999999999999),
        ("-999_999_999_999_999_999", -999999999999999999),
        ("0x" + "f" * 16, OutOfRange("0x" + "f" * 16)),
        ("0x" + "0" * 100 + "1", 1),
        ("1e309", OutOfRange("1e309")),
        ("-1e309", OutOfRange("-1e309")),
        ("1e18", OutOfRange("1e18")),
        ("1e17", 1e17),
        ("1e-400", OutOfRange("1e-400")),  # would read as 0
        ("5e-324", 5e-324),
        ("0.1234567890123456789", OutOfRange("0.1234567890123456789")),
        ("0.123456789012345678", 0.123456789012345678),
        ("1.50000000000000000000", 1.5),
        ("0.0", 0.0),
        (".inf", float("inf")),  # named: the schema refuses it by name
        ("!!int " + "9" * 5000, OutOfRange("9" * 5000)),
        ("!!float 1e309", OutOfRange("1e309")),
        ("'1e309'", "1e309"),
    ],
)
def test_numbers_beyond_the_limits_load_as_written(scalar: str, value: object) -> None:
    loaded = load(f"v: {scalar}\n")
    assert (loaded.problems, loaded.data) == ([], {"v": value})


def test_limits_are_named_without_grouping_marks_a_locale_would_misread() -> None:
    """"2,097,152" is a little over 2 under number_locale: vi, "2.097.152" a little over 2
    under en: the loader, which knows no locale, writes its limits without either."""
    assert load(b"a: 1\n" + b"#" * MAX_BYTES).problems[0].message == (
        "file is larger than the 2 MiB limit for a sheet; split it into one file per team or person"
    )
    many = "v:\n" + "".join(f"- {i}\n" for i in range(200_001))
    assert load(many).problems[0].message == "more than 200000 values in one file; split the sheet"


def test_an_alias_may_name_an_anchored_scalar() -> None:
    loaded = load("owner: &o marketing\nteam: *o\nlist: [&n 3, *n]\n*o : key\n")
    assert (loaded.data, loaded.problems) == ({"owner": "marketing", "team": "marketing", "list": [3, 3], "marketing": "key"}, [])


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("target: &t 1.5\nactual: *t\n", {"target": 1.5, "actual": 1.5}),
        ("list: [&n -2.5e3, *n]\n", {"list": [-2500.0, -2500.0]}),
        ("a: &x .inf\nb:\n  - *x\n", {"a": float("inf"), "b": [float("inf")]}),
        ("a: &x 1.0\n*x : key\n", {"a": 1.0, ScalarKey("1.0", 1.0): "key"}),
    ],
)
def test_an_alias_may_name_an_anchored_float(text: str, data: object) -> None:
    loaded = load(text)
    assert (loaded.data, loaded.problems, loaded.grouped_floats) == (data, [], [])


def test_an_aliased_grouped_float_is_reported_once_where_it_is_written() -> None:
    loaded = load("start: &s 308.000\ntarget: *s\n")
    assert (loaded.data, loaded.grouped_floats) == ({"start": 308.0, "target": 308.0}, [((1, 8), "308.000")])


@pytest.mark.parametrize(
    ("text", "data", "path", "position"),
    [
        # libyaml refuses these; YAML 1.2 and ruamel.yaml read them.
        ("links: [https://x.example/A-1]\n", {"links": ["https://x.example/A-1"]}, ("links", 0), (1, 9)),
        ("- { url: http://example.org }\n", [{"url": "http://example.org"}], (0, "url"), (1, 10)),
        ("a: [x:y, 2]\n", {"a": ["x:y", 2]}, ("a", 1), (1, 10)),
        ("note: |-\n \tindented with a tab\n", {"note": "\tindented with a tab"}, ("note",), (1, 7)),
        ("%YAML 1.2\n---\nb: 1\n", {"b": 1}, ("b",), (3, 4)),
        # libyaml reads this one wrongly: the anchor is `an:chor`, not `an` on ":chor value".
        ("key: &an:chor value\nother: *an:chor\n", {"key": "value", "other": "value"}, ("other",), (2, 8)),
    ],
)
def test_what_yaml_1_2_reads_is_read_with_positions_from_the_same_parser(
    text: str, data: object, path: tuple[object, ...], position: tuple[int, int]
) -> None:
    loaded = load(text)
    assert (loaded.data, loaded.problems) == (data, [])
    assert loaded.values[path] == position


def test_the_non_specific_tag_makes_text() -> None:
    assert load("a: ! 12\nb: ! true\nc: 12\n").data == {"a": "12", "b": "true", "c": 12}


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        # ruamel.yaml's parser fails inside (an assertion): libyaml's reason and position.
        ("%YAML 1.3\n---\na: 1\n", (1, 1), "found incompatible YAML document; write %YAML 1.2, or remove the line"),
        # Both parsers fail at one place: libyaml's wording, which the advice knows.
        ("a: b: c\n", (1, 5), "mapping values are not allowed in this context; a value containing"),
        ("a: @x\n", (1, 4), "found character that cannot start any token; quote a value"),
        # ruamel.yaml reads further than libyaml: its position and wording.
        ('a: "x\\.y"\n', (1, 7), "found unknown escape character '.'"),
    ],
)
def test_yaml_no_parser_reads_is_a_syntax_problem_at_the_parsers_position(
    text: str, position: tuple[int, int], message: str
) -> None:
    problems = load(text).problems
    assert [(p.line, p.column, p.rule) for p in problems] == [(*position, "yaml-syntax")]
    assert message in problems[0].message


KEYS = [
    "1", "0x1", "1.0", "1.00", "true", "True", "0", "false", "0.0", "'1'", '"1"',
    "a", "'a'", '"a"', "~", "null", "2025-01-01", "'2025-01-01'", ".nan", ".NaN",
]
# The keys YAML 1.2's core schema reads as one key: same type, same value.
SAME = [{"1", "0x1"}, {"1.0", "1.00"}, {"true", "True"}, {"'1'", '"1"'}, {"a", "'a'", '"a"'}, {"~", "null"}, {".nan", ".NaN"}]


@pytest.mark.parametrize("first", KEYS)
@pytest.mark.parametrize("second", KEYS)
def test_keys_are_the_same_key_by_type_and_value(first: str, second: str) -> None:
    loaded = load(f"{first}: one\n{second}: two\n")
    duplicate = first == second or any({first, second} <= same for same in SAME)
    if duplicate:
        assert [(p.line, p.column, p.rule) for p in loaded.problems] == [(2, 1, "duplicate-key")]
        written = second.strip("'\"")
        assert loaded.problems[0].message == f"key '{written}' appears twice in this mapping (first on line 1); keep one"
        assert [str(key) for key in loaded.data] == [written] and list(loaded.data.values()) == ["two"]
    else:
        assert loaded.problems == []
        assert list(loaded.data.values()) == ["one", "two"]  # neither value lost
        assert [str(key) for key in loaded.data] == [first.strip("'\""), second.strip("'\"")]


def test_keys_that_are_not_text_are_shown_as_written() -> None:
    assert show(load("k: {1: a, 0x1: b, true: c, 'x y': d}\n").data) == '{k: {0x1: "b", true: "c", "x y": "d"}}'


@pytest.mark.parametrize(
    ("text", "lines", "whole_file"),
    [
        ("a: 1  # okr: disable=x-rule,y-rule\n", {1: {"x-rule", "y-rule"}}, set()),
        ("a: 1  # okr: disable = x-rule , y-rule   \n", {1: {"x-rule", "y-rule"}}, set()),
        ("# okr: disable=x-rule\na: 1\n", {2: {"x-rule"}}, set()),
        ("# okr: disable-file\na: 1\n", {}, {"all"}),
        ("a: 1  # okr: disable\n", {1: {"all"}}, set()),
        ("a: 1  # okr: disabled\n", {}, set()),
        ("a: 1# okr: disable=x-rule\n", {}, set()),
        ("a: 1  # okr: disable=x-rule! # okr: disable=y-rule\n", {1: {"y-rule"}}, set()),
        # A long run of spaces, then text that is no rule list: no directive, read in one pass.
        ("a: 1  # okr: disable=x-rule" + " " * 100_000 + "!\n", {}, set()),
        ("a: 1  # okr: disable=x-rule" + "\t" * 100_000 + "\n", {1: {"x-rule"}}, set()),
    ],
)
def test_suppression_directives(text: str, lines: dict[int, set[str]], whole_file: set[str]) -> None:
    found = load(text).suppressions

    def names(indexes: list[int]) -> set[str]:
        return {listed.name for i in indexes for listed in found.directives[i].rules or (Listed("all", 0),)}

    assert ({line: names(indexes) for line, indexes in found.lines.items()}, names(found.file)) == (lines, whole_file)
