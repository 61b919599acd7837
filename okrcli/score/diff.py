"""`okr diff BASE [HEAD]`: what a change to the goals did. Both sides are read whole (a
commit with one `ls-tree` and one `cat-file`, the working tree from disk, through the same
loader and cache as `okr check`), scored with the same as-of date for every period they
hold, and compared goal by goal: what was added, removed, or has a field that differs.

Goals are matched by their full ref (`2025-Q3:growth/O1/KR1`), so a sheet renamed or
moved between the sides changes nothing, and one deleted removes its goals. Nothing here
prints: the command hands the `Diff` to a reporter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from okrcli.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from okrcli.i18n import _
from okrcli.model.values import Locale
from okrcli.repo.moment import Moment
from okrcli.repo.workspace import Workspace
from okrcli.score.records import KPIScore, KRScore, LeftOut, ObjectiveScore

Kind = Literal["objective", "key_result", "kpi"]
Goal = ObjectiveScore | KRScore | KPIScore
WORKING_TREE = "working tree"
# The fields compared, in the order they are shown.
FIELDS = ("score", "grade", "status", "target", "start", "current", "title", "owner")


@dataclass(frozen=True, slots=True)
class Change:
    ref: str  # full: 2025-Q3:growth/O1/KR1
    kind: Kind
    change: Literal["added", "removed", "changed"]
    old: Goal | None
    new: Goal | None
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # name → (old, new), numbers unrounded

    @property
    def owner(self) -> str:
        goal = self.new if self.new is not None else self.old
        assert goal is not None
        return goal.owner


@dataclass(frozen=True, slots=True)
class Diff:
    base: str  # the short hash
    head: str  # the short hash, or "working tree"
    as_of: dt.date
    changes: list[Change]
    left_out: list[LeftOut] = field(default_factory=list)  # sheets of either side not scored
    locale: Locale = "en"

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.left_out else EXIT_OK


@dataclass(frozen=True, slots=True)
class DiffRequest:
    base: Path  # where okr runs
    config: Path | None
    base_ref: str
    head_ref: str | None  # None: the working tree
    as_of: dt.date
    on_left_out: Callable[[Sequence[LeftOut]], None] | None = None


def diff(request: DiffRequest) -> Diff:
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace

    current = open_workspace(request.base, request.config, resolve_rules)
    base_moment = _resolve(current.root, request.base_ref)
    head_moment = _resolve(current.root, request.head_ref) if request.head_ref is not None else None
    old = workspace_at(current, base_moment)
    new = workspace_at(current, head_moment) if head_moment is not None else current
    old_goals, old_left = goals_of(old, request.as_of)
    new_goals, new_left = goals_of(new, request.as_of)
    left_out = old_left + [o for o in new_left if o not in old_left]
    # A goal of a sheet one side could not score is unknown there, not added or removed.
    unknown = _refs_in(old, {o.path for o in new_left}) | _refs_in(new, {o.path for o in old_left})
    if request.on_left_out is not None:
        request.on_left_out(left_out)
    head = head_moment.short if head_moment is not None else WORKING_TREE
    changes = [c for c in compare(old_goals, new_goals) if c.change == "changed" or c.ref not in unknown]
    return Diff(base_moment.short, head, request.as_of, changes, left_out, current.settings.config.number_locale)


def _resolve(root: Path, ref: str) -> Moment:
    """The commit of `ref`; a shallow clone that lacks it says how to get it."""
    from okrcli.repo.moment import git_facts, resolve_ref

    if git_facts(root) is None:
        raise UsageError(_(
            "okr diff compares the goals of two git refs, and {root} is not in a git repository (or git is not installed); "
            "run it in the goals' git repository as `okr diff BASE [HEAD]`, e.g. `okr diff main` (HEAD: the working tree)"
        ).format(root=root))
    try:
        return resolve_ref(root, ref)
    except UsageError as err:
        facts = git_facts(root)
        if facts is None or not facts.shallow:
            raise
        raise UsageError(
            _("{reason}; this clone is shallow and may not have it: run `git fetch --unshallow` (or `git fetch origin {ref}`)").format(reason=err, ref=ref)
        ) from None


def workspace_at(current: Workspace, moment: Moment) -> Workspace:
    """The sheets of `moment`'s commit, read with the settings in force now (`--config`,
    else the working tree's `.okr.yaml`), so both sides are judged by the same rules."""
    from okrcli.load.validate import validate
    from okrcli.repo.cache import Cache, cache_root
    from okrcli.repo.moment import git_facts
    from okrcli.repo.snapshot import read_snapshot
    from okrcli.repo.workspace import load_all, paused_gc

    facts = git_facts(current.root)
    snapshot = read_snapshot(current.root, facts.prefix if facts is not None else "", moment)
    contents = snapshot.contents(current.settings.config.exclude)
    workspace = Workspace(current.root, current.settings)
    locale = current.settings.config.number_locale
    with paused_gc():
        loaded = load_all(Cache(cache_root()), contents)
        workspace.docs = [validate(loaded[relative], locale) for relative in sorted(contents)]
    return workspace


def goals_of(workspace: Workspace, as_of: dt.date) -> tuple[dict[str, tuple[Kind, Goal]], list[LeftOut]]:
    """Every objective, key result and KPI of every period, by full ref, scored as of
    `as_of`; and the sheets left out."""
    from okrcli.lint.engine import unscorable
    from okrcli.score.book import score_workspace

    goals: dict[str, tuple[Kind, Goal]] = {}
    left_out: list[LeftOut] = []
    problems = unscorable(workspace, as_of)
    for period in workspace.periods():
        report = score_workspace(workspace, period.text, as_of, problems).report
        left_out += [o for o in report.left_out if o not in left_out]
        for kind, goal in _own(report.objectives, report.kpis):
            goals[f"{period.text}:{goal.ref}"] = (kind, goal)
    return goals, left_out


def _refs_in(workspace: Workspace, paths: set[str]) -> set[str]:
    """The full refs of the goals written in the sheets of `paths`."""
    refs: set[str] = set()
    for doc in workspace.sheets:
        if doc.path in paths and doc.period is not None:
            prefix = f"{doc.period.text}:{doc.owner}/"
            refs.update(prefix + o.id for o in doc.objectives)
            refs.update(f"{prefix}{o.id}/{kr.id}" for o in doc.objectives for kr in o.key_results)
            refs.update(prefix + k.id for k in doc.kpis)
    return refs


def _own(objectives: list[ObjectiveScore], kpis: list[KPIScore]) -> Iterator[tuple[Kind, Goal]]:
    """The goals of the period scored itself: another period's carry their period in the ref."""
    for objective in objectives:
        if ":" not in objective.ref:
            yield "objective", objective
            yield from (("key_result", kr) for kr in objective.key_results)
    yield from (("kpi", kpi) for kpi in kpis if ":" not in kpi.ref)


def compare(old: dict[str, tuple[Kind, Goal]], new: dict[str, tuple[Kind, Goal]]) -> list[Change]:
    """The changes, in the head's order, then what only the base had, in its order."""
    changes: list[Change] = []
    for ref, (kind, goal) in new.items():
        before = old.get(ref)
        if before is None:
            changes.append(Change(ref, kind, "added", None, goal))
            continue
        fields = differing(values(before[1]), values(goal))
        if fields:
            changes.append(Change(ref, kind, "changed", before[1], goal, fields))
    changes += [Change(ref, kind, "removed", goal, None) for ref, (kind, goal) in old.items() if ref not in new]
    return changes


def values(goal: Goal) -> dict[str, Any]:
    """The compared fields a goal has (a KPI's score is its achievement, its current its
    actual; an objective has no target; a key result has no grade: SPEC 3 grades objectives
    and KPIs only, a key result shows its score and status)."""
    if isinstance(goal, ObjectiveScore):
        return {"score": goal.score, "grade": goal.grade, "status": goal.status, "title": goal.title, "owner": goal.owner}
    if isinstance(goal, KRScore):
        return {
            "score": goal.score, "status": goal.status, "target": goal.target,
            "start": goal.start, "current": goal.current, "title": goal.title, "owner": goal.owner,
        }
    return {
        "score": goal.achievement, "grade": goal.grade, "target": goal.target, "current": goal.actual,
        "title": goal.title, "owner": goal.owner,
    }


def differing(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose values differ at the four decimals every format shows."""
    return {name: (old.get(name), new.get(name)) for name in FIELDS if name in new and _key(old.get(name)) != _key(new.get(name))}


def _key(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4) + 0.0
    if isinstance(value, tuple):
        return tuple(_key(v) for v in value)
    return value
