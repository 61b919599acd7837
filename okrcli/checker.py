"""`okr check` end to end: the cached fast path first, the full lint when it misses."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from okrcli.cache import Cache, cache_root, code_fingerprint, digest, run_key
from okrcli.git import git_head
from okrcli.repo import CONFIG_NAME, list_sheets, read_capped
from okrcli.result import CheckResult


def check_repo(root: Path, config_file: Path | None, as_of: dt.date, only: set[str] | None = None) -> CheckResult:
    """Problems of the goals repository at `root` (only those located in or involving the
    files of `only`, if given)."""
    cache = Cache(cache_root())
    config_path = config_file if config_file is not None else root / CONFIG_NAME
    config_text = _read_text(config_path)
    contents = _read_sheets(root, _quick_excludes(config_text))
    # stale-check-in reads the git history: a new commit must miss the cache (HEAD is read
    # from .git directly, no process started).
    history = git_head(root)
    # check-in-in-future compares with the calendar: a run of yesterday is not today's.
    today = dt.date.today()
    dates = f"{as_of.isoformat()}\0{today.isoformat()}"
    key = run_key(f"{config_path}\0{config_text}", dates, ((p, digest(raw)) for p, raw in contents.items()), extra=history)
    result = cache.get("runs", key)
    if not isinstance(result, CheckResult):
        result = _full_check(root, config_file, as_of, cache, contents, today)
        cache.put("runs", key, result)
    return _only(result, only)


def _full_check(root: Path, config_file: Path | None, as_of: dt.date, cache: Cache, contents: dict[str, bytes], today: dt.date) -> CheckResult:
    from okrcli.lint import lint
    from okrcli.workspace import open_workspace, paused_gc, read_sheet

    with paused_gc():
        loaded = load_all(cache, contents)

    def read(root: Path, relative: str) -> Any:
        return loaded[relative] if relative in loaded else read_sheet(root, relative)

    workspace = open_workspace(root, config_file, reader=read)
    return lint(workspace, as_of, today=today)


def load_all(cache: Cache, contents: dict[str, bytes]) -> dict[str, Any]:
    """Every sheet loaded: from the cache where it has them, the rest parsed (in parallel
    when there are many) and added to the cache."""
    from okrcli.loader import Loaded

    code = code_fingerprint()
    keys = {relative: digest(code, relative, raw) for relative, raw in contents.items()}
    loaded: dict[str, Any] = {}
    for relative, key in keys.items():
        hit = cache.get("sheets", key)
        if isinstance(hit, Loaded):
            loaded[relative] = hit
    missing = [(relative, contents[relative]) for relative in contents if relative not in loaded]
    for item in parse_many(missing):
        loaded[item.path] = item
        cache.put("sheets", keys[item.path], item)
    return loaded


PARALLEL_FROM = 64  # below this, starting a worker costs more than it saves


def parse_many(files: list[tuple[str, bytes]]) -> list[Any]:
    """Parse sheets, sharing the work with worker processes on a multi-core machine."""
    import concurrent.futures
    import multiprocessing

    from okrcli.loader import load_bytes

    workers = min((os.cpu_count() or 1) - 1, 7)
    if len(files) < PARALLEL_FROM or workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [load_bytes(raw, relative) for relative, raw in files]
    shares = [files[n :: workers + 1] for n in range(workers + 1)]
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending = [pool.submit(_parse_share, share) for share in shares[1:]]
        mine = _parse_share(shares[0])
        return mine + [item for job in pending for item in job.result()]


def _parse_share(files: list[tuple[str, bytes]]) -> list[Any]:
    from okrcli.loader import load_bytes

    return [load_bytes(raw, relative) for relative, raw in files]


def _only(result: CheckResult, only: set[str] | None) -> CheckResult:
    if only is None:
        return result
    # A cross-file problem shows at its own position when it involves a file asked for: the
    # change in that file may be what broke (or fixed) the other one.
    return CheckResult([p for p in result.problems if p.concerns(only)], len(only))


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def _quick_excludes(config_text: str) -> list[str]:
    """The `exclude:` globs, read without validating the config (the full path does that).

    A config that does not parse gives none here; the full check then reports it."""
    if "exclude" not in config_text:
        return []
    from okrcli.loader import load_bytes

    data = load_bytes(config_text.encode("utf-8"), CONFIG_NAME).data
    globs = data.get("exclude") if isinstance(data, dict) else None
    return [g for g in globs if isinstance(g, str)] if isinstance(globs, list) else []


def _read_sheets(root: Path, exclude: list[str]) -> dict[str, bytes]:
    contents: dict[str, bytes] = {}
    for relative in list_sheets(root, exclude):
        try:
            contents[relative] = read_capped(root / relative)
        except OSError:
            continue  # reported by the full check, which reads it again
    return contents
