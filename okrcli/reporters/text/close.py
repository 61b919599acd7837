"""`okr close`'s lines: each sheet closed, and what it froze."""

from __future__ import annotations

from okrcli.edit.close import Closed
from okrcli.i18n import _
from okrcli.model.values import Locale
from okrcli.reporters.terminal import printable
from okrcli.reporters.text.checkin import score_text
from okrcli.reporters.words import grade_word
from okrcli.score.finals import Frozen


def text(result: Closed) -> None:
    for sheet in result.sheets:
        print(printable(_("{path}: closed {period} on {day}").format(path=sheet.path, period=result.period, day=result.day.isoformat())))
        for item in sheet.frozen:
            print(printable(f"  {frozen(item, result.locale)}"))
    for path, day in result.kept:
        print(printable(_("{path}: closed on {day} already; its finals stay as they are").format(path=path, day=day.isoformat())))


def frozen(item: Frozen, locale: Locale = "en") -> str:
    """`marketing/O1: final score 0.6200 (green)`."""
    if item.key == "achievement":  # a KPI's
        if item.number is None:
            return _("{ref}: no achievement to freeze (no value yet)").format(ref=item.ref)
        message = _("{ref}: final achievement {number} ({grade})")
    else:
        if item.number is None:
            return _("{ref}: no score to freeze (no value yet)").format(ref=item.ref)
        message = _("{ref}: final score {number} ({grade})")
    return message.format(ref=item.ref, number=score_text(item.number, locale), grade=grade_word(item.grade))
