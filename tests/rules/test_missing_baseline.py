"""missing-baseline: a plain target with no `start`, reported at the target value."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import messages, sheet_problems

RULE = "missing-baseline"

# KR2's {fields} start on line 13, column 9.
SHEET = """\
period: 2025-Q3
owner: marketing
objectives:
  - id: O1
    title: Tăng trưởng traffic bền vững
    key_results:
      - id: KR1
        title: Tổng traffic đạt 308.000 lượt/tháng (từ 250.000)
        start: "250.000"
        target: "308.000"
      - id: KR2
        title: Traffic organic chiếm 40% tổng traffic
        {fields}
"""
CONFIG = "number_locale: vi\n"


def found(tmp_path: Path, fields: str) -> list[tuple[int, int, str]]:
    return [p for p in sheet_problems(tmp_path, SHEET.format(fields=fields), CONFIG) if p[2] == RULE]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("target: 40%", [(13, 17, RULE)]),
        ('target: "40%"', [(13, 17, RULE)]),
        ("current: 36%\n        target: 40", [(14, 17, RULE)]),
        ("target: 0", [(13, 17, RULE)]),
        ("target:\n          40%", [(14, 11, RULE)]),
        ("start: 30%\n        target: 40%", []),
        ("baseline: 30%\n        target: 40%", []),  # `baseline` is an alias of `start`
        ('target: ">= 40%"', []),
        ('target: "> 40%"', []),
        ('target: "<= 40%"', []),
        ('target: "38..42%"', []),
        ("done: false", []),
    ],
)
def test_targets(tmp_path: Path, fields: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(tmp_path, fields) == expected


def test_kpis_are_not_checked(tmp_path: Path) -> None:
    text = SHEET.format(fields="start: 30%\n        target: 40%") + (
        "kpis:\n"
        "  - {id: K1, title: Chi phí marketing trên doanh thu không quá 10%, target: 10%}\n"
    )
    assert [p for p in sheet_problems(tmp_path, text, CONFIG) if p[2] == RULE] == []


def test_message(tmp_path: Path) -> None:
    sheet_problems(tmp_path, SHEET.format(fields='target: "40%"'), CONFIG)
    assert messages(tmp_path, RULE) == [
        "target 40% has no `start`, so it is scored as a threshold (current ÷ target); add `start:` "
        "with the baseline to score progress from it, or write target: \">= 40%\" if a threshold is meant"
    ]
