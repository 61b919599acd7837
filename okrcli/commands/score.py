"""`okr score [PERIOD]`: objectives, key results and KPIs with grades and status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    ConfigOption,
    OwnerOption,
    RepoOption,
    choose,
    config_path,
    display_path,
    parse_as_of,
    start_dir,
)
from okrcli.errors import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from okrcli.history.facts import GitFacts
    from okrcli.score.book import Scored

FORMATS = ("text", "json", "markdown", "csv")
PeriodArgument = Annotated[
    str | None,
    typer.Argument(help="2025-Q3, Q3 (the most recent), H2, 2025 or 2025-09; default: the period holding --as-of.", show_default=False),
]


def score(
    period: PeriodArgument = None,
    owner: OwnerOption = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, json, markdown or csv.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """Score objectives, key results and KPIs, with grades and status."""
    from okrcli.reporters import score_formats
    from okrcli.score.book import for_owner

    chosen = choose(format, FORMATS, "--format", "text")
    scored = score_repo(period, repo, as_of, config)
    report = for_owner(scored.report, owner) if owner is not None else scored.report
    score_formats.reporter(chosen)(report)
    return exit_code(scored)


def score_repo(period: str | None, repo: Path | None, as_of: str | None, config: Path | None) -> Scored:
    return score_with_facts(period, repo, as_of, config, histories=False)[0]


def score_with_facts(period: str | None, repo: Path | None, as_of: str | None, config: Path | None, *, histories: bool) -> tuple[Scored, GitFacts]:
    """Open the repo and score it; one line on stderr for each sheet left out, naming the
    problem that leaves it out (shown even when `okr check` is told not to report it). The
    git facts are read once, for staleness and, with `histories`, the period's value
    histories too: the report's."""
    from dataclasses import replace

    from okrcli.history.facts import GitFacts
    from okrcli.history.timeline import key_results_of, last_updates
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace
    from okrcli.reporters.terminal import notice
    from okrcli.score.book import score_workspace, select_period

    base = start_dir(repo)
    day = parse_as_of(as_of)
    workspace = open_workspace(base, config_path(config, base), resolve_rules)
    locale = workspace.settings.config.number_locale
    facts = GitFacts(workspace.root)
    if histories:
        selected = select_period(period, workspace, day)
        facts.want(doc.path for doc in workspace.sheets if doc.objectives and doc.period is not None and selected.contains(doc.period))
    updates = last_updates(facts, key_results_of(workspace.sheets), as_of=day, locale=locale)
    scored = score_workspace(workspace, period, day, updates)
    # Paths as `okr check` shows them: relative to where okr runs.
    left_out = [replace(o, problem=replace(o.problem, path=display_path(workspace.root, o.path, base))) for o in scored.left_out]
    scored.report = replace(scored.report, left_out=left_out)
    for item in left_out:
        p = item.problem
        notice(f"left out of the scores: {p.path}:{p.line}:{p.column}: {p.message} ({p.rule})")
    return scored, facts


def exit_code(scored: Scored) -> int:
    # A score with sheets left out is incomplete: say so to scripts (1 = problems found).
    return EXIT_PROBLEMS if scored.left_out else EXIT_OK
