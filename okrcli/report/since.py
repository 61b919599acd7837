"""`okr report --since DATE|REF`: what changed since the previous review.

Both sides are scored by the same machinery (`score_workspace`) with the same settings
(the config in force now, so a change of grading bands does not pose as a change of scores),
and the earlier side is the repository at a moment, read as every command reads it
(`okrcli.repo.source`, through the sheet cache):

* `--since REF`: the sheets at that commit only, read as of its commit date;
* `--since DATE`: the sheets as committed at the end of that day (the last commit on the
  current branch on or before it), plus the working-tree sheets not committed then; from
  today on, outside git, or before the first commit, the working tree; in a shallow clone
  that does not reach DATE, the working tree and a notice. Either way read by the one value
  rule at DATE: check-ins after it are left out.

A change is the difference of the two scores as shown (cut to two decimals, as every score
in okr is shown), so a reader can check it against the figures beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from pathlib import Path

from okrcli.errors import UsageError
from okrcli.i18n import _
from okrcli.load.as_of import docs_at
from okrcli.model.periods import parse_day
from okrcli.repo.config import Settings
from okrcli.repo.source import When, choose_source
from okrcli.repo.workspace import Workspace, open_source
from okrcli.score.book import score_workspace
from okrcli.score.records import Grade, ObjectiveScore, ScoreReport


@dataclass(frozen=True, slots=True)
class Change:
    ref: str  # an objective's ref, or an owner
    title: str  # the objective's title; '' for an owner
    before: float | None  # None: not there then (or no score)
    after: float | None  # None: not there now
    change: float | None  # after − before as shown (two decimals); None when either is missing
    grade_before: Grade | None = None  # as shown then and now: projected while the period runs
    grade_after: Grade | None = None
    projected: tuple[bool, bool] = (False, False)  # whether each grade is a projection (then, now)


@dataclass(frozen=True, slots=True)
class Since:
    asked: str  # the date or ref as typed
    commit: str | None  # the short hash read; None: the working tree
    as_of: dt.date  # the date the earlier side is read at
    objectives: tuple[Change, ...]
    owners: tuple[Change, ...]
    notice: str | None = None  # for stderr: the shallow clone whose history does not reach the date


def since(asked: str, root: Path, settings: Settings, now: ScoreReport, owner: str | None = None) -> Since:
    """The changes from the review at `asked` to `now` (one owner's, or all)."""
    workspace = _earlier(asked, root, settings)
    day = workspace.as_of
    assert day is not None  # chosen with its source
    if day > now.as_of:
        raise UsageError(_("--since {asked}: that review is of {day}, after this one's as-of date {as_of}; give an earlier date or ref").format(
            asked=asked, day=day.isoformat(), as_of=now.as_of.isoformat()))
    workspace.docs = docs_at(workspace.docs, day)
    try:
        then: ScoreReport | None = _scored(workspace, now.period, day)
    except UsageError:  # the period had no sheet yet
        then = None
    moment = workspace.source.moment
    return Since(asked, moment.short if moment else None, day, *_changes(then, now, owner), notice=workspace.source.notice)


def _scored(workspace: Workspace, period: str, day: dt.date) -> ScoreReport:
    """The period as the review then scored it, projections included (its grades as shown
    then are the projected ones while the period ran): git read once, cut at its commit."""
    from okrcli.lint.engine import unscorable
    from okrcli.score.book import select_period
    from okrcli.score.run import kr_points, moment_facts

    selected = select_period(period, workspace, day)
    points = kr_points(moment_facts(workspace), workspace, selected, day, workspace.settings.config.number_locale)
    return score_workspace(workspace, period, day, unscorable(workspace, day), points=points).report


def _earlier(asked: str, root: Path, settings: Settings) -> Workspace:
    """The repository as the review at `asked` (a date or a ref) read it."""
    try:
        if asked != asked.strip():
            raise ValueError(asked)
        when = When(as_of=parse_day(asked))
    except ValueError:
        when = When(at=asked)
    try:
        source, day = choose_source(root, when, dt.date.today())
    except UsageError as err:
        reason = str(err).removeprefix(f"--at {asked}: ")
        raise UsageError(_("--since {asked}: not a date (YYYY-MM-DD), and {reason}").format(asked=asked, reason=reason)) from None
    return open_source(root, settings, source, day)


def _changes(then: ScoreReport | None, now: ScoreReport, owner: str | None) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    before = {o.ref: o for o in (then.objectives if then else []) if owner is None or o.owner == owner}
    after = {o.ref: o for o in now.objectives if owner is None or o.owner == owner}
    objectives = [
        replace(_change(ref, (after.get(ref) or before[ref]).title, _score(before.get(ref)), _score(after.get(ref)),
                        _grade(before.get(ref)), _grade(after.get(ref))), projected=(_projected(before.get(ref)), _projected(after.get(ref))))
        for ref in [*after, *(r for r in before if r not in after)]
    ]
    owners_then = {o.owner: o.score for o in (then.owners if then else []) if owner is None or o.owner == owner}
    owners_now = {o.owner: o.score for o in now.owners if owner is None or o.owner == owner}
    owners = [_change(name, "", owners_then.get(name), owners_now.get(name)) for name in [*owners_now, *(n for n in owners_then if n not in owners_now)]]
    return tuple(objectives), tuple(owners)


def _score(objective: ObjectiveScore | None) -> float | None:
    return objective.score if objective is not None else None


def _grade(objective: ObjectiveScore | None) -> Grade | None:
    return objective.standing_grade if objective is not None else None


def _projected(objective: ObjectiveScore | None) -> bool:
    return objective is not None and not objective.ended


def _change(ref: str, title: str, before: float | None, after: float | None, grade_before: Grade | None = None, grade_after: Grade | None = None) -> Change:
    change = None if before is None or after is None else round(_shown(after) - _shown(before), 2) + 0.0
    return Change(ref, title, before, after, change, grade_before, grade_after)


def _shown(score: float) -> float:
    """A score as okr shows it: cut, not rounded, to two decimals (`reporters.values.fixed`)."""
    return math.floor(round(score, 4) * 100 + 1e-6) / 100
