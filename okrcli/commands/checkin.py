"""`okr checkin REF VALUE`: record progress in the sheet, in place, and show the score move."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    ConfigOption,
    RepoOption,
    config_path,
    display_path,
    parse_as_of,
    parse_date,
    start_dir,
)
from okrcli.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from okrcli.repo.workspace import Workspace


def checkin(
    ref: Annotated[str, typer.Argument(help="The key result (owner/O1/KR2) or KPI (owner/K1).", metavar="REF", show_default=False)],
    value: Annotated[
        str,
        typer.Argument(
            help="The value as you write it in the sheet (290000, 308.000, 36%), or done/true/false for a milestone.", metavar="VALUE", show_default=False
        ),
    ],
    confidence: Annotated[
        str | None,
        typer.Option(
            "--confidence",
            help="How sure you are the target will be met: 0..1 (0.7; 0,7 under number_locale: vi) or a percent (70%).",
            metavar="C",
            show_default=False,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A short note kept with the check-in.", metavar="TEXT", show_default=False)] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help=(
                "The check-in's date (YYYY-MM-DD); default --as-of, else today. Not after today, and within "
                "the sheet's period (after its end, within grace_days of rule check-in-outside-period)."
            ),
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """Record a check-in: append it to the sheet and update `current`, changing nothing else."""
    from okrcli.edit.atomic import real_path_inside, replace_file
    from okrcli.edit.checkin import (
        find,
        locate,
        movement,
        notices,
        plan_edit,
        refuse_date,
        reread,
    )
    from okrcli.edit.splice import apply_checkin, read_sheet_bytes
    from okrcli.lint.rules.check_in_outside_period import ID as OUTSIDE_PERIOD
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace
    from okrcli.reporters.terminal import notice, printable

    for option, text in (("REF", ref), ("VALUE", value), ("--confidence", confidence), ("--note", note), ("--date", date)):
        _require_text(option, text)
    base = start_dir(repo)
    today = parse_as_of(as_of)
    day = parse_date(date, "--date") if date is not None else today
    workspace = open_workspace(base, config_path(config, base), resolve_rules)
    try:
        target = locate(workspace, ref, today)
    except UsageError as err:
        raise UsageError(f"{err}{_not_read(workspace)}") from None
    grace_days = workspace.settings.rules[OUTSIDE_PERIOD].options.grace_days
    refuse_date(target, day, dt.date.today(), grace_days, "--date" if date is not None else "--as-of")
    settings = workspace.settings.config
    path = real_path_inside(workspace.root, target.doc.path)
    raw = read_sheet_bytes(workspace.root, target.doc.path)
    fresh = reread(target, raw, settings.number_locale)
    edit = plan_edit(fresh, value, day, confidence, note, settings.number_locale)
    new_raw, new_doc = apply_checkin(raw, edit, target.doc.path, settings.number_locale)
    replace_file(path, new_raw, raw)
    for line in notices(fresh, edit.field, day):
        notice(line)
    after = find(new_doc, target.ids, target.ref)
    print(printable(f"{display_path(workspace.root, target.doc.path, base)}: checked in {target.ref} on {day.isoformat()}"))
    print(printable(movement(fresh, after, settings, edit.field)))
    return EXIT_OK


def _not_read(workspace: Workspace) -> str:
    """The sheet paths okr would not read, which may hold the item asked for."""
    paths = sorted({p.path for p in workspace.problems() if p.rule == "unreadable-file"})
    return f"; okr did not read {', '.join(paths)} (see `okr check`)" if paths else ""


def _require_text(option: str, text: str | None) -> None:
    """What goes into the sheet must be text: bytes that are not UTF-8 reach Python from the
    shell as lone surrogates, which no UTF-8 file can hold."""
    if text is None:
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise UsageError(f"{option} '{shown}': is not valid UTF-8 text; type it again in a UTF-8 terminal") from None
