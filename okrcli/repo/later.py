"""The working-tree sheets not committed yet at a moment (SPEC 3.1), renames told apart.

`--as-of D` reads the sheets committed at the end of day D plus the working-tree sheets
that were not committed then. A sheet committed before D and renamed (or copied under a
new name) since was committed then, under its old name: reading its new path as well
would count it twice. A path the commit does not have is a rename when:

- git tracks it (committed since, or staged) and `git diff -M -C` from the commit to the
  working tree finds it renamed from a sheet the commit has, or copied from one with the
  same period and owner and an id in common (a new team's sheet made from another's is a
  new sheet): one process, run only when some path is missing from the commit;
- its bytes are those of a sheet the commit has, or it has the period, owner and an id of a
  sheet the commit has that is gone from the working tree (a plain `mv`, git does not
  track it; or a rename edited too much for git to pair it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from okrcli.repo.git import git
from okrcli.repo.root import Unreadable

Contents = Mapping[str, "bytes | Unreadable"]


def not_committed(root: Path, commit: str, committed: Contents, later: Contents, present: Iterable[str]) -> dict[str, bytes | Unreadable]:
    """`later` (working-tree sheets `commit` does not have) without the renames and copies
    of the sheets `committed` holds; `present` lists every sheet of the working tree."""
    if not later:
        return {}
    _, sources = _diff(root, commit, committed)
    here = set(present)
    gone = [path for path in committed if path not in here]
    kept: dict[str, bytes | Unreadable] = {}
    for path, raw in later.items():
        source = sources.get(path)
        if source is not None and (source not in here or _same_goals(raw, committed[source])):
            continue
        if _same_sheet(raw, committed, gone):  # git's pairing missed a rename edited much (or not staged)
            continue
        kept[path] = raw
    return kept


def _diff(root: Path, commit: str, committed: Contents) -> tuple[set[str], dict[str, str]]:
    """The paths git tracks that differ from the commit, and for those that are a rename
    or copy of a sheet the commit has, that sheet (paths from the root)."""
    args = ["diff", "-z", "--name-status", "--no-ext-diff", "--relative", "-M", "-C", "--find-copies-harder", commit, "--"]
    tracked: set[str] = set()
    sources: dict[str, str] = {}
    for _, paths in _changes(git(root, args)):
        tracked.add(paths[-1])
        if len(paths) == 2 and paths[0] in committed:
            sources[paths[1]] = paths[0]
    return tracked, sources


def _changes(out: bytes | None) -> Iterator[tuple[str, list[str]]]:
    """`git diff -z --name-status` output as (status, paths): two paths (from, to) for a
    rename or a copy, else one."""
    tokens = (out or b"").split(b"\0")
    index = 0
    while index < len(tokens):
        status = tokens[index].decode("ascii", "replace")
        names = 2 if status[:1] in ("R", "C") else 1
        paths = [t.decode("utf-8", "surrogateescape") for t in tokens[index + 1 : index + 1 + names]]
        index += 1 + names
        if len(paths) == names and status:
            yield status, paths


def _same_sheet(raw: bytes | Unreadable, committed: Contents, gone: list[str]) -> bool:
    """A sheet that is one the commit has: the same bytes, or the goals of a
    committed sheet no longer in the working tree."""
    if isinstance(raw, Unreadable):
        return False
    return any(raw == old for old in committed.values()) or any(_same_goals(raw, committed[path]) for path in gone)


def _same_goals(new: bytes | Unreadable, old: bytes | Unreadable) -> bool:
    """The same period and owner, and an objective or KPI id in common."""
    a, b = _identity(new), _identity(old)
    return a is not None and b is not None and a[0] == b[0] and bool(a[1] & b[1])


def _identity(raw: bytes | Unreadable) -> tuple[tuple[str, str], set[tuple[str, str]]] | None:
    """A sheet's period and owner, and the ids of its objectives and KPIs."""
    if isinstance(raw, Unreadable):
        return None
    from okrcli.load.reader import load_bytes

    data = load_bytes(raw, "").data
    if not isinstance(data, dict):
        return None
    ids = {(kind, str(item.get("id"))) for kind in ("objectives", "kpis") for item in _mappings(data.get(kind))}
    return (str(data.get("period")), str(data.get("owner"))), ids


def _mappings(items: Any) -> list[dict[str, Any]]:
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def uncommitted_renames(root: Path, missing: Iterable[str]) -> dict[str, str]:
    """For working-tree sheets HEAD does not have (`missing`, from the root), the sheet of
    HEAD each one is a rename of, not committed yet: a staged `git mv` as git pairs it, or a
    plain `mv` whose file has the period, owner and an id of a sheet HEAD has that is gone
    from the working tree. Their history is that sheet's: a rename is no update."""
    wanted = set(missing)
    out = git(root, ["diff", "-z", "--name-status", "--no-ext-diff", "--relative", "-M", "-C", "HEAD", "--"])
    if out is None:
        return {}
    found: dict[str, str] = {}
    gone: list[str] = []
    for status, paths in _changes(out):
        if len(paths) == 2 and paths[1] in wanted:
            found[paths[1]] = paths[0]
        elif status[:1] == "D":
            gone.append(paths[0])
    unpaired = sorted(wanted - set(found))
    if unpaired and gone:
        from okrcli.repo.root import read_capped

        old = _committed_bytes(root, gone)
        for path in unpaired:
            try:
                raw = read_capped(root, path)  # a regular file inside the root only, never past the size limit
            except (Unreadable, OSError):
                continue
            match = next((g for g in gone if g in old and _same_goals(raw, old[g])), None)
            if match is not None:
                found[path] = match
    return found


def _committed_bytes(root: Path, paths: list[str]) -> dict[str, bytes]:
    """HEAD's bytes of `paths` (from the root), by one `git cat-file --batch`."""
    from okrcli.repo.git import blobs_at

    return blobs_at(root, "HEAD", paths)
