"""Reporters render a finished result; they compute nothing. Chosen by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from okrcli.lint.result import CheckResult

if TYPE_CHECKING:
    from okrcli.report.gather import ReportData


def check_reporter(name: str) -> Callable[[CheckResult], None]:
    from okrcli.reporters import check_formats

    return getattr(check_formats, name)  # type: ignore[no-any-return]


def report_renderer(name: str) -> Callable[[ReportData], str]:
    """The review report's page as `markdown` or `html`."""
    if name == "html":
        from okrcli.reporters.report_html import render
    else:
        from okrcli.reporters.report_markdown import render
    return render
