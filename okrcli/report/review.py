"""`okr report` as one call: score the period, gather the report, and write a page to a file
atomically when asked to."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from okrcli.errors import EditRefused, UsageError
from okrcli.i18n import _
from okrcli.report.gather import ReportData
from okrcli.report.since import Since
from okrcli.score.book import Scored
from okrcli.score.run import ScoreRequest


def review(request: ScoreRequest, owner: str | None = None, since: str | None = None) -> tuple[Scored, ReportData]:
    """The period scored, and the review report of it (all owners, or one); with `since`
    (a date or a git ref), what changed since the review then."""
    from okrcli.report.gather import gather
    from okrcli.score.run import score_period

    scored = score_period(request, histories=True)
    assert scored.root is not None
    data = gather(scored, scored.root, owner, scored.facts)
    if since is None:
        return scored, data
    return scored, dataclasses.replace(data, since=changes_since(request, scored, since, owner))


def changes_since(request: ScoreRequest, scored: Scored, asked: str, owner: str | None) -> Since:
    """The same settings as the scores of now (read from the same moment), so only the
    sheets differ."""
    from okrcli.report.since import since

    assert scored.root is not None and scored.settings is not None
    found = since(asked, scored.root, scored.settings, scored.report, owner)
    if found.notice is not None and request.on_notice is not None:
        request.on_notice(found.notice)
    return found


def _inside_git(path: Path) -> bool:
    """True when `path` (followed through symlinks of its folders, as the write will be) lies
    in a `.git` folder or is one: writing there would damage the repository."""
    try:
        folder = path.parent.resolve()
    except (OSError, RuntimeError):
        return False  # the write itself reports the unreachable folder
    return any(part == ".git" for part in (*folder.parts, path.name))


def write_page(path: Path, page: str) -> None:
    """Atomically, so a reader (a browser, a web server) never sees half a report and a failed
    write leaves the old one in place."""
    from okrcli.edit.atomic import write_atomic
    from okrcli.repo.root import YAML_SUFFIXES

    if _inside_git(path):
        raise UsageError(_("-o {path}: is inside a .git folder, git's own data; okr report never writes there: choose another place").format(path=path))
    if os.path.lexists(path) and path.name.endswith(YAML_SUFFIXES):
        raise UsageError(_(
            "-o {path}: is a YAML file (a goal sheet or a config); okr report never writes over one and left it untouched: choose another name"
        ).format(path=path))
    try:
        write_atomic(path, page.encode("utf-8"))
    except EditRefused as err:
        raise UsageError(f"-o {err}") from None
    except OSError as err:
        raise UsageError(_("-o {path}: cannot write there: {reason}").format(path=path, reason=err.strerror)) from None
