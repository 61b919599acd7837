"""`okr history REF`: the value over time, from check-ins and the sheet's git history."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    ConfigOption,
    RepoOption,
    TextOrJsonOption,
    choose,
    config_path,
    parse_as_of,
    start_dir,
)
from okrcli.errors import EXIT_OK

FORMATS = ("text", "json")



SUMMARY = "A key result's or KPI's value over time, with a sparkline."
EXAMPLES = (
    ('okr history marketing/O1/KR2', 'Its check-ins and the commits that changed it.'),
    ('okr history sales/K1 --format json', 'The same points, as JSON.'),
)

def history(
    ref: Annotated[str, typer.Argument(help="The key result (owner/O1/KR2) or KPI (owner/K1).", metavar="REF", show_default=False)],
    format: TextOrJsonOption = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """Show the value over time (up to --as-of): check-ins and the commits that changed it."""
    from okrcli.edit.target import locate
    from okrcli.history.timeline import Item, reading_points, value_history
    from okrcli.lint.settings import resolve_rules
    from okrcli.model.sheet import KPI
    from okrcli.repo.workspace import open_workspace
    from okrcli.reporters import history_formats
    from okrcli.reporters.terminal import notice

    chosen = choose(format, FORMATS, "--format", "text")
    base = start_dir(repo)
    workspace = open_workspace(base, config_path(config, base), resolve_rules)
    day = parse_as_of(as_of)
    target = locate(workspace, ref, day)
    period = target.doc.period
    assert period is not None  # located items come from sheets with a period
    locale = workspace.settings.config.number_locale
    # A KPI scored on monthly readings: its history is those readings, what `okr score` averages.
    points = reading_points(target.item, period, locale) if isinstance(target.item, KPI) and not target.milestone else []
    if not points:
        item = Item(period.text, target.doc.owner, target.ids)
        found = value_history(workspace.root, target.doc.path, item, target.item.check_ins, locale)
        if not found.in_git:
            notice("not in a git repository (or git is not installed): showing the check-ins only")
        points = found.points
    getattr(history_formats, chosen)(target.ref, [p for p in points if p.date <= day], locale)  # as known on --as-of
    return EXIT_OK
