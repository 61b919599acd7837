"""`okr report --since DATE|REF`: what changed since the previous review.

Both sides are scored by the same machinery (`score_workspace`) with the same settings
(the config in force now, so a change of grading bands does not pose as a change of scores):

* `--since REF`: the sheets at that commit only, read as of its commit date;
* `--since DATE`: the sheets as committed at the end of that day (the last commit on the
  current branch on or before it, `okrcli.repo.moment`), plus the working-tree sheets not
  committed then; outside git, or before the first commit, the working tree. Either way read
  by the one value rule at DATE: check-ins after it are left out.

A change is the difference of the two scores as shown (cut to two decimals, as every score
in okr is shown), so a reader can check it against the figures beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from okrcli.errors import UsageError
from okrcli.load.as_of import docs_at
from okrcli.load.validate import SheetDoc, validate
from okrcli.model.periods import parse_day
from okrcli.repo.config import Settings
from okrcli.repo.moment import Moment, end_of_day, git_facts, resolve_ref
from okrcli.repo.root import list_sheets
from okrcli.repo.snapshot import read_snapshot
from okrcli.repo.workspace import Workspace, read_sheet, unreadable
from okrcli.score.book import score_workspace
from okrcli.score.records import Grade, ObjectiveScore, ScoreReport


@dataclass(frozen=True, slots=True)
class Change:
    ref: str  # an objective's ref, or an owner
    title: str  # the objective's title; '' for an owner
    before: float | None  # None: not there then (or no score)
    after: float | None  # None: not there now
    change: float | None  # after − before as shown (two decimals); None when either is missing
    grade_before: Grade | None = None
    grade_after: Grade | None = None


@dataclass(frozen=True, slots=True)
class Since:
    asked: str  # the date or ref as typed
    commit: str | None  # the short hash read; None: the working tree
    as_of: dt.date  # the date the earlier side is read at
    objectives: tuple[Change, ...]
    owners: tuple[Change, ...]


def since(asked: str, root: Path, settings: Settings, now: ScoreReport, owner: str | None = None) -> Since:
    """The changes from the review at `asked` to `now` (one owner's, or all)."""
    docs, moment, day = _earlier_docs(asked, root, settings)
    try:
        then: ScoreReport | None = score_workspace(Workspace(root, settings, docs_at(docs, day)), now.period, day).report
    except UsageError:  # the period had no sheet yet
        then = None
    return Since(asked, moment.short if moment else None, day, *_changes(then, now, owner))


def _earlier_docs(asked: str, root: Path, settings: Settings) -> tuple[list[SheetDoc], Moment | None, dt.date]:
    try:
        day = parse_day(asked)
    except ValueError:
        moment = _ref(root, asked)
        return _snapshot_docs(root, settings, moment), moment, moment.day
    found = end_of_day(root, day)
    if found is None:
        return _working_tree(root, settings, set()), None, day
    docs = _snapshot_docs(root, settings, found)
    return docs + _working_tree(root, settings, {doc.path for doc in docs}), found, day


def _ref(root: Path, asked: str) -> Moment:
    try:
        return resolve_ref(root, asked)
    except UsageError as err:
        reason = str(err).removeprefix(f"--at {asked}: ")
        raise UsageError(f"--since {asked}: not a date (YYYY-MM-DD), and {reason}") from None


def _snapshot_docs(root: Path, settings: Settings, moment: Moment) -> list[SheetDoc]:
    facts = git_facts(root)
    prefix = facts.prefix if facts is not None else ""
    contents = read_snapshot(root, prefix, moment).contents(settings.config.exclude)
    locale = settings.config.number_locale
    return [
        validate(unreadable(path, raw) if not isinstance(raw, bytes) else read_sheet(root, path, raw), locale)
        for path, raw in sorted(contents.items())
    ]


def _working_tree(root: Path, settings: Settings, known: set[str]) -> list[SheetDoc]:
    """The sheets on disk that are not in `known` (not committed at the moment read)."""
    locale = settings.config.number_locale
    return [validate(read_sheet(root, path), locale) for path in list_sheets(root, settings.config.exclude) if path not in known]


def _changes(then: ScoreReport | None, now: ScoreReport, owner: str | None) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    before = {o.ref: o for o in (then.objectives if then else []) if owner is None or o.owner == owner}
    after = {o.ref: o for o in now.objectives if owner is None or o.owner == owner}
    objectives = [
        _change(ref, (after.get(ref) or before[ref]).title, _score(before.get(ref)), _score(after.get(ref)),
                _grade(before.get(ref)), _grade(after.get(ref)))
        for ref in [*after, *(r for r in before if r not in after)]
    ]
    owners_then = {o.owner: o.score for o in (then.owners if then else []) if owner is None or o.owner == owner}
    owners_now = {o.owner: o.score for o in now.owners if owner is None or o.owner == owner}
    owners = [_change(name, "", owners_then.get(name), owners_now.get(name)) for name in [*owners_now, *(n for n in owners_then if n not in owners_now)]]
    return tuple(objectives), tuple(owners)


def _score(objective: ObjectiveScore | None) -> float | None:
    return objective.score if objective is not None else None


def _grade(objective: ObjectiveScore | None) -> Grade | None:
    return objective.grade if objective is not None else None


def _change(ref: str, title: str, before: float | None, after: float | None, grade_before: Grade | None = None, grade_after: Grade | None = None) -> Change:
    change = None if before is None or after is None else round(_shown(after) - _shown(before), 2) + 0.0
    return Change(ref, title, before, after, change, grade_before, grade_after)


def _shown(score: float) -> float:
    """A score as okr shows it: cut, not rounded, to two decimals (`reporters.values.fixed`)."""
    return math.floor(round(score, 4) * 100 + 1e-6) / 100
