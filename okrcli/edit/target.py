"""The key result or KPI a check-in is recorded on: found by its ref (unknown refs are usage
errors with suggestions), and found again in the file as it is on disk before the edit."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import TYPE_CHECKING, Any, NamedTuple

from okrcli.errors import UsageError
from okrcli.i18n import _

if TYPE_CHECKING:
    from okrcli.load.validate import SheetDoc
    from okrcli.model.sheet import KPI, KeyResult, Objective
    from okrcli.repo.workspace import Workspace


class Measured(NamedTuple):
    """A key result or KPI found by its ref: what check-ins are recorded on."""

    doc: SheetDoc
    item: KeyResult | KPI
    objective: Objective | None  # a key result's objective; None for a KPI
    ref: str

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.objective.id, self.item.id) if self.objective is not None else (self.item.id,)

    @property
    def milestone(self) -> bool:
        item = self.item
        return bool(item.is_milestone) if self.objective is not None else item.done is not None  # type: ignore[union-attr]

    @property
    def field(self) -> str:
        return "done" if self.milestone else "current" if self.objective is not None else "actual"


def locate(workspace: Workspace, text: str, as_of: dt.date) -> Measured:
    """The key result or KPI `text` names; unknown refs are usage errors with suggestions."""
    from okrcli.load.index import Index
    from okrcli.model.periods import default_period
    from okrcli.model.refs import RefError, parse_ref

    try:
        ref = parse_ref(text)
    except RefError as err:
        raise UsageError(str(err)) from None
    periods = workspace.periods()
    if not periods:
        raise UsageError(_("the repository has no goal sheets with a period yet; run `okr init` to add one"))
    period = ref.period or default_period(periods, as_of)
    index = Index(workspace.sheets)
    found = index.key_result(ref, period) if len(ref.parts) == 2 else index.kpi(ref, period)
    if found is not None:
        return Measured(found.doc, found.item, found.objective, str(ref))
    if index.objective(ref, period) is not None:
        raise UsageError(_("{quoted} is an objective; check in on one of its key results, e.g. {text}/KR1").format(quoted=repr(text), text=text))
    wanted = "/".join((ref.owner, *ref.parts))
    missing = _("no key result or KPI {text} in {period}").format(text=repr(text), period=period.text)
    unread = _unread(workspace)
    if unread:  # the ref may well be in a sheet that could not be read: say so, suggest nothing else
        raise UsageError(missing + _("; these sheets could not be read, so it may be in one of them: {problems}").format(problems=unread))
    raise UsageError(missing + _suggestion(index, wanted, period.text))


def _unread(workspace: Workspace) -> str:
    """The sheets left unread or invalid, each with its first error: `a.yaml:3:5: … (schema)`."""
    first: dict[str, str] = {}
    for p in workspace.problems():
        if p.level == "error":
            first.setdefault(p.path, f"{p.path}:{p.line}:{p.column}: {p.message} ({p.rule})")
    return "; ".join(first.values())


def _suggestion(index: Any, wanted: str, period: str) -> str:
    """Near refs of the period; else near refs of other periods, written with their period."""
    here: set[str] = set()
    elsewhere: list[tuple[str, str]] = []
    for found_period, owner, *ids in (*index.key_results, *index.kpis):
        ref = "/".join((owner, *ids))
        if found_period == period:
            here.add(ref)
        else:
            elsewhere.append((ref, f"{found_period}:{ref}"))
    alike = [ref for ref in here if ref.count("/") == wanted.count("/")]  # KRs for a KR, KPIs for a KPI
    close = sorted(difflib.get_close_matches(wanted, sorted(alike), n=3, cutoff=0.6))
    close = close or sorted(difflib.get_close_matches(wanted, sorted(here), n=3, cutoff=0.6))
    if not close:
        same = [full for ref, full in elsewhere if ref == wanted]
        near = set(difflib.get_close_matches(wanted, sorted({ref for ref, _ in elsewhere}), n=3, cutoff=0.6))
        close = sorted(same or [full for ref, full in elsewhere if ref in near])[:3]
    return _("; did you mean {refs}?").format(refs=_(" or ").join(close)) if close else ""


def reread(target: Measured, raw: bytes, locale: str) -> Measured:
    """The item as the file holds it now: the edit must land on what is on disk."""
    from okrcli.load.reader import load_bytes
    from okrcli.load.validate import validate

    return find(validate(load_bytes(raw, target.doc.path), locale), target.ids, target.ref)


def find(doc: SheetDoc, ids: tuple[str, ...], ref: str) -> Measured:
    if len(ids) == 2:
        for objective in doc.objectives:
            for kr in objective.key_results:
                if (objective.id, kr.id) == ids:
                    return Measured(doc, kr, objective, ref)
    for kpi in doc.kpis if len(ids) == 1 else []:
        if kpi.id == ids[0]:
            return Measured(doc, kpi, None, ref)
    raise UsageError(_("{path}: {ref} cannot be read any more; run `okr check {path}`").format(path=doc.path, ref=ref))
