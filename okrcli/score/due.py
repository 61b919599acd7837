"""`okr due`: the key results and KPIs of the open periods that need a check-in, with the
handles of the people CODEOWNERS names for their sheets.

An item is due when it was never updated, or not for more than `stale_after_days`: its
last update is its latest check-in (or reading) on or before the as-of date, else the
latest commit that changed its value (the one that added it included), from one read of
git. A key result already done is not due. Open periods are those holding the as-of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from okrcli.errors import EXIT_OK, EXIT_PROBLEMS
from okrcli.history.timeline import Item
from okrcli.i18n import _
from okrcli.load.validate import SheetDoc
from okrcli.model.periods import Period
from okrcli.model.sheet import KPI, KeyResult
from okrcli.repo.source import When
from okrcli.repo.workspace import Workspace
from okrcli.score.records import LeftOut


@dataclass(frozen=True, slots=True)
class DueItem:
    ref: str  # full: 2025-Q3:growth/O1/KR1
    owner: str
    title: str
    handles: tuple[str, ...]
    path: str  # as the user sees it, from where okr runs
    line: int  # the line of the item's first key
    last_update: dt.date | None
    days: int | None  # since the last update; None when never updated


@dataclass(frozen=True, slots=True)
class Due:
    as_of: dt.date
    stale_after_days: int
    items: list[DueItem]
    ignored: list[str] = field(default_factory=list)  # CODEOWNERS lines not understood
    periods: list[Period] = field(default_factory=list)  # every period with sheets, oldest first
    left_out: list[LeftOut] = field(default_factory=list)  # sheets of the open periods whose goals cannot be known

    @property
    def open(self) -> bool:
        """Whether some period holds the as-of date."""
        return any(p.contains_date(self.as_of) for p in self.periods)

    @property
    def latest_ended(self) -> Period | None:
        """The period that ended last, if no period comes after the as-of date."""
        if self.next_one is not None:
            return None
        ended = [p for p in self.periods if p.end < self.as_of]
        return max(ended, key=lambda p: (p.end, -p.days)) if ended else None

    @property
    def next_one(self) -> Period | None:
        later = [p for p in self.periods if p.start > self.as_of]
        return min(later, key=lambda p: (p.start, -p.days)) if later else None

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.items or self.left_out else EXIT_OK


@dataclass(slots=True)
class _Goal:
    doc: SheetDoc
    ids: tuple[str, ...]
    item: KeyResult | KPI
    owner: str


def due(base: Path, config: Path | None, when: When, owner: str | None = None, on_notice: Callable[[str], None] | None = None) -> Due:
    """What is due at the moment `when` names (SPEC 3.1: `--as-of` reads the sheets as
    committed then, `--at` a ref's), the notice of what the reading could not see told."""
    from okrcli.history.facts import shallow_notice
    from okrcli.score.run import ScoreRequest, moment_facts, open_at, read_at

    today = dt.date.today()
    request = ScoreRequest(base, config, None, when.day(today), at=when.at, as_of_given=when.as_of is not None, on_notice=on_notice)
    workspace = open_at(request)
    as_of = workspace.as_of or request.as_of
    read_at(workspace, as_of, on_notice)
    left_out = _left_out(workspace, as_of, base)
    every = list(_open_goals(workspace, as_of, {o.problem.path for o in left_out}))
    goals = [g for g in every if owner is None or g.owner == owner]
    known = {g.owner for g in every} | {o.owner for o in left_out if o.owner is not None}
    if owner is not None and not goals and every and owner not in known:  # no open period: nothing is due, for anyone
        from okrcli.score.book import unknown_owner

        raise unknown_owner(owner, sorted(known), _("the open periods"))
    facts = moment_facts(workspace)
    updates = _last_updates(facts, goals, as_of, workspace.settings.config.number_locale)
    if facts.cut is not None and workspace.source.notice is None and on_notice is not None:  # one shallow notice
        on_notice(shallow_notice(facts.cut))
    moment = workspace.source.moment
    owners, ignored = _code_owners(workspace.root, moment.commit if moment is not None else None)
    limit = workspace.settings.config.stale_after_days
    items = []
    for n, goal in enumerate(goals):
        last = updates.get(n)
        if last is None or (as_of - last).days > limit:
            items.append(_due_item(goal, last, as_of, owners, workspace.root, base))
    items.sort(key=lambda i: (_first(goals, i.owner), i.owner))
    return Due(as_of, limit, items, ignored, workspace.periods(), left_out)


def _first(goals: list[_Goal], owner: str) -> int:
    return next(n for n, g in enumerate(goals) if g.owner == owner)


def _left_out(workspace: Workspace, as_of: dt.date, base: Path) -> list[LeftOut]:
    """The sheets that may belong to an open period but cannot be read for their goals
    (SPEC 3: named on stderr, exit 1), with paths as the user sees them."""
    from okrcli.lint.engine import unscorable
    from okrcli.model.periods import PeriodError, parse_period
    from okrcli.repo.root import shown_path
    from okrcli.score.book import set_aside

    problems = unscorable(workspace, as_of)
    found: dict[str, LeftOut] = {}
    try:  # a sheet whose period is unknown may be of now
        now = [parse_period(f"{as_of.year:04d}-Q{(as_of.month - 1) // 3 + 1}")]
    except PeriodError:  # a year okr's periods do not reach
        now = []
    for period in [p for p in workspace.periods() if p.contains_date(as_of)] or now:
        for item in set_aside(workspace, period, problems)[1]:
            found.setdefault(item.problem.path, item)
    return [replace(o, problem=replace(o.problem, path=shown_path(workspace.root / o.problem.path, base))) for o in found.values()]


def _open_goals(workspace: Workspace, as_of: dt.date, left_out: set[str]) -> Iterator[_Goal]:
    for doc in workspace.sheets:
        if doc.period is None or not doc.period.contains_date(as_of) or doc.path in left_out:
            continue
        for objective in doc.objectives:
            for kr in objective.key_results:
                if not _done(kr):
                    yield _Goal(doc, (objective.id, kr.id), kr, kr.owner or objective.owner or doc.owner)
        for kpi in doc.kpis:
            if kpi.done is not True:
                yield _Goal(doc, (kpi.id,), kpi, kpi.owner or doc.owner)


def _done(kr: KeyResult) -> bool:
    from okrcli.score.key_results import FormulaError, kr_progress, kr_value, reaches

    value = kr_value(kr)
    try:
        return value is not None and reaches(kr_progress(kr, value), 1.0)
    except FormulaError:
        return False


def _last_updates(facts: Any, goals: list[_Goal], as_of: dt.date, locale: str) -> dict[int, dt.date]:
    """Each goal's latest check-in, dated reading or value-changing commit on or before
    `as_of`; goals with none are left out."""
    from okrcli.history.timeline import value_histories

    wanted = {
        n: (g.doc.path, Item(g.doc.period.text if g.doc.period else "", g.doc.owner, g.ids), g.item.check_ins)
        for n, g in enumerate(goals)
    }
    points, _ = value_histories(facts, wanted, locale)
    found: dict[int, dt.date] = {}
    for n, goal in enumerate(goals):
        days = [p.date for p in points.get(n, [])] + _reading_days(goal.item)
        days = [d for d in days if d <= as_of]
        if days:
            found[n] = max(days)
    return found


def _reading_days(item: KeyResult | KPI) -> list[dt.date]:
    """A reading's date; a month's reading counts from the month's last day, when the
    month's figure can first be known."""
    if not isinstance(item, KPI):
        return []
    days = [r.date for r in item.readings if r.date is not None]
    return days + [r.period.end for r in item.readings if r.date is None and r.period is not None]


def _code_owners(root: Path, commit: str | None = None) -> tuple[Any, list[str]]:
    """The repository's CODEOWNERS (its patterns are from the top of the repository, which
    may be above okr's root), as `commit` holds it when the repository is read at a moment,
    and the lines it ignored, named for a notice."""
    from okrcli.repo.codeowners import read_codeowners, read_codeowners_at
    from okrcli.repo.moment import git_facts

    facts = git_facts(root)
    prefix = facts.prefix if facts is not None else ""
    top = root.joinpath(*[".."] * prefix.count("/")) if prefix else root
    owners = read_codeowners(Path(top).resolve()) if commit is None else read_codeowners_at(root, commit)
    return (owners, prefix), [f"{owners.path}:{why}" for why in owners.ignored]


def _due_item(goal: _Goal, last: dt.date | None, as_of: dt.date, owners: Any, root: Path, base: Path) -> DueItem:
    from okrcli.repo.root import shown_path

    codeowners, prefix = owners
    doc = goal.doc
    data = doc.raw(goal.item.path)
    first = next(iter(data), None) if isinstance(data, dict) else None
    line = doc.key_position((*goal.item.path, first))[0] if first is not None else doc.position(goal.item.path)[0]
    assert doc.period is not None
    ref = f"{doc.period.text}:{'/'.join((doc.owner, *goal.ids))}"
    return DueItem(
        ref, goal.owner, goal.item.title, codeowners.owners(prefix + doc.path), shown_path(root / doc.path, base), line,
        last, (as_of - last).days if last is not None else None,
    )
