"""`okr check [FILES…]`: validate and lint the goal sheets."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.commands.common import AsOfOption, AtOption, ConfigOption, RepoOption, config_path, parse_as_of, parse_when, start_dir
from okrcli.edit.atomic import write_atomic
from okrcli.errors import EXIT_OK, EXIT_PROBLEMS, EditRefused, UsageError
from okrcli.i18n import _, ngettext
from okrcli.lint.check import baseline_file, record_baseline, run_check
from okrcli.repo.root import YAML_SUFFIXES, find_root, shown_path
from okrcli.reporters import check_reporter
from okrcli.reporters.terminal import notice

if TYPE_CHECKING:
    from okrcli.lint.fixing import FixRequest, FixRun
    from okrcli.problem import Problem

# What --baseline and --write-baseline hold when given no FILE: the root's .okr-baseline.json.
# A NUL is in no file name, so no FILE can be taken for it.
DEFAULT_FILE = "\0default"
OPTIONAL_VALUES = {"baseline": DEFAULT_FILE, "write_baseline": DEFAULT_FILE}  # see okrcli.cli

SUMMARY = 'Validate and lint the goal sheets.'
EXAMPLES = (
    ('okr check --strict', 'Every sheet of the repository; warnings fail too.'),
    ('okr check 2025-Q3/sales.yaml --format github', "One sheet's problems, as GitHub annotations."),
)

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
    baseline: Annotated[
        str | None,
        typer.Option(
            "--baseline", metavar="[FILE]", show_default=False,
            help="Report only the problems the baseline does not record (default FILE: .okr-baseline.json at the root).",
        ),
    ] = None,
    write_baseline: Annotated[
        str | None,
        typer.Option(
            "--write-baseline", metavar="[FILE]", show_default=False,
            help="Record today's problems in FILE (default .okr-baseline.json at the root) and exit 0.",
        ),
    ] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes in place, then report what is left.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Apply the fixes that change meaning too (a misspelt key renamed); implies --fix.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the diff of what the fixes would write, write nothing; exit 1 when not empty.")
    ] = False,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, parsable, json, github, sarif or junit.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    at: AtOption = None,
) -> int:
    """Validate and lint the goal sheets: schema, focus, measurability, wording."""
    reporter = check_reporter(format, statistics)
    base = start_dir(repo)
    day = parse_as_of(as_of)
    if at is not None and (write_baseline is not None or fix or unsafe_fixes or diff):
        raise UsageError(_("--at reads the sheets of a commit: --fix, --diff and --write-baseline work on the working tree, run them without it"))
    if write_baseline is not None and (fix or unsafe_fixes or diff):
        raise UsageError(_("--write-baseline records the problems as they are: run --fix and --diff without it"))
    if write_baseline is not None:
        return _write_baseline(base, files, baseline, config_path(config, base), day, write_baseline)
    if baseline is not None and baseline.endswith(YAML_SUFFIXES):
        # `okr check --baseline a.yaml b.yaml`, as pre-commit runs `args: [--baseline]`: a
        # baseline is never YAML, so the sheet is the first of FILES and the baseline the default.
        files, baseline = [Path(baseline), *(files or [])], DEFAULT_FILE
    if fix or unsafe_fixes or diff:
        from okrcli.lint.fixing import FixRequest

        request = FixRequest(base, files or [], config_path(config, base), day, _given(baseline), unsafe_fixes)
        if diff:
            return _diff(request)
        run = _fix(request)
        result = run_check(base, files or [], request.config, day, request.baseline)
        reporter(result)
        _not_fixed(run, base, result.problems)
        return EXIT_OK if exit_zero else max(result.exit_code(strict), EXIT_PROBLEMS if run.changed else EXIT_OK)
    when = parse_when(as_of, at) if as_of is not None or at is not None else None  # the repository at a moment
    result = run_check(base, files or [], config_path(config, base), day, _given(baseline), when, notice)
    reporter(result)
    return EXIT_OK if exit_zero else result.exit_code(strict)


def _diff(request: FixRequest) -> int:
    """Print what the fixes would write; exit 1 when there is any."""
    from okrcli.lint.fix import unified_diff
    from okrcli.lint.fixing import plan_fixes

    run = plan_fixes(request)
    text = "".join(unified_diff(item.path, item.old, item.new) for item in run.changed)
    sys.stdout.write(text)
    _not_fixed(run, request.base)
    return EXIT_PROBLEMS if text else EXIT_OK


def _fix(request: FixRequest) -> FixRun:
    """Apply the fixes and say how many were made. A run that changed a file exits 1: a
    fixing pre-commit hook then stops the commit, so the fix is looked at before it goes in."""
    from okrcli.lint.fixing import plan_fixes, write_fixes

    run = plan_fixes(request)
    write_fixes(run)
    problems = ngettext("{count} problem", "{count} problems", len(run.fixed)).format(count=len(run.fixed))
    files = ngettext("{count} file", "{count} files", len(run.changed)).format(count=len(run.changed))
    fixed = _("fixed {problems} in {files}").format(problems=problems, files=files) if run.fixed else _("fixed nothing")
    if run.skipped:
        notice(_("{fixed}; could not fix {count}").format(fixed=fixed, count=len(run.skipped)))
    else:
        notice(fixed if run.fixed else _("nothing to fix"))
    return run


def _not_fixed(run: FixRun, base: Path, after: list[Problem] | None = None) -> None:
    """A line per fix not made, at the problem's position in the file as it is now: the
    fixes made above it may have moved it (`after`: the problems reported after fixing)."""
    left = list(after or [])
    for problem, reason in run.skipped:
        shown = shown_path(run.root / problem.path, base)
        same = [p for p in left if (p.path, p.rule, p.message) == (shown, problem.rule, problem.message)]
        now = same[0] if same else problem
        if same:
            left.remove(now)
        notice(_("could not fix {where} ({rule}): {reason}").format(where=f"{shown}:{now.line}:{now.column}", rule=problem.rule, reason=reason))


def _write_baseline(base: Path, files: list[Path] | None, baseline: str | None, config_file: Path | None, day: dt.date, given: str) -> int:
    """Record every problem of the repository (never a selection of files: the rest would be
    lost) and say where."""
    if files or baseline is not None:
        raise UsageError(_("--write-baseline records the whole repository: give it no FILES and no --baseline"))
    path, shown = baseline_file(find_root(base), base, _given(given))
    if os.path.lexists(path) and path.name.endswith(YAML_SUFFIXES):
        raise UsageError(f"--write-baseline {shown}: " + _("is a YAML file (a goal sheet or a config); okr never writes over one: choose another name"))
    data, count = record_baseline(base, config_file, day)
    try:
        write_atomic(path, data)
    except EditRefused as err:
        raise UsageError(f"--write-baseline {shown}: {err}") from None
    except OSError as err:
        raise UsageError(f"--write-baseline {shown}: " + _("cannot write there: {reason}").format(reason=err.strerror)) from None
    notice(ngettext("recorded {count} problem in {file}", "recorded {count} problems in {file}", count).format(count=count, file=shown))
    return EXIT_OK


def _given(option: str | None) -> str | None:
    """The FILE given to a baseline option: "" for the default, None when not given."""
    return "" if option == DEFAULT_FILE else option
