"""kr-is-task: a KR that starts with a task verb and has no numeric target."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import messages, sheet_problems

RULE = "kr-is-task"

# KR3's title is on line 16, starting at column 16; {measure} is its target or done line.
SHEET = """\
period: 2025-Q3
owner: marketing
objectives:
  - id: O1
    title: Khách hàng tin tưởng và quay lại mua sắm
    key_results:
      - id: KR1
        title: Điểm NPS đạt 80 (từ 65)
        start: 65
        target: 80
      - id: KR2
        title: Tỷ lệ mua lại đạt 35% (từ 27%)
        start: 27%
        target: 35%
      - id: KR3
        title: {title}
        {measure}
"""


def found(tmp_path: Path, title: str, measure: str = "done: false", config: str | None = None) -> list[tuple[int, int, str]]:
    text = SHEET.format(title=title, measure=measure)
    return [p for p in sheet_problems(tmp_path, text, config) if p[2] == RULE]


@pytest.mark.parametrize(
    ("title", "columns"),
    [
        ("Launch the partner portal", [16]),
        ("Launched the partner portal", [16]),
        ("Set up the data warehouse", [16]),
        ("Hire two account executives", [16]),
        ("Migrating billing to Stripe", [16]),
        ("Triển khai CRM cho toàn chuỗi", [16]),
        ("Tổ chức 4 buổi workshop", [16]),
        ("Xây dựng bộ nhận diện mới", [16]),
        ("Ra mắt ứng dụng đặt hàng", [16]),
        ("Hoàn thành kiểm kê kho", [16]),
        ("trien khai CRM", [16]),  # unaccented
        (unicodedata.normalize("NFD", "Tuyển 2 nhân viên bán hàng"), [16]),
        ('"Viết 30 bài blog"', [17]),  # quoted: the column skips the quote
        ("Partner portal live for 100% of partners", []),
        ("Onboarding checklist live for 100% of new signups", []),
        ("4 cửa hàng mới đón khách trước ngày 30/9", []),
        ("Launchpad adoption reaches 40%", []),  # a word that starts with a verb
        ("Tạo ra", [16]),
        ("Tạm dừng kênh TikTok", []),
    ],
)
def test_milestone_titles(tmp_path: Path, title: str, columns: list[int]) -> None:
    assert found(tmp_path, title) == [(16, column, RULE) for column in columns]


def test_a_kr_with_no_target_and_no_done_is_a_task_too(tmp_path: Path) -> None:
    assert found(tmp_path, "Launch the partner portal", "current: 0") == [(16, 16, RULE)]


@pytest.mark.parametrize("measure", ["start: 0\n        target: 40", 'target: ">= 4"', 'target: "95..99"'])
def test_a_task_verb_with_a_numeric_target_is_fine(tmp_path: Path, measure: str) -> None:
    assert found(tmp_path, "Run 4 webinars per month", measure) == []


def test_extra_verbs_from_config(tmp_path: Path) -> None:
    config = "rules:\n  kr-is-task: {verbs: [kick off, khởi động]}\n"
    assert found(tmp_path, "Kick off the partner program", config=config) == [(16, 16, RULE)]
    assert found(tmp_path, "Khởi động chương trình đối tác", config=config) == [(16, 16, RULE)]


def test_message_says_where_to_move_it(tmp_path: Path) -> None:
    sheet_problems(tmp_path, SHEET.format(title="Tổ chức 4 buổi workshop", measure="done: false"))
    assert messages(tmp_path, RULE) == [
        "'Tổ chức' makes this key result read as a task with no metric; move it to the objective's "
        "`initiatives`, or state the outcome it should produce, e.g. 'Tỷ lệ khách mua lại đạt 35% (từ 27%)'"
    ]
