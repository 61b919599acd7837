"""`okr history REF`: the value over time, from check-ins and the sheet's git history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    AtOption,
    ConfigOption,
    RepoOption,
    TextOrJsonOption,
    choose,
    config_path,
    parse_when,
    start_dir,
)
from okrcli.errors import EXIT_OK

if TYPE_CHECKING:
    from okrcli.model.sheet import KPI, KeyResult
    from okrcli.model.values import Locale

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
    at: AtOption = None,
) -> int:
    """Show the value over time (up to --as-of): check-ins and the commits that changed it."""
    from okrcli.edit.target import locate
    from okrcli.history.facts import shallow_notice
    from okrcli.history.timeline import Item, reading_points, value_history
    from okrcli.i18n import _
    from okrcli.load.as_of import reading_day
    from okrcli.model.sheet import KPI
    from okrcli.reporters import history_formats
    from okrcli.reporters.terminal import notice
    from okrcli.score.run import ScoreRequest, open_at, read_at

    chosen = choose(format, FORMATS, "--format", "text")
    base = start_dir(repo)
    when = parse_when(as_of, at)
    request = ScoreRequest(base, config_path(config, base), None, when.day(dt.date.today()), at=at, as_of_given=as_of is not None, on_notice=notice)
    workspace = open_at(request)
    day = workspace.as_of or request.as_of
    told = read_at(workspace, day, notice)
    target = locate(workspace, ref, day)
    period = target.doc.period
    assert period is not None  # located items come from sheets with a period
    locale = workspace.settings.config.number_locale
    # A KPI scored on monthly readings: its history is those readings, what `okr score` averages.
    points = reading_points(target.item, period, locale) if isinstance(target.item, KPI) and not target.milestone else []
    if not points:
        item = Item(period.text, target.doc.owner, target.ids)
        moment = workspace.source.moment
        until, prefix = (moment.commit, workspace.source.prefix) if moment is not None else (None, None)
        found = value_history(workspace.root, target.doc.path, item, target.item.check_ins, locale, until, prefix)
        if not found.in_git and not told:  # one notice: the value rule's says it already
            notice(_("not in a git repository (or git is not installed): showing the check-ins only"))
        if found.cut is not None and workspace.source.notice is None:  # one shallow notice
            notice(shallow_notice(found.cut))
        points = found.points
    shown = [p for p in points if p.date <= reading_day(target.doc, day)]  # as known on --as-of; a closed sheet at its closing day
    getattr(history_formats, chosen)(target.ref, shown, locale, None if shown else _written(target.item, locale))
    return EXIT_OK


def _written(item: KeyResult | KPI, locale: Locale) -> str | None:
    """The value the sheet as read holds (`current`, `actual`, a milestone's `done`)."""
    from okrcli.model.sheet import KPI

    if item.done is not None and (isinstance(item, KPI) or item.is_milestone):
        return "true" if item.done else "false"
    value = item.actual if isinstance(item, KPI) else item.current
    return value.display(locale) if value is not None and value.number is not None else None
