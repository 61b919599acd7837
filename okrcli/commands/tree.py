"""`okr tree [PERIOD]`: the alignment tree (company → teams → individuals, through `parent`)
with score, grade and status on every node."""

from __future__ import annotations

from okrcli.commands.common import (
    AsOfOption,
    AtOption,
    ConfigOption,
    RepoOption,
    TextOrJsonOption,
    choose,
)
from okrcli.commands.score import PeriodArgument, score_request

FORMATS = ("text", "json")



SUMMARY = 'The alignment tree with scores, grades and status.'
EXAMPLES = (
    ('okr tree', 'Company, teams and people, for the period holding today.'),
    ('okr tree 2025 --format json', "The year's objectives and their children, as JSON."),
)

def tree(
    period: PeriodArgument = None,
    format: TextOrJsonOption = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    at: AtOption = None,
) -> int:
    """The alignment tree with scores, grades and status."""
    from okrcli.reporters import tree_reporter
    from okrcli.score.run import alignment_tree

    chosen = choose(format, FORMATS, "--format", "text")
    scored, roots = alignment_tree(score_request(period, repo, as_of, config, at))
    tree_reporter(chosen)(scored.report, roots)
    return scored.exit_code
