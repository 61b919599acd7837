"""`okr close PERIOD` as one call (SPEC 3.1): freeze a finished period's grades. Every sheet
of the period gets `closed: D` in its header and `final:` in each objective and KPI, through
the edit pipeline; all of them are planned and verified before the first is written, so a
refusal leaves every file as it was. Nothing here prints; the command shows the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from okrcli.edit.batch import Planned
from okrcli.edit.pipeline import Edit, Source
from okrcli.edit.style import Scalar
from okrcli.errors import EditRefused, UsageError
from okrcli.i18n import _, ngettext
from okrcli.load.reader import GROUPED_FLOAT as GROUPED
from okrcli.load.validate import SheetDoc
from okrcli.model.periods import Period
from okrcli.model.values import Locale
from okrcli.repo.workspace import Workspace
from okrcli.score.finals import Frozen


@dataclass(frozen=True, slots=True)
class CloseRequest:
    base: Path  # where okr runs: paths are shown relative to it
    config: Path | None  # --config, else the root's .okr.yaml
    period: str  # as typed: 2025-Q3, Q3
    day: dt.date  # --date, else today
    today: dt.date


@dataclass(frozen=True, slots=True)
class ClosedSheet:
    path: str  # as the user sees it
    frozen: list[Frozen]


@dataclass(frozen=True, slots=True)
class Closed:
    period: str
    day: dt.date
    sheets: list[ClosedSheet]
    locale: Locale  # the repo's number_locale: how the finals are shown
    kept: list[tuple[str, dt.date]] = field(default_factory=list)  # sheets closed before, left as they are


def close_period(request: CloseRequest) -> Closed:
    """Close the period's sheets not closed yet, all or none; UsageError or EditRefused when
    it cannot be."""
    from okrcli.edit.batch import write_all
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.root import shown_path
    from okrcli.repo.workspace import open_workspace
    from okrcli.score.book import select_period

    workspace = open_workspace(request.base, request.config, resolve_rules)
    period = select_period(request.period, workspace, request.day)
    _refuse_day(period, request.day, request.today)
    docs = sheets_of(workspace, period, request.day)
    _refuse_closed(docs)
    kept = [(shown_path(workspace.root / d.path, request.base), d.header.closed) for d in docs if d.header is not None and d.header.closed is not None]
    planned = [_planned(workspace, doc, request) for doc in docs if not _closed(doc)]
    write_all([plan for plan, _ in planned])
    return Closed(period.text, request.day, [sheet for _, sheet in planned], workspace.settings.config.number_locale, kept)


def sheets_of(workspace: Workspace, period: Period, day: dt.date, rolling_over: bool = False) -> list[SheetDoc]:
    """The sheets of `period` (and of the periods inside it), refused while any sheet that
    may belong to it has a problem that would leave it out of scores (SPEC 3); the message
    says what was not done: the close, or the rollover."""
    from okrcli.lint.engine import unscorable
    from okrcli.score.book import set_aside

    left_out = set_aside(workspace, period, unscorable(workspace, day))[1]
    not_done = _("nothing was rolled over from {period}") if rolling_over else _("{period} was not closed")
    if left_out:
        first = left_out[0].problem
        more = len(left_out) - 1
        others = ngettext(" (and {count} more sheet)", " (and {count} more sheets)", more).format(count=more) if more else ""
        raise UsageError(f"{first.path}:{first.line}:{first.column}: {first.message} ({first.rule}){others}; " + _(
            "its numbers cannot be known, so {not_done}: fix it first (see `okr check`)"
        ).format(not_done=not_done.format(period=period.text)))
    docs = sorted((d for d in workspace.sheets if d.period is not None and period.contains(d.period)), key=lambda d: d.path)
    if not docs:
        none = _("{period} has no sheets to roll over") if rolling_over else _("{period} has no sheets to close")
        raise UsageError(none.format(period=period.text))
    return docs


def _refuse_day(period: Period, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise UsageError(_("--date {day} is after today ({today}): close a period on a day that has come").format(
            day=day.isoformat(), today=today.isoformat()))
    if day <= period.end:
        after = period.end + dt.timedelta(days=1)
        raise UsageError(_("{period} ends on {end}: it can be closed from {after} on (--date {after} or later), not on {day}").format(
            period=period.text, end=period.end.isoformat(), after=after.isoformat(), day=day.isoformat()))


def _closed(doc: SheetDoc) -> bool:
    return doc.header is not None and doc.header.closed is not None


def _refuse_closed(docs: list[SheetDoc]) -> None:
    """Closing again changes nothing: refused once every sheet is closed. A sheet added to a
    closed period is closed alone, the others keep their finals (`Closed.kept`)."""
    closed = [d for d in docs if _closed(d)]
    if len(closed) == len(docs):
        listed = ", ".join(f"{d.path} (closed: {d.header.closed})" for d in closed if d.header is not None)
        raise UsageError(_(
            "already closed: {sheets}; its finals stay as they are: to close again, remove `closed:` and every `final:` by hand first"
        ).format(sheets=listed))


def _planned(workspace: Workspace, doc: SheetDoc, request: CloseRequest) -> tuple[Planned, ClosedSheet]:
    """The sheet's new bytes, verified, with the finals they hold (from the file as it is now)."""
    from okrcli.edit.atomic import real_path_inside
    from okrcli.edit.pipeline import apply_edit, read_sheet_bytes
    from okrcli.load.reader import load_bytes
    from okrcli.load.validate import validate
    from okrcli.repo.root import shown_path
    from okrcli.score.finals import frozen_values

    config = workspace.settings.config
    path = real_path_inside(workspace.root, doc.path)
    raw = read_sheet_bytes(workspace.root, doc.path)
    fresh = validate(load_bytes(raw, doc.path), config.number_locale)
    if fresh.has_errors or fresh.period != doc.period:
        raise EditRefused(_("{path}: changed on disk while okr was reading it; run the command again").format(path=doc.path))
    frozen = frozen_values(fresh, request.day, config)
    edited = apply_edit(raw, doc.path, config.number_locale, plan_close(request.day, frozen), _("the period was not closed"))
    shown = shown_path(workspace.root / doc.path, request.base)
    return Planned(path, shown, edited.raw, raw), ClosedSheet(shown, frozen)


def plan_close(day: dt.date, frozen: list[Frozen]) -> Callable[[Source], Edit]:
    """`closed: D` above the header's objectives (or at its end), `final:` above each
    objective's key results and at the end of each KPI, as one edit of the pipeline."""
    from okrcli.edit.changes import add_key
    from okrcli.edit.pipeline import combine

    def plan(source: Source) -> Edit:
        edits = [add_key(source, (), "closed", Scalar(day.isoformat(), day), before=("objectives", "kpis"))]
        for item in frozen:
            if item.number is not None and item.grade is not None:
                edits.append(add_key(source, item.path, "final", final_scalar(item), before=("key_results",)))
        return combine(edits)

    return plan


def final_scalar(item: Frozen) -> Scalar:
    """`{score: 0.62, grade: green}`: the number as Python writes it back exactly (0.62, 1.0)."""
    assert item.number is not None and item.grade is not None
    return Scalar(f"{{{item.key}: {final_number(item.number)}, grade: {item.grade}}}", {item.key: item.number, "grade": item.grade})


def final_number(number: float) -> str:
    """`number` as Python writes it back exactly, but never as `1.125`: a reader of a
    Vietnamese sheet takes that for 1125 (rule `ambiguous-number`), so it gets a fourth
    decimal, `1.1250`, the same float."""
    text = repr(number)
    return text + "0" if GROUPED.match(text) else text
