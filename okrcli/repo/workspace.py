"""The whole goals repository loaded: every sheet validated, with the settings in force.

Every command opens it the same way: a sheet whose bytes the cache has seen is read back
from its entry (keyed by okr's code, the language, the path and the bytes, so it cannot be
stale), the rest are parsed, in worker processes when there are many, and cached."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.errors import ConfigError, UsageError
from okrcli.i18n import N_, _, current_language
from okrcli.load.reader import Loaded, load_bytes
from okrcli.model.periods import Period
from okrcli.problem import Problem
from okrcli.repo.cache import Cache, cache_root, code_fingerprint, digest, listed
from okrcli.repo.cache_entries import decode_loaded, encode_loaded
from okrcli.repo.config import RuleResolver, Settings, load_settings, settings_from_bytes
from okrcli.repo.later import not_committed
from okrcli.repo.root import (
    CONFIG_NAME,
    Unreadable,
    find_root,
    list_sheets,
    read_one,
)
from okrcli.repo.snapshot import Snapshot, read_snapshot
from okrcli.repo.source import Source, When, choose_source

if TYPE_CHECKING:  # validating loads the sheet's models: a score read from the cache needs none
    from okrcli.load.validate import SheetDoc


@dataclass(slots=True)
class Workspace:
    root: Path
    settings: Settings
    docs: list[SheetDoc] = field(default_factory=list)
    source: Source = field(default_factory=Source)  # the working tree, or the commit read
    as_of: dt.date | None = None  # the date the source was chosen for (`When`)

    @property
    def sheets(self) -> list[SheetDoc]:
        return [doc for doc in self.docs if doc.is_sheet]

    def periods(self) -> list[Period]:
        found = {doc.period.text: doc.period for doc in self.sheets if doc.period is not None}
        return sorted(found.values(), key=lambda p: (p.start, -p.days))

    def problems(self) -> list[Problem]:
        """Problems found while loading and validating, before the rules run."""
        return [p for doc in self.docs for p in (*doc.loaded.problems, *doc.problems)]


def settings_for(root: Path, config_file: Path | None, rules: RuleResolver) -> Settings:
    path = config_file if config_file is not None else root / CONFIG_NAME
    # lexists, not is_file: a `.okr.yaml` that is a FIFO or a dangling link is an error to
    # report, never a reason to fall back to the defaults.
    return load_settings(path if config_file is not None or os.path.lexists(path) else None, rules, root)


Contents = dict[str, bytes | Unreadable]  # sheet path → its bytes, or why it was not read


def open_workspace(
    start: Path, config_file: Path | None, rules: RuleResolver, contents: Contents | None = None, cache: Cache | None = None,
    when: When | None = None, lean: bool = False, seen: dict[str, str] | None = None,
) -> Workspace:
    """Load and validate every sheet under the root around `start`; the config's `rules:`
    resolved by `rules` first, so a bad entry stops every command that opens the repository.
    `contents` holds the bytes of sheets already read (a sheet listed but not in it is read here).
    With `when`, the repository at that moment (SPEC 3.1, `okrcli.repo.source`). `lean`
    (`okr check`): each sheet without a problem keeps only what the rules read
    (`okrcli.load.validate.validate_lean`), and `contents` is emptied as it is loaded.
    `seen` gets what each sheet was loaded from (`listed`)."""
    root = find_root(start)
    if when is not None:
        source, as_of = choose_source(root, when, dt.date.today())
        if source.moment is not None:
            settings, found = read_source(root, source, config_file, rules)
            return workspace_of(root, settings, found, cache, source, as_of, lean)
        workspace = open_workspace(root, config_file, rules, contents, cache, lean=lean)
        workspace.source, workspace.as_of = source, as_of
        return workspace
    settings = settings_for(root, config_file, rules)
    workspace = Workspace(root, settings)
    locale = settings.config.number_locale
    relatives = list_sheets(root, settings.config.exclude)
    known = contents if contents is not None else {}
    if lean:  # each sheet read when its turn comes: the bytes of all are never held at once
        wanted: Lazy = {relative: known.pop(relative, None) for relative in relatives}
        known.clear()
    else:
        wanted = {relative: known[relative] if relative in known else read_one(root, relative) for relative in relatives}
    workspace.docs = _validated(cache, wanted, locale, lean, root, seen)
    return workspace


def read_source(root: Path, source: Source, config_file: Path | None, rules: RuleResolver) -> tuple[Settings, Contents]:
    """The settings and the sheets' bytes of `source`: a commit's, with the working tree's
    sheets it does not have unless it is `--at`'s; `--config FILE` wins over its config."""
    if source.moment is None:
        settings = settings_for(root, config_file, rules)
        return settings, read_all(root, list_sheets(root, settings.config.exclude))
    snapshot = read_snapshot(root, source.prefix, source.moment)
    settings = settings_for(root, config_file, rules) if config_file is not None else snapshot_settings(snapshot, rules)
    contents = snapshot_contents(root, source, snapshot, settings)
    if source.only_commit and not contents:
        raise UsageError(no_sheets_at(source))
    return settings, contents


def no_sheets_at(source: Source) -> str:
    """`--at REF` naming a commit without a sheet: there is nothing to read."""
    assert source.moment is not None
    folder = source.prefix.rstrip("/") or "."
    return f"--at {source.ref}: " + _(
        "commit {commit} has no goal sheets: no *.yaml or *.yml file under {folder} (dot folders and `exclude:` aside); "
        "give a ref made after the sheets were added (`git log -- {folder}` lists the commits that touched them)"
    ).format(commit=source.moment.short, folder=folder)


def snapshot_contents(root: Path, source: Source, snapshot: Snapshot, settings: Settings) -> Contents:
    """The sheets of `snapshot` under `settings`, with the working tree's sheets it does not
    have unless `source` is `--at`'s."""
    contents = snapshot.contents(settings.config.exclude)
    if not source.only_commit:
        present = list_sheets(root, settings.config.exclude)
        later = read_all(root, [p for p in present if p not in snapshot.files])
        contents.update(not_committed(root, snapshot.moment.commit, contents, later, present))
    return dict(sorted(contents.items()))


def open_source(root: Path, settings: Settings, source: Source, as_of: dt.date, cache: Cache | None = None) -> Workspace:
    """The repository at `source` read with `settings` given (a comparison keeps the config
    in force now on both sides, so only the sheets differ), through the sheet cache."""
    if source.moment is None:
        contents = read_all(root, list_sheets(root, settings.config.exclude))
    else:
        contents = snapshot_contents(root, source, read_snapshot(root, source.prefix, source.moment), settings)
    return workspace_of(root, settings, contents, cache, source, as_of)


def snapshot_settings(snapshot: Snapshot, rules: RuleResolver) -> Settings:
    """The commit's `.okr.yaml`, named `<short hash>:.okr.yaml` in messages."""
    label = f"{snapshot.moment.short}:{CONFIG_NAME}"
    if isinstance(snapshot.config, Unreadable):
        raise ConfigError(f"{label}: " + _("cannot read the config: it is {what}").format(what=snapshot.config.shown()))
    return settings_from_bytes(snapshot.config, label, rules)


def workspace_of(
    root: Path, settings: Settings, contents: Contents, cache: Cache | None = None,
    source: Source | None = None, as_of: dt.date | None = None, lean: bool = False,
) -> Workspace:
    """The workspace of sheets already read, loaded through the cache (`lean`: as
    `open_workspace` says, `contents` emptied; a commit's sheets are read from git again
    when their turn comes, `lean_commit`)."""
    workspace = Workspace(root, settings, source=source or Source(), as_of=as_of)
    wanted: Lazy = dict(contents)
    reread = None
    if lean:
        contents.clear()
        if workspace.source.moment is not None and len(wanted) > CHUNK:  # a few sheets' bytes weigh nothing
            reread = lean_commit(root, workspace.source, wanted)
    workspace.docs = _validated(cache, wanted, settings.config.number_locale, lean, root, reread=reread)
    return workspace


def lean_commit(root: Path, source: Source, contents: Lazy) -> Callable[[list[str]], Contents]:
    """`contents` without the bytes of every sheet that is exactly its blob in the commit of
    `source` (None in their place), and how to read such sheets again, a chunk at a time:
    for a large repository, one more listing and one more read per chunk of git, so that
    the bytes of every sheet are never held with the models of the sheets loaded so far."""
    from okrcli.repo.snapshot import blob_ids, is_blob, read_blobs

    assert source.moment is not None
    oids = blob_ids(root, source.prefix, source.moment)
    for relative, raw in contents.items():
        if isinstance(raw, bytes) and relative in oids and is_blob(raw, oids[relative]):
            contents[relative] = None

    def read(relatives: list[str]) -> Contents:
        found: Contents = dict(read_blobs(root, {relative: oids[relative] for relative in relatives}))
        gone = Unreadable(N_("a file that disappeared while okr read it"))
        return {relative: found.get(relative, gone) for relative in relatives}

    return read


Lazy = dict[str, "bytes | Unreadable | None"]  # sheet path → its bytes, why it was not read, or None: read it when loading
CHUNK = 1024  # sheets read, parsed and validated at a time


def _validated(
    cache: Cache | None, contents: Lazy, locale: str, lean: bool, root: Path, seen: dict[str, str] | None = None,
    reread: Callable[[list[str]], Contents] | None = None,
) -> list[SheetDoc]:
    """The sheets of `contents`, in its order, loaded and validated a chunk at a time (a
    sheet given as None read from `root` then); `contents` is emptied on the way, so a
    sheet's bytes are held by its `Loaded` alone."""
    from okrcli.load.validate import validate, validate_lean

    check = validate_lean if lean else validate
    order = list(contents)
    cache = cache if cache is not None else Cache(cache_root())
    docs: dict[str, SheetDoc] = {}
    with paused_gc(), Parsers(len(order)) as parsers:
        for start in range(0, len(order), CHUNK):
            part = {relative: contents.pop(relative) for relative in order[start : start + CHUNK]}
            unread = [relative for relative, raw in part.items() if raw is None]
            again = reread(unread) if reread is not None and unread else {r: read_one(root, r) for r in unread}
            chunk: Contents = {relative: raw if raw is not None else again[relative] for relative, raw in part.items()}
            if seen is not None:
                seen.update((relative, listed(raw)) for relative, raw in chunk.items())
            docs.update((item.path, check(item, locale)) for item in each_loaded(cache, chunk, parsers))
    return [docs[relative] for relative in order]


def cached_loader() -> Callable[[Contents], dict[str, Loaded]]:
    """`load_all` with the user's cache, for bytes read elsewhere (a sheet's committed
    versions): the same bytes, wherever they come from, load once."""
    cache = Cache(cache_root())

    def load(contents: Contents) -> dict[str, Loaded]:
        with paused_gc():
            return load_all(cache, contents)

    return load


def reusing_loader(workspace: Workspace, fallback: Callable[[Contents], dict[str, Loaded]] | None = None) -> Callable[[Contents], dict[str, Loaded]]:
    """A loader of sheets' committed versions: a version whose bytes are those a sheet of
    `workspace` was loaded from is that sheet's `Loaded` (the same bytes load to the same
    data: no second parse, no second copy of every sheet); the others through `fallback`
    (the cache), else parsed here."""
    known = {doc.path: doc.loaded for doc in workspace.docs}

    def load(contents: Contents) -> dict[str, Loaded]:
        found: dict[str, Loaded] = {}
        rest: Contents = {}
        for relative, raw in contents.items():
            same = known.get(relative)
            if same is not None and isinstance(raw, bytes) and same.holds(raw):
                found[relative] = same
            else:
                rest[relative] = raw
        if rest:
            found.update(fallback(rest) if fallback is not None else {r: read_sheet(workspace.root, r, raw) for r, raw in _readable(rest)})
        return found

    return load


def own_data(workspace: Workspace) -> Callable[[str, bytes], Any]:
    """For `GitFacts`: the data of a committed version whose bytes are those a sheet of
    `workspace` was loaded from (`Loaded.written`), None for any other."""
    known = {doc.path: doc.loaded for doc in workspace.docs}

    def own(relative: str, raw: bytes) -> Any:
        same = known.get(relative)
        return same.written if same is not None and same.holds(raw) else None

    return own


def _readable(contents: Contents) -> Iterator[tuple[str, bytes]]:
    for relative, raw in contents.items():
        if isinstance(raw, bytes):
            yield relative, raw


def read_all(root: Path, relatives: list[str]) -> Contents:
    return {relative: read_one(root, relative) for relative in relatives}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading builds millions of small acyclic objects; the cyclic collector would scan
    the growing heap again and again (a third of a cold run) and find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_all(cache: Cache, contents: Contents) -> dict[str, Loaded]:
    """Every sheet loaded (`each_loaded`), by path."""
    return {item.path: item for item in each_loaded(cache, contents)}


def each_loaded(cache: Cache, contents: Contents, parsers: Parsers | None = None) -> Iterator[Loaded]:
    """Every sheet loaded, in no set order: from the cache where it has them, the rest
    parsed (in parallel when there are many) and added to the cache; a path that could not
    be read gets its `unreadable-file` problem. Each comes as soon as it is ready, so a
    caller that keeps less than the whole (`okr check`) never holds every sheet's data.
    `parsers`: the workers of a caller that loads in several rounds."""
    code = code_fingerprint()
    missing: list[Job] = []
    for relative, raw in contents.items():
        if isinstance(raw, Unreadable):
            yield unreadable(relative, raw)
            continue
        key = digest(code, current_language(), relative, raw)  # its problems are messages
        hit = decode_loaded(cache.get("sheets", key), relative, raw)
        if hit is None:
            missing.append((relative, raw, key))
        else:
            yield hit
    sources = {relative: raw for relative, raw, _key in missing}
    with Parsers(len(missing)) if parsers is None else nullcontext(parsers) as parsing:
        for item in parsing.parse(missing, cache):
            if item.source:  # a worker's item comes without its bytes: these are the same
                item.source = sources.pop(item.path)
            yield item


PARALLEL_FROM = 64  # below this, starting a worker costs more than it saves
BATCH = 128  # sheets a worker sends back at once: the parent never holds one huge message
Job = tuple[str, bytes, str]  # a sheet's path, its bytes and its cache key


class Parsers:
    """Where sheets are parsed: here, and on a multi-core machine in worker processes too,
    started once (at the first sheets) and kept for every later batch: a worker forked once
    the loaded sheets fill the parent's memory would start as large as the parent."""

    def __init__(self, sheets: int) -> None:
        import multiprocessing

        workers = min((os.cpu_count() or 1) - 1, 7)
        parallel = sheets >= PARALLEL_FROM and workers >= 1 and "fork" in multiprocessing.get_all_start_methods()
        self.workers = workers if parallel else 0
        self._pool: Any = None

    def __enter__(self) -> Parsers:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def parse(self, files: list[Job], cache: Cache) -> Iterator[Loaded]:
        """Parse sheets and cache them, sharing the work with the workers: each process
        encodes and writes the entries of the sheets it parsed. This process parses its
        share a batch at a time and hands on the workers' batches done by then, so the
        parsed sheets flow to the caller instead of piling up."""
        from collections import deque

        if len(files) < PARALLEL_FROM or not self.workers:
            yield from _parse_share(files, cache)
            return
        share = self.workers + 1
        mine, theirs = files[::share], [job for n, job in enumerate(files) if n % share]
        pool = self._started()
        pending = deque(pool.submit(_parse_share, theirs[n : n + BATCH], cache, True) for n in range(0, len(theirs), BATCH))
        for n in range(0, len(mine), BATCH):
            yield from _parse_share(mine[n : n + BATCH], cache)
            while pending and pending[0].done():
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def _started(self) -> Any:
        if self._pool is None:
            import concurrent.futures
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self._pool = concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=context)
        return self._pool


def _parse_share(files: list[Job], cache: Cache, in_worker: bool = False) -> list[Loaded]:
    found = []
    for relative, raw, key in files:
        item = load_bytes(raw, relative)
        cache.put("sheets", key, encode_loaded(item))
        if in_worker and item.source:
            item.source = b"-"  # not sent back: the parent holds the bytes (a copy would double them)
        found.append(item)
    return found


def read_sheet(root: Path, relative: str, raw: bytes | None = None) -> Loaded:
    """One sheet loaded without the cache (its bytes read here unless given)."""
    if raw is None:
        found = read_one(root, relative)
        if isinstance(found, Unreadable):
            return unreadable(relative, found)
        raw = found
    return load_bytes(raw, relative)


def unreadable(relative: str, err: Unreadable) -> Loaded:
    """A sheet path okr did not read: no data, one `unreadable-file` problem at 1:1."""
    loaded = Loaded(relative)
    loaded.problems.append(Problem(relative, 1, 1, "unreadable-file", "error", err.advice()))
    return loaded
