"""Options every command accepts, and the plumbing they share."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from okrcli.errors import UsageError
from okrcli.i18n import LANGUAGES, _, use_language
from okrcli.model.periods import parse_day
from okrcli.repo.root import CONFIG_NAME, find_root, shown_path

if TYPE_CHECKING:
    from okrcli.repo.source import When

RepoOption = Annotated[
    Path | None,
    typer.Option("-C", "--repo", help="Run as if okr was started in DIR.", metavar="DIR", show_default=False),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Read the repository as it was at the end of this day (YYYY-MM-DD): values, pace and staleness; default today.",
        metavar="DATE", show_default=False,
    ),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at", help="Read the sheets at this git ref (tag, branch, commit); --as-of defaults to its commit's day.",
        metavar="REF", show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Use this config file instead of the root's .okr.yaml.", metavar="FILE", show_default=False),
]
OwnerOption = Annotated[
    str | None,
    typer.Option("--owner", help="Only this owner's objectives and KPIs.", metavar="OWNER", show_default=False),
]
TextOrJsonOption = Annotated[str | None, typer.Option("--format", "-f", help="text or json.", show_default=False)]


def speak_chosen_language(option: str | None, repo: Path | None, config: Path | None) -> None:
    """Set the language of every message of this command (SPEC 9): `--lang`, else
    `OKR_LANG`, else `language:` in the config, else English; an invalid value of any of
    them is a usage error naming where it came from."""
    use_language(chosen_language(option, repo, config))


def chosen_language(option: str | None, repo: Path | None, config: Path | None) -> str:
    if option is not None:
        return choose(option, LANGUAGES, "--lang", "en")
    from_environment = os.environ.get("OKR_LANG", "")
    if from_environment:
        return choose(from_environment, LANGUAGES, "OKR_LANG", "en")
    from okrcli.repo.config import configured_language

    base = start_dir(repo)
    root = find_root(base)
    path = config_path(config, base) or root / CONFIG_NAME
    return configured_language(path, root)


def start_dir(repo: Path | None) -> Path:
    """The folder a command works from: -C DIR (after the command or before it), else the cwd."""
    chosen = repo if repo is not None else _global_repo()
    if chosen is None:
        return Path.cwd()
    if not chosen.is_dir():
        raise UsageError(f"-C {chosen}: " + _("no such directory"))
    return chosen.resolve()


def _global_repo() -> Path | None:
    context = click.get_current_context(silent=True)
    while context is not None:
        if isinstance(context.obj, dict) and context.obj.get("repo") is not None:
            return Path(context.obj["repo"])
        context = context.parent
    return None


def config_path(config: Path | None, base: Path) -> Path | None:
    if config is None:
        return None
    path = config if config.is_absolute() else base / config
    if not os.path.lexists(path):
        raise UsageError(f"--config {config}: " + _("no such file"))
    return path  # whatever it is: reading it says what is wrong with it


def parse_as_of(raw: str | None) -> dt.date:
    return dt.date.today() if raw is None else parse_date(raw, "--as-of")


def parse_when(as_of: str | None, at: str | None) -> When:
    """The moment options: `--as-of` (None when not given) and `--at`."""
    from okrcli.repo.source import When

    return When(None if as_of is None else parse_date(as_of, "--as-of"), at)


def parse_date(raw: str, option: str) -> dt.date:
    """A date option's value; a usage error naming the option when it is not exactly
    YYYY-MM-DD (SPEC 6: a blank around it too, which a sheet's date may have)."""
    try:
        if raw != raw.strip():
            raise ValueError(raw)
        return parse_day(raw)
    except ValueError:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):  # the form is right: the day does not exist
            raise UsageError(f"{option} {raw}: " + _("there is no such day; write a day of the calendar, e.g. {example}").format(
                example=f"{option} 2025-08-15")) from None
        raise UsageError(f"{option} {raw!r}: " + _("write a date as YYYY-MM-DD, e.g. {example}").format(example=f"{option} 2025-08-15")) from None


def choose(value: str | None, choices: tuple[str, ...], option: str, default: str) -> str:
    chosen = value if value is not None else default
    if chosen not in choices:
        raise UsageError(f"{option} {chosen!r}: " + _("choose one of {choices}").format(choices=", ".join(choices)))
    return chosen


def display_path(root: Path, relative: str, base: Path) -> str:
    """A root-relative path as the user sees it: relative to where the command started."""
    return shown_path(root / relative, base)
