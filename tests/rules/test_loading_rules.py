"""The rules the loader and validation report, each failing and passing, with exact positions:
yaml-syntax, duplicate-key, unsafe-yaml, schema, not-a-sheet; and max-objectives and
ambiguous-number, the two rules written alongside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import messages, sheet_problems

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
