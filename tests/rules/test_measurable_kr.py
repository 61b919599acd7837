"""measurable-kr: a KR with neither a target nor `done:`, reported at the KR's first key."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import messages, sheet_problems

RULE = "measurable-kr"

# KR2 starts on line 11 (its `id` at column 9); {fields} are its other keys.
SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    key_results:
      - id: KR1
        title: Monthly trial signups reach 2,400 (from 1,500)
        start: 1500
        target: 2400
      - id: KR2
        title: Share of signups from organic search
        {fields}
"""


def found(tmp_path: Path, fields: str) -> list[tuple[int, int, str]]:
    return [p for p in sheet_problems(tmp_path, SHEET.format(fields=fields)) if p[2] == RULE]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("current: 36%", [(11, 9, RULE)]),
        ("start: 30%", [(11, 9, RULE)]),
        ("unit: '%'", [(11, 9, RULE)]),
        ("start: 30%\n        target: 40%", []),
        ('target: ">= 40%"', []),
        ('target: "35..45%"', []),
        ("done: false", []),
        ("done: true", []),
        # true/false check-ins make it a milestone too
        ("check_ins:\n          - {date: 2025-07-14, value: false}", []),
    ],
)
def test_fields(tmp_path: Path, fields: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(tmp_path, fields) == expected


def test_flow_mapping_kr_is_reported_at_its_brace(tmp_path: Path) -> None:
    text = SHEET.format(fields="current: 36%").replace(
        "      - id: KR2\n        title: Share of signups from organic search\n        current: 36%\n",
        "      - {id: KR2, title: Share of signups from organic search}\n",
    )
    assert [p for p in sheet_problems(tmp_path, text) if p[2] == RULE] == [(11, 9, RULE)]


def test_message(tmp_path: Path) -> None:
    sheet_problems(tmp_path, SHEET.format(fields="current: 36%"))
    assert messages(tmp_path, RULE) == [
        "key result 'growth/O1/KR2' has no target; add `target:` (e.g. target: 120 with `start:`, "
        "\">= 40%\" or a band \"95..99\"), or `done: false` if it is a milestone"
    ]


def test_invalid_kr_is_left_to_schema(tmp_path: Path) -> None:
    found_rules = {p[2] for p in sheet_problems(tmp_path, SHEET.format(fields="target: lots"))}
    assert RULE not in found_rules and "schema" in found_rules
