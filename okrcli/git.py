"""git, read-only, as plain subprocesses or by reading `.git`.

`file_versions` runs git three times whatever the number of commits: `rev-parse` finds
the repository, one `git log` lists the commits, one `git cat-file --batch` returns each
file as each of them left it. `git_head` fingerprints the history for the run cache by
reading `.git` directly: a warm `okr check` starts no process. Outside a repository, or
without git installed, git "answers" None.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

_MAX_PATHSPECS = 200


# A NamedTuple, not a dataclass: `okr check` imports this module for `git_head` on every
# run, and a NamedTuple costs a sixth of a dataclass to define.
class Revision(NamedTuple):
    commit: str
    short: str
    day: dt.date  # the commit date, in the committer's time zone
    name: str  # the file's path at this commit, from the top of the work tree


Versions = dict[str, list[tuple[Revision, bytes | None]]]  # path → (revision, contents)


def file_versions(root: Path, relatives: list[str], follow: bool) -> Versions | None:
    """Each file's committed contents (None when unreadable), oldest first; None outside
    git. Paths are relative to `root`; `follow` (one file only) follows renames."""
    prefix = git(root, ["rev-parse", "--show-prefix"])
    if prefix is None:
        return None
    top = prefix.decode("utf-8", "surrogateescape").strip()
    wanted = set(relatives)
    revisions = [r for r in log(root, relatives, follow) if follow or r.name.removeprefix(top) in wanted]
    found: Versions = {}
    for revision, raw in zip(revisions, blobs(root, revisions)):
        relative = relatives[0] if follow else revision.name.removeprefix(top)
        found.setdefault(relative, []).append((revision, raw))
    return {relative: items[::-1] for relative, items in found.items()}


def log(root: Path, relatives: list[str], follow: bool) -> list[Revision]:
    """Newest first; with -z names come unquoted, whatever their characters."""
    # Past a few hundred files, name the root instead: a command line has a length limit.
    specs = relatives if follow or len(relatives) <= _MAX_PATHSPECS else ["."]
    args = ["log", "-z", "--format=%x01%H %h %ci", "--name-only", *(["--follow"] if follow else []), "--", *specs]
    out = git(root, args)
    revisions = []
    for record in (out or b"").split(b"\x01")[1:]:
        header, _, rest = record.partition(b"\0")
        names = [n.strip(b"\n").decode("utf-8", "surrogateescape") for n in rest.split(b"\0")]
        commit, short, day = header.decode("ascii", "replace").split(" ")[:3]
        for name in names:
            if name and "\n" not in name:  # cat-file --batch reads one name per line
                revisions.append(Revision(commit, short, dt.date.fromisoformat(day), name))
    return revisions


def blobs(root: Path, revisions: list[Revision]) -> list[bytes | None]:
    """The file of each revision as it committed it; None when git has no such blob."""
    if not revisions:
        return []
    request = "".join(f"{r.commit}:{r.name}\n" for r in revisions).encode("utf-8", "surrogateescape")
    out = git(root, ["cat-file", "--batch"], request) or b""
    found: list[bytes | None] = []
    position = 0
    for _ in revisions:
        end = out.find(b"\n", position)
        if end < 0:
            found.append(None)
            continue
        header = out[position:end].split(b" ")
        position = end + 1
        if len(header) == 3 and header[2].isdigit():  # "<oid> <type> <size>", else "<name> missing"
            size = int(header[2])
            found.append(out[position : position + size] if header[1] == b"blob" else None)
            position += size + 1
        else:
            found.append(None)
    return found


def git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    """git's output, or None when git is missing or fails (not a repository, no commits)."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


# --- the run-cache fingerprint ---------------------------------------------------------------


def git_head(root: Path) -> str:
    """HEAD's commit id, read from `.git` without starting git; '' outside a repository.
    Layouts it does not know (reftable, a symbolic ref file) ask `git rev-parse HEAD`."""
    gitdir = _gitdir(root)
    if gitdir is None:
        return ""
    try:
        head = (gitdir / "HEAD").read_text("utf-8").strip()
        if not head.startswith("ref:"):
            return head
        ref = head[4:].strip()
        common = _common_dir(gitdir)
        for base in (gitdir, common):
            if (base / ref).is_file():
                value = (base / ref).read_text("utf-8").strip()
                if value.startswith("ref:"):
                    raise OSError("symbolic ref")
                return value
        packed = _packed_ref(common, ref)
        if packed is not None:
            return packed
        if (common / "reftable").exists():
            raise OSError("reftable")
        return f"unborn {ref}"
    except (OSError, UnicodeDecodeError):
        out = git(root, ["rev-parse", "HEAD"])
        return out.decode("ascii", "replace").strip() if out else "unknown"


def _gitdir(root: Path) -> Path | None:
    if os.environ.get("GIT_DIR"):
        return Path(os.environ["GIT_DIR"]).resolve()
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():  # a worktree or submodule: "gitdir: <path>"
            text = dot.read_text("utf-8", "replace").strip()
            return (folder / text[len("gitdir:"):].strip()).resolve() if text.startswith("gitdir:") else None
    return None


def _common_dir(gitdir: Path) -> Path:
    try:
        return (gitdir / (gitdir / "commondir").read_text("utf-8").strip()).resolve()
    except OSError:
        return gitdir


def _packed_ref(common: Path, ref: str) -> str | None:
    try:
        lines = (common / "packed-refs").read_text("utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        sha, _, name = line.partition(" ")
        if name == ref:
            return sha
    return None
