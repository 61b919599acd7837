"""Reporters render a finished result; they compute nothing. Chosen by name."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from okrcli.errors import UsageError
from okrcli.i18n import _
from okrcli.lint.result import CheckResult

if TYPE_CHECKING:
    from okrcli.report.gather import ReportData
    from okrcli.score.alignment import TreeNode
    from okrcli.score.records import Scorecard, ScoreReport


CHECK_FORMATS = ("text", "parsable", "json", "github", "sarif", "junit")
_WITH_STATISTICS = ("text", "json")


def check_reporter(name: str | None, statistics: bool = False) -> Callable[[CheckResult], None]:
    """`okr check`'s reporter named by --format; by default `github` inside GitHub Actions
    (its annotations show on the pull request), else `text`. With `statistics`, the count
    per rule is added (text and json: the other formats are read by machines line by line)."""
    chosen = name if name is not None else "github" if _in_github_actions() else "text"
    if chosen not in CHECK_FORMATS:
        raise UsageError(f"--format {chosen!r}: " + _("choose one of {choices}").format(choices=", ".join(CHECK_FORMATS)))
    if statistics and chosen not in _WITH_STATISTICS:
        raise UsageError(_("--statistics: --format {format} has no place for them; use --format text or json").format(format=chosen))
    if chosen == "junit":
        from okrcli.reporters.check_junit import junit

        return junit
    from okrcli.reporters import check_formats

    chosen_reporter: Callable[..., None] = getattr(check_formats, chosen)
    return functools.partial(chosen_reporter, statistics=True) if statistics else chosen_reporter


def _in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS", "").lower() not in ("", "0", "false")


def report_renderer(name: str) -> Callable[[ReportData], str]:
    """The review report's page as `markdown` or `html`."""
    if name == "html":
        from okrcli.reporters.html.page import render
    else:
        from okrcli.reporters.markdown.report import render
    return render


def score_reporter(name: str) -> Callable[[ScoreReport], None]:
    """`okr score` as `text`, `json`, `markdown` or `csv`."""
    if name == "text":
        from okrcli.reporters.text.score import text

        return text
    from okrcli.reporters import csv, json
    from okrcli.reporters.markdown import score

    return {"json": json.score, "markdown": score.score, "csv": csv.score}[name]


def scorecard_reporter(name: str) -> Callable[[Scorecard, ScoreReport], None]:
    """`okr scorecard` as `text` or `json`."""
    if name == "json":
        from okrcli.reporters.json import scorecard

        return scorecard
    from okrcli.reporters.text.scorecard import text

    return text


def tree_reporter(name: str) -> Callable[[ScoreReport, list[TreeNode]], None]:
    """`okr tree` as `text` or `json`."""
    if name == "json":
        from okrcli.reporters.json import tree

        return tree
    from okrcli.reporters.text.tree import text

    return text
