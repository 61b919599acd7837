"""`okr check [FILES…]`: validate and lint the goal sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from okrcli.commands.common import AsOfOption, ConfigOption, RepoOption, config_path, parse_as_of, start_dir
from okrcli.errors import EXIT_OK
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
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 whatever is found (a usage error still exits 2).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Add the count of problems per rule (text and json).")] = False,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, parsable, json, github, sarif or junit.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """Validate and lint the goal sheets: schema, focus, measurability, wording."""
    reporter = check_reporter(format, statistics)
    base = start_dir(repo)
    day = parse_as_of(as_of)
    result = run_check(base, files or [], config_path(config, base), day)
    reporter(result)
    return EXIT_OK if exit_zero else result.exit_code(strict)
