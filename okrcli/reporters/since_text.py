"""The changes since the previous review in words and cells, shared by the Markdown and HTML
reports: the same figures in both."""

from __future__ import annotations

from okrcli.i18n import _
from okrcli.model.values import Locale
from okrcli.report.since import Change, Since
from okrcli.reporters.values import NOTHING, fixed, signed_change
from okrcli.reporters.words import grade_word


def compared(since: Since) -> str:
    """`Compared with 2025-08-01 (commit 1a2b3c4, read as of 2025-08-01).`"""
    source = _("commit {commit}").format(commit=since.commit) if since.commit else _("the working tree")
    return _("Compared with {asked} ({source}, read as of {as_of}).").format(asked=since.asked, source=source, as_of=since.as_of.isoformat())


def signed(change: Change, locale: Locale) -> str:
    """`+0.15`, `−0.05`, `0.00`; `new` or `removed` when one side is missing."""
    if change.change is None:
        return _("new") if change.before is None and change.after is not None else _("removed") if change.after is None else NOTHING
    return signed_change(change.change, locale)


def grades(change: Change) -> str:
    """`yellow → green`; a projected grade (its period was running) marked `~`."""
    shown = [_marked(grade, projected) for grade, projected in zip((change.grade_before, change.grade_after), change.projected, strict=True)]
    return shown[1] if shown[0] == shown[1] else f"{shown[0]} → {shown[1]}"


def _marked(grade: str | None, projected: bool) -> str:
    return f"~{grade_word(grade)}" if projected and grade is not None else grade_word(grade)


def then_now(change: Change, locale: Locale) -> tuple[str, str]:
    return fixed(change.before, locale), fixed(change.after, locale)
