"""The records scoring produces (SPEC 3): a key result's, an objective's, a KPI's and an
owner's score, a scorecard, the period's report and the sheets left out of it. They carry
numbers and the values as written (`Value`); reporters render them in the repo's locale.
Build them with keywords."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from okrcli.model.kinds import Kind
from okrcli.model.values import Locale, Value
from okrcli.problem import Problem

Status = Literal["done", "on-track", "at-risk", "off-track", "pending", "closed"]
Grade = Literal["green", "yellow", "red"]
Target = Decimal | tuple[Decimal, Decimal] | None  # T, a band (low, high), or nothing: as read, exactly


@dataclass(frozen=True, slots=True)
class Forecast:
    """Where a key result's value is heading (`okrcli.score.projection`), 4 decimals."""

    value: float
    score: float
    eta: dt.date | None


@dataclass(frozen=True, slots=True)
class KRScore:
    ref: str
    title: str
    kind: Kind | None
    owner: str
    weight: float
    start: Decimal | None
    target: Target
    current: Decimal | None  # a milestone's is 1 (done) or 0
    progress: float | None  # unclamped; None when there is no value yet
    score: float | None  # clamped to 0..1; None only when the formula is broken (`error`)
    status: Status | None
    stale: bool = False
    confidence: float | None = None
    target_written: Value | None = None  # the target as written; reporters show it in the repo's locale
    current_written: Value | None = None  # `current`, else the latest check-in's value, as written
    error: str | None = None
    grade: Grade | None = None  # on its objective's bands: what the bars are coloured by
    confidence_date: dt.date | None = None  # the check-in the confidence was given in
    unit: str | None = None  # the KR's `unit:`, shown beside its values
    forecast: Forecast | None = None  # where the value is heading by the period's end (SPEC 3.1)
    links: tuple[str, ...] = ()  # evidence: dashboards, issues, docs


@dataclass(frozen=True, slots=True)
class ObjectiveScore:
    ref: str
    owner: str
    title: str
    kind: str
    weight: float
    score: float | None
    grade: Grade | None
    status: Status
    too_easy: bool
    key_results: list[KRScore] = field(default_factory=list)
    level: str = "team"  # the sheet's level: company, team or individual
    parent: str | None = None  # the parent's ref as this report names it, when it resolves
    period: str = ""
    goal: float = 0.6  # the score the period should end with: 0.6 aspirational, 1.0 committed
    projected_score: float | None = None  # the KRs' forecast scores (current where none), weighted
    projected_grade: Grade | None = None
    final: Final | None = None  # as written by `okr close`: `score` and `grade` are these
    retro: str | None = None
    ended: bool = False  # its period has ended: the grade is final, no projection to show

    @property
    def standing_grade(self) -> Grade | None:
        """The grade that stands (SPEC 3.1): the final one once the period has ended, the
        projected one while it runs; what every human format shows and counts."""
        return self.grade if self.ended else self.projected_grade


@dataclass(frozen=True, slots=True)
class Final:
    """An objective's score and grade as `okr close` froze them."""

    score: float
    grade: Grade


@dataclass(frozen=True, slots=True)
class FinalAchievement:
    """A KPI's achievement and grade as `okr close` froze them."""

    achievement: float
    grade: Grade


@dataclass(frozen=True, slots=True)
class MonthValue:
    """A month's reading of a KPI, one of those its achievement is the mean of."""

    month: str  # 2025-07
    value: Decimal
    written: Value  # as written, for display


@dataclass(frozen=True, slots=True)
class KPIScore:
    ref: str
    owner: str
    title: str
    kind: Kind
    weight: float
    target: Target
    actual: Decimal | None
    achievement: float | None
    met: bool | None
    grade: Grade | None
    readings: tuple[MonthValue, ...] = ()  # the months averaged; none: the actual was used
    target_written: Value | None = None
    actual_written: Value | None = None  # `actual`, the latest check-in or the latest reading
    error: str | None = None
    unit: str | None = None  # the KPI's `unit:`, shown beside its values
    final: FinalAchievement | None = None  # as written by `okr close`: `achievement` and `grade` are these

    @property
    def months(self) -> int:
        return len(self.readings)


@dataclass(frozen=True, slots=True)
class OwnerScore:
    owner: str
    score: float | None


@dataclass(frozen=True, slots=True)
class Scorecard:
    owner: str
    period: str
    score: float | None
    kpi_part: float | None
    kr_part: float | None
    weights: tuple[float, float]  # (kpis, key_results) as applied, after any hand-over
    kpis: list[KPIScore] = field(default_factory=list)
    key_results: list[KRScore] = field(default_factory=list)
    kpi_cap: float = 1.0  # each KPI's achievement counts up to this much


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A sheet left out of the scores (SPEC 3) and the first problem that leaves it out."""

    problem: Problem
    owner: str | None = None  # its `owner:` when that can be read: the owner still exists

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def rule(self) -> str:
        return self.problem.rule


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """Everything `okr score` shows for one period; refs carry a `2025:` prefix only for
    sheets of another period than the one selected (a year selects its quarters)."""

    period: str
    as_of: dt.date
    elapsed: float
    objectives: list[ObjectiveScore] = field(default_factory=list)
    kpis: list[KPIScore] = field(default_factory=list)
    owners: list[OwnerScore] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # owners as their sheets come, for grouping
    left_out: list[LeftOut] = field(default_factory=list)  # sheets of the period not scored
    locale: Locale = "en"  # the repo's number_locale: how reporters write the values
    ended: bool = False  # the period's last day is before the as-of date
    closed: bool = False  # its sheets carry `closed:`

    def grade_counts(self) -> dict[str, int]:
        """How many objectives stand green, yellow and red (ungraded ones are left out): the
        grades shown beside them, projected while the period runs."""
        counts = {"green": 0, "yellow": 0, "red": 0}
        for objective in self.objectives:
            if objective.standing_grade is not None:
                counts[objective.standing_grade] += 1
        return counts

    @property
    def kpis_met(self) -> int:
        return sum(1 for k in self.kpis if k.met)
