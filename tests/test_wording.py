"""okrcli.lint.wording: folding, accent stripping, offsets, word lists and source columns."""

from __future__ import annotations

import unicodedata

import pytest

from okrcli.lint.wording import (
    Match,
    WordList,
    fold,
    fold_variants,
    folded,
    inflections,
    is_bare,
    literal_column,
    nfc,
    strip_accents,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cải thiện", "cải thiện"),
        (nfd("Cải thiện"), "cải thiện"),
        ("CẢI THIỆN", "cải thiện"),
        ("Tối ưu hoá", "tối ưu hóa"),
        ("TỐI ƯU HOÁ", "tối ưu hóa"),
        ("hoà nhập", "hòa nhập"),
        ("khoẻ", "khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        ("hoàn thiện", "hòan thiện"),  # folded both ways alike, so matching is unaffected
        ("Straße", "strasse"),
        ("Improve", "improve"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_variants_keeps_length_and_case() -> None:
    assert fold_variants("Hoá HOÁ Thuỷ KHOẺ") == "Hóa HÓA Thủy KHỎE"
    assert fold_variants("quá uá") == "quá uá"  # not one of the pairs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cải thiện", "Cai thien"),
        (nfd("Cải thiện"), "Cai thien"),
        ("Đẩy mạnh", "Day manh"),
        ("đường", "duong"),
        ("Tối ưu hóa", "Toi uu hoa"),
        ("plain", "plain"),
    ],
)
def test_strip_accents(text: str, expected: str) -> None:
    assert strip_accents(text) == expected


def test_is_bare() -> None:
    assert is_bare("cai thien")
    assert not is_bare("cải thiện")
    assert not is_bare("dong đ")
    assert not is_bare(nfd("é"))


def test_folded_maps_back_to_the_decomposed_text() -> None:
    text = nfd("Tỷ lệ cải thiện")
    result = folded(text)
    assert result.text == "tỷ lệ cải thiện"
    start = result.text.index("cải")
    first, last = result.span(start, len(result.text))
    assert nfc(text[first:last]) == "cải thiện"
    assert last == len(text)  # the trailing combining marks belong to the word


def test_folded_ascii_and_composed_are_identity_mapped() -> None:
    for text in ("Improve onboarding", "Tối ưu hoá"):
        result = folded(text)
        assert list(result.starts) == list(range(len(text)))


def test_folded_casefold_that_grows() -> None:
    result = folded("Straße besser")
    assert result.text == "strasse besser"
    assert result.span(4, 6) == (4, 5)  # "ss" comes from "ß"


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("improve", ("improve", "improves", "improved", "improving")),
        ("boost", ("boost", "boosts", "boosted", "boosting")),
        ("focus on", ("focus on", "focuses on", "focused on", "focusing on")),
        ("launch", ("launch", "launches", "launched", "launching")),
        ("step up", ("step up", "steps up", "stepped up", "stepping up")),
        ("run", ("run", "runs", "runned", "running")),  # irregular pasts are not produced
        ("edit", ("edit", "edits", "edited", "editing")),
        ("apply", ("apply", "applies", "applied", "applying")),
    ],
)
def test_inflections(verb: str, forms: tuple[str, ...]) -> None:
    assert inflections(verb) == forms


WORDS = WordList(
    {
        "cải thiện": (),
        "tối ưu": (),
        "tối ưu hóa": (),
        "improve": inflections("improve"),
        "world-class": (),
        "better": (),
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cải thiện NPS", [Match("cải thiện", "Cải thiện", 0, 9)]),
        ("cai thien NPS", [Match("cải thiện", "cai thien", 0, 9)]),
        ("cải thien NPS", []),  # some diacritics but not all: another word
        ("tôi ưu tiên", []),
        ("Tối ưu hoá chi phí", [Match("tối ưu hóa", "Tối ưu hoá", 0, 10)]),
        ("tối ưu hoa quả", [Match("tối ưu", "tối ưu", 0, 6)]),
        ("tối  ưu\thóa", [Match("tối ưu hóa", "tối  ưu\thóa", 0, 11)]),
        ("We improved it, improving more", [
            Match("improve", "improved", 3, 11), Match("improve", "improving", 16, 25),
        ]),
        ("improvement", []),
        ("bettering", []),
        ("world class", [Match("world-class", "world class", 0, 11)]),
        ("WORLD-CLASS", [Match("world-class", "WORLD-CLASS", 0, 11)]),
        ("x_better", []),  # _ is a word character
        ("(better)", [Match("better", "better", 1, 7)]),
        (nfd("Đã cải thiện"), [Match("cải thiện", "cải thiện", 4, 16)]),
    ],
)
def test_word_list_find(text: str, expected: list[Match]) -> None:
    assert list(WORDS.find(text)) == expected


def test_word_list_at_start() -> None:
    assert WORDS.at_start("  'Improve onboarding") == Match("improve", "Improve", 3, 10)
    assert WORDS.at_start("Onboarding to improve") is None
    assert WORDS.at_start("Improvements") is None


def test_word_list_allow_removes_the_whole_entry() -> None:
    words = WordList({"improve": inflections("improve"), "cải thiện": ()}, allow=["improved", "Cai Thien"])
    assert len(words) == 0
    assert list(words.find("Improve and cải thiện")) == []
    assert words.at_start("Improve") is None


def test_word_list_contains_and_len() -> None:
    assert len(WORDS) == 6
    assert "Cải Thiện" in WORDS
    assert "toi uu" in WORDS
    assert "faster" not in WORDS


@pytest.mark.parametrize(
    ("line", "column", "value", "offset", "expected"),
    [
        ("    title: Improve onboarding", 12, "Improve onboarding", 8, 20),
        ('    title: "Improve onboarding"', 12, "Improve onboarding", 8, 21),
        ("    title: 'Improve onboarding'", 12, "Improve onboarding", 0, 13),
        ('    title: "Say \\"improve\\" less"', 12, 'Say "improve" less', 5, None),
        ("    title: 'It''s better'", 12, "It's better", 5, None),
        ("    title: >-", 12, "Improve onboarding", 0, None),
        ("    title: Improve", 12, "Improve onboarding", 0, None),  # continues on the next line
        ("- {id: KR3, title: Boost trials, start: 1}", 20, "Boost trials", 0, 20),
    ],
)
def test_literal_column(line: str, column: int, value: str, offset: int, expected: int | None) -> None:
    assert literal_column(line, column, value, offset) == expected
