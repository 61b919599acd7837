"""A key result's or KPI's `target` or `start` changed after the first days of its period.

**What it does**: reads the sheet's git history (once per command, with the other history
rules) and reports a key result or KPI whose `target` or `start` (`baseline`) was replaced
by a different value in a commit dated after the first `grace_days` days of its period
(default 14), or is replaced in the working tree after them. The message names the old
value, the commit and its date. Commits dated after the as-of date do not count, and
neither does a rewording that keeps the value (`2400` → `"2,400"`), a value first written
late (a baseline added) or a goal added in the middle of the period. Outside a git
repository there is no history, and nothing is reported.

**Why it matters**: a goal is a promise made at the start of the period. Moving the
target once the results come in turns an off-track key result green without anything
having improved, and the review meeting grades the new promise instead of the old one. A
deliberate re-plan is fine: make it visible, with a reason, in the sheet.

**Example** (period 2025-Q3; the target was 2400 until a commit of 2025-08-01):

```yaml
      - id: KR1
        title: Trial signups reach 2000 (from 1500)
        start: 1500
        target: 2000
```

**Use instead**: keep the target and let the score show the gap; or, for an agreed
re-plan, say why where reviewers see it:

```yaml
        target: 2000  # okr: disable=moved-target -- re-planned with the board on 2025-08-01
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import Field

from okrcli.history.moves import FIELDS, Move, changed, last_written, moves
from okrcli.history.timeline import Item
from okrcli.lint.context import Context
from okrcli.lint.rules.base import Finding, RuleOptions, at
from okrcli.load.validate import SheetDoc
from okrcli.problem import Level
from okrcli.repo.config import MAX_DAYS

ID = "moved-target"
LEVEL: Level = "warning"


class Options(RuleOptions):
    grace_days: int = Field(default=14, ge=0, le=MAX_DAYS)


Goal = tuple[SheetDoc, tuple[str, ...], Any]  # its sheet, its ids, its path in the sheet


def check(context: Context, options: Options) -> Iterator[Finding]:
    goals = [g for g in _goals(context) if _after_grace(g[0], options.grace_days, context.as_of)]
    if not goals:
        return
    versions = context.facts.versions({doc.path for doc, _, _ in goals})
    if versions is None:
        return
    locale = context.settings.config.number_locale
    for doc, ids, path in goals:
        item = Item(doc.period.text if doc.period else "", doc.owner, ids)
        history = versions.get(doc.path, [])
        found = moves(history, item, locale) + _uncommitted(context, doc, path, last_written(history, item), locale)
        for field in FIELDS:
            late = [m for m in found if m.field == field and _late(doc, m.day, options.grace_days, context.as_of)]
            if late:
                yield at(doc, _field_path(context, doc, path, field), _message(doc, ids, late[-1], options.grace_days))


def _goals(context: Context) -> Iterator[Goal]:
    for doc, objective, kr in context.key_results():
        yield doc, (objective.id, kr.id), kr.path
    for doc, kpi in context.kpis():
        yield doc, (kpi.id,), kpi.path


def _after_grace(doc: SheetDoc, grace_days: int, as_of: dt.date) -> bool:
    """Whether a late change is possible at all: only those sheets' history is read."""
    return doc.period is not None and (as_of - doc.period.start).days >= grace_days


def _late(doc: SheetDoc, day: dt.date, grace_days: int, as_of: dt.date) -> bool:
    assert doc.period is not None
    return (day - doc.period.start).days >= grace_days and day <= as_of


def _uncommitted(context: Context, doc: SheetDoc, path: Any, committed: dict[str, Any] | None, locale: str) -> list[Move]:
    """The working tree's change to the newest commit, dated today (not yet in any commit)."""
    now = context.raw(doc, path)
    if committed is None or not isinstance(now, dict):
        return []
    return [Move(f, *pair, None, context.today) for f in FIELDS if (pair := changed(committed, now, f, locale))]


def _field_path(context: Context, doc: SheetDoc, path: Any, field: str) -> Any:
    node = context.raw(doc, path)
    keys = ("start", "baseline") if field == "start" else (field,)
    written = [k for k in keys if isinstance(node, dict) and node.get(k) is not None]
    return (*path, written[0]) if written else path


def _message(doc: SheetDoc, ids: tuple[str, ...], move: Move, grace_days: int) -> str:
    what = "key result" if len(ids) == 2 else "KPI"
    ref = "/".join((doc.owner, *ids))
    when = f"in commit {move.commit} on {move.day.isoformat()}" if move.commit else f"in the working tree (not committed yet, {move.day.isoformat()})"
    assert doc.period is not None
    return (
        f"{what} '{ref}' {move.field} moved from {move.old} to {move.new} {when}, after the first {grace_days} days of "
        f"{doc.period.text}; keep the promise made at the start, or say why the goal was re-planned"
    )
