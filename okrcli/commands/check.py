"""`okr check [FILES…]`: validate and lint the goal sheets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    ConfigOption,
    RepoOption,
    choose,
    config_path,
    display_path,
    parse_as_of,
    start_dir,
)
from okrcli.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from okrcli.lint.check import check_repo
from okrcli.lint.result import CheckResult
from okrcli.problem import Problem
from okrcli.repo.root import find_root, list_sheets
from okrcli.reporters import check_reporter

FORMATS = ("text", "parsable", "json", "github", "sarif")


def check(
    files: Annotated[list[Path] | None, typer.Argument(help="Report the problems in these files and those elsewhere that they are involved in (the whole repo is still loaded).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, parsable, json, github or sarif.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """Validate and lint the goal sheets: schema, focus, measurability, wording."""
    default = "github" if os.environ.get("GITHUB_ACTIONS", "").lower() not in ("", "0", "false") else "text"
    chosen = choose(format, FORMATS, "--format", default)
    base = start_dir(repo)
    day = parse_as_of(as_of)
    root = find_root(base)
    only = _selected(root, base, files or [])
    result = check_repo(root, config_path(config, base), day, only)
    shown = CheckResult([_displayed(p, root, base) for p in result.problems], result.files)
    check_reporter(chosen)(shown)
    failed = result.errors > 0 or (strict and result.warnings > 0)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _selected(root: Path, base: Path, files: list[Path]) -> set[str] | None:
    if not files:
        return None
    chosen: set[str] = set()
    for file in files:
        given = base / file
        if not os.path.lexists(given):
            raise UsageError(f"{file}: no such file or directory")
        # A file's folder resolved, its name kept: a sheet that is a link is reported under
        # its own name, and a link in a loop or to nothing is still a path okr reports on.
        folder = given.is_dir()
        absolute = Path(os.path.realpath(given)) if folder else Path(os.path.realpath(given.parent)) / given.name
        try:
            relative = absolute.relative_to(root).as_posix()
        except ValueError:
            continue  # outside the goals repo: nothing of ours to report there
        if folder:
            prefix = "" if relative == "." else relative + "/"
            chosen.update(prefix + s for s in list_sheets(absolute, []))
        else:
            chosen.add(relative)
    return chosen


def _displayed(problem: Problem, root: Path, base: Path) -> Problem:
    return Problem(display_path(root, problem.path, base), problem.line, problem.column, problem.rule, problem.level, problem.message)
