"""`okr rollover FROM TO` as one call (SPEC 3.1): start period TO's sheets from FROM's. Each
sheet of FROM with something to carry becomes a new sheet at the same path with the period's
name replaced, made by the edit pipeline from the old text (`okrcli.edit.carry`). Every new
sheet is planned and verified, and every path checked free, before the first is written.
Nothing here prints; the command shows the result.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from okrcli.edit.batch import Planned
from okrcli.edit.carry import Carry
from okrcli.errors import EditRefused, UsageError
from okrcli.i18n import _, ngettext
from okrcli.load.index import Index
from okrcli.load.validate import SheetDoc
from okrcli.model.periods import Period
from okrcli.repo.workspace import Workspace


@dataclass(frozen=True, slots=True)
class RolloverRequest:
    base: Path  # where okr runs: paths are shown relative to it
    config: Path | None
    source: str  # FROM as typed
    target: str  # TO as typed
    owner: str | None
    carry_all: bool
    dry_run: bool
    today: dt.date


@dataclass(frozen=True, slots=True)
class NewSheet:
    path: str  # the new sheet, as the user sees it
    carried: list[str]  # the refs carried: marketing/O1, marketing/K1
    dropped: list[tuple[str, str]]  # the objective and the parent dropped: (marketing/O1, company/O2)


@dataclass(frozen=True, slots=True)
class RolledOver:
    source: str
    target: str
    sheets: list[NewSheet]
    dry_run: bool


def roll_over(request: RolloverRequest) -> RolledOver:
    from okrcli.edit.batch import write_all
    from okrcli.edit.carry import decide
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace
    from okrcli.score.book import select_period

    workspace = open_workspace(request.base, request.config, resolve_rules)
    source = select_period(request.source, workspace, request.today)
    target = _target(request.target, source)
    carries = [decide(doc, workspace.settings.config, request.carry_all) for doc in _sheets(workspace, source, request.owner, request.today)]
    carries = [carry for carry in carries if not carry.empty]
    _drop_parents(carries, Index(workspace.sheets), target)
    planned = [_planned(workspace, carry, source, target, request.base) for carry in carries]
    _refuse_in_the_way(workspace.root, [plan for plan, _ in planned])
    if not request.dry_run:
        write_all([plan for plan, _ in planned])
    return RolledOver(source.text, target.text, [sheet for _, sheet in planned], request.dry_run)


def _target(text: str, source: Period) -> Period:
    from okrcli.model.periods import PeriodError, parse_period

    try:
        target = parse_period(text)
    except PeriodError as err:
        raise UsageError(f"TO {text!r}: {err}") from None
    if target.start <= source.start:
        raise UsageError(_("TO {target} does not come after FROM {source}: roll a period over into a later one").format(target=target.text, source=source.text))
    return target


def _sheets(workspace: Workspace, source: Period, owner: str | None, today: dt.date) -> list[SheetDoc]:
    from okrcli.edit.close import sheets_of

    docs = [doc for doc in sheets_of(workspace, source, today, rolling_over=True) if doc.period == source]
    if owner is not None:
        owners = sorted({doc.owner for doc in docs})
        docs = [doc for doc in docs if doc.owner == owner]
        if not docs:
            raise UsageError(_("unknown owner {owner} in {period}; owners with sheets: {owners}").format(
                owner=repr(owner), period=source.text, owners=", ".join(owners) or _("nobody")))
    return docs


def _drop_parents(carries: list[Carry], index: Index, target: Period) -> None:
    """Mark each carried objective whose `parent` would resolve to nothing in TO: among TO's
    sheets as they are and the objectives this rollover carries, or an enclosing period's."""
    carried = {(c.doc.owner, o.objective.id) for c in carries for o in c.objectives}
    for carry in carries:
        for item in carry.objectives:
            parent = item.objective.parent
            item.dropped_parent = parent is not None and not _resolves(parent, target, index, carried)


def _resolves(text: str, target: Period, index: Index, carried: set[tuple[str, str]]) -> bool:
    from okrcli.model.refs import RefError, parse_ref

    try:
        ref = parse_ref(text)
    except RefError:
        return False
    if len(ref.parts) != 1 or (ref.period is not None and not ref.period.contains(target)):
        return False
    if (ref.period is None or ref.period == target) and (ref.owner, ref.parts[0]) in carried:
        return True
    return index.objective(ref, target) is not None


def _planned(workspace: Workspace, carry: Carry, source: Period, target: Period, base: Path) -> tuple[Planned, NewSheet]:
    from okrcli.edit.carry import plan_carry
    from okrcli.edit.pipeline import apply_edit, read_sheet_bytes
    from okrcli.repo.root import shown_path

    doc = carry.doc
    relative = _new_path(doc.path, source, target)
    raw = read_sheet_bytes(workspace.root, doc.path)
    shown = shown_path(workspace.root / relative, base)
    try:
        edited = apply_edit(raw, doc.path, workspace.settings.config.number_locale, plan_carry(carry, source, target), _("the new sheet was not written"))
    except EditRefused as err:  # the refusal is about the new sheet: rollover never edits FROM's
        reason = str(err).removeprefix(f"{doc.path}: ")
        raise EditRefused(_("{path}: cannot be written from {source}: {reason}").format(path=shown, source=doc.path, reason=reason)) from None
    carried = [f"{doc.owner}/{o.objective.id}" for o in carry.objectives] + [f"{doc.owner}/{k.id}" for k in doc.kpis]
    dropped = [(f"{doc.owner}/{o.objective.id}", o.objective.parent or "") for o in carry.objectives if o.dropped_parent]
    return Planned(workspace.root / relative, shown, edited.raw, None), NewSheet(shown, carried, dropped)


def _new_path(relative: str, source: Period, target: Period) -> str:
    if source.text not in relative:
        raise UsageError(_(
            "{path}: its path does not name {period}, so the new sheet's path cannot be made by replacing it; "
            "move the sheet into a folder named {period} first"
        ).format(path=relative, period=source.text))
    return relative.replace(source.text, target.text)


def _refuse_in_the_way(root: Path, planned: list[Planned]) -> None:
    """Never overwrite, never write through a link: every path must be free, and every
    folder on the way a real folder inside the root."""
    real_root = os.path.realpath(root)
    taken = [p.shown for p in planned if os.path.lexists(p.path)]
    if taken:
        raise UsageError(ngettext(
            "{paths} already exists; okr rollover never overwrites a file: move it away first",
            "{paths} already exist; okr rollover never overwrites a file: move them away first",
            len(taken),
        ).format(paths=", ".join(taken)))
    linked = [p.shown for p in planned if os.path.realpath(p.path) != os.path.join(real_root, os.path.relpath(p.path, root))]
    if linked:
        raise UsageError(
            _("{paths}: the path leads through a symbolic link; okr rollover writes real folders inside the repository only").format(paths=", ".join(linked))
        )
