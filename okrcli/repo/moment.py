"""Which commit a reading command reads (SPEC 3.1): `--at REF`, or the end of day D.

The end of day D is the newest commit of HEAD's first-parent history whose committer date,
on the committer's own calendar (the date `okr history` shows for it), is on or before D.
First parent: the branch as it stood, so a side branch's commit dated before D but merged
after it does not count. The committer's calendar: a review is reproduced the same on every
machine, whatever its time zone. A commit dated later than its successor on the branch (a
clock set wrong, a rebase) counts by its own date, so the walk stops at the first commit,
newest first, that is old enough.

A ref never reaches git as an option: one starting with `-` is refused before git runs, and
every ref is passed as `REF^{commit}`, so it cannot be read as anything but a revision.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import NamedTuple

from okrcli.errors import UsageError
from okrcli.i18n import _
from okrcli.repo.git import git

# Past the end of day D in every time zone (git keeps offsets within ±100 hours).
_ZONES_AHEAD = dt.timedelta(hours=101)


class Moment(NamedTuple):
    commit: str
    short: str
    day: dt.date  # the commit date, on the committer's calendar


class GitFacts(NamedTuple):
    prefix: str  # the root's folder from the top of the work tree, '' or ending in '/'
    shallow: bool


class AsOfSource(NamedTuple):
    """What `--as-of D` reads: a commit (None: the working tree) and a notice for stderr."""

    moment: Moment | None
    notice: str | None = None
    prefix: str = ""  # the root's folder in the repository (`GitFacts.prefix`), with a moment
    outside_git: bool = False  # a past day outside git: the value rule reads the working tree (`no_git_notice`)


def git_facts(root: Path) -> GitFacts | None:
    """Where the root sits in its repository and whether the clone is shallow; None outside
    git or without git."""
    out = git(root, ["rev-parse", "--show-prefix", "--is-shallow-repository"])
    if out is None:
        return None
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    return GitFacts(lines[0], len(lines) > 1 and lines[1] == "true")


def resolve_ref(root: Path, ref: str) -> Moment:
    """The commit `--at REF` names; UsageError (exit 2) for anything that is not one."""
    if git_facts(root) is None:
        # `--at REF: ` stays outside the message: okr report --since names its own option instead.
        raise UsageError(f"--at {ref}: " + _("{root} is not in a git repository (or git is not installed), so there is no ref to read").format(root=root))
    if not ref or ref.startswith("-") or any(ord(c) < 32 or ord(c) == 127 for c in ref):
        raise UsageError(_unknown(root, ref))
    found = git(root, ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
    if found is None and ref.startswith(":/"):  # git's search by message: `^{commit}` would join the text searched
        searched = git(root, ["rev-parse", "--verify", "--quiet", ref])
        found = git(root, ["rev-parse", "--verify", "--quiet", searched.decode("ascii", "replace").strip() + "^{commit}"]) if searched else None
    moments = _walk(root, found.decode("ascii", "replace").strip(), None) if found else []
    if not moments:
        raise UsageError(_unknown(root, ref))
    return moments[0]


def _unknown(root: Path, ref: str) -> str:
    """The message for a ref that names no commit, with the nearest branch or tag."""
    import difflib

    listed = git(root, ["for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags"]) if ref else None
    names = listed.decode("utf-8", "replace").split() if listed else []
    near = difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
    if near:
        return _("unknown git ref '{ref}': no tag, branch or commit of that name; did you mean '{near}'?").format(ref=ref, near=near[0])
    return _("unknown git ref '{ref}': no tag, branch or commit of that name; see `git tag`, `git branch` or `git log`").format(ref=ref)


def end_of_day(root: Path, day: dt.date) -> Moment | None:
    """The last commit of the current branch on or before `day` (see the module's doc);
    None outside git, with no commit yet, or when every commit is later."""
    moments = _walk(root, "HEAD", day)
    return moments[0] if moments else None


def as_of_source(root: Path, day: dt.date, today: dt.date) -> AsOfSource:
    """The working tree from today on and outside git; else the commit at the end of `day`.
    A shallow clone whose history stops after `day` gets the working tree and a notice;
    outside git, the reading says so once the value rule has changed what it reads."""
    if day >= today:
        return AsOfSource(None)
    facts = git_facts(root)
    if facts is None:
        return AsOfSource(None, outside_git=True)
    moment = end_of_day(root, day)
    if moment is None and facts.shallow:
        return AsOfSource(None, _(
            "this clone is shallow and its history does not reach {day}: the sheets are read from "
            "the working tree, with check-ins after that day left out; run `git fetch --unshallow` for the sheets as committed then"
        ).format(day=day.isoformat()))
    return AsOfSource(moment, None, facts.prefix)


def no_git_notice(root: Path, day: dt.date) -> str:
    """What `--as-of` a past day reads outside git (SPEC 3.1): told when a check-in or
    reading dated after the day is set aside, so the values differ from the sheets as written."""
    return _(
        "{root} is not in a git repository (or git is not installed), so the sheets are read as they are now: "
        "each value as of {day} is the latest check-in dated on or before that day, else `current`/`actual` "
        "when no check-in is dated after it"
    ).format(root=root, day=day.isoformat())


def _walk(root: Path, start: str, day: dt.date | None) -> list[Moment]:
    """The first commit from `start` (first parents, newest first) dated on or before `day`
    (any, when None), as a one-item list; read as a stream and stopped there, so a long
    history is not listed to its root."""
    args = ["log", "--first-parent", "--format=%H %h %ci"]
    if day is None:
        args.append("-1")
    else:  # a cheap pre-filter: commits later than this are on a later day in every zone
        limit = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.timezone.utc) + _ZONES_AHEAD
        args.append(f"--before={int(limit.timestamp())}")
    command = ["git", "-C", str(root), *args, start, "--"]
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
    except OSError:
        return []
    assert process.stdout is not None
    with process:
        for line in process.stdout:
            moment = _moment(line)
            if moment is not None and (day is None or moment.day <= day):
                process.kill()
                return [moment]
    return []


def _moment(line: bytes) -> Moment | None:
    parts = line.decode("ascii", "replace").split(" ")
    try:
        return Moment(parts[0], parts[1], dt.date.fromisoformat(parts[2]))
    except (IndexError, ValueError):
        return None
