"""The use cases of `okr score`, `okr scorecard` and `okr tree`: open the repository, read
when each key result was last updated (git read once), score the period, and build the view
asked for. Nothing here prints: the command hands the result to a reporter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.repo.source import When
from okrcli.score.alignment import TreeNode
from okrcli.score.book import Scored
from okrcli.score.records import LeftOut, Scorecard

if TYPE_CHECKING:
    from okrcli.history.facts import GitFacts
    from okrcli.history.timeline import Point
    from okrcli.model.periods import Period
    from okrcli.repo.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ScoreRequest:
    base: Path  # where okr runs: left-out sheets are named relative to it, as `okr check` does
    config: Path | None  # --config, else the root's .okr.yaml
    period: str | None  # as typed (2025-Q3, Q3, H2, 2025, 2025-09); None: the period of as_of
    as_of: dt.date  # --as-of, else today (the date `--at` gives wins unless `as_of_given`)
    # Told of the sheets left out as soon as they are known, before an unknown owner is refused.
    on_left_out: Callable[[Sequence[LeftOut]], None] | None = None
    at: str | None = None  # --at REF: the sheets of that commit only
    as_of_given: bool = True  # False: --as-of was not given (today, or --at's commit day)
    on_notice: Callable[[str], None] | None = None  # told what the reading could not see (a shallow clone)

    @property
    def when(self) -> When:
        return When(self.as_of if self.as_of_given else None, self.at)


def score_period(request: ScoreRequest, owner: str | None = None, *, histories: bool = False) -> Scored:
    """The period scored at the moment the request names (SPEC 3.1); with `owner`, only the
    objectives and KPIs they own. Git is read once (`Scored.facts`), cut at the commit read:
    for staleness, the projections and, with `histories`, the value histories the report
    shows."""
    from okrcli.history.facts import shallow_notice
    from okrcli.history.timeline import key_results_of, last_updates
    from okrcli.repo.root import shown_path
    from okrcli.score.book import for_owner, score_workspace, select_period

    workspace = open_at(request)
    as_of = workspace.as_of or request.as_of
    read_at(workspace, as_of, request.on_notice)
    locale = workspace.settings.config.number_locale
    facts = moment_facts(workspace)
    selected = select_period(request.period, workspace, as_of)
    facts.want(doc.path for doc in workspace.sheets if doc.objectives and doc.period is not None and selected.contains(doc.period))
    updates = last_updates(facts, key_results_of(workspace.sheets), as_of=as_of, locale=locale)
    points = kr_points(facts, workspace, selected, as_of, locale)
    if facts.cut is not None and workspace.source.notice is None and request.on_notice is not None:  # one shallow notice
        request.on_notice(shallow_notice(facts.cut))
    scored = score_workspace(workspace, request.period, as_of, updates, points)
    scored.root, scored.facts, scored.settings = workspace.root, facts, workspace.settings
    left_out = [replace(o, problem=replace(o.problem, path=shown_path(workspace.root / o.path, request.base))) for o in scored.left_out]
    scored.report = replace(scored.report, left_out=left_out)
    if request.on_left_out is not None:
        request.on_left_out(left_out)
    if owner is not None:
        scored.shown = for_owner(scored.report, owner)
    return scored


def open_at(request: ScoreRequest) -> Workspace:
    """The repository at the request's moment; the notice of what it could not see told."""
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace

    workspace = open_workspace(request.base, request.config, resolve_rules, when=request.when)
    if workspace.source.notice is not None and request.on_notice is not None:
        request.on_notice(workspace.source.notice)
    return workspace


def read_at(workspace: Workspace, as_of: dt.date, on_notice: Callable[[str], None] | None) -> bool:
    """The workspace's sheets as read at the end of `as_of` (check-ins after it are not
    known yet; a closed sheet at its closing day). Outside git, when that sets a check-in
    or reading aside, `on_notice` is told the values come from the value rule (SPEC 3.1).
    Whether it was told."""
    from okrcli.load.as_of import doc_at, docs_at
    from okrcli.repo.moment import no_git_notice

    told = False
    if workspace.source.outside_git and on_notice is not None and any(doc_at(d, as_of) is not d for d in workspace.docs):
        on_notice(no_git_notice(workspace.root, as_of))
        told = True
    workspace.docs = docs_at(workspace.docs, as_of)
    return told


def moment_facts(workspace: Workspace) -> GitFacts:
    """What git says, cut at the commit the workspace was read from (HEAD's history else)."""
    from okrcli.history.facts import GitFacts
    from okrcli.repo.workspace import cached_loader

    moment = workspace.source.moment
    load = cached_loader()  # a sheet's versions are mostly bytes seen before: loaded from the cache
    if moment is None:
        return GitFacts(workspace.root, load=load)
    return GitFacts(workspace.root, moment.commit, workspace.source.prefix, load=load)


def kr_points(facts: GitFacts, workspace: Workspace, selected: Period, as_of: dt.date, locale: str) -> dict[str, list[Point]]:
    """Every key result's value points of the selected period, and of the periods around it
    (a quarter's year: the tree's context objectives), up to `as_of` (check-ins and git, as
    `okr history` shows them), by its full ref: what the forecasts are fitted to."""
    from okrcli.history.timeline import Item, kr_key, value_histories
    from okrcli.load.as_of import reading_day

    docs = [doc for doc in workspace.sheets if doc.period is not None and (selected.contains(doc.period) or doc.period.contains(selected))]
    wanted = {
        kr_key(doc, objective, kr): (doc.path, Item(doc.period.text if doc.period else "", doc.owner, (objective.id, kr.id)), kr.check_ins)
        for doc in docs for objective in doc.objectives for kr in objective.key_results
    }
    # a closed sheet is read at its closing day: a later commit's value is no point of it
    cut = {kr_key(doc, objective, kr): reading_day(doc, as_of) for doc in docs for objective in doc.objectives for kr in objective.key_results}
    found, _ = value_histories(facts, wanted, locale)
    return {key: [p for p in points if p.date <= cut[key]] for key, points in found.items()}


def owner_scorecard(request: ScoreRequest, owner: str) -> tuple[Scored, Scorecard]:
    """The 60/40 scorecard of `owner` in the period."""
    from okrcli.score.book import owner_scorecard as build

    scored = score_period(request)
    return scored, build(scored.report, owner, scored.scorer.config.scorecard)


def alignment_tree(request: ScoreRequest) -> tuple[Scored, list[TreeNode]]:
    """The period's objectives hung under their parents, with context from enclosing periods."""
    from okrcli.score.alignment import scored_tree

    scored = score_period(request)
    return scored, scored_tree(scored.report.objectives, scored.scorer)
