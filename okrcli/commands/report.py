"""`okr report [PERIOD]`: the review-meeting report, as Markdown or as one self-contained
HTML page, on stdout or written to a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    AtOption,
    ConfigOption,
    OwnerOption,
    RepoOption,
    choose,
)
from okrcli.commands.score import PeriodArgument, score_request

FORMATS = ("markdown", "html")
HTML_SUFFIXES = (".html", ".htm")



SUMMARY = 'The review-meeting report, as Markdown or HTML.'
EXAMPLES = (
    ('okr report Q3 -o review.html', "The latest third quarter's report as one HTML page."),
    ('okr report --since v2025-07 --format markdown', "Today's report with what changed since that git tag."),
)

def report(
    period: PeriodArgument = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="markdown or html; default html when -o ends in .html, else markdown.", show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the report to FILE (atomically) instead of stdout; relative to -C DIR.", metavar="FILE", show_default=False),
    ] = None,
    owner: OwnerOption = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Show what changed since DATE (YYYY-MM-DD) or git REF: the scores of objectives and owners then and now.",
                     metavar="DATE|REF", show_default=False),
    ] = None,
    at: AtOption = None,
) -> int:
    """The review-meeting report: scores, history sparklines, KPIs and the alignment tree."""
    from okrcli.report.review import review, write_page
    from okrcli.reporters import report_renderer

    chosen = choose(format, FORMATS, "--format", default_format(output))
    request = score_request(period, repo, as_of, config, at)
    scored, data = review(request, owner, since)
    page = report_renderer(chosen)(data)
    if output is None or str(output) == "-":  # `-o -`: standard output, as in most tools
        sys.stdout.write(page)
    else:
        write_page(request.base / output, page)  # an absolute FILE stays as it is
    return scored.exit_code


def default_format(output: Path | None) -> str:
    """A file named `.html` asks for the page; anything else (or stdout) gets Markdown, the
    format that pastes into a pull request or a wiki."""
    return "html" if output is not None and str(output) != "-" and output.suffix.lower() in HTML_SUFFIXES else "markdown"
