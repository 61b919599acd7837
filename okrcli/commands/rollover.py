"""`okr rollover FROM TO`: start the next period's sheets from this one's."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from okrcli.commands.common import ConfigOption, OwnerOption, RepoOption, config_path, start_dir
from okrcli.errors import EXIT_OK

SUMMARY = "Start the next period's sheets from this one's."
EXAMPLES = (
    ('okr rollover 2025-Q3 2025-Q4 --dry-run', "Show what the new quarter's sheets would hold."),
    ('okr rollover Q3 2025-Q4 --owner ann', "Start Ann's sheets only."),
)

def rollover(
    source: Annotated[str, typer.Argument(help="The period to carry from: 2025-Q3, or Q3 for the most recent one.", metavar="FROM", show_default=False)],
    target: Annotated[str, typer.Argument(help="The period to start: 2025-Q4.", metavar="TO", show_default=False)],
    owner: OwnerOption = None,
    carry_all: Annotated[bool, typer.Option("--all", help="Carry green objectives too (their key results not yet done).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the files it would write, and write nothing.")] = False,
    repo: RepoOption = None,
    config: ConfigOption = None,
) -> int:
    """Start period TO from FROM: unfinished objectives and every KPI, in new sheets."""
    from okrcli.edit.rollover import RolloverRequest, roll_over
    from okrcli.reporters.text import rollover as reporter

    base = start_dir(repo)
    request = RolloverRequest(base, config_path(config, base), source, target, owner, carry_all, dry_run, dt.date.today())
    reporter.text(roll_over(request))
    return EXIT_OK
