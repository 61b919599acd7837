"""`okr tree [PERIOD]`: the alignment tree (company → teams → individuals, through `parent`)
with score, grade and status on every node."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from okrcli.commands.common import AsOfOption, ConfigOption, RepoOption, choose
from okrcli.commands.score import PeriodArgument, exit_code, score_repo

FORMATS = ("text", "json")


def tree(
    period: PeriodArgument = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="text or json.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """The alignment tree with scores, grades and status."""
    from okrcli.alignment import ancestors, build_tree
    from okrcli.reporters import tree_formats

    chosen = choose(format, FORMATS, "--format", "text")
    scored = score_repo(period, repo, as_of, config)
    context = ancestors(scored.report.objectives, scored.scorer)
    roots = build_tree(scored.report.objectives + context, {o.ref for o in context})
    tree_formats.reporter(chosen)(scored.report, roots)
    return exit_code(scored)
