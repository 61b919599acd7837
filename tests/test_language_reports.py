"""okr's reading commands in Vietnamese (SPEC 9, 7): `okr score` (text and Markdown),
`scorecard`, `tree` and `okr report` (Markdown and HTML) say everything in Vietnamese under
--lang vi, OKR_LANG=vi or `language: vi`; numbers follow `number_locale` (`0,54`) in every
human format; JSON stays the same in both languages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_okr, write_files
from test_language import _english_words

AS_OF = ("--as-of", "2025-08-15")
COMPANY = """\
period: 2025-Q3
owner: cong-ty
level: company
objectives:
  - id: O1
    title: Tăng trưởng bền vững trên mọi kênh bán
    key_results:
      - id: KR1
        title: Doanh thu quý đạt 12 tỷ đồng (từ 8 tỷ)
        start: 8 tỷ
        target: 12 tỷ
        current: 10 tỷ
        check_ins:
          - {date: 2025-07-20, value: 9 tỷ, confidence: 0.6}
          - {date: 2025-08-10, value: 10 tỷ, confidence: 0.7, note: Kênh online tăng mạnh}
      - id: KR2
        title: Ba cửa hàng mới khai trương
        done: true
  - id: O2
    title: Đội ngũ gắn bó lâu dài
    key_results:
      - {id: KR1, title: Quy trình đánh giá mới được ban hành, done: true}
      - {id: KR2, title: Sổ tay nhân viên được cập nhật, done: true}
"""
SALES = """\
period: 2025-Q3
owner: kinh-doanh
objectives:
  - id: O1
    title: Bán hàng online hiệu quả hơn
    parent: cong-ty/O1
    weight: 2
    key_results:
      - id: KR1
        title: Doanh thu online đạt 2 tỷ đồng mỗi tháng (từ 1 tỷ)
        start: 1
        target: 2
        current: 1,4
        unit: tỷ đồng
        weight: 1.5
        owner: lan
        check_ins:
          - {date: 2025-07-10, value: "1,1", confidence: 0.5}
          - {date: 2025-07-30, value: "1,4", confidence: 0.65, note: Đơn hàng tăng sau đợt khuyến mãi}
      - id: KR2
        title: Tỷ lệ chuyển đổi đạt 3% trở lên
        target: ">= 3%"
        current: 3,3%
  - id: O2
    title: Khách hàng hài lòng với dịch vụ
    kind: committed
    key_results:
      - id: KR1
        title: Hội thảo khách hàng thân thiết được tổ chức
        done: false
kpis:
  - id: K1
    title: Số đơn hàng mỗi tháng
    target: ">= 1.000"
    unit: đơn
    readings:
      - {period: 2025-07, value: "950"}
      - {period: 2025-08, value: "1.100"}
  - id: K2
    title: Thời gian giao hàng trung bình
    target: "<= 48"
    actual: 52
    unit: giờ
"""
CLOSED = """\
period: 2025-Q2
owner: kinh-doanh
closed: 2025-07-03
objectives:
  - id: O1
    title: Mở rộng tệp khách hàng doanh nghiệp
    retro: Kênh đối tác hiệu quả hơn quảng cáo trả phí
    final: {score: 0.81, grade: green}
    key_results:
      - {id: KR1, title: Số khách hàng doanh nghiệp đạt 50 (từ 0), start: 0, target: 50, current: 31}
      - {id: KR2, title: Bộ tài liệu bán hàng được phát hành, done: true}
kpis:
  - {id: K1, title: Số hợp đồng ký mỗi tháng, target: ">= 100", actual: 104, final: {achievement: 1.04, grade: green}}
"""
BROKEN = "period: 2025-Q3\nowner: hong\nobjectives: 3\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Sheets of two owners, a third person owning a key result, a closed quarter; in a
    folder with a Vietnamese name, since the report is titled by it."""
    files = {".okr.yaml": "number_locale: vi\n", "2025-Q3/cong-ty.yaml": COMPANY, "2025-Q3/kinh-doanh.yaml": SALES,
             "2025-Q2/kinh-doanh.yaml": CLOSED}
    return write_files(tmp_path / "muc-tieu", files)


class Text(HTMLParser):
    """What a reader (or a screen reader) gets of a page: its text, without the style sheet,
    and the labels and titles of its elements."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._style = False
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style = tag == "style"
        self.parts += [value for name, value in attrs if name in ("aria-label", "data-label", "title") and value]

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


def _speak_vietnamese(repo: Path, how: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The arguments and environment that choose Vietnamese `how`."""
    if how == "config":
        (repo / ".okr.yaml").write_text("number_locale: vi\nlanguage: vi\n", encoding="utf-8")
    return ("--lang", "vi") if how == "option" else (), {"OKR_LANG": "vi"} if how == "environment" else {}


# Not English prose: rule IDs in parentheses, `code`, YAML keys, file paths, refs and owners,
# `okr close`; and "then chốt" (key, in "kết quả then chốt"), Vietnamese spelled like English.
NOT_PROSE = re.compile(r"\([a-z-]+\)|`[^`]*`|\b[a-z_]+:|[\w./-]+\.yaml|(?:cong-ty|kinh-doanh|hong)[\w/.-]*|okr \w+|then chốt")
COMMANDS = [
    ("score",), ("score", "--format", "markdown"), ("scorecard", "kinh-doanh"), ("scorecard", "lan"), ("tree",),
    ("report", "--since", "2025-08-01"), ("report", "--format", "html", "--since", "2025-08-01"), ("report", "2025-Q2"),
    ("report", "2025-Q2", "--format", "html"),
]


@pytest.mark.parametrize("how", ["option", "environment", "config"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_english_word_is_left_in_the_vietnamese_scores_and_report(repo: Path, how: str, command: tuple[str, ...]) -> None:
    write_files(repo, {"2025-Q3/hong.yaml": BROKEN})  # left out of the scores: said on stderr, and in the report
    args, env = _speak_vietnamese(repo, how)
    result = run_okr(*command, *AS_OF, *args, cwd=repo, env=env)
    assert result.code == (1 if command[1:2] != ("2025-Q2",) else 0), result.err
    shown = " ".join(Text(result.out).parts) if "html" in command else result.out
    assert "html" not in command or result.out.startswith('<!DOCTYPE html>\n<html lang="vi">')
    english = _english_words(strict=True)
    assert {"scores", "objectives", "history", "alignment", "retro", "since"} <= english
    for text in (shown, result.err):
        left = sorted({word for word in re.findall(r"[A-Za-z]{4,}", NOT_PROSE.sub(" ", text)) if word.lower() in english})
        assert left == [], text
    said = result.err if command[1:2] == ("2025-Q2",) else result.err.replace(LEFT_OUT, "")
    assert said == "", result.err


LEFT_OUT = ("okr: không được tính điểm: 2025-Q3/hong.yaml:3:13: `objectives` phải là một danh sách, mỗi mục bắt đầu "
            "bằng '- ' trên một dòng riêng (schema)\n")


@pytest.mark.parametrize("command", [("score",), ("scorecard", "kinh-doanh"), ("scorecard", "lan"), ("tree",)])
def test_json_is_the_same_in_both_languages(repo: Path, command: tuple[str, ...]) -> None:
    english = run_okr(*command, *AS_OF, "--format", "json", cwd=repo)
    vietnamese = run_okr(*command, *AS_OF, "--format", "json", "--lang", "vi", cwd=repo)
    assert (english.code, english.err) == (vietnamese.code, vietnamese.err) == (0, "")
    assert english.out == vietnamese.out and re.search(r'"status": "(done|on-track|off-track)"', english.out)  # enum values stay English


def _vietnamese(repo: Path, *args: str) -> list[str]:
    result = run_okr(*args, *AS_OF, "--lang", "vi", cwd=repo)
    assert (result.code, result.err) == (0, ""), result.err
    return result.out.splitlines()


def test_score_in_vietnamese(repo: Path) -> None:
    # Every number derives from those beside it, in the repo's locale: kinh-doanh/O1 is
    # (0,40 × 1,5 + 1,00) / 2,5 = 0,64; kinh-doanh (0,64 × 2 + 0,00) / 3 = 0,42; K1 (0,95 + 1,10) / 2.
    assert _vietnamese(repo, "score") == [
        "Điểm kỳ 2025-Q3 tính đến 2025-08-15 (đã qua 49% kỳ)",
        "",
        "cong-ty  điểm 0,87",
        "  cong-ty/O1         [#######---]  0,75  ~xanh   đúng tiến độ: dự kiến 1,00, cần 0,60  Tăng trưởng bền vững trên mọi kênh bán (thách thức)",
        "  cong-ty/O1/KR1     [#####-----]  0,50          đúng tiến độ: dự kiến 1,00, cần 0,60, đạt mục tiêu ngày 2025-09-19  "
        "Doanh thu quý đạt 12 tỷ đồng (từ 8 tỷ)  [10.000.000.000 / 12.000.000.000]",
        "  cong-ty/O1/KR2     [##########]  1,00          hoàn thành        Ba cửa hàng mới khai trương  [hoàn thành / hoàn thành]",
        "  cong-ty/O2         [##########]  1,00  ~xanh   hoàn thành        Đội ngũ gắn bó lâu dài (thách thức, quá dễ?)",
        "  cong-ty/O2/KR1     [##########]  1,00          hoàn thành        Quy trình đánh giá mới được ban hành  [hoàn thành / hoàn thành]",
        "  cong-ty/O2/KR2     [##########]  1,00          hoàn thành        Sổ tay nhân viên được cập nhật  [hoàn thành / hoàn thành]",
        "",
        "kinh-doanh  điểm 0,42",
        "  kinh-doanh/O1      [######----]  0,64  ~xanh   đúng tiến độ: dự kiến 1,00, cần 0,60  Bán hàng online hiệu quả hơn (thách thức, trọng số 2)",
        "  kinh-doanh/O1/KR1  [####------]  0,40          đúng tiến độ, lâu chưa cập nhật: dự kiến 1,00, cần 0,60, đạt mục tiêu ngày 2025-09-12  "
        "Doanh thu online đạt 2 tỷ đồng mỗi tháng (từ 1 tỷ) (trọng số 1,5)  [1,4 / 2 tỷ đồng]",
        "  kinh-doanh/O1/KR2  [##########]  1,00          hoàn thành        Tỷ lệ chuyển đổi đạt 3% trở lên  [3,3% / >= 3%]",
        "  kinh-doanh/O2      [----------]  0,00  ~đỏ     chậm tiến độ: dự kiến 0,00, cần 1,00  Khách hàng hài lòng với dịch vụ (cam kết)",
        "  kinh-doanh/O2/KR1  [----------]  0,00          chậm tiến độ      Hội thảo khách hàng thân thiết được tổ chức  [chưa hoàn thành / hoàn thành]",
        "  kinh-doanh/K1      [##########]  1,02  xanh    đạt               Số đơn hàng mỗi tháng  [950 · 1.100 / >= 1.000 đơn, trung bình 2 tháng]",
        "  kinh-doanh/K2      [#########-]  0,92  vàng    chưa đạt          Thời gian giao hàng trung bình  [52 / <= 48 giờ]",
        "",
        "Mục tiêu: ~3 xanh, ~0 vàng, ~1 đỏ (1 quá dễ?) · KPI: đạt 1/2 · đã qua 49% kỳ 2025-Q3",
    ]


def test_score_markdown_in_vietnamese(repo: Path) -> None:
    lines = _vietnamese(repo, "score", "--owner", "kinh-doanh", "--format", "markdown")
    assert lines == [
        "# Điểm kỳ 2025-Q3",
        "",
        "Tính đến 2025-08-15. Mục tiêu: ~1 xanh, ~0 vàng, ~1 đỏ · KPI: đạt 1/2 · đã qua 49% kỳ 2025-Q3. Xếp loại có dấu ~ là dự kiến cho cuối kỳ.",
        "",
        "## kinh-doanh · điểm 0,42",
        "",
        "| Mã | Mục tiêu / KR | Hiện tại / chỉ tiêu | Điểm | Xếp loại | Trạng thái |",
        "|---|---|---|---:|---|---|",
        "| **kinh-doanh/O1** | **Bán hàng online hiệu quả hơn** (thách thức, trọng số 2) | | **0,64** | ~xanh | đúng tiến độ: dự kiến 1,00, cần 0,60 |",
        "| kinh-doanh/O1/KR1 | Doanh thu online đạt 2 tỷ đồng mỗi tháng (từ 1 tỷ) (trọng số 1,5) | 1,4 / 2 tỷ đồng | 0,40 | "
        "| đúng tiến độ, lâu chưa cập nhật: dự kiến 1,00, cần 0,60, đạt mục tiêu ngày 2025-09-12 |",
        "| kinh-doanh/O1/KR2 | Tỷ lệ chuyển đổi đạt 3% trở lên | 3,3% / >= 3% | 1,00 | | hoàn thành |",
        "| **kinh-doanh/O2** | **Khách hàng hài lòng với dịch vụ** (cam kết) | | **0,00** | ~đỏ | chậm tiến độ: dự kiến 0,00, cần 1,00 |",
        "| kinh-doanh/O2/KR1 | Hội thảo khách hàng thân thiết được tổ chức | chưa hoàn thành / hoàn thành | 0,00 | | chậm tiến độ |",
        "",
        "| KPI | Tên | Thực tế / chỉ tiêu | Mức đạt | Xếp loại | Đạt |",
        "|---|---|---|---:|---|---|",
        "| kinh-doanh/K1 | Số đơn hàng mỗi tháng | 950 · 1.100 / >= 1.000 đơn, trung bình 2 tháng | 1,02 | xanh | có |",
        "| kinh-doanh/K2 | Thời gian giao hàng trung bình | 52 / <= 48 giờ | 0,92 | vàng | không |",
    ]


def test_scorecard_in_vietnamese(repo: Path) -> None:
    # KPIs: (min(1,02; 1) + 0,92) / 2 = 0,96; key results of kinh-doanh's own: (1,00 + 0,00) / 2.
    assert _vietnamese(repo, "scorecard", "kinh-doanh") == [
        "Thẻ điểm của kinh-doanh kỳ 2025-Q3 tính đến 2025-08-15 (đã qua 49% kỳ)",
        "Điểm 0,77 = 0,60 × KPI 0,96 + 0,40 × KR 0,50",
        "",
        "KPI (60%, mức đạt mỗi KPI tính tối đa 1,00)",
        "  kinh-doanh/K1      [##########]  1,02  xanh    đạt               Số đơn hàng mỗi tháng  [950 · 1.100 / >= 1.000 đơn, trung bình 2 tháng]",
        "  kinh-doanh/K2      [#########-]  0,92  vàng    chưa đạt          Thời gian giao hàng trung bình  [52 / <= 48 giờ]",
        "Kết quả then chốt (40%)",
        "  kinh-doanh/O1/KR2  [##########]  1,00          hoàn thành        Tỷ lệ chuyển đổi đạt 3% trở lên  [3,3% / >= 3%]",
        "  kinh-doanh/O2/KR1  [----------]  0,00          chậm tiến độ      Hội thảo khách hàng thân thiết được tổ chức  [chưa hoàn thành / hoàn thành]",
    ]
    assert _vietnamese(repo, "scorecard", "lan") == [
        "Thẻ điểm của lan kỳ 2025-Q3 tính đến 2025-08-15 (đã qua 49% kỳ)",
        "Điểm 0,40 = 1,00 × KR 0,40 (không có KPI: trọng số của phần này chuyển sang phần KR)",
        "",
        "KPI: không có",
        "Kết quả then chốt (100%)",
        "  kinh-doanh/O1/KR1  [####------]  0,40          đúng tiến độ, lâu chưa cập nhật  "
        "Doanh thu online đạt 2 tỷ đồng mỗi tháng (từ 1 tỷ) (trọng số 1,5)  [1,4 / 2 tỷ đồng]",
    ]


def test_tree_in_vietnamese(repo: Path) -> None:
    assert _vietnamese(repo, "tree") == [
        "Căn chỉnh mục tiêu kỳ 2025-Q3 tính đến 2025-08-15 (đã qua 49% kỳ)",
        "",
        "[#######---]  0,75  ~xanh  đúng tiến độ     cong-ty/O1  Tăng trưởng bền vững trên mọi kênh bán (cong-ty, công ty)",
        "[######----]  0,64  ~xanh  đúng tiến độ     └─ kinh-doanh/O1  Bán hàng online hiệu quả hơn (kinh-doanh, nhóm)",
        "[##########]  1,00  ~xanh  hoàn thành       cong-ty/O2  Đội ngũ gắn bó lâu dài (cong-ty, công ty)",
        "[----------]  0,00  ~đỏ    chậm tiến độ     kinh-doanh/O2  Khách hàng hài lòng với dịch vụ (kinh-doanh, nhóm)",
    ]


KR_HEAD = "| Mã KR | KR | Xuất phát → hiện tại → chỉ tiêu | Điểm | Trạng thái | Dự báo | Lịch sử | Mức tự tin | Ghi chú mới nhất |"
NO_PROJECTION = "không có dự báo (trong kỳ có ít hơn hai giá trị, hoặc kỳ đã kết thúc)."


def test_report_in_vietnamese(repo: Path) -> None:
    assert _vietnamese(repo, "report", "--owner", "kinh-doanh") == [
        "# Báo cáo OKR · 2025-Q3 · muc-tieu",
        "",
        "Tính đến **2025-08-15** · đã qua 49% kỳ 2025-Q3",
        "",
        "**Mục tiêu, xếp loại dự kiến:** 🟢 1 xanh · 🟡 0 vàng · 🔴 1 đỏ · **KPI:** đạt 1/2",
        "",
        "Xếp loại có dấu ~ là dự kiến cho cuối kỳ: xếp loại chỉ là chính thức khi kỳ đã kết thúc.",
        "",
        "| Người phụ trách | Điểm | Xếp loại | Mục tiêu | KPI đạt | Thẻ điểm 60/40 |",
        "|---|---:|---|---:|---:|---:|",
        "| kinh-doanh | 0,42 | 🔴 ~đỏ (thấp nhất) | 2 | 1/2 | 0,77 |",  # the lowest projected grade: O2's
        "",
        "## kinh-doanh · 0,42 🔴 ~đỏ (thấp nhất trong các mục tiêu, cả cam kết lẫn thách thức)",
        "",
        "Thẻ điểm **0,77** = 0,60 × KPI 0,96 + 0,40 × KR 0,50; KPI: mức đạt mỗi KPI tính tối đa 1,00; KR: 2 KR do người này phụ trách",
        "",
        "### kinh-doanh/O1 · Bán hàng online hiệu quả hơn",
        "",
        "**0,64** 🟢 ~xanh (cần đạt đến nay 0,29) · đúng tiến độ: dự kiến 1,00, cần 0,60 · thách thức · trọng số 2 · căn chỉnh theo cong-ty/O1",
        "",
        KR_HEAD,
        "|---|---|---|---:|---|---|---|---:|---|",
        # the line from 1 (07-01) through 1,1 (07-10) and 1,4 (07-30): 2,26 on 09-30, 2 on 09-12
        "| KR1 | Doanh thu online đạt 2 tỷ đồng mỗi tháng (từ 1 tỷ) (trọng số 1,5) (người phụ trách: lan) | 1 → 1,4 → 2 tỷ đồng | 0,40 "
        "| đúng tiến độ, lâu chưa cập nhật | 2,2629 vào cuối kỳ (điểm 1,00), đạt mục tiêu ngày 2025-09-12 | ▁█ | 0,65 (2025-07-30) "
        "| 2025-07-30: Đơn hàng tăng sau đợt khuyến mãi |",
        "| KR2 | Tỷ lệ chuyển đổi đạt 3% trở lên | 3,3% → ≥ 3% | 1,00 | hoàn thành | — | — | — | — |",
        "",
        "#### kinh-doanh/O1/KR1 · giá trị theo thời gian",
        "",
        "| Ngày | Giá trị | Nguồn | Mức cần đạt | Mức tự tin |",
        "|---|---:|---|---:|---:|",
        "| 2025-07-10 | 1,1 | cập nhật tiến độ | 1,1 | 0,50 |",
        "| 2025-07-30 | 1,4 | cập nhật tiến độ | 1,32 | 0,65 |",
        "",
        "2 giá trị: 1,1 vào ngày 2025-07-10, mới nhất 1,4 vào ngày 2025-07-30; chỉ tiêu 2; đường tiến độ từ 1 vào ngày 2025-07-01 "
        "đến chỉ tiêu vào cuối kỳ; dự kiến 2,2629 vào ngày 2025-09-30 (điểm 1,00), đạt chỉ tiêu vào ngày 2025-09-12.",
        "",
        "#### kinh-doanh/O1/KR2 · giá trị theo thời gian",
        "",
        "chưa có giá trị nào; chỉ tiêu 3%; " + NO_PROJECTION,
        "",
        "### kinh-doanh/O2 · Khách hàng hài lòng với dịch vụ",
        "",
        "**0,00** 🔴 ~đỏ (cần đạt đến nay 0,48) · chậm tiến độ: dự kiến 0,00, cần 1,00 · cam kết",
        "",
        KR_HEAD,
        "|---|---|---|---:|---|---|---|---:|---|",
        "| KR1 | Hội thảo khách hàng thân thiết được tổ chức | chưa hoàn thành | 0,00 | chậm tiến độ | — | — | — | — |",
        "",
        "#### kinh-doanh/O2/KR1 · giá trị theo thời gian",
        "",
        "chưa có giá trị nào; " + NO_PROJECTION,
        "",
        "### KPI của kinh-doanh",
        "",
        "| KPI | Tên | Thực tế / chỉ tiêu | Mức đạt | Đạt | Xếp loại |",
        "|---|---|---|---:|---|---|",
        "| kinh-doanh/K1 | Số đơn hàng mỗi tháng | 950 · 1.100 / ≥ 1.000 đơn, trung bình 2 tháng | 1,02 | đạt | 🟢 xanh |",
        "| kinh-doanh/K2 | Thời gian giao hàng trung bình | 52 / ≤ 48 giờ | 0,92 | chưa đạt | 🟡 vàng |",
        "",
        "## Căn chỉnh mục tiêu",
        "",
        "- 🟢 **cong-ty/O1** Tăng trưởng bền vững trên mọi kênh bán · 0,75 ~xanh · đúng tiến độ (cong-ty, công ty, 2025-Q3)",
        "  - 🟢 **kinh-doanh/O1** Bán hàng online hiệu quả hơn · 0,64 ~xanh · đúng tiến độ (kinh-doanh, nhóm)",
        "- 🔴 **kinh-doanh/O2** Khách hàng hài lòng với dịch vụ · 0,00 ~đỏ · chậm tiến độ (kinh-doanh, nhóm)",
        "",
        "---",
        "",
        "_Lịch sử chỉ lấy từ các lần cập nhật tiến độ (không phải repo git). Tạo bởi okr 0.1.0._",
    ]


def test_report_page_in_vietnamese(repo: Path) -> None:
    from test_report import Page

    result = run_okr("report", "--format", "html", *AS_OF, "--lang", "vi", cwd=repo)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n')
    assert "<title>Báo cáo OKR 2025-Q3 · muc-tieu</title>" in result.out
    page = Page(result.out)
    assert page.errors == []
    words = " ".join(" ".join(Text(result.out).parts).split())  # the style sheet left out
    assert words.startswith(
        "Báo cáo OKR 2025-Q3 · muc-tieu Báo cáo OKR · muc-tieu 2025-Q3 Tính đến 2025-08-15 đã qua 49% kỳ 2025-Q3 đã qua 49% kỳ 2025-Q3 Tóm tắt "
        "3 mục tiêu xanh (dự kiến) 0 mục tiêu vàng (dự kiến) 1 mục tiêu đỏ (dự kiến) 1 / 2 KPI đạt 1 mục tiêu đạt 1,0: quá dễ? "
        "Người phụ trách Người phụ trách Điểm Xếp loại Mục tiêu KPI đạt Thẻ điểm 60/40 Người phụ trách cong-ty Điểm 0,87 Xếp loại "
        "dự kiến cho cuối kỳ ~xanh"
    )
    assert page.words("kinh-doanh/K1") == "kinh-doanh/K1 Số đơn hàng mỗi tháng 950 · 1.100 / ≥ 1.000 đơn trung bình 2 tháng 1,02 ✓ đạt xanh"
    assert page.words("kinh-doanh/K2") == "kinh-doanh/K2 Thời gian giao hàng trung bình 52 / ≤ 48 giờ 0,92 ✗ chưa đạt vàng"
    assert page.words("kinh-doanh/O1").startswith(
        "kinh-doanh/O1 Bán hàng online hiệu quả hơn thách thức · trọng số 2 · căn chỉnh theo cong-ty/O1 · cần đạt đến nay 0,29 "
        "0,64 ~xanh đúng tiến độ xếp loại dự kiến: 1,00, cần 0,60 KR1 Doanh thu online đạt 2 tỷ đồng mỗi tháng (từ 1 tỷ) "
        "(trọng số 1,5) (người phụ trách: lan) 1 → 1,4 → 2 tỷ đồng 2025-07-10: 1,1; 2025-07-30: 1,4 0,40 đúng tiến độ "
        "lâu chưa cập nhật mức tự tin 0,65 (2025-07-30) · 2025-07-30: Đơn hàng tăng sau đợt khuyến mãi"
    )
    assert 'aria-label="điểm mục tiêu 0,64, dự kiến xanh; cần đạt đến nay 0,29"' in result.out
    assert '<span class="pill green">xanh</span>' in result.out and '<span class="status stale">lâu chưa cập nhật</span>' in result.out
    assert run_okr("report", "--format", "html", *AS_OF, cwd=repo).out.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_a_closed_period_in_vietnamese(repo: Path) -> None:
    lines = _vietnamese(repo, "report", "2025-Q2")
    assert "Kỳ 2025-Q2 đã kết thúc: xếp loại là kết quả cuối cùng." in lines
    at = lines.index("### kinh-doanh/O1 · Mở rộng tệp khách hàng doanh nghiệp")
    assert lines[at + 2:at + 7] == [
        "**0,81** 🟢 xanh (cần đạt đến nay 0,60) · đã chốt · thách thức", "",
        "Kết quả chốt (okr close): **0,81** 🟢 xanh", "",
        "Nhìn lại: Kênh đối tác hiệu quả hơn quảng cáo trả phí",
    ]
    assert "| kinh-doanh/K1 | Số hợp đồng ký mỗi tháng | 104 / ≥ 100 | 1,04 | đạt | 🟢 xanh · chốt 1,04 xanh |" in lines
    page = run_okr("report", "2025-Q2", "--format", "html", *AS_OF, "--lang", "vi", cwd=repo).out
    assert '<p class="final">Kết quả chốt (okr close): <strong>0,81</strong> <span class="pill green">xanh</span></p>' in page
    assert '<p class="retro"><strong>Nhìn lại</strong>: Kênh đối tác hiệu quả hơn quảng cáo trả phí</p>' in page
