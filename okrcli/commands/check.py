"""`okr check [FILES…]`: validate and lint the goal sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from okrcli.commands.common import AsOfOption, ConfigOption, RepoOption, config_path, parse_as_of, start_dir
from okrcli.lint.check import run_check
from okrcli.reporters import check_reporter


def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Report the problems in these files and those elsewhere that they are involved in (the whole repo is still loaded).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, parsable, json, github or sarif.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """Validate and lint the goal sheets: schema, focus, measurability, wording."""
    reporter = check_reporter(format)
    base = start_dir(repo)
    day = parse_as_of(as_of)
    result = run_check(base, files or [], config_path(config, base), day)
    reporter(result)
    return result.exit_code(strict)
