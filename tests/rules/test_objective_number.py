"""objective-number: digits in an objective title, placed at the first number."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import messages, sheet_problems

RULE = "objective-number"

# O1's title is on line 5, starting at column 12.
SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: {title}
    key_results:
      - id: KR1
        title: Paying customers reach 4,000 (from 3,100)
        start: 3100
        target: 4000
      - id: KR2
        title: Trial-to-paid conversion reaches 18% (from 12%)
        start: 12%
        target: 18%
"""


def found(tmp_path: Path, title: str) -> list[tuple[int, int, str]]:
    return [p for p in sheet_problems(tmp_path, SHEET.format(title=title)) if p[2] == RULE]


@pytest.mark.parametrize(
    ("title", "columns"),
    [
        ("Đạt 300 tỷ doanh thu năm 2025", [12 + 4]),
        ("Reach $1M ARR", [12 + 7]),
        ("Top 3 tool for freelancers", [12 + 4]),
        ("Grow 10x", [12 + 5]),
        ("Tỷ lệ chuyển đổi 8,5%", [12 + 17]),
        ('"Organic traffic reaches 40%"', [12 + 1 + 24]),
        (unicodedata.normalize("NFD", "Tăng trưởng 20%"), [12 + 16]),  # decomposed: 16 code points before
        ("Become the default invoicing tool for freelancers", []),
        ("Win the B2B market with Web3 and Q3 launches", []),  # digits inside names
        ("Bứt phá doanh thu từ kênh online", []),
    ],
)
def test_titles(tmp_path: Path, title: str, columns: list[int]) -> None:
    assert found(tmp_path, title) == [(5, column, RULE) for column in columns]


def test_message_names_every_number_once(tmp_path: Path) -> None:
    sheet_problems(tmp_path, SHEET.format(title="Đạt 300 tỷ năm 2025, gấp 3 lần, top 3"))
    assert messages(tmp_path, RULE) == [
        "objective title has a number ('300', '2025', '3'); an objective states a direction and "
        "its key results carry the numbers: move the number into a key result"
    ]


def test_key_result_titles_are_not_checked(tmp_path: Path) -> None:
    assert found(tmp_path, "Make self-serve signups our main acquisition engine") == []
