"""The review-meeting report (`okr report`): everything the Markdown and HTML pages show,
gathered once from a scored period so the renderers only lay it out.

Choices made here, once for both formats:

* Values are shown as `okr score` shows them (in the repo's `number_locale`, by the
  renderers through `okrcli.reporters.values`), with the comparators written as signs
  (`≥ 40%`); scores stay `0.53` as everywhere else in okr, so the report and `okr score`
  show the same figures.
* Every number is shown with what it is computed from. An owner's grade is their score on
  the bands their objectives are graded on, when these are of one kind (a mean of yellow
  objectives is then yellow); with committed and aspirational objectives, whose bands
  differ, no band on the mean agrees with the objectives' grades, so the owner's grade is
  their lowest objective grade, and says so. The scorecard lists what it counts: the KRs
  they own in others' objectives are listed in their section, and a KR of theirs owned by
  someone else says whose scorecard it counts in.
* A KR's confidence and its note may come from different check-ins (the latest one need not
  explain itself): each is shown with its date.
* A KR's history is its check-ins plus the commits that changed its value, up to the as-of
  date; git starts three times for the whole report, whatever the number of sheets and KRs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from okrcli.history import timeline as history
from okrcli.history.facts import GitFacts
from okrcli.history.timeline import Item, Point
from okrcli.load.as_of import reading_day
from okrcli.load.validate import SheetDoc
from okrcli.model.periods import parse_period
from okrcli.model.sheet import KPI, CheckIn, KeyResult, KPIFinal, Objective, ObjectiveFinal
from okrcli.model.values import Locale, Value
from okrcli.repo.config import Config
from okrcli.report.charts import Chart, kr_chart
from okrcli.report.since import Since
from okrcli.score.alignment import TreeNode, scored_tree
from okrcli.score.book import Scored, Scorer, for_owner
from okrcli.score.ended import has_ended
from okrcli.score.key_results import expected_score, grade, weighted_mean
from okrcli.score.kpis import applied_weights
from okrcli.score.kpis import scorecard as build_scorecard
from okrcli.score.records import Grade, KPIScore, KRScore, LeftOut, ObjectiveScore, Scorecard, ScoreReport


@dataclass(frozen=True, slots=True)
class KRLine:
    score: KRScore
    start: Value | None  # None: no baseline (a threshold or a milestone)
    unit: str | None  # the KR's `unit:`
    locale: Locale  # the repo's number_locale, to show the values in
    history: tuple[Point, ...]  # oldest first
    note: str | None  # the latest check-in note, with its date
    note_date: dt.date | None
    other_owner: str | None = None  # its owner, when not its objective's: their scorecard counts it
    chart: Chart | None = None  # its value over the period, with target, pace and projection


@dataclass(frozen=True, slots=True)
class ObjectiveBlock:
    score: ObjectiveScore
    key_results: tuple[KRLine, ...]
    expected: float  # the score on pace by the as-of date: elapsed × goal (SPEC 3)
    final: ObjectiveFinal | None = None  # as written by `okr close`
    retro: str | None = None  # what the team learned, as written


@dataclass(frozen=True, slots=True)
class KPILine:
    score: KPIScore
    locale: Locale  # the repo's number_locale, to show the values in
    final: KPIFinal | None = None  # as written by `okr close`


@dataclass(frozen=True, slots=True)
class OwnerSection:
    owner: str
    score: float | None  # None when they own no objective
    grade: Grade | None
    scorecard: Scorecard  # the 60/40 view, over the whole period (their KRs anywhere)
    objectives: tuple[ObjectiveBlock, ...]
    kpis: tuple[KPILine, ...]
    kpis_met: int
    lowest: bool = False  # the grade is their lowest objective grade (objectives of both kinds)
    elsewhere: tuple[KRLine, ...] = ()  # the KRs they own in others' objectives, in their scorecard
    projected_score: float | None = None  # their objectives' projected scores, weighted
    projected_grade: Grade | None = None  # graded as `grade` is, on the projected scores
    ended: bool = False  # their objectives' periods have all ended: `grade` is final

    @property
    def standing_grade(self) -> Grade | None:
        """The final grade once ended; while the period runs, the projected one (SPEC 3.1)."""
        return self.grade if self.ended else self.projected_grade


@dataclass(frozen=True, slots=True)
class Summary:
    grades: dict[str, int]  # objectives per grade as shown: green, yellow, red
    too_easy: int
    kpis_met: int
    kpis: int
    projected: bool = False  # the grades counted are projected: a period still runs


@dataclass(frozen=True, slots=True)
class ReportData:
    name: str  # the goals repository's folder name, as a heading
    period: str
    as_of: dt.date
    elapsed: float
    locale: Locale  # the repo's number_locale: how every number is written
    owners: tuple[OwnerSection, ...]
    tree: tuple[TreeNode, ...]
    summary: Summary
    in_git: bool | None  # False: check-ins only, outside git; None: no KR to look up
    left_out: tuple[LeftOut, ...]  # sheets of the period the numbers do not include
    weights: tuple[float, float] = (0.6, 0.4)  # the scorecard's, as configured (kpis, key results)
    kpi_cap: float = 1.0
    since: Since | None = None  # the changes since the previous review (`--since`)
    ended: bool = False  # the period's last day is before the as-of date: its grades are final


def gather(scored: Scored, root: Path, owner: str | None = None, facts: GitFacts | None = None) -> ReportData:
    """The report of `scored` (all owners, or one); reads the sheets' git history once."""
    full = scored.report
    report = for_owner(full, owner) if owner is not None else full
    config = scored.scorer.config
    found = key_results(scored.scorer)
    histories, in_git = kr_histories(facts or GitFacts(root), found, config.number_locale, full.as_of)
    builder = _Builder(full, config, found, histories, _Groups(report, full), goals(scored.scorer))
    weights = config.scorecard
    return ReportData(
        root.name, report.period, report.as_of, report.elapsed, config.number_locale,
        tuple(builder.owner(name, report) for name in ([owner] if owner is not None else owners_of(report))),
        tuple(scored_tree(report.objectives, scored.scorer)), _summary(report), in_git, tuple(full.left_out),
        applied_weights(True, True, weights), weights.kpi_cap, ended=has_ended(scored.scorer.selected, report.as_of),
    )


# --- owners, objectives, key results, KPIs --------------------------------------------------

Found = tuple[SheetDoc, Objective, KeyResult]
Histories = dict[str, tuple[Point, ...]]


class _Groups:
    """Each owner's objectives and KPIs (of the report) and KRs (of the whole period), grouped
    in one pass: a report of thousands of owners stays linear."""

    def __init__(self, report: ScoreReport, full: ScoreReport) -> None:
        self.objectives: dict[str, list[ObjectiveScore]] = {}
        self.kpis: dict[str, list[KPIScore]] = {}
        self.full_kpis: dict[str, list[KPIScore]] = {}
        self.key_results: dict[str, list[tuple[ObjectiveScore, KRScore]]] = {}
        for o in report.objectives:
            self.objectives.setdefault(o.owner, []).append(o)
        for k in report.kpis:
            self.kpis.setdefault(k.owner, []).append(k)
        self.scores = {o.owner: o.score for o in reversed(report.owners)}  # the first one wins
        for k in full.kpis:
            self.full_kpis.setdefault(k.owner, []).append(k)
        for o in full.objectives:
            for kr in o.key_results:
                self.key_results.setdefault(kr.owner, []).append((o, kr))


@dataclass(frozen=True, slots=True)
class _Builder:
    full: ScoreReport  # the whole period: a scorecard counts an owner's KRs anywhere
    config: Config
    found: dict[str, Found]  # KR ref → its sheet, objective and model
    histories: Histories
    groups: _Groups
    models: dict[str, Objective | KPI]  # objectives and KPIs by ref: their `final:` and `retro`

    def owner(self, name: str, report: ScoreReport) -> OwnerSection:
        objectives, kpis = self.groups.objectives.get(name, []), self.groups.kpis.get(name, [])
        owned = self.groups.key_results.get(name, [])
        card = build_scorecard(name, self.full.period, self.groups.full_kpis.get(name, []), [kr for _, kr in owned], self.config.scorecard)
        value = self.groups.scores.get(name)
        graded, lowest = owner_grade(value, objectives, self.config)
        projected = weighted_mean((o.weight, o.projected_score) for o in objectives if o.projected_score is not None)
        return OwnerSection(
            name, value, graded, card,
            tuple(self.block(o, name) for o in objectives),
            tuple(self.kpi_line(k) for k in kpis), sum(1 for k in kpis if k.met), lowest,
            tuple(self.kr_line(kr, name) for o, kr in owned if o.owner != name),
            projected, owner_grade(projected, objectives, self.config, projected=True)[0], all(o.ended for o in objectives),
        )

    def kr_line(self, kr: KRScore, section: str) -> KRLine:
        """The KR as the section of owner `section` shows it."""
        found = self.found.get(kr.ref)
        model = found[2] if found is not None else None
        note = latest_note(model.check_ins) if model is not None else None
        history = self.histories.get(kr.ref, ())
        return KRLine(kr, model.start if model is not None else None, model.unit if model is not None else None, self.config.number_locale,
                      history, note.note if note else None, note.date if note else None,
                      kr.owner if kr.owner != section else None, self.chart(kr, history))

    def chart(self, kr: KRScore, history: tuple[Point, ...]) -> Chart | None:
        found = self.found.get(kr.ref)
        if found is None or found[0].period is None:
            return None
        return kr_chart(found[2], history, found[0].period, self.full.as_of, kr.score, self.config.number_locale)

    def expected(self, objective: ObjectiveScore) -> float:
        # An objective's own period sets its pace: a year's report holds quarters at
        # different points of their course.
        return expected_score(parse_period(objective.period).elapsed(self.full.as_of), objective.kind)

    def block(self, o: ObjectiveScore, name: str) -> ObjectiveBlock:
        model = self.models.get(o.ref)
        final, retro = (model.final, model.retro) if isinstance(model, Objective) else (None, None)
        return ObjectiveBlock(o, tuple(self.kr_line(kr, name) for kr in o.key_results), self.expected(o), final, retro)

    def kpi_line(self, kpi: KPIScore) -> KPILine:
        model = self.models.get(kpi.ref)
        return KPILine(kpi, self.config.number_locale, model.final if isinstance(model, KPI) else None)


def owners_of(report: ScoreReport) -> list[str]:
    """Owners in the order their sheets come (company first), as `okr score` groups them,
    then those who own only key results in others' objectives: each gets a section."""
    first = report.order or [o.owner for o in report.objectives] + [k.owner for k in report.kpis]
    return list(dict.fromkeys(first + [kr.owner for o in report.objectives for kr in o.key_results]))


GRADE_ORDER: tuple[Grade, ...] = ("red", "yellow", "green")


def owner_grade(
    value: float | None, objectives: Sequence[ObjectiveScore], config: Config, projected: bool = False,
) -> tuple[Grade | None, bool]:
    """The owner's grade, and whether it is their lowest objective grade (see the module);
    `projected`: of the projected scores and grades."""
    kinds = {o.kind for o in objectives}
    if len(kinds) <= 1:
        bands = config.grading.committed if kinds == {"committed"} else config.grading.aspirational
        return grade(value, bands), False
    graded = [found for o in objectives if (found := o.projected_grade if projected else o.grade) is not None]
    return (min(graded, key=GRADE_ORDER.index) if graded else None), True


def latest_note(check_ins: Sequence[CheckIn]) -> CheckIn | None:
    """The most recent check-in that says something: a silent latest check-in does not hide
    last week's explanation."""
    noted = [c for c in check_ins if c.note and c.note.strip()]
    return sorted(noted, key=lambda c: c.date)[-1] if noted else None


def _summary(report: ScoreReport) -> Summary:
    counts = report.grade_counts()
    return Summary(counts, sum(1 for o in report.objectives if o.too_easy), report.kpis_met, len(report.kpis),
                   any(not o.ended for o in report.objectives))


# --- history ---------------------------------------------------------------------------------


def key_results(scorer: Scorer) -> dict[str, Found]:
    """Every KR of the selected period by the ref the report gives it."""
    found: dict[str, Found] = {}
    for doc in scorer.docs:
        if doc.period is None or not scorer.selected.contains(doc.period):
            continue
        for objective in doc.objectives:
            for kr in objective.key_results:
                found[scorer.ref(doc, objective.id, kr.id)] = (doc, objective, kr)
    return found


def goals(scorer: Scorer) -> dict[str, Objective | KPI]:
    """Every objective and KPI of the selected period by the ref the report gives it."""
    found: dict[str, Objective | KPI] = {}
    for doc in scorer.docs:
        if doc.period is not None and scorer.selected.contains(doc.period):
            found.update({scorer.ref(doc, o.id): o for o in doc.objectives})
            found.update({scorer.ref(doc, k.id): k for k in doc.kpis})
    return found


def kr_histories(facts: GitFacts, found: dict[str, Found], locale: str, as_of: dt.date) -> tuple[Histories, bool | None]:
    """Each KR's points up to `as_of`, and whether git was there to ask (None: no KR, not asked).
    One batch for all the sheets: git starts the same few times whatever the number of KRs."""
    if not found:
        return {}, None
    wanted = {
        ref: (doc.path, Item(doc.period.text, doc.owner, (objective.id, kr.id)), kr.check_ins)
        for ref, (doc, objective, kr) in found.items()
        if doc.period is not None
    }
    points, in_git = history.value_histories(facts, wanted, locale)
    cut = {ref: reading_day(doc, as_of) for ref, (doc, _, _) in found.items()}  # a closed sheet: its closing day
    return {ref: tuple(p for p in found_points if p.date <= cut[ref]) for ref, found_points in points.items()}, in_git
