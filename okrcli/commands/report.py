"""`okr report [PERIOD]`: the review-meeting report, as Markdown or as one self-contained
HTML page, on stdout or written to a file."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from okrcli.commands.common import AsOfOption, ConfigOption, RepoOption, choose, start_dir
from okrcli.commands.score import PeriodArgument, exit_code, score_repo
from okrcli.errors import UsageError

FORMATS = ("markdown", "html")
HTML_SUFFIXES = (".html", ".htm")


def report(
    period: PeriodArgument = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="markdown or html; default html when -o ends in .html, else markdown.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the report to FILE (atomically) instead of stdout; relative to -C DIR.", metavar="FILE", show_default=False)] = None,
    owner: Annotated[Optional[str], typer.Option("--owner", help="Only this owner's objectives and KPIs.", metavar="OWNER", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """The review-meeting report: scores, history sparklines, KPIs and the alignment tree."""
    from okrcli.report import gather
    from okrcli.repo import find_root

    chosen = choose(format, FORMATS, "--format", default_format(output))
    base = start_dir(repo)
    scored = score_repo(period, repo, as_of, config)
    data = gather(scored, find_root(base), owner)
    if chosen == "html":
        from okrcli.reporters.report_html import render
    else:
        from okrcli.reporters.report_markdown import render
    page = render(data)
    if output is None:
        sys.stdout.write(page)
    else:
        write_atomically(base / output, page)  # an absolute FILE stays as it is
    return exit_code(scored)


def default_format(output: Path | None) -> str:
    """A file named `.html` asks for the page; anything else (or stdout) gets Markdown, the
    format that pastes into a pull request or a wiki."""
    return "html" if output is not None and output.suffix.lower() in HTML_SUFFIXES else "markdown"


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file beside `path`, so a reader (a browser, a web server)
    never sees half a report, and a failed write leaves the old one in place."""
    import tempfile  # only when writing a file: keeps `okr --help` fast

    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise UsageError(f"-o {path}: cannot write there: {err.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UsageError(f"-o {path}: cannot write: {err.strerror}") from None


def _umask() -> int:
    # mkstemp creates the file 0600; a report is meant to be shared, so give it the mode a
    # plain `open()` would (the umask can only be read by setting it).
    current = os.umask(0)
    os.umask(current)
    return current
