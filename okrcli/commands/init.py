"""`okr init [DIR]`: start a goals repository with a config, a sample sheet and the schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, cast

import typer

from okrcli.commands.common import (
    RepoOption,
    choose,
    parse_as_of,
    start_dir,
)
from okrcli.edit.templates import LOCALES, Locale
from okrcli.errors import EXIT_OK

SUMMARY = 'Start a goals repository: config, sample sheet, schema.'
EXAMPLES = (
    ('okr init', 'Start one here, for the current quarter.'),
    ('okr init goals --locale vi', 'Start one in goals/, numbers and messages in Vietnamese.'),
)

def init(
    directory: Annotated[
        Path | None, typer.Argument(metavar="DIR", help="Where to start the goals repository (created if missing); default: here.", show_default=False)
    ] = None,
    locale: Annotated[str, typer.Option("--locale", help="Language of the sample and number style: en or vi.")] = "en",
    repo: RepoOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The day taken as today (YYYY-MM-DD): the sample sheet is for the quarter holding it; default today.",
            metavar="DATE", show_default=False,
        ),
    ] = None,
) -> int:
    """Write .okr.yaml and a sample sheet for the current quarter; never overwrites."""
    from okrcli.edit.init import start_repository

    chosen = cast(Locale, choose(locale, LOCALES, "--locale", "en"))
    _speak_locale(chosen)
    base = start_dir(repo)
    day = parse_as_of(as_of)
    root = base / directory if directory is not None else base
    print(start_repository(root, chosen, day, base, dt.date.today()))
    return EXIT_OK


def _speak_locale(locale: Locale) -> None:
    """`--locale vi` starts a repository that speaks Vietnamese, and `okr init` speaks it
    already, unless `--lang` or OKR_LANG chose the language."""
    import os

    import click

    from okrcli.i18n import use_language

    context = click.get_current_context(silent=True)
    if context is None or context.get_parameter_source("locale") in (None, click.core.ParameterSource.DEFAULT):
        return
    if context.params.get("lang") is None and not os.environ.get("OKR_LANG"):
        use_language(locale)
