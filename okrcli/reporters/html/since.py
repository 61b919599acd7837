"""The changes since the previous review on the HTML page (`okr report --since`): two tables,
computing nothing."""

from __future__ import annotations

from html import escape

from okrcli.report.since import Change, Since
from okrcli.reporters.since_text import compared, grades, signed, then_now


def e(text: object) -> str:
    return escape(str(text), quote=True)


def since_html(since: Since | None) -> str:
    if since is None:
        return ""
    tables = []
    if since.objectives:
        tables.append(_table(("Objective", "Title", "Then", "Now", "Change", "Grade"), [_objective(c) for c in since.objectives]))
    if since.owners:
        tables.append(_table(("Owner", "Then", "Now", "Change"), [_owner(c) for c in since.owners]))
    return (f'<section class="since"><h2>Since {e(since.asked)}</h2><p class="muted">{e(compared(since))}</p>'
            + "".join(tables) + "</section>")


def _table(heads: tuple[str, ...], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{name}</th>' for name in heads)
    body = "".join("<tr>" + "".join(f'<td data-label="{e(h)}">{e(cell)}</td>' for h, cell in zip(heads, row, strict=True)) + "</tr>" for row in rows)
    return f'<div class="card table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _objective(change: Change) -> list[str]:
    return [change.ref, change.title, *then_now(change), signed(change), grades(change)]


def _owner(change: Change) -> list[str]:
    return [change.ref, *then_now(change), signed(change)]
