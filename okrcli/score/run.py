"""The use cases of `okr score`, `okr scorecard` and `okr tree`: open the repository, read
when each key result was last updated (git read once), score the period, and build the view
asked for. Nothing here prints: the command hands the result to a reporter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from okrcli.score.alignment import TreeNode
from okrcli.score.book import Scored
from okrcli.score.records import LeftOut, Scorecard


@dataclass(frozen=True, slots=True)
class ScoreRequest:
    base: Path  # where okr runs: left-out sheets are named relative to it, as `okr check` does
    config: Path | None  # --config, else the root's .okr.yaml
    period: str | None  # as typed (2025-Q3, Q3, H2, 2025, 2025-09); None: the period of as_of
    as_of: dt.date
    # Told of the sheets left out as soon as they are known, before an unknown owner is refused.
    on_left_out: Callable[[Sequence[LeftOut]], None] | None = None


def score_period(request: ScoreRequest, owner: str | None = None, *, histories: bool = False) -> Scored:
    """The period scored; with `owner`, only the objectives and KPIs they own. Git is read
    once (`Scored.facts`), for staleness and, with `histories`, for the value histories of
    the period's sheets too (the report's)."""
    from okrcli.history.facts import GitFacts
    from okrcli.history.timeline import key_results_of, last_updates
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.root import shown_path
    from okrcli.repo.workspace import open_workspace
    from okrcli.score.book import for_owner, score_workspace, select_period

    workspace = open_workspace(request.base, request.config, resolve_rules)
    locale = workspace.settings.config.number_locale
    facts = GitFacts(workspace.root)
    if histories:
        selected = select_period(request.period, workspace, request.as_of)
        facts.want(doc.path for doc in workspace.sheets if doc.objectives and doc.period is not None and selected.contains(doc.period))
    updates = last_updates(facts, key_results_of(workspace.sheets), as_of=request.as_of, locale=locale)
    scored = score_workspace(workspace, request.period, request.as_of, updates)
    scored.root, scored.facts = workspace.root, facts
    left_out = [replace(o, problem=replace(o.problem, path=shown_path(workspace.root / o.path, request.base))) for o in scored.left_out]
    scored.report = replace(scored.report, left_out=left_out)
    if request.on_left_out is not None:
        request.on_left_out(left_out)
    if owner is not None:
        scored.shown = for_owner(scored.report, owner)
    return scored


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
