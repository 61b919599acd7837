"""`okr check` end to end: which files, the cached fast path first, the full lint when it
misses, and the paths as the user sees them. The command only picks the reporter and the
exit code (`CheckResult.exit_code`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from okrcli.history.facts import GitFacts
from okrcli.i18n import current_language, speaking
from okrcli.lint.baseline import DEFAULT_NAME, Key, encode, read_baseline, without_known
from okrcli.lint.result import CheckResult, Suppressed, decode_result, encode_result
from okrcli.problem import Problem
from okrcli.repo.cache import Cache, cache_root, listed, run_key
from okrcli.repo.git import history_fingerprint
from okrcli.repo.root import (
    CONFIG_NAME,
    Unreadable,
    find_root,
    list_sheets,
    named_sheets,
    read_config,
    read_one,
    shown_path,
)
from okrcli.repo.source import Source, When, choose_source


def run_check(
    base: Path, files: list[Path], config_file: Path | None, as_of: dt.date, baseline: str | None = None,
    when: When | None = None, on_notice: Callable[[str], None] | None = None,
) -> CheckResult:
    """The problems of the goals repository around `base`, or only those located in or
    involving the sheets `files` name (relative to `base`, the whole repo still loaded), with
    paths relative to `base`; with `baseline` (a file as given, "" for the default), only
    those it does not record. With `when`, the repository as it was at that moment (SPEC
    3.1): a commit's sheets are linted as committed."""
    root, result = reported(base, files, config_file, as_of, baseline, when, on_notice)
    return _shown(result, root, base)


def reported(
    base: Path, files: list[Path], config_file: Path | None, as_of: dt.date, baseline: str | None = None,
    when: When | None = None, on_notice: Callable[[str], None] | None = None,
) -> tuple[Path, CheckResult]:
    """The root, and what `run_check` reports with paths relative to the root (what `--fix` edits)."""
    root = find_root(base)
    only = named_sheets(root, base, files) if files else None
    known = _read_baseline(root, base, baseline)
    source, day = choose_source(root, when, dt.date.today()) if when is not None else (Source(), as_of)
    if source.notice is not None and on_notice is not None:
        on_notice(source.notice)

    def check() -> CheckResult:
        return check_repo(root, config_file, day) if source.moment is None else check_moment(root, config_file, source, day)

    result = check()
    if known is not None:  # before the selection: the counts are the whole repository's
        result = dataclasses.replace(result, problems=_new(result.problems, known, check))
    return root, _only(result, only)


def _new(problems: list[Problem], known: Counter[Key], check: Callable[[], CheckResult]) -> list[Problem]:
    """The problems the baseline does not record. It holds the messages of the problems
    without a subject in English (`record_baseline`): in another language, and only when
    such a problem is found, the repository is checked again in English to read them."""
    if current_language() == "en" or all(p.subject for p in problems):
        return without_known(problems, known)
    with speaking("en"):
        english = check().problems
    return without_known(problems, known, english)


def _read_baseline(root: Path, base: Path, given: str | None) -> Counter[Key] | None:
    if given is None:
        return None
    path, shown = baseline_file(root, base, given)
    return read_baseline(path, root, shown)


def baseline_file(root: Path, base: Path, given: str | None) -> tuple[Path, str]:
    """The baseline's path (the root's `.okr-baseline.json` when `given` is "" or None, else
    `given` relative to `base`) and the name to show for it."""
    path = root / DEFAULT_NAME if not given else base / given
    return path, given or shown_path(path, base)


def record_baseline(base: Path, config_file: Path | None, as_of: dt.date) -> tuple[bytes, int]:
    """The baseline file recording every problem of the repository around `base`, and how
    many problems it records."""
    with speaking("en"):  # a team shares it, whatever language each member reads okr in
        result = check_repo(find_root(base), config_file, as_of)
    return encode(result.problems), len(result.problems)


def _shown(result: CheckResult, root: Path, base: Path) -> CheckResult:
    """`result` with its paths as the user sees them, relative to `base`."""

    def shown(problem: Problem) -> Problem:
        return dataclasses.replace(problem, path=shown_path(root / problem.path, base))

    suppressed = [Suppressed(shown(s.problem), s.reason) for s in result.suppressed]
    checked = tuple(shown_path(root / path, base) for path in result.checked)
    return CheckResult([shown(p) for p in result.problems], result.files, suppressed, checked)


def check_repo(root: Path, config_file: Path | None, as_of: dt.date, only: set[str] | None = None) -> CheckResult:
    """Problems of the goals repository at `root` (only those located in or involving the
    files of `only`, if given)."""
    config_path = config_file if config_file is not None else root / CONFIG_NAME
    config = _config_bytes(config_path, root)
    if config is None:  # the config cannot be read: the full check says why, as a usage error
        return _only(_full_check(root, config_file, as_of, Cache(None), dt.date.today()), only)
    cache = Cache(cache_root())
    # stale-check-in reads the git history: a new commit, a deeper clone or git appearing on
    # the PATH must miss the cache (read from .git directly, no process started).
    history = history_fingerprint(root)
    today = dt.date.today()
    if history is None:  # what git answers cannot be known without asking it: no run entry
        return _only(_full_check(root, config_file, as_of, cache, today), only)
    listing = _read_sheets(root, _quick_excludes(config.decode("utf-8", "replace")))
    key = _run_key(f"{config_path}\0".encode("utf-8", "surrogateescape") + config, as_of, today, listing, history)
    result = decode_result(cache.get("runs", key))
    if result is None:
        seen: dict[str, str] = {}  # the sheets are read again as they are loaded, one chunk at a time
        result = _full_check(root, config_file, as_of, cache, today, seen)
        if seen == listing:  # else a sheet changed while okr read it: the answer is not that key's
            cache.put("runs", key, encode_result(result))
    return _only(result, only)


def check_moment(root: Path, config_file: Path | None, source: Source, as_of: dt.date) -> CheckResult:
    """The problems of the repository as a commit left it (and, for `--as-of`, the sheets
    not committed yet then); cached under the commit, the config and the sheets' bytes."""
    from okrcli.lint.engine import lint
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import own_data, read_source, reusing_loader, workspace_of

    assert source.moment is not None
    settings, contents = read_source(root, source, config_file, resolve_rules)
    cache = Cache(cache_root())
    today = dt.date.today()
    moment = f"{source.moment.commit}\0{source.only_commit}\0{history_fingerprint(root)}"
    listing = {path: listed(raw) for path, raw in contents.items()}
    key = _run_key(f"{settings.path}\0{settings.source}".encode("utf-8", "surrogateescape"), as_of, today, listing, moment)
    result = decode_result(cache.get("runs", key))
    if result is None:
        workspace = workspace_of(root, settings, contents, cache, source, as_of, lean=True)
        facts = GitFacts(root, source.moment.commit, source.prefix, load=reusing_loader(workspace), own=own_data(workspace))
        result = lint(workspace, as_of, today=today, facts=facts)
        cache.put("runs", key, encode_result(result))
    return result


def _run_key(config: bytes, as_of: dt.date, today: dt.date, listing: dict[str, str], history: str) -> str:
    """The key of a run's answer: everything the problems depend on. check-in-in-future
    compares with the calendar (a run of yesterday is not today's); problems are stored as
    messages, so a run in one language never answers in the other."""
    dates = f"{as_of.isoformat()}\0{today.isoformat()}"
    return run_key(config, dates, iter(listing.items()), extra=f"{history}\0{current_language()}")


def _full_check(
    root: Path, config_file: Path | None, as_of: dt.date, cache: Cache, today: dt.date, seen: dict[str, str] | None = None,
) -> CheckResult:
    """The lint of the repository at `root`; `seen` gets what each sheet was loaded from."""
    from okrcli.lint.engine import lint
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace, own_data, reusing_loader

    workspace = open_workspace(root, config_file, resolve_rules, None, cache, lean=True, seen=seen)
    return lint(workspace, as_of, today=today, facts=GitFacts(workspace.root, load=reusing_loader(workspace), own=own_data(workspace)))


def _only(result: CheckResult, only: set[str] | None) -> CheckResult:
    if only is None:
        return result
    # A cross-file problem shows at its own position when it involves a file asked for: the
    # change in that file may be what broke (or fixed) the other one.
    problems = [p for p in result.problems if p.concerns(only)]
    suppressed = [s for s in result.suppressed if s.problem.concerns(only)]
    return CheckResult(problems, len(only), suppressed, tuple(sorted(only)))


def _config_bytes(path: Path, root: Path) -> bytes | None:
    """The config's bytes, b"" when there is none, None when it exists but cannot be read."""
    if not os.path.lexists(path):
        return b""
    try:
        return read_config(path, root)
    except Unreadable:
        return None


def _quick_excludes(config_text: str) -> list[str]:
    """The `exclude:` globs, read without validating the config (the full path does that).

    A config that does not parse gives none here; the full check then reports it."""
    if "exclude" not in config_text:
        return []
    from okrcli.load.reader import load_bytes

    data = load_bytes(config_text.encode("utf-8"), CONFIG_NAME).data
    globs = data.get("exclude") if isinstance(data, dict) else None
    return [g for g in globs if isinstance(g, str)] if isinstance(globs, list) else []


def _read_sheets(root: Path, exclude: list[str]) -> dict[str, str]:
    """Each sheet's path and what the run key records of it (`listed`), read one at a time:
    a cold run reads them again as it loads them, never holding all of them."""
    return {relative: listed(read_one(root, relative)) for relative in list_sheets(root, exclude)}
