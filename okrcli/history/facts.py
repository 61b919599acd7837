"""What git says about the sheets, read at most once per command.

A use case makes one `GitFacts`, says which sheets its consumers will ask about (`want`),
and hands it to the lint context, the scoring and the report. The first question reads the
committed versions of every sheet wanted so far with one `git log` and one `git cat-file
--batch` (and the `rev-parse` that finds the repository); later questions about those
sheets start no process. No question, no process: a run whose key results all have
check-ins never starts git.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from okrcli.repo.git import Revision, Versions, file_versions

BatchLoader = Callable[[dict[str, Any]], dict[str, Any]]  # path → bytes, to path → `Loaded`
OwnData = Callable[[str, bytes], Any]  # a sheet's path and a version's bytes → its loaded data, if they are its own

Loaded = list[tuple[Revision, Any]]  # a sheet's versions as loaded data, oldest first
UNREADABLE = object()  # a committed version that does not load


class GitFacts:
    def __init__(
        self, root: Path, until: str | None = None, prefix: str | None = None, load: BatchLoader | None = None,
        own: OwnData | None = None,
    ) -> None:
        self.root = root
        self.load = load  # loads many versions at once (the sheet cache, in parallel); else one by one
        # The data of a version whose bytes are those a sheet was loaded from (None if not):
        # such a version, most of them, is never held as bytes nor loaded again.
        self.own = own
        self._reused: dict[str, Any] = {}
        self.until = until  # the commit the history is cut at (the repository at a moment)
        self.prefix = prefix  # the root's folder in the repository, when already known
        self._wanted: set[str] = set()
        self._read: set[str] = set()
        self._versions: dict[str, Loaded] = {}
        self._in_git: bool | None = None  # None: git not asked yet
        self.cut: dt.date | None = None  # a shallow clone's first day, when a version read starts there

    def want(self, relatives: Iterable[str]) -> None:
        """Sheets some consumer may ask about: read with the first question, whichever it is."""
        self._wanted.update(relatives)

    def versions(self, relatives: Iterable[str]) -> dict[str, Loaded] | None:
        """The committed versions of each of `relatives` (a sheet git never saw has none);
        None outside git, or without git installed."""
        asked = set(relatives)
        missing = (asked | self._wanted) - self._read if asked - self._read else set()
        if missing and self._in_git is not False:
            self._fetch(sorted(missing))
        if self._in_git is not True:
            return None if self._in_git is False else {}
        return {relative: self._versions.get(relative, []) for relative in asked}

    def in_git(self) -> bool | None:
        """Whether git answered; None when nothing was asked."""
        return self._in_git

    def _fetch(self, relatives: list[str]) -> None:
        found = file_versions(self.root, relatives, follow=False, until=self.until, prefix=self.prefix, keep=self._keep)
        if found is not None and self.until is None:
            found.update(self._renamed_since(relatives, found))
        self._read.update(relatives)
        self._in_git = found is not None
        loaded = self._load_all(found or {})
        loaded.update(self._reused)
        self._reused = {}
        for relative, items in (found or {}).items():
            self._versions[relative] = [(revision, version_of(loaded.get(_key(revision)), raw)) for revision, raw in items]
            self.cut = shallow_cut(items, self.cut)

    def _keep(self, relative: str, revision: Revision, raw: bytes | None) -> bytes | None:
        """A version's bytes to hold until the versions are loaded: none when they are the
        sheet's own (its data is at hand)."""
        data = self.own(relative, raw) if self.own is not None and raw is not None and self.load is not None else None
        if data is None:
            return raw
        self._reused[_key(revision)] = data
        return None

    def _renamed_since(self, relatives: list[str], found: Versions) -> Versions:
        """The working tree's sheets HEAD has not got that are renames not committed yet:
        each with the versions of the sheet it was (a rename is no update)."""
        from okrcli.repo.later import uncommitted_renames

        missing = [r for r in relatives if not found.get(r)]
        renamed = uncommitted_renames(self.root, missing) if missing else {}
        if not renamed:
            return {}
        before = file_versions(self.root, sorted(set(renamed.values())), follow=False, prefix=self.prefix) or {}
        return {new: before.get(old, []) for new, old in renamed.items()}

    def _load_all(self, found: Versions) -> dict[str, Any]:
        """Every version's loaded data by `_key`, through `load` when given: a version seen
        before (the same path and bytes, the working tree's sheet included) comes from the
        cache, not the parser. One batch per round of versions, keyed by the sheet's path."""
        if self.load is None:
            return {}
        found_data: dict[str, Any] = {}
        rounds: list[dict[str, tuple[Revision, bytes]]] = []
        for relative, items in found.items():
            for index, (revision, raw) in enumerate((r, raw) for r, raw in items if raw is not None):
                if index == len(rounds):
                    rounds.append({})
                rounds[index][relative] = (revision, raw)
        for batch in rounds:
            loaded = self.load({relative: raw for relative, (_, raw) in batch.items()})
            found_data.update({_key(revision): loaded[relative].written for relative, (revision, _) in batch.items()})
        return found_data


def shallow_cut(items: Iterable[tuple[Revision, Any]], cut: dt.date | None = None) -> dt.date | None:
    """The day a shallow clone's history starts, if `items` start there (else `cut`)."""
    days = [revision.day for revision, _ in items if revision.boundary]
    return min([*days, *([cut] if cut else [])]) if days else cut


def shallow_notice(day: dt.date) -> str:
    from okrcli.i18n import _

    return _(
        "this clone is shallow: its history starts on {day}, so okr cannot know when a value it already held there "
        "was set (no point in the history, no staleness from it); run `git fetch --unshallow`"
    ).format(day=day.isoformat())


def _key(revision: Revision) -> str:
    return f"{revision.name}@{revision.blob}"


def version_of(data: Any, raw: bytes | None) -> Any:
    """A version's loaded data as `load_version` gives it (loaded here when not given)."""
    if data is None:
        return load_version(raw, "")
    if isinstance(data, dict):
        return Version(data)
    return data


def follow_versions(root: Path, relative: str, until: str | None = None, prefix: str | None = None) -> Loaded | None:
    """One sheet's versions following its renames (`okr history`), up to the commit
    `until` when given; None outside git."""
    found = file_versions(root, [relative], follow=True, until=until, prefix=prefix)
    if found is None:
        return None
    if not found.get(relative) and until is None:  # renamed, not committed yet: the history of what it was
        from okrcli.repo.later import uncommitted_renames

        before = uncommitted_renames(root, [relative]).get(relative)
        if before is not None:
            found = {relative: (file_versions(root, [before], follow=True, prefix=prefix) or {}).get(before, [])}
    return [(revision, load_version(raw, revision.name)) for revision, raw in found.get(relative, [])]


def load_version(raw: bytes | None, name: str) -> Any:
    from okrcli.load.reader import load_bytes

    data = None if raw is None else load_bytes(raw, name).data
    if isinstance(data, dict):
        return Version(data)
    return UNREADABLE if data is None else data


class Version(dict):  # type: ignore[type-arg]
    """One committed version of a sheet, its items indexed by id on the first look: finding
    every item of a sheet in every version costs one pass over each version, not one per
    item (`find_item` without the index: the first objective with the id, its first key
    result with the id; the first KPI with the id)."""

    __slots__ = ("_items",)

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        # A sheet of a few items is looked along (an index would outweigh the sheet's skeleton).
        self._items: dict[tuple[str, ...], dict[str, Any]] | None = None if _items_in(data) >= _INDEX_FROM else _NO_INDEX

    def find(self, ids: tuple[str, ...]) -> dict[str, Any] | None:
        if self._items is _NO_INDEX:
            return _look(self, ids)
        if self._items is None:
            self._items = _index(self)
        return self._items.get(ids)


_INDEX_FROM = 64  # items in a version from which finding them all is worth an index
_NO_INDEX: dict[tuple[str, ...], dict[str, Any]] = {}


def _items_in(data: dict[str, Any]) -> int:
    objectives = _mappings(data.get("objectives"))
    return len(objectives) + len(_mappings(data.get("kpis"))) + sum(len(_mappings(o.get("key_results"))) for o in objectives)


def _look(data: dict[str, Any], ids: tuple[str, ...]) -> dict[str, Any] | None:
    """What `_index` finds for `ids`, by a look along the lists."""
    if len(ids) == 2:
        objective = _first(data.get("objectives"), ids[0])
        return _first(objective.get("key_results"), ids[1]) if objective is not None else None
    return _first(data.get("kpis"), ids[0])


def _first(items: Any, wanted: str) -> dict[str, Any] | None:
    return next((x for x in _mappings(items) if str(x.get("id")) == wanted), None)


def _index(data: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    found: dict[tuple[str, ...], dict[str, Any]] = {}
    objectives: set[str] = set()
    for objective in _mappings(data.get("objectives")):
        oid = str(objective.get("id"))
        if oid not in objectives:  # a later objective with the same id is never looked at
            objectives.add(oid)
            for kr in _mappings(objective.get("key_results")):
                found.setdefault((oid, str(kr.get("id"))), kr)
    for kpi in _mappings(data.get("kpis")):
        found.setdefault((str(kpi.get("id")),), kpi)
    return found


def _mappings(items: Any) -> list[dict[str, Any]]:
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []
