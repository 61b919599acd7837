"""`okr scorecard OWNER [PERIOD]`: the 60/40 scorecard of a person or team, with its breakdown."""

from __future__ import annotations

from typing import Annotated

import typer

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



SUMMARY = "An owner's 60/40 scorecard of KPIs and key results."
EXAMPLES = (
    ('okr scorecard ann', "Ann's scorecard for the period holding today."),
    ('okr scorecard marketing 2025-Q3 --format json', "A team's scorecard for a quarter, as JSON."),
)

def scorecard(
    owner: Annotated[str, typer.Argument(help="The person or team, as written in `owner:`.", metavar="OWNER", show_default=False)],
    period: PeriodArgument = None,
    format: TextOrJsonOption = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    at: AtOption = None,
) -> int:
    """The 60/40 scorecard: KPIs they own (60 %) and key results they own (40 %)."""
    from okrcli.reporters import scorecard_reporter
    from okrcli.score.run import owner_scorecard

    chosen = choose(format, FORMATS, "--format", "text")
    scored, card = owner_scorecard(score_request(period, repo, as_of, config, at), owner)
    scorecard_reporter(chosen)(card, scored.report)
    return scored.exit_code
