"""The rules the loader and validation report, each failing and passing, with exact positions:
yaml-syntax, duplicate-key, unsafe-yaml, schema, not-a-sheet; and max-objectives and
ambiguous-number, the two rules written alongside them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import messages, run_okr, sheet_problems, write_files

CLEAN = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow sustainable traffic
    key_results:
      - id: KR1
        title: Organic visits reach 30,000
        start: 20000
        target: 30000
      - id: KR2
        title: Signup conversion reaches 4%
        start: 3%
        target: 4%
"""


def test_a_clean_sheet_has_no_problems(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, CLEAN) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Grow sustainable traffic", 'title: "Grow sustainable traffic', [(5, 12, "yaml-syntax")]),
        ("        start: 20000\n", "        start: 20000\n        start: 21000\n", [(10, 9, "duplicate-key")]),
        ("owner: growth", "owner: !!python/object:os.system {}", [(2, 8, "unsafe-yaml")]),
        ("owner: growth", "owner: !team growth", [(2, 8, "unsafe-yaml")]),
        ("        target: 30000", "        taget: 30000", [(10, 9, "schema")]),
        ("        title: Organic visits reach 30,000", "        titel: Organic visits reach 30,000", [(8, 9, "schema")]),
        ("        start: 3%", "        start: 0.03", [(13, 16, "schema")]),
        ("period: 2025-Q3", "period: Q3", [(1, 9, "schema")]),
        ("  - id: O1", "  - id: 1", [(4, 9, "schema")]),
    ],
)
def test_loading_and_schema_problems(tmp_path: Path, old: str, new: str, expected: list[tuple[int, int, str]]) -> None:
    assert old in CLEAN
    assert sheet_problems(tmp_path, CLEAN.replace(old, new, 1)) == expected


def test_typo_of_a_required_key_is_one_message(tmp_path: Path) -> None:
    sheet_problems(tmp_path, CLEAN.replace("        title: Organic", "        titel: Organic", 1))
    assert messages(tmp_path, "schema") == ["unknown key 'titel' in key result; did you mean 'title'?"]


def test_not_a_sheet(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, "# notes\n- agreed: ship it\n") == [(2, 1, "not-a-sheet")]
    assert sheet_problems(tmp_path, "name: not a sheet\n") == [(1, 1, "not-a-sheet")]
    assert sheet_problems(tmp_path, "owner: growth\nperiod: 2025-Q3\n") == []


def test_max_objectives_counts_across_sheets_of_one_owner(tmp_path: Path) -> None:
    objective = CLEAN.split("objectives:\n", 1)[1]
    two = objective + objective.replace("id: O1", "id: O2")
    assert sheet_problems(tmp_path, CLEAN.replace(objective, two)) == []
    other = CLEAN.replace(objective, objective.replace("id: O1", "id: O3") + objective.replace("id: O1", "id: O4"))
    (tmp_path / "more.yaml").write_text(other)
    # more.yaml (O3, O4) sorts before sheet.yaml (O1, O2): the fourth is sheet.yaml's O2
    assert sheet_problems(tmp_path, CLEAN.replace(objective, two)) == [(15, 5, "max-objectives")]


def test_max_objectives_reports_the_fourth(tmp_path: Path) -> None:
    objective = CLEAN.split("objectives:\n", 1)[1]
    four = "".join(objective.replace("id: O1", f"id: O{n}") for n in range(1, 5))
    assert sheet_problems(tmp_path, CLEAN.replace(objective, four)) == [(37, 5, "max-objectives")]
    assert sheet_problems(tmp_path, CLEAN.replace(objective, four), "rules:\n  max-objectives: {max: 4}\n") == []


@pytest.mark.parametrize(
    ("locale", "level"), [("vi", "error"), ("en", "warning")],
)
def test_ambiguous_number_level_follows_the_locale(tmp_path: Path, locale: str, level: str) -> None:
    from conftest import problems

    text = CLEAN.replace("        target: 30000", "        target: 30.000")
    sheet_problems(tmp_path, text, f"number_locale: {locale}\n")
    assert problems(tmp_path) == [("sheet.yaml", 10, 17, "ambiguous-number", level)]


def test_ambiguous_number_passes_quoted_and_plain_numbers(tmp_path: Path) -> None:
    text = CLEAN.replace("        target: 30000", '        target: "30.000"').replace("        start: 20000", "        start: 20.5")
    assert sheet_problems(tmp_path, text, "number_locale: vi\n") == []


SLUG_ADVICE = "which cannot be part of a ref like owner/O1/KR1; use letters, digits, '-', '_' and '.' only"


@pytest.mark.parametrize(
    ("old", "new", "position", "message"),
    [
        ("owner: growth", "owner: mar/keting", (2, 8), f"owner 'mar/keting' holds '/', {SLUG_ADVICE}, e.g. 'mar-keting'"),
        ("owner: growth", 'owner: "lan nguyen"', (2, 8), f"owner 'lan nguyen' holds a space, {SLUG_ADVICE}, e.g. 'lan-nguyen'"),
        ("owner: growth", "owner: growth\nteam: 'a:b'", (3, 7), f"team 'a:b' holds ':', {SLUG_ADVICE}, e.g. 'a-b'"),
        ("  - id: O1", '  - id: "O\\t1"', (4, 9), f"id 'O\\t1' holds a tab, {SLUG_ADVICE}, e.g. 'O-1'"),
        ("      - id: KR1", '      - id: "KR1\\nx.yaml:1:1: [error] fake"', (7, 13),
         f"id 'KR1\\nx.yaml:1:1: [error] fake' holds a line break, {SLUG_ADVICE}, e.g. 'KR1-x.yaml-1-1-error-fake'"),
        ("      - id: KR2", '      - id: "KR\\u202e2"', (11, 13), f"id 'KR\\u202e2' holds the invisible character U+202E, {SLUG_ADVICE}, e.g. 'KR-2'"),
        ("    title: Grow sustainable traffic", "    title: Grow sustainable traffic\n    owner: \"\\e[2J\"", (6, 12),
         f"owner '\\x1b[2J' holds the invisible character U+001B, {SLUG_ADVICE}, e.g. '2J'"),
        ("        target: 30000", "        target: 30000\n        owner: /", (11, 16), f"owner '/' holds '/', {SLUG_ADVICE}"),
    ],
)
def test_owners_teams_and_ids_are_slugs(tmp_path: Path, old: str, new: str, position: tuple[int, int], message: str) -> None:
    """The parts of a ref: `/` and `:` separate them, whitespace and control characters would
    hide in them. The message shows control characters escaped, like every output."""
    write_files(tmp_path, {"sheet.yaml": CLEAN.replace(old, new)})
    result = run_okr("check", "--format", "parsable", cwd=tmp_path)
    assert result.out == f"sheet.yaml:{position[0]}:{position[1]}: [error] {message} (schema)\n"


@pytest.mark.parametrize("owner", ["lan-nguyễn", "lan_nguyen.2", "Nguyễn.Thị.Lan", "ops", "R2D2", "nhóm-bán-hàng"])
def test_unicode_letters_digits_dashes_underscores_and_dots_are_slugs(tmp_path: Path, owner: str) -> None:
    text = CLEAN.replace("owner: growth", f"owner: {owner}\nteam: {owner}").replace("  - id: O1", f"  - id: O1.{owner}")
    assert sheet_problems(tmp_path, text) == []


def test_keys_that_are_not_text_are_named_as_written(tmp_path: Path) -> None:
    sheet = CLEAN.replace("owner: growth\n", "owner: growth\n1: a\n1.0: b\ntrue: c\n", 1).replace(
        "        target: 30000\n", "        target: 30000\n        0x10: d\n        2025-07-01: e\n        ~: f\n", 1
    )
    assert sheet_problems(tmp_path, sheet) == [(3, 1, "schema"), (4, 1, "schema"), (5, 1, "schema"), (14, 9, "schema"), (15, 9, "schema"), (16, 9, "schema")]
    sheet_keys = "allowed keys: period, owner, level, team, closed, objectives, kpis"
    kr_keys = "allowed keys: id, title, start, baseline, target, current, done, unit, weight, owner, check_ins, links"
    assert messages(tmp_path, "schema") == [
        f"unknown key '1' in sheet: YAML reads it as a number, not as text; {sheet_keys}",
        f"unknown key '1.0' in sheet: YAML reads it as a number, not as text; {sheet_keys}",
        f"unknown key 'true' in sheet: YAML reads it as true or false, not as text; {sheet_keys}",
        f"unknown key '0x10' in key result: YAML reads it as a number, not as text; {kr_keys}",
        f"unknown key '2025-07-01' in key result: YAML reads it as a date, not as text; {kr_keys}",
        f"unknown key '~' in key result: YAML reads it as null (no value), not as text; {kr_keys}",
    ]


def test_each_misspelt_key_is_matched_in_its_own_mapping(tmp_path: Path) -> None:
    check_ins = (
        "        check_ins:\n"
        "          - {dat: 2025-07-01, value: 21000}\n"
        "          - {date: 2025-07-08, valeu: 22000}\n"
        "          - {dte: 2025-07-15, vlue: 23000}\n"
    )
    sheet_problems(tmp_path, CLEAN.replace("        target: 30000\n", "        target: 30000\n" + check_ins, 1))
    assert messages(tmp_path, "schema") == [
        "unknown key 'dat' in checkin; did you mean 'date'?",
        "unknown key 'valeu' in checkin; did you mean 'value'?",
        "unknown key 'dte' in checkin; did you mean 'date'?",
        "unknown key 'vlue' in checkin; did you mean 'value'?",
    ]
