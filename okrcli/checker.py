"""`okr check` end to end: the cached fast path first, the full lint when it misses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from okrcli.cache import Cache, cache_root, code_fingerprint, digest, run_key
from okrcli.repo import CONFIG_NAME, find_root, list_sheets
from okrcli.result import CheckResult


def check_repo(start: Path, config_file: Path | None, as_of: dt.date, only: set[str] | None = None) -> tuple[Path, CheckResult]:
    """Problems of the repository around `start` (only those in `only`, if given)."""
    root = find_root(start)
    cache = Cache(cache_root())
    config_path = config_file if config_file is not None else root / CONFIG_NAME
    config_text = _read_text(config_path)
    contents = _read_sheets(root, _quick_excludes(config_text))
    key = run_key(f"{config_path}\0{config_text}", as_of.isoformat(), ((p, digest(raw)) for p, raw in contents.items()))
    result = cache.get("runs", key)
    if not isinstance(result, CheckResult):
        result = _full_check(start, config_file, as_of, cache, contents)
        cache.put("runs", key, result)
    return root, _only(result, only)


def _full_check(start: Path, config_file: Path | None, as_of: dt.date, cache: Cache, contents: dict[str, bytes]) -> CheckResult:
    from okrcli.lint import lint
    from okrcli.workspace import open_workspace

    workspace = open_workspace(start, config_file, reader=_cached_reader(cache, contents))
    return lint(workspace, as_of)


def _cached_reader(cache: Cache, contents: dict[str, bytes]) -> Any:
    from okrcli.loader import Loaded
    from okrcli.workspace import read_sheet

    code = code_fingerprint()

    def read(root: Path, relative: str) -> Loaded:
        raw = contents.get(relative)
        if raw is None:
            return read_sheet(root, relative)
        key = digest(code, relative, raw)
        loaded = cache.get("sheets", key)
        if not isinstance(loaded, Loaded):
            loaded = read_sheet(root, relative, raw)
            cache.put("sheets", key, loaded)
        return loaded

    return read


def _only(result: CheckResult, only: set[str] | None) -> CheckResult:
    if only is None:
        return result
    return CheckResult([p for p in result.problems if p.path in only], len(only))


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
            contents[relative] = (root / relative).read_bytes()
        except OSError:
            continue  # reported by the full check, which reads it again
    return contents
