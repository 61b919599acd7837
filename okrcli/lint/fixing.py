"""`okr check --fix` over a repository: the fixes of what `okr check` reports, planned for
every file first (`okrcli.lint.fix`), then written one file at a time; a file that changed
on disk since it was read, or cannot be written, is left as it is and its fixes reported as
not made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from okrcli.errors import EditRefused
from okrcli.i18n import _
from okrcli.lint.fix import FileFixes, fix_file, fixable
from okrcli.problem import Problem


@dataclass(frozen=True, slots=True)
class FixRun:
    root: Path
    files: list[FileFixes]  # every file with something to fix, by path

    @property
    def changed(self) -> list[FileFixes]:
        return [item for item in self.files if item.new != item.old]

    @property
    def fixed(self) -> list[Problem]:
        return [problem for item in self.files for problem in item.fixed]

    @property
    def skipped(self) -> list[tuple[Problem, str]]:
        return sorted(skip for item in self.files for skip in item.skipped)


@dataclass(frozen=True, slots=True)
class FixRequest:
    base: Path
    files: list[Path]
    config: Path | None
    as_of: dt.date
    baseline: str | None  # as `run_check` takes it
    unsafe: bool


def plan_fixes(request: FixRequest) -> FixRun:
    """The fixes of the problems `okr check` would report for `request`, none written."""
    from okrcli.lint.check import reported
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import settings_for

    root, result = reported(request.base, request.files, request.config, request.as_of, request.baseline)
    locale = settings_for(root, request.config, resolve_rules).config.number_locale
    by_path: dict[str, list[Problem]] = {}
    for problem in result.problems:
        if fixable(problem, locale, request.unsafe):
            by_path.setdefault(problem.path, []).append(problem)
    return FixRun(root, [_fix_one(root, path, problems, locale) for path, problems in sorted(by_path.items())])


def _fix_one(root: Path, path: str, problems: list[Problem], locale: str) -> FileFixes:
    from okrcli.edit.pipeline import read_sheet_bytes

    try:
        raw = read_sheet_bytes(root, path)
    except EditRefused as refused:
        return FileFixes(path, b"", b"", skipped=[(problem, str(refused)) for problem in problems])
    return fix_file(path, raw, problems, locale)


def write_fixes(run: FixRun) -> None:
    """Write every changed file over the bytes it was planned on; one that cannot be written
    keeps its old bytes and its fixes move to `skipped`."""
    from okrcli.edit.atomic import real_path_inside, write_atomic

    for item in run.changed:
        try:
            write_atomic(real_path_inside(run.root, item.path), item.new, item.old)
        except (EditRefused, OSError) as err:
            reason = err.strerror or str(err) if isinstance(err, OSError) else str(err)
            written = f"{item.path}: " + _("cannot write it ({reason})").format(reason=reason)
            item.skipped = [(problem, written) for problem in item.fixed] + item.skipped
            item.fixed, item.new = [], item.old
