"""`okr score [PERIOD]`: objectives, key results and KPIs with grades and status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    AtOption,
    ConfigOption,
    OwnerOption,
    RepoOption,
    choose,
    config_path,
    parse_as_of,
    start_dir,
)

if TYPE_CHECKING:
    from okrcli.score.run import ScoreRequest

FORMATS = ("text", "json", "markdown", "csv")
PeriodArgument = Annotated[
    str | None,
    typer.Argument(help="2025-Q3, Q3 (the most recent), H2, 2025 or 2025-09; default: the period holding --as-of.", show_default=False),
]



SUMMARY = "Score a period's objectives, key results and KPIs."
EXAMPLES = (
    ('okr score Q3 --owner ann', "Ann's objectives and KPIs in the latest third quarter."),
    ('okr score 2025-Q3 --as-of 2025-08-15 --format json', 'The scores as they stood on that day, as JSON.'),
)

def score(
    period: PeriodArgument = None,
    owner: OwnerOption = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, json, markdown or csv.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    at: AtOption = None,
) -> int:
    """Score objectives, key results and KPIs, with grades and status."""
    from okrcli.reporters import score_reporter
    from okrcli.score.run import period_scores

    chosen = choose(format, FORMATS, "--format", "text")
    scored = period_scores(score_request(period, repo, as_of, config, at), owner)
    score_reporter(chosen)(scored.view)
    return scored.exit_code


def score_request(period: str | None, repo: Path | None, as_of: str | None, config: Path | None, at: str | None = None) -> ScoreRequest:
    """The options every scoring command shares; the sheets left out, and what a shallow
    clone could not show, are told on stderr."""
    from okrcli.reporters.terminal import notice
    from okrcli.reporters.text.left_out import notices
    from okrcli.score.run import ScoreRequest

    base = start_dir(repo)
    return ScoreRequest(
        base, config_path(config, base), period, parse_as_of(as_of), notices, at=at, as_of_given=as_of is not None, on_notice=notice,
    )
