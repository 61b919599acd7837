"""The example outcome a suggestion shows for a title: in the title's own language (SPEC 9)
and, where its words tell, about its subject: "Improve deployment reliability" gets an
engineering example, "Trien khai CRM" a Vietnamese one about the CRM. Pure and stdlib-only.

A title is Vietnamese when it carries Vietnamese diacritics or, typed without them, a
syllable that only Vietnamese writes (`trien khai`, `khach hang`, `doanh thu`)."""

from __future__ import annotations

import re
import unicodedata

from okrcli.lint.wording import fold, strip_accents

# Syllables of unaccented Vietnamese that are not English words.
_VIETNAMESE = frozenset(
    "trien khai khach doanh nang thien xay dung chuc nguoi dich giam tang muc tieu nhan vien hoan thanh "
    "chuyen luot thang tuan hieu chat luong phat truong pham thong dao tuyen hoach cuong thuc hien viet "
    "cai moi nhat duoc cua cho voi trong khong nhu tren duoi sau truoc dat ty giao dien ung kenh lap "
    "quy trinh nghiem cuu ket qua suat dinh ky".split()
)
_TONES = frozenset("\u0300\u0301\u0303")  # huyền, sắc, ngã: also in French or Spanish words
_VIETNAMESE_MARKS = frozenset("\u0309\u0323\u0302\u0306\u031b")  # hỏi, nặng, circumflex, breve, horn
_WORD = re.compile(r"[a-z0-9]+")

_TOPICS: dict[str, frozenset[str]] = {
    "engineering": frozenset(
        "deploy deploys deployed deployment deployments release releases reliability uptime latency incident incidents "
        "outage outages build builds ci cd test tests bug bugs server servers api infrastructure availability "
        "downtime rollback pipeline pipelines sre".split()
    ),
    "crm": frozenset(("crm", "salesforce", "hubspot")),
}
_EXAMPLES = {
    ("engineering", "en"): "Deployments that succeed first time reach 98% (from 91%)",
    ("engineering", "vi"): "Tỷ lệ triển khai thành công ngay lần đầu đạt 98% (từ 91%)",
    ("crm", "en"): "Sales opportunities logged in the CRM within a day reach 95% (from 40%)",
    ("crm", "vi"): "Tỷ lệ cơ hội bán hàng được ghi vào CRM trong ngày đạt 95% (từ 40%)",
}


def is_vietnamese(text: str) -> bool:
    """Written in Vietnamese: with its diacritics (or `đ`), or without them."""
    decomposed = unicodedata.normalize("NFD", text)
    if "đ" in text.casefold() or any(ch in _VIETNAMESE_MARKS for ch in decomposed):
        return True
    if sum(ch in _TONES for ch in decomposed) >= 2:  # "Café" is not Vietnamese, "Tối đa hóa" is
        return True
    return any(word in _VIETNAMESE for word in _words(text))


def topic(text: str) -> str | None:
    words = set(_words(text))
    return next((name for name, known in _TOPICS.items() if words & known), None)


def example(title: str, default_en: str, default_vi: str) -> str:
    """The example outcome for `title`: about its subject when known, else the default."""
    language = "vi" if is_vietnamese(title) else "en"
    subject = topic(title)
    if subject is not None:
        return _EXAMPLES[(subject, language)]
    return default_vi if language == "vi" else default_en


def fits(title: str) -> bool:
    """Whether `title` gets an example of its own (a known subject, or Vietnamese)."""
    return topic(title) is not None or is_vietnamese(title)


def _words(text: str) -> list[str]:
    return _WORD.findall(strip_accents(fold(text)))
