"""`okr report [PERIOD]`: the review-meeting report, as Markdown or as one self-contained
HTML page, on stdout or written to a file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    ConfigOption,
    OwnerOption,
    RepoOption,
    choose,
    start_dir,
)
from okrcli.commands.score import PeriodArgument, exit_code, score_with_facts
from okrcli.errors import EditRefused, UsageError

FORMATS = ("markdown", "html")
HTML_SUFFIXES = (".html", ".htm")


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
) -> int:
    """The review-meeting report: scores, history sparklines, KPIs and the alignment tree."""
    from okrcli.repo.root import find_root
    from okrcli.report.gather import gather
    from okrcli.reporters import report_renderer

    chosen = choose(format, FORMATS, "--format", default_format(output))
    base = start_dir(repo)
    scored, facts = score_with_facts(period, repo, as_of, config, histories=True)
    page = report_renderer(chosen)(gather(scored, find_root(base), owner, facts))
    if output is None:
        sys.stdout.write(page)
    else:
        _write(base / output, page)  # an absolute FILE stays as it is
    return exit_code(scored)


def default_format(output: Path | None) -> str:
    """A file named `.html` asks for the page; anything else (or stdout) gets Markdown, the
    format that pastes into a pull request or a wiki."""
    return "html" if output is not None and output.suffix.lower() in HTML_SUFFIXES else "markdown"


def _write(path: Path, page: str) -> None:
    """Atomically, so a reader (a browser, a web server) never sees half a report and a failed
    write leaves the old one in place."""
    from okrcli.edit.atomic import write_atomic
    from okrcli.repo.root import YAML_SUFFIXES

    if os.path.lexists(path) and path.name.endswith(YAML_SUFFIXES):
        raise UsageError(f"-o {path}: is a YAML file (a goal sheet or a config); okr report never writes over one and left it untouched: choose another name")
    try:
        write_atomic(path, page.encode("utf-8"))
    except EditRefused as err:
        raise UsageError(f"-o {err}") from None
    except OSError as err:
        raise UsageError(f"-o {path}: cannot write there: {err.strerror}") from None
