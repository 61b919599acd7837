"""The changes since the previous review in words and cells, shared by the Markdown and HTML
reports: the same figures in both."""

from __future__ import annotations

from okrcli.report.since import Change, Since
from okrcli.reporters.values import fixed


def compared(since: Since) -> str:
    """`Compared with 2025-08-01 (commit 1a2b3c4, read as of 2025-08-01).`"""
    source = f"commit {since.commit}" if since.commit else "the working tree"
    return f"Compared with {since.asked} ({source}, read as of {since.as_of.isoformat()})."


def signed(change: Change) -> str:
    """`+0.15`, `−0.05`, `0.00`; `new` or `removed` when one side is missing."""
    if change.change is None:
        return "new" if change.before is None and change.after is not None else "removed" if change.after is None else "—"
    if change.change == 0:
        return "0.00"
    return f"{'+' if change.change > 0 else '−'}{abs(change.change):.2f}"


def grades(change: Change) -> str:
    before, after = change.grade_before or "—", change.grade_after or "—"
    return after if before == after else f"{before} → {after}"


def then_now(change: Change) -> tuple[str, str]:
    return fixed(change.before), fixed(change.after)
