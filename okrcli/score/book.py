"""Score a workspace for one period: pick the period, set aside the sheets whose numbers or
identities cannot be known, score the rest, and the views built on the scores (an owner's
scorecard, the alignment tree).

Which sheets are left out (SPEC 3) is decided on rule IDs, `LEAVES_OUT`, never on levels:
wording, counts, alignment, baselines, weights, dates and staleness never remove anyone from
the numbers, however severe the config makes them. The other way round, a problem of
`LEAVES_OUT` leaves its sheet out even when its rule is disabled, set to `warning` or
suppressed by a comment: the config decides what `okr check` reports, not whether a number
that cannot be read can be counted. The sheet left out is the one the problem is located in
(for `duplicate-id`, the later definition; the first keeps the ref, as refs resolve to it).

The problems of `LEAVES_OUT` are found by the rules (`okrcli.lint.engine.unscorable`): the
use case hands them in. Pure apart from reading the workspace it is given: nothing here prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from okrcli.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from okrcli.history.facts import GitFacts
from okrcli.i18n import _
from okrcli.load.index import Index, Located
from okrcli.load.validate import SheetDoc
from okrcli.model.periods import Period, PeriodError, parse_period, resolve_period
from okrcli.model.refs import RefError, parse_ref
from okrcli.model.sheet import KPI, KeyResult, Objective
from okrcli.problem import Problem
from okrcli.repo.config import Config, Settings
from okrcli.repo.config import Scorecard as ScorecardWeights
from okrcli.repo.workspace import Workspace
from okrcli.score.ended import ended_kr_status, ended_objective_status, finals_apply, has_ended
from okrcli.score.key_results import GOALS, expected_score, grade, reaches, score_key_result
from okrcli.score.kpis import score_kpi
from okrcli.score.kpis import scorecard as build_scorecard
from okrcli.score.objectives import owner_scores, score_objective
from okrcli.score.projection import Dated, kr_forecast, projected_score
from okrcli.score.records import (
    Final,
    FinalAchievement,
    KPIScore,
    KRScore,
    LeftOut,
    ObjectiveScore,
    Scorecard,
    ScoreReport,
)

_LEVELS = {"company": 0, "team": 1, "individual": 2}
# The rules whose problems mean a number or an identity in the sheet cannot be known.
LEAVES_OUT = ("yaml-syntax", "duplicate-key", "unsafe-yaml", "unreadable-file", "schema", "duplicate-id", "unit-mismatch")


@dataclass(slots=True)
class Scored:
    report: ScoreReport  # the whole period
    scorer: Scorer
    root: Path | None = None  # the repository's root, once a use case opened it
    facts: GitFacts | None = None  # what git said, read once for the command
    shown: ScoreReport | None = None  # what to show when not the whole period (one owner's part)
    settings: Settings | None = None  # those the workspace was read with, once a use case opened it

    @property
    def left_out(self) -> list[LeftOut]:
        return self.report.left_out

    @property
    def view(self) -> ScoreReport:
        """What the command shows: one owner's part when it asked for one, else the period."""
        return self.shown if self.shown is not None else self.report

    @property
    def exit_code(self) -> int:
        # A score with sheets left out is incomplete: say so to scripts (1 = problems found).
        return EXIT_PROBLEMS if self.left_out else EXIT_OK


def score_workspace(
    workspace: Workspace, period: str | None, as_of: dt.date, unscorable: Iterable[Problem],
    last_updates: Mapping[str, dt.date] | None = None, points: Mapping[str, Sequence[Dated]] | None = None,
) -> Scored:
    """The period scored, the sheets with a problem of `unscorable` (those of `LEAVES_OUT`
    in the workspace) set aside."""
    selected = select_period(period, workspace, as_of)
    kept, left_out = set_aside(workspace, selected, unscorable)
    scorer = Scorer(kept, selected, as_of, workspace.settings.config, last_updates, points)
    return Scored(replace(scorer.report(), left_out=left_out), scorer)


def select_period(text: str | None, workspace: Workspace, as_of: dt.date) -> Period:
    try:
        return resolve_period(text, workspace.periods(), as_of)
    except PeriodError as err:
        raise UsageError(str(err)) from None


def set_aside(workspace: Workspace, selected: Period, unscorable: Iterable[Problem]) -> tuple[list[SheetDoc], list[LeftOut]]:
    """The sheets fit to score, and those left out that may belong to `selected` (a file
    whose period could not be read may), each with its first problem of `unscorable` (the
    workspace's problems of `LEAVES_OUT`, sorted)."""
    reasons: dict[str, Problem] = {}
    for problem in unscorable:
        reasons.setdefault(problem.path, problem)
    kept: list[SheetDoc] = []
    left_out: list[LeftOut] = []
    for doc in workspace.docs:
        reason = reasons.get(doc.path)
        if reason is None and doc.is_sheet:
            kept.append(doc)
        elif reason is not None and _may_belong(doc, selected):
            left_out.append(LeftOut(problem=reason, owner=_written_owner(doc)))
    return kept, left_out


def _written_owner(doc: SheetDoc) -> str | None:
    """The owner a sheet was written for, even when its header failed validation."""
    data = doc.loaded.data
    owner = doc.owner or (data.get("owner") if isinstance(data, dict) else None)
    return owner if isinstance(owner, str) and owner.strip() else None


def _may_belong(doc: SheetDoc, selected: Period) -> bool:
    """Whether a sheet with errors may be part of `selected`: its header may have failed
    validation for another key, so read the `period:` it was written with."""
    period = doc.period
    data = doc.loaded.data
    if period is None and isinstance(data, dict):
        try:
            period = parse_period(data.get("period"))
        except PeriodError:
            return True
    return period is None or selected.contains(period)


class Scorer:
    """Scores the sheets of one selected period; refs of sheets of other periods carry their
    period (`2025:company/O1`). `last_updates` maps a KR's full ref (`2025-Q3:owner/O1/KR1`)
    to the date of its last update: the hook staleness is computed from; `points` maps it
    to its value points up to the as-of date (check-ins and git), which its forecast is
    fitted to (SPEC 3.1)."""

    def __init__(
        self, docs: list[SheetDoc], selected: Period, as_of: dt.date, config: Config,
        last_updates: Mapping[str, dt.date] | None = None, points: Mapping[str, Sequence[Dated]] | None = None,
    ) -> None:
        self.docs, self.selected, self.as_of, self.config = docs, selected, as_of, config
        self.index = Index(docs)
        self.last_updates = last_updates or {}
        self.points = points or {}

    def report(self) -> ScoreReport:
        chosen = sorted((d for d in self.docs if _period(d) is not None and self.selected.contains(_period(d))), key=_sheet_order)
        objectives = [self.objective(doc, o) for doc in chosen for o in doc.objectives]
        kpis = [self.kpi(doc, k) for doc in chosen for k in doc.kpis]
        elapsed = self.selected.elapsed(self.as_of)
        order = list(dict.fromkeys([o.owner for o in objectives] + [k.owner for k in kpis]))
        first = _first_sheets(chosen)
        order.sort(key=lambda owner: first.get(owner, len(chosen)))
        return ScoreReport(
            period=self.selected.text, as_of=self.as_of, elapsed=elapsed, objectives=objectives, kpis=kpis,
            owners=owner_scores(objectives), order=order, locale=self.config.number_locale,
            ended=has_ended(self.selected, self.as_of), closed=bool(chosen) and all(_closed_by(d, self.as_of) for d in chosen),
        )

    def ref(self, doc: SheetDoc, *parts: str) -> str:
        period = _period(doc)
        prefix = "" if period == self.selected else f"{period.text}:"
        return prefix + "/".join((doc.owner, *parts))

    def objective(self, doc: SheetDoc, objective: Objective) -> ObjectiveScore:
        owner = objective.owner or doc.owner
        expected = expected_score(_period(doc).elapsed(self.as_of), objective.kind)
        krs = [self.key_result(doc, objective, kr, owner, expected) for kr in objective.key_results]
        ref = self.ref(doc, objective.id)
        scored = score_objective(ref, owner, objective.title, objective.kind, objective.weight, krs, self.config.grading)
        found = self.parent(doc, objective)
        parent = self.ref(found.doc, found.item.id) if found is not None else None
        level = doc.header.level if doc.header else "team"
        scored = self.in_time(replace(scored, level=level, parent=parent, period=_period(doc).text), objective, _period(doc))
        return self.with_final(scored, objective, doc)

    def in_time(self, scored: ObjectiveScore, objective: Objective, period: Period) -> ObjectiveScore:
        """The objective's place in its period: its projection, or its final status once ended."""
        bands = self.config.grading.committed if objective.kind == "committed" else self.config.grading.aspirational
        krs = scored.key_results
        projected = projected_score((k.weight, k.forecast.score if k.forecast else None, k.score) for k in krs)
        ended = has_ended(period, self.as_of)
        status = ended_objective_status([k.status for k in krs if k.status is not None]) if ended else scored.status
        return replace(
            scored, status=status, goal=GOALS.get(objective.kind, GOALS["aspirational"]), projected_score=projected,
            projected_grade=grade(projected, bands), retro=objective.retro, ended=ended,
        )

    def closed(self, doc: SheetDoc) -> bool:
        """Whether the finals `doc` carries hold at the as-of date (`finals_apply`)."""
        return finals_apply(_period(doc), doc.header.closed if doc.header is not None else None, self.as_of)

    def with_final(self, scored: ObjectiveScore, objective: Objective, doc: SheetDoc) -> ObjectiveScore:
        """The score and grade `okr close` froze, in place of those the values give now (SPEC
        3.1): a value edited afterwards moves nothing (rule `closed-period-changed` says so).
        Its key results keep their recomputed scores: they have no finals."""
        if objective.final is None or not self.closed(doc):
            return scored
        final = Final(objective.final.score, objective.final.grade)
        too_easy = objective.kind == "aspirational" and reaches(final.score, 1.0)
        return replace(  # nothing is left to project: the projection is the final too
            scored, score=final.score, grade=final.grade, too_easy=too_easy, final=final,
            projected_score=final.score, projected_grade=final.grade,
        )

    def key_result(self, doc: SheetDoc, objective: Objective, kr: KeyResult, owner: str, expected: float) -> KRScore:
        full = f"{_period(doc).text}:{doc.owner}/{objective.id}/{kr.id}"
        scored = score_key_result(
            kr, self.ref(doc, objective.id, kr.id), kr.owner or owner, expected, as_of=self.as_of,
            last_update=self.last_updates.get(full), stale_after_days=self.config.stale_after_days,
            locale=self.config.number_locale,
        )
        scored = replace(scored, links=tuple(kr.links))
        if has_ended(_period(doc), self.as_of):  # nothing is on pace or stale any more: done or closed
            return replace(scored, status=ended_kr_status(scored.score) if scored.status is not None else None, stale=False)
        if scored.score is None:
            return scored
        points = self.points.get(full, ())
        return replace(scored, forecast=kr_forecast(kr, points, _period(doc), self.as_of, scored.score, self.config.number_locale))

    def kpi(self, doc: SheetDoc, kpi: KPI) -> KPIScore:
        """A KPI's achievement, or the one `okr close` froze once the sheet is closed."""
        measured = score_kpi(kpi, self.ref(doc, kpi.id), kpi.owner or doc.owner, _period(doc), self.config.kpi, self.config.number_locale)
        if kpi.final is None or not self.closed(doc):
            return measured
        final = FinalAchievement(kpi.final.achievement, kpi.final.grade)
        return replace(measured, achievement=final.achievement, met=reaches(final.achievement, 1.0), grade=final.grade, final=final)

    def parent(self, doc: SheetDoc, objective: Objective) -> Located[Objective] | None:
        if objective.parent is None:
            return None
        try:
            return self.index.objective(parse_ref(objective.parent), _period(doc))
        except RefError:
            return None


def _first_sheets(docs: list[SheetDoc]) -> dict[str, int]:
    """Where each owner first appears: their own sheet, else the first sheet naming them
    as an objective's or a KPI's owner. One pass, so ordering stays linear in the sheets."""
    own: dict[str, int] = {}
    named: dict[str, int] = {}
    for index, doc in enumerate(docs):
        own.setdefault(doc.owner, index)
        for owner in [o.owner for o in doc.objectives] + [k.owner for k in doc.kpis]:
            if owner is not None:
                named.setdefault(owner, index)
    return named | own


def _closed_by(doc: SheetDoc, as_of: dt.date) -> bool:
    """The sheet carries `closed:`, of a day on or before `as_of`."""
    return doc.header is not None and doc.header.closed is not None and doc.header.closed <= as_of


def _period(doc: SheetDoc) -> Period:
    assert doc.period is not None  # kept sheets always have one
    return doc.period


def _sheet_order(doc: SheetDoc) -> tuple[int, dt.date, int, str]:
    level = doc.header.level if doc.header else "team"
    return (_LEVELS.get(level, 1), _period(doc).start, -_period(doc).days, doc.path)


def owners_in(report: ScoreReport) -> list[str]:
    """Everyone who owns an objective, a key result or a KPI in the report, in order."""
    names = [o.owner for o in report.objectives]
    names += [kr.owner for o in report.objectives for kr in o.key_results]
    names += [k.owner for k in report.kpis]
    return list(dict.fromkeys(names))


def unknown_owner(owner: str, known: list[str], period: str) -> UsageError:
    listed = ", ".join(sorted(known)) or _("nobody")
    return UsageError(_("unknown owner {owner} in {period}; owners: {listed}").format(owner=repr(owner), period=period, listed=listed))


def require_owner(report: ScoreReport, owner: str) -> None:
    """A usage error unless `owner` owns something in the period. The owner of a sheet left
    out exists: what they own is unknown, which the left-out notice says (exit 1), not that
    they are unknown (exit 2)."""
    known = list(dict.fromkeys(owners_in(report) + [o.owner for o in report.left_out if o.owner is not None]))
    if owner not in known:
        raise unknown_owner(owner, known, report.period)


def for_owner(report: ScoreReport, owner: str) -> ScoreReport:
    """Only the objectives and KPIs `owner` owns (their KRs elsewhere are in `okr scorecard`)."""
    require_owner(report, owner)
    objectives = [o for o in report.objectives if o.owner == owner]
    kpis = [k for k in report.kpis if k.owner == owner]
    owners = [o for o in report.owners if o.owner == owner]
    return replace(report, objectives=objectives, kpis=kpis, owners=owners, order=[owner])


def owner_scorecard(report: ScoreReport, owner: str, weights: ScorecardWeights) -> Scorecard:
    """The KPIs `owner` owns and the KRs they own, wherever the objective sits."""
    require_owner(report, owner)
    kpis = [k for k in report.kpis if k.owner == owner]
    key_results = [kr for o in report.objectives for kr in o.key_results if kr.owner == owner]
    return build_scorecard(owner, report.period, kpis, key_results, weights)
