"""The goals repository as a commit left it: the same (path, bytes) a working-tree read
gives, so the same loader, positions and cache serve both.

One `git ls-tree -r -z --long` lists the root's folder at the commit and one `git cat-file
--batch` returns every sheet and `.okr.yaml` (a second one only for a symlink leading to a
file that is not YAML itself), whatever the number of sheets. Paths follow the working-tree
rules: dot folders and dot files are not sheets, `exclude:` globs apply (`Snapshot.contents`),
a blob larger than the limit is cut one byte past it (the loader refuses it as on disk). A
symlink is followed inside the tree as on disk: to a file inside the root and outside dot
folders; one that loops, dangles, leads out of the root or to a folder is `Unreadable`, with
the message a link on disk gets. A submodule is not a sheet.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from okrcli.i18n import N_
from okrcli.load.limits import MAX_BYTES
from okrcli.repo.git import each_object, git
from okrcli.repo.moment import Moment
from okrcli.repo.root import CONFIG_NAME, YAML_SUFFIXES, Unreadable, excluded

Contents = dict[str, "bytes | Unreadable"]  # a sheet's path → its bytes, or why it was not read
_LINK, _SUBMODULE = "120000", "160000"
_MAX_LINKS = 40  # as the kernel: more links on one path is a loop


@dataclass(frozen=True, slots=True)
class Snapshot:
    moment: Moment
    files: Contents = field(default_factory=dict)  # every YAML path under the root but dot ones, before `exclude:`
    config: bytes | Unreadable | None = None  # `.okr.yaml` at the root; None: there is none

    def contents(self, exclude: list[str]) -> Contents:
        """The sheets, as `list_sheets` and `read_capped` give them from the working tree."""
        return {path: raw for path, raw in self.files.items() if not excluded(path, exclude)}


@dataclass(slots=True)
class _Entry:
    mode: str
    oid: str


def read_snapshot(root: Path, prefix: str, moment: Moment) -> Snapshot:
    """The sheets and config of the folder `prefix` (from `git_facts`) at `moment`."""
    entries = _list_tree(root, moment.commit, prefix)
    if entries is None:
        return Snapshot(moment)
    wanted = [p for p, e in entries.items() if (_is_candidate(p) or p == CONFIG_NAME) and e.mode != _SUBMODULE]
    links = {p: e for p, e in entries.items() if e.mode == _LINK}
    blobs = _cat(root, {entries[p].oid for p in wanted} | {e.oid for e in links.values()})
    inside = os.path.realpath(root) + "/"
    targets = {p: _target(p, entries, blobs, inside) for p in wanted if p in links}
    missing = {entries[t].oid for t in targets.values() if isinstance(t, str) and entries[t].oid not in blobs}
    blobs.update(_cat(root, missing))
    found = {p: _bytes(p, entries, blobs, targets) for p in wanted}
    config = found.pop(CONFIG_NAME) if CONFIG_NAME in found else _config_folder(entries)
    return Snapshot(moment, found, config)


def blob_ids(root: Path, prefix: str, moment: Moment) -> dict[str, str]:
    """Path (from the root) → object id of each file (not a link, not a submodule) of the
    root's folder at `moment`."""
    entries = _list_tree(root, moment.commit, prefix) or {}
    return {path: entry.oid for path, entry in entries.items() if entry.mode not in (_LINK, _SUBMODULE)}


def is_blob(raw: bytes, oid: str) -> bool:
    """Whether `raw` is exactly the contents git stores as `oid` (its object id is their hash)."""
    digest = hashlib.sha1 if len(oid) == 40 else hashlib.sha256 if len(oid) == 64 else None
    return digest is not None and digest(b"blob %d\0" % len(raw) + raw).hexdigest() == oid


def read_blobs(root: Path, oids: dict[str, str]) -> dict[str, bytes]:
    """Path → the bytes of its blob in `oids`, cut one byte past the size limit (`_cat`)."""
    blobs = _cat(root, set(oids.values()))
    return {path: blobs[oid] for path, oid in oids.items() if oid in blobs}


def _config_folder(entries: dict[str, _Entry]) -> Unreadable | None:
    """`.okr.yaml` made a folder or a submodule: a config okr cannot read, as on disk."""
    there = CONFIG_NAME in entries or any(p.startswith(CONFIG_NAME + "/") for p in entries)
    return Unreadable(N_("a folder")) if there else None


def _is_candidate(path: str) -> bool:
    return path.endswith(YAML_SUFFIXES) and not any(part.startswith(".") for part in path.split("/"))


def _list_tree(root: Path, commit: str, prefix: str) -> dict[str, _Entry] | None:
    """Path (from the root) → entry; None when the root's folder is not in the commit."""
    out = git(root, ["ls-tree", "-r", "-z", "--full-tree", f"{commit}:{prefix}" if prefix else commit])
    if out is None:
        return None
    entries: dict[str, _Entry] = {}
    for record in out.split(b"\0"):
        meta, tab, name = record.partition(b"\t")
        fields = meta.split()
        if tab and len(fields) >= 3:
            entries[name.decode("utf-8", "surrogateescape")] = _Entry(fields[0].decode("ascii", "replace"), fields[2].decode("ascii", "replace"))
    return entries


def _cat(root: Path, oids: set[str]) -> dict[str, bytes]:
    """Each object by its id, cut one byte past the size limit (`each_object`)."""
    ordered = sorted(oids)
    found = zip(ordered, each_object(root, ordered, _env(), MAX_BYTES + 1), strict=True)
    return {oid: item[1] for oid, item in found if item is not None}


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


def _bytes(path: str, entries: dict[str, _Entry], blobs: dict[str, bytes], targets: dict[str, str | Unreadable]) -> bytes | Unreadable:
    target = targets.get(path, path)
    if isinstance(target, Unreadable):
        return target
    raw = blobs.get(entries[target].oid)
    return raw if raw is not None else Unreadable(N_("a file okr cannot read (git has no such object)"))


def _target(path: str, entries: dict[str, _Entry], blobs: dict[str, bytes], inside: str) -> str | Unreadable:
    """The regular file the link at `path` leads to, all links resolved, or why not (the
    messages of `root.link_target` and `read_capped`)."""
    parts: list[str] = []
    pending = path.split("/")
    hops = 0
    while pending:
        part = pending.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return Unreadable(N_("a symlink that leads out of the repository"))
            parts.pop()
            continue
        here = "/".join([*parts, part])
        entry = entries.get(here)
        if entry is not None and entry.mode == _LINK:
            hops += 1
            text = blobs.get(entry.oid)
            if text is None:
                return Unreadable(N_("a file okr cannot read (git has no such object)"))
            if hops > _MAX_LINKS:
                return Unreadable(N_("a symlink in a loop"))
            link = text.decode("utf-8", "surrogateescape")
            if link.startswith("/"):  # absolute: inside the root only where the root is now
                if not link.startswith(inside):
                    return Unreadable(N_("a symlink that leads out of the repository"))
                parts, link = [], link[len(inside):]
            pending = link.split("/") + pending
            continue
        if entry is not None and pending:  # a file used as a folder
            return Unreadable(N_("a symlink to a file that does not exist"))
        parts.append(part)
    return _landing(posixpath.join(*parts) if parts else "", entries, path == CONFIG_NAME)


def _landing(final: str, entries: dict[str, _Entry], dot_files: bool) -> str | Unreadable:
    if not final:
        return Unreadable(N_("a symlink that leads out of the repository"))
    if not dot_files and any(p.startswith(".") for p in final.split("/")):
        return Unreadable(N_("a symlink into a dot folder or to a dot file, which okr never reads as a sheet"))
    entry = entries.get(final)
    if entry is None:
        folder = any(p.startswith(final + "/") for p in entries)
        return Unreadable(N_("a folder")) if folder else Unreadable(N_("a symlink to a file that does not exist"))
    if entry.mode == _SUBMODULE:
        return Unreadable(N_("a folder"))
    return final
