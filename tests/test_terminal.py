"""What a user sees on a real terminal (a pty, `python -m okrcli`): at 80 columns every key
result's ref, values, score and status stand on its first line; titles give way, cut with …
or put on a line of their own; wide (CJK) and combining characters take their true cells."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.conftest import write_files
from tests.terminal import lines, on_pty

AS_OF = ("--as-of", "2025-08-15")
NFD = unicodedata.normalize("NFD", "Tăng trưởng doanh thu bền vững từ khách hàng cũ")

SALES = f"""
    period: 2025-Q3
    owner: nhom-ban-hang
    objectives:
      - id: O1
        title: Bứt phá doanh thu từ kênh online và giữ chân khách hàng thân thiết
        key_results:
          - id: KR1
            title: Doanh thu online đạt 7 tỷ đồng mỗi tháng, từ 4,5 tỷ đồng đầu quý
            start: 4500
            target: 7000
            current: 5800
            unit: triệu đồng
          - id: KR2
            title: "{NFD}"
            target: ">= 40%"
            current: 30%
          - id: KR3
            title: 日本市場の売上を倍増させる新しい販売チャネルを開拓する
            start: 10
            target: 20
            current: 12
            unit: 店舗
    kpis:
      - id: K1
        title: Số đơn hàng mỗi tháng giữ trên mức cam kết với ban giám đốc
        target: 100
        actual: 110
        unit: đơn
"""

FINANCE = """
    period: 2025-Q3
    owner: tai-chinh
    objectives:
      - id: O1
        title: Dòng tiền đủ cho mười tám tháng
        key_results:
          - id: KR1
            title: Tiền mặt cuối quý đạt hai tỷ đồng
            start: 1000000000
            target: 2000000000
            current: 1234567890
            unit: đồng tiền mặt cuối quý
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {".okr.yaml": "number_locale: vi\n", "sales.yaml": SALES, "finance.yaml": FINANCE})


def test_score_at_80_columns_keeps_every_number_on_the_first_line(repo: Path) -> None:
    code, out = on_pty(repo, 80, "score", "Q3", "--owner", "nhom-ban-hang", *AS_OF)
    assert code == 0
    assert lines(out) == [
        "Scores for 2025-Q3 as of 2025-08-15 (49% of the period gone)",
        "",
        "nhom-ban-hang · score 0,49",
        "Ref    Objective / key result  Now / target              Score         Status",
        "─" * 80,
        "O1     Bứt phá doanh thu từ …                            0,49 ~yellow  off-track",  # ~: the projected grade
        "  KR1  Doanh thu online đạt …  5.800 / 7.000 triệu đồng  0,52          on-track",
        "  KR2  " + unicodedata.normalize("NFD", "Tăng trưởng doanh thu") + "…  30% / >= 40%              0,75          on-track",
        "  KR3  日本市場の売上を倍増 …  12 / 20 店舗              0,20          off-track",
        "",
        "nhom-ban-hang · KPIs",
        "Ref  KPI                        Actual / target  Progress       a  Grade  Status",
        "─" * 80,
        "K1   Số đơn hàng mỗi tháng gi…  110 / 100 đơn    ██████████  1,10  green  met",
        "",
        "Objectives: ~0 green, ~1 yellow, ~0 red · KPIs: 1 of 1 met · 49% of 2025-Q3 gone",  # ~: as the rows show them
    ]


def test_score_at_200_columns_shows_whole_titles_full_refs_and_bars(repo: Path) -> None:
    code, out = on_pty(repo, 200, "score", "Q3", "--owner", "nhom-ban-hang", *AS_OF)
    assert code == 0
    gap = " " * 29
    assert lines(out)[3:9] == [
        "Ref               Objective / key result" + " " * 61 + "Now / target              Progress    Score         Status",
        "─" * 162,
        "nhom-ban-hang/O1  Bứt phá doanh thu từ kênh online và giữ chân khách hàng thân thiết (aspirational)"
        + " " * 28 + "████░░░░░░  0,49 ~yellow  off-track",
        "  KR1             Doanh thu online đạt 7 tỷ đồng mỗi tháng, từ 4,5 tỷ đồng đầu quý"
        + " " * 19 + "5.800 / 7.000 triệu đồng  █████░░░░░  0,52          on-track",
        f"  KR2             {NFD}" + " " * 36 + "30% / >= 40%              ███████░░░  0,75          on-track",
        "  KR3             日本市場の売上を倍増させる新しい販売チャネルを開拓する" + gap + "12 / 20 店舗              ██░░░░░░░░  0,20          off-track",
    ]


def test_values_too_wide_for_a_title_beside_them_put_it_on_the_next_line(repo: Path) -> None:
    code, out = on_pty(repo, 80, "score", "Q3", "--owner", "tai-chinh", *AS_OF)
    assert code == 0
    assert lines(out)[2:9] == [
        "tai-chinh · score 0,23",
        "Ref    Now / target                                          Score      Status",
        "─" * 79,
        "O1                                                           0,23 ~red  at-risk",
        "       Dòng tiền đủ cho mười tám tháng (aspirational)",
        "  KR1  1.234.567.890 / 2.000.000.000 đồng tiền mặt cuối quý  0,23       at-risk",
        "       Tiền mặt cuối quý đạt hai tỷ đồng",
    ]


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("columns", [40, 60, 80, 100, 120, 200])
def test_no_line_is_wider_than_the_terminal(repo: Path, columns: int, lang: str) -> None:
    from rich.cells import cell_len

    for args in (("score", "Q3"), ("scorecard", "nhom-ban-hang", "Q3"), ("tree", "Q3")):
        code, out = on_pty(repo, columns, *args, *AS_OF, "--lang", lang)
        assert code == 0, out
        assert max(cell_len(line) for line in lines(out)) <= columns, (args, out)


# In Vietnamese the headers and the status words are longer ("chậm tiến độ"): every number
# still stands on its row's first line, and the titles give way.
VI = ("--lang", "vi")


def test_score_in_vietnamese_at_80_columns(repo: Path) -> None:
    code, out = on_pty(repo, 80, "score", "Q3", "--owner", "nhom-ban-hang", *AS_OF, *VI)
    assert code == 0
    assert lines(out) == [
        "Điểm kỳ 2025-Q3 tính đến 2025-08-15 (đã qua 49% kỳ)",
        "",
        "nhom-ban-hang · điểm 0,49",
        "Mã     Mục tiêu / KR          Hiện tại / chỉ tiêu       Điểm        Trạng thái",
        "─" * 80,
        "O1     Bứt phá doanh thu từ…                            0,49 ~vàng  chậm tiến độ",
        "  KR1  Doanh thu online đạt…  5.800 / 7.000 triệu đồng  0,52        đúng tiến độ",
        "  KR2  " + unicodedata.normalize("NFD", "Tăng trưởng doanh th") + "…  30% / >= 40%              0,75        đúng tiến độ",
        "  KR3  日本市場の売上を倍増…  12 / 20 店舗              0,20        chậm tiến độ",
        "",
        "nhom-ban-hang · KPI",
        "Mã  KPI               Thực tế / chỉ tiêu  Tiến độ      đạt  Xếp loại  Trạng thái",
        "─" * 80,
        "K1  Số đơn hàng mỗi…  110 / 100 đơn       ██████████  1,10  xanh      đạt",
        "",
        "Mục tiêu: ~0 xanh, ~1 vàng, ~0 đỏ · KPI: đạt 1/1 · đã qua 49% kỳ 2025-Q3",
    ]


def test_score_in_vietnamese_at_200_columns(repo: Path) -> None:
    code, out = on_pty(repo, 200, "score", "Q3", "--owner", "nhom-ban-hang", *AS_OF, *VI)
    assert code == 0
    assert lines(out)[3:9] == [
        "Mã                Mục tiêu / KR" + " " * 68 + "Hiện tại / chỉ tiêu       Tiến độ     Điểm        Trạng thái",
        "─" * 161,
        "nhom-ban-hang/O1  Bứt phá doanh thu từ kênh online và giữ chân khách hàng thân thiết (thách thức)"
        + " " * 28 + "████░░░░░░  0,49 ~vàng  chậm tiến độ",
        "  KR1             Doanh thu online đạt 7 tỷ đồng mỗi tháng, từ 4,5 tỷ đồng đầu quý"
        + " " * 17 + "5.800 / 7.000 triệu đồng  █████░░░░░  0,52        đúng tiến độ",
        f"  KR2             {NFD}" + " " * 34 + "30% / >= 40%              ███████░░░  0,75        đúng tiến độ",
        "  KR3             日本市場の売上を倍増させる新しい販売チャネルを開拓する" + " " * 27
        + "12 / 20 店舗              ██░░░░░░░░  0,20        chậm tiến độ",
    ]


def test_scorecard_in_vietnamese_at_80_and_200_columns(repo: Path) -> None:
    code, out = on_pty(repo, 80, "scorecard", "nhom-ban-hang", "Q3", *AS_OF, *VI)
    assert code == 0
    assert lines(out) == [
        "Thẻ điểm của nhom-ban-hang kỳ 2025-Q3 tính đến 2025-08-15 (đã qua 49% kỳ)",
        "Điểm 0,79 = 0,60 × KPI 1,00 + 0,40 × KR 0,49",
        "",
        "KPI (60%, mức đạt mỗi KPI tính tối đa 1,00)",
        "Mã                Thực tế / chỉ tiêu                 đạt  Xếp loại  Trạng thái",
        "─" * 78,
        "nhom-ban-hang/K1  110 / 100 đơn                     1,10  xanh      đạt",
        "                  Số đơn hàng mỗi tháng giữ trên …",
        "",
        "Kết quả then chốt (40%)",
        "Mã                    Hiện tại / chỉ tiêu                   Điểm  Trạng thái",
        "─" * 78,
        "nhom-ban-hang/O1/KR1  5.800 / 7.000 triệu đồng              0,52  đúng tiến độ",
        "                      Doanh thu online đạt 7 tỷ đồng mỗi …",
        "nhom-ban-hang/O1/KR2  30% / >= 40%                          0,75  đúng tiến độ",
        "                      " + unicodedata.normalize("NFD", "Tăng trưởng doanh thu bền vững từ k") + "…",
        "nhom-ban-hang/O1/KR3  12 / 20 店舗                          0,20  chậm tiến độ",
        "                      日本市場の売上を倍増させる新しい販 …",
    ]
    code, out = on_pty(repo, 200, "scorecard", "nhom-ban-hang", "Q3", *AS_OF, *VI)
    assert code == 0
    assert lines(out)[9:14] == [
        "Mã                    KR" + " " * 64 + "Hiện tại / chỉ tiêu       Tiến độ     Điểm  Trạng thái",
        "─" * 144,
        "nhom-ban-hang/O1/KR1  Doanh thu online đạt 7 tỷ đồng mỗi tháng, từ 4,5 tỷ đồng đầu quý  5.800 / 7.000 triệu đồng  █████░░░░░  0,52  đúng tiến độ",
        f"nhom-ban-hang/O1/KR2  {NFD}" + " " * 19 + "30% / >= 40%              ███████░░░  0,75  đúng tiến độ",
        "nhom-ban-hang/O1/KR3  日本市場の売上を倍増させる新しい販売チャネルを開拓する" + " " * 12 + "12 / 20 店舗              ██░░░░░░░░  0,20  chậm tiến độ",
    ]


def test_tree_in_vietnamese_at_80_and_200_columns(repo: Path) -> None:
    code, out = on_pty(repo, 80, "tree", "Q3", *AS_OF, *VI)
    assert code == 0
    assert lines(out) == [
        "Căn chỉnh mục tiêu kỳ 2025-Q3 tính đến 2025-08-15 (đã qua 49% kỳ)",
        "2025-Q3",
        "├── ██░░░░░░░░ 0,23 ~đỏ · có rủi ro  tai-chinh/O1  Dòng tiền đủ cho mười tám",
        "│   tháng (tai-chinh, nhóm)",
        "└── ████░░░░░░ 0,49 ~vàng · chậm tiến độ  nhom-ban-hang/O1  Bứt phá doanh thu từ",
        "    kênh online và giữ chân khách hàng thân thiết (nhom-ban-hang, nhóm)",
    ]
    code, out = on_pty(repo, 200, "tree", "Q3", *AS_OF, *VI)
    assert code == 0
    assert lines(out)[2:] == [
        "├── ██░░░░░░░░ 0,23 ~đỏ · có rủi ro  tai-chinh/O1  Dòng tiền đủ cho mười tám tháng (tai-chinh, nhóm)",
        "└── ████░░░░░░ 0,49 ~vàng · chậm tiến độ  nhom-ban-hang/O1  Bứt phá doanh thu từ kênh online và giữ chân khách hàng thân thiết "
        "(nhom-ban-hang, nhóm)",
    ]


CONFIG = """
    number_locale: vi
    rules:
      max-objectives: {max: 5, level: warning}
      objective-number: disable
"""


def test_rules_at_80_columns_show_the_levels_and_options_this_repo_applies(repo: Path) -> None:
    write_files(repo, {".okr.yaml": CONFIG})
    code, out = on_pty(repo, 80, "rules")
    assert code == 0
    shown = lines(out)
    assert shown[:3] == [
        "rule                     level    what it catches",
        "─" * 80,
        "yaml-syntax              error    Unparsable YAML, reported at the parser's",
    ]
    at = shown.index("max-objectives           warning  More than 3 objectives for one owner in one")
    assert shown[at + 1:at + 3] == ["                                  period.", "                                  max: 5"]
    assert "objective-number         disable  A number in an objective title." in shown
    assert "ambiguous-number         error    A plain YAML float written like a" in shown  # vi: an error
    assert max(len(line) for line in shown) <= 80


def test_rules_piped_show_this_repos_levels_too(repo: Path) -> None:
    from tests.conftest import run_okr

    write_files(repo, {".okr.yaml": CONFIG})
    out = run_okr("rules", cwd=repo).out.splitlines()
    assert "max-objectives           warning  max: 5                More than 3 objectives for one owner in one period." in out
    assert [line.split()[:2] for line in out if line.startswith(("objective-number ", "ambiguous-number "))] == [
        ["objective-number", "disable"], ["ambiguous-number", "error"]]
    assert run_okr("rules", "--config", "elsewhere.yaml", cwd=repo).code == 2
