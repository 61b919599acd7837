"""`okr close PERIOD`: freeze a finished period's grades into its sheets."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from okrcli.commands.common import ConfigOption, RepoOption, config_path, parse_date, start_dir
from okrcli.errors import EXIT_OK

SUMMARY = "Freeze a finished period's grades into its sheets."
EXAMPLES = (
    ('okr close 2025-Q2', "Write closed: and the final grades into the quarter's sheets."),
    ('okr close Q2 --date 2025-07-03', 'The same, dated the day of the review.'),
)

def close(
    period: Annotated[str, typer.Argument(help="The finished period: 2025-Q3, or Q3 for the most recent one.", metavar="PERIOD", show_default=False)],
    date: Annotated[
        str | None,
        typer.Option("--date", help="The closing day (YYYY-MM-DD), after the period's end; default today.", metavar="DATE", show_default=False),
    ] = None,
    repo: RepoOption = None,
    config: ConfigOption = None,
) -> int:
    """Freeze a finished period: `closed:` in each sheet and `final:` scores and grades."""
    from okrcli.edit.close import CloseRequest, close_period
    from okrcli.reporters.text import close as reporter

    base = start_dir(repo)
    today = dt.date.today()
    day = parse_date(date, "--date") if date is not None else today
    reporter.text(close_period(CloseRequest(base, config_path(config, base), period, day, today)))
    return EXIT_OK
