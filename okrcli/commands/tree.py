"""`okr tree [PERIOD]`: the alignment tree (company → teams → individuals, through `parent`)
with score, grade and status on every node."""

from __future__ import annotations

from okrcli.commands.common import (
    AsOfOption,
    ConfigOption,
    RepoOption,
    TextOrJsonOption,
    choose,
)
from okrcli.commands.score import PeriodArgument, exit_code, score_repo

FORMATS = ("text", "json")


def tree(
    period: PeriodArgument = None,
    format: TextOrJsonOption = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """The alignment tree with scores, grades and status."""
    from okrcli.reporters import tree_formats
    from okrcli.score.alignment import scored_tree

    chosen = choose(format, FORMATS, "--format", "text")
    scored = score_repo(period, repo, as_of, config)
    tree_formats.reporter(chosen)(scored.report, scored_tree(scored.report.objectives, scored.scorer))
    return exit_code(scored)
