"""The changes since the previous review on the HTML page (`okr report --since`): two tables,
computing nothing."""

from __future__ import annotations

from html import escape

from okrcli.i18n import _
from okrcli.model.values import Locale
from okrcli.report.since import Change, Since
from okrcli.reporters.markdown.report import SINCE_OBJECTIVES, SINCE_OWNERS
from okrcli.reporters.since_text import compared, grades, signed, then_now


def e(text: object) -> str:
    return escape(str(text), quote=True)


def since_html(since: Since | None, locale: Locale) -> str:
    if since is None:
        return ""
    tables = []
    if since.objectives:
        tables.append(_table(SINCE_OBJECTIVES, [_objective(c, locale) for c in since.objectives]))
    if since.owners:
        tables.append(_table(SINCE_OWNERS, [_owner(c, locale) for c in since.owners]))
    heading = _("Since {asked}").format(asked=since.asked)
    return f'<section class="since"><h2>{e(heading)}</h2><p class="muted">{e(compared(since))}</p>' + "".join(tables) + "</section>"


def _table(heads: tuple[str, ...], rows: list[list[str]]) -> str:
    shown = [_(name) for name in heads]
    head = "".join(f'<th scope="col">{e(name)}</th>' for name in shown)
    body = "".join("<tr>" + "".join(f'<td data-label="{e(h)}">{e(cell)}</td>' for h, cell in zip(shown, row, strict=True)) + "</tr>" for row in rows)
    return f'<div class="card table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _objective(change: Change, locale: Locale) -> list[str]:
    return [change.ref, change.title, *then_now(change, locale), signed(change, locale), grades(change)]


def _owner(change: Change, locale: Locale) -> list[str]:
    return [change.ref, *then_now(change, locale), signed(change, locale)]
