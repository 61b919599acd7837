"""vague-wording: vague words in KR and KPI titles, en and vi, at the word's own column."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import messages, problems, run_okr, sheet_problems, write_files

RULE = "vague-wording"

# KR1's title is on line 8, starting at column 16.
SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Khách hàng quay lại mua sắm
    key_results:
      - id: KR1
        title: {title}
        start: 10
        target: 20
      - id: KR2
        title: Paying customers reach 4,000
        start: 3100
        target: 4000
"""


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def found(tmp_path: Path, text: str, config: str | None = None) -> list[tuple[int, int, str]]:
    return [p for p in sheet_problems(tmp_path, text, config) if p[2] == RULE]


# (title as written in YAML, .okr.yaml or None, expected columns on line 8)
TITLES: list[tuple[str, str | None, list[int]]] = [
    # Vietnamese, composed
    ("Cải thiện tỷ lệ chuyển đổi", None, [16]),
    ("Tỷ lệ chuyển đổi được cải thiện", None, [16 + 22]),
    ("Nâng cao trải nghiệm khách hàng", None, [16]),
    ("Sản phẩm tốt hơn cho khách", None, [16 + 9]),
    ("Tăng cường bán chéo", None, [16]),
    ("Đẩy mạnh kênh online", None, [16]),
    ("Phát triển mạnh kênh B2B", None, [16]),
    ("Vận hành hiệu quả hơn", None, [16 + 9]),
    ("Thúc đẩy doanh số cửa hàng", None, [16]),
    ("Cải thiện và nâng cao trải nghiệm", None, [16, 16 + 13]),
    # decomposed (NFD) input: columns count the file's code points, as the YAML parser does
    (nfd("Cải thiện tỷ lệ chuyển đổi"), None, [16]),
    (nfd("Tỷ lệ được cải thiện"), None, [16 + 17]),
    (nfd("Tối ưu hoá chi phí"), None, [16]),
    # unaccented and upper case
    ("Cai thien ty le chuyen doi", None, [16]),
    ("day manh kenh online", None, [16]),
    ("CẢI THIỆN TỶ LỆ CHUYỂN ĐỔI", None, [16]),
    ("TOI UU HOA CHI PHI", None, [16]),
    # old and new tone placement, and the longer entry winning over "tối ưu"
    ("Tối ưu hoá chi phí quảng cáo", None, [16]),
    ("Tối ưu hóa chi phí quảng cáo", None, [16]),
    ("Tối ưu hoa quả nhập khẩu", None, [16]),  # "tối ưu" then another word: still vague
    # English, inflections, case
    ("Improve onboarding", None, [16]),
    ("Improved onboarding flow", None, [16]),
    ("IMPROVING ACTIVATION", None, [16]),
    ("Better onboarding", None, [16]),
    ("Enhance reporting", None, [16]),
    ("Optimise checkout", None, [16]),
    ("Boost signups", None, [16]),
    ("Strengthening the brand", None, [16]),
    ("Increase awareness of the brand", None, [16]),
    ("Streamline billing", None, [16]),
    ("Leverage partners for leads", None, [16]),
    ("World class support", None, [16]),
    ("Improve X and improve Y", None, [16]),  # one finding per word and title
    # quoted: the column skips the quote
    ('"Cải thiện NPS toàn chuỗi"', None, [17]),
    ("'Reach more with better ads'", None, [17 + 16]),
    # whole words: inside other words, or derived words, nothing is found
    ("Tôi ưu tiên khách hàng VIP", None, []),
    ("Boosters sold reach 500", None, []),
    ("Onboarding improvements shipped", None, []),
    ("Bettering rate of returns", None, []),
    ("Optimization backlog closed", None, []),
    ("Tỷ lệ chuyển đổi đạt 8,5%", None, []),
    ("Cải thiệnX beta", None, []),
    # options
    ("Improved onboarding", "rules:\n  vague-wording: {allow: [improve]}\n", []),
    ("Cải thiện tỷ lệ chuyển đổi", "rules:\n  vague-wording: {allow: [cai thien]}\n", []),
    ("Tăng trưởng mạnh kênh online", "rules:\n  vague-wording: {words: [tăng trưởng mạnh]}\n", [16]),
    ("tang truong manh kenh online", "rules:\n  vague-wording: {words: [Tăng Trưởng Mạnh]}\n", [16]),
    ("Đội ngũ khoẻ mạnh hơn", "rules:\n  vague-wording: {words: [khỏe mạnh hơn]}\n", [16 + 8]),
    ("Tăng trưởng mạnh kênh online", None, []),
]


@pytest.mark.parametrize(("title", "config", "columns"), TITLES)
def test_titles(tmp_path: Path, title: str, config: str | None, columns: list[int]) -> None:
    sheet = SHEET.format(title=title)
    assert found(tmp_path, sheet, config) == [(8, column, RULE) for column in columns]


def test_clean_sheet_has_no_problems_at_all(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, SHEET.format(title="Tỷ lệ khách mua lại đạt 20% (từ 10%)")) == []


def test_kpi_titles_are_checked_and_objective_titles_are_not(tmp_path: Path) -> None:
    text = """\
        period: 2025-Q3
        owner: cskh
        objectives:
          - id: O1
            title: Cải thiện trải nghiệm khách hàng
            key_results:
              - id: KR1
                title: Điểm NPS đạt 80 (từ 65)
                start: 65
                target: 80
              - id: KR2
                title: Tỷ lệ mua lại đạt 35% (từ 27%)
                start: 27%
                target: 35%
        kpis:
          - id: K1
            title: CSAT sau mỗi cuộc gọi ≥ 4,5/5
            target: ">= 4.5"
          - id: K2
            title: Thời gian phản hồi được nâng cao
            target: "<= 6"
          - id: K3
            title: Số ticket tồn quá 3 ngày không quá 20
            target: "<= 20"
    """
    assert found(tmp_path, text) == [(20, 36, RULE)]


def test_escaped_and_block_titles_are_reported_at_the_title_node(tmp_path: Path) -> None:
    text = """\
        period: 2025-Q3
        owner: growth
        objectives:
          - id: O1
            title: Make self-serve signups our main engine
            key_results:
              - id: KR1
                title: "Say \\"improve\\" less"
                start: 1
                target: 2
              - id: KR2
                title: >-
                  Trial signups reach 2,400
                  with better ads
                start: 1500
                target: 2400
              - {id: KR3, title: Boost trials, start: 1, target: 2}
    """
    assert found(tmp_path, text) == [(8, 16, RULE), (12, 16, RULE), (17, 26, RULE)]


def test_messages_name_the_word_and_the_outcome_to_write(tmp_path: Path) -> None:
    text = SHEET.replace("Paying customers reach 4,000", "Improved onboarding").format(title="Cai thien ty le")
    sheet_problems(tmp_path, text)
    assert messages(tmp_path, RULE) == [
        "'Cai thien' (cải thiện) is vague; state the measurable outcome, e.g. 'Tỷ lệ chuyển đổi đạt 8,5%'",
        "'Improved' is vague; state the measurable outcome, e.g. 'Trial-to-paid conversion reaches 18% (from 12%)'",
    ]


def test_decomposed_word_is_named_composed(tmp_path: Path) -> None:
    sheet_problems(tmp_path, SHEET.format(title=nfd("Nâng cao NPS")))
    assert messages(tmp_path, RULE) == [
        "'Nâng cao' is vague; state the measurable outcome, e.g. 'Tỷ lệ chuyển đổi đạt 8,5%'"
    ]


def test_suppression_comment(tmp_path: Path) -> None:
    text = SHEET.format(title="Improve onboarding  # okr: disable=vague-wording")
    assert found(tmp_path, text) == []


def test_level_can_be_lowered_in_config(tmp_path: Path) -> None:
    config = "rules:\n  vague-wording: {level: warning}\n"
    write_files(tmp_path, {"sheet.yaml": SHEET.format(title="Improve onboarding"), ".okr.yaml": config})
    assert [p for p in problems(tmp_path) if p[3] == RULE] == [("sheet.yaml", 8, 16, RULE, "warning")]
    assert run_okr("check", cwd=tmp_path).code == 0


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    config = "rules:\n  vague-wording: {word: [x]}\n"
    write_files(tmp_path, {"sheet.yaml": SHEET.format(title="Improve onboarding"), ".okr.yaml": config})
    result = run_okr("check", cwd=tmp_path)
    assert result.code == 2
    assert "vague-wording" in result.err and "'word'" in result.err


def test_every_built_in_word_is_found_as_written_and_unaccented() -> None:
    from okrcli.lint.rules.vague_wording import (
        VAGUE_EN_VERBS,
        VAGUE_EN_WORDS,
        VAGUE_VI,
        vague_words,
    )
    from okrcli.lint.wording import strip_accents

    assert len(VAGUE_EN_VERBS) + len(VAGUE_EN_WORDS) >= 20 and len(VAGUE_VI) >= 20
    words = vague_words()
    for word in (*VAGUE_EN_VERBS, *VAGUE_EN_WORDS, *VAGUE_VI):
        for written in (word, strip_accents(word), word.upper(), nfd(word)):
            assert [m.word for m in words.find(f"KR: {written} X")] == [word], written
