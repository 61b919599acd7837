"""Reporters render a finished result; they compute nothing. Chosen by name."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from okrcli.errors import UsageError
from okrcli.lint.result import CheckResult

if TYPE_CHECKING:
    from okrcli.report.gather import ReportData


CHECK_FORMATS = ("text", "parsable", "json", "github", "sarif")


def check_reporter(name: str | None) -> Callable[[CheckResult], None]:
    """`okr check`'s reporter named by --format; by default `github` inside GitHub Actions
    (its annotations show on the pull request), else `text`."""
    from okrcli.reporters import check_formats

    chosen = name if name is not None else "github" if _in_github_actions() else "text"
    if chosen not in CHECK_FORMATS:
        raise UsageError(f"--format {chosen!r}: choose one of {', '.join(CHECK_FORMATS)}")
    return getattr(check_formats, chosen)  # type: ignore[no-any-return]


def _in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS", "").lower() not in ("", "0", "false")


def report_renderer(name: str) -> Callable[[ReportData], str]:
    """The review report's page as `markdown` or `html`."""
    if name == "html":
        from okrcli.reporters.report_html import render
    else:
        from okrcli.reporters.report_markdown import render
    return render
