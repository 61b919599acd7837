"""`okr checkin REF VALUE`: record progress in the sheet, in place, and show the score move."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.commands.common import (
    ConfigOption,
    RepoOption,
    config_path,
    parse_as_of,
    parse_date,
    start_dir,
)
from okrcli.errors import EXIT_OK, UsageError

SUMMARY = "Record a key result's or KPI's progress in its sheet."
EXAMPLES = (
    ('okr checkin marketing/O1/KR2 36% --confidence 0.7', 'The KR is at 36%, and you are 70% sure it will be met.'),
    ('okr checkin ops/O2/KR1 done --note "Shipped"', 'A milestone reached, with a note.'),
)

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
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help=(
                "The day taken as today (YYYY-MM-DD): the check-in's date unless --date is given, and the day a ref "
                "without a period (owner/O1/KR2) is looked up at; default today. The sheet edited is the one on disk."
            ),
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
) -> int:
    """Record a check-in: append it to the sheet and update `current`, changing nothing else."""
    from okrcli.edit.checkin import CheckInRequest, check_in
    from okrcli.reporters.text import checkin as reporter

    for option, text in (("REF", ref), ("VALUE", value), ("--confidence", confidence), ("--note", note), ("--date", date)):
        _require_text(option, text)
    base = start_dir(repo)
    day = parse_date(date, "--date") if date is not None else None
    request = CheckInRequest(base, config_path(config, base), ref, value, parse_as_of(as_of), day, confidence, note, as_of_given=as_of is not None)
    reporter.text(check_in(request))
    return EXIT_OK


def _require_text(option: str, text: str | None) -> None:
    """What goes into the sheet must be text: bytes that are not UTF-8 reach Python from the
    shell as lone surrogates, which no UTF-8 file can hold."""
    if text is None:
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        from okrcli.i18n import _

        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise UsageError(_("{option} '{text}': is not valid UTF-8 text; type it again in a UTF-8 terminal").format(option=option, text=shown)) from None
