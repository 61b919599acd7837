"""Shared test helpers: real files in temporary folders, the real CLI run in-process."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest

from okrcli.cli import run
from okrcli.i18n import use_language

# Every skip is a failure (see no_skips.py): CI never goes green by skipping a test.
pytest_plugins = ["no_skips"]

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLES = PROJECT / "examples"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


def run_okr(*args: str, cwd: Path | str | None = None, env: dict[str, str] | None = None) -> Result:
    """Run `okr ARGS` in-process in `cwd` and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    saved = {key: os.environ.get(key) for key in (env or {})}
    try:
        os.chdir(cwd or previous)
        os.environ.update(env or {})
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(list(args))
    finally:
        os.chdir(previous)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Result(code, out.getvalue(), err.getvalue())


def run_okr_process(*args: str, cwd: Path | str, env: dict[str, str] | None = None) -> Result:
    """Run `python -m okrcli ARGS` as a real process, as a user or a hook would."""
    full_env = {**os.environ, **(env or {})}
    done = subprocess.run([sys.executable, "-m", "okrcli", *args], cwd=cwd, env=full_env, capture_output=True, text=True)
    return Result(done.returncode, done.stdout, done.stderr)


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative path → text, dedented, or bytes) under `root`."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def problems(root: Path, *args: str) -> list[tuple[str, int, int, str, str]]:
    """`okr check --format json` in `root`, as (path, line, column, rule, level) tuples."""
    result = run_okr("check", "--format", "json", *args, cwd=root)
    assert result.code in (0, 1), result.err
    return [(p["path"], p["line"], p["column"], p["rule"], p["level"]) for p in cast("dict[str, Any]", result.json())["problems"]]


def sheet_problems(tmp_path: Path, text: str, config: str | None = None, *args: str) -> list[tuple[int, int, str]]:
    """Check one sheet `sheet.yaml` (plus an optional `.okr.yaml`); return (line, column, rule)."""
    files: dict[str, str | bytes] = {"sheet.yaml": text}
    if config is not None:
        files[".okr.yaml"] = config
    write_files(tmp_path, files)
    return [(line, column, rule) for _, line, column, rule, _ in problems(tmp_path, *args)]


def messages(root: Path, rule: str) -> list[str]:
    result = run_okr("check", "--format", "json", cwd=root)
    return [p["message"] for p in cast("dict[str, Any]", result.json())["problems"] if p["rule"] == rule]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets an empty cache of its own, and its own cache secret: results never leak
    between tests, and the cached paths are exercised as users exercise them."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
    monkeypatch.delenv("OKR_NO_CACHE", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Each test starts in English, as a command does without --lang, OKR_LANG or
    `language:`: the language is process state, and in-process runs share the process."""
    saved = os.environ.pop("OKR_LANG", None)
    use_language("en")
    yield
    use_language("en")
    if saved is not None:
        os.environ["OKR_LANG"] = saved


@pytest.fixture(autouse=True)
def _own_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """git run by a test reaches only the test's own repository: a suite started from a git
    hook (pre-commit, `git rebase --exec`) inherits GIT_DIR and friends, which would point
    every `git init` and `git config` of the tests at the project's own repository."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
                 "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    """An empty git repository with a committer identity."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.email", "test@example.com"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "Test"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "commit.gpgsign", "false"], check=True)
    return tmp_path


# --- special files and users: what a hostile repository or machine may hold -----------------------

NOBODY = 65534


def special_file(path: Path) -> str:
    """A device node where okr runs as root (as CI does); a socket elsewhere, the special file
    any user can make. Returns what okr calls it."""
    if os.geteuid() == 0:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # a /dev/zero of its own
        return "a character device"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
    return "a socket"


@pytest.fixture
def public_tmp() -> Iterator[Path]:
    """A folder `nobody` may enter (pytest's own tmp_path is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="okr-public-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def unprivileged(function: Callable[[], Result], warm_up: Callable[[], object] | None = None) -> Result:
    """`function()` as a user without privileges: as is when okr is not root, else in a forked
    child that has switched to `nobody` (root reads through chmod 000, nobody does not).

    The child can no longer read what only root may (the interpreter's own modules may live
    under /root): `warm_up()` (default: `function()` itself, as root) first imports every
    module the command needs."""
    if os.geteuid() != 0:
        return function()
    (warm_up or function)()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root for good, run, report through the pipe, never return
        code = 1
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = function()
            os.write(writer, json.dumps([result.code, result.out, result.err]).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged run failed"
    code, out, err = json.loads(data)
    return Result(code, out, err)




def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How many generated cases each command ran in tests/test_adversarial.py."""
    strategies = sys.modules.get("strategies")
    cases = getattr(strategies, "CASES", None)
    if cases:
        counts = ", ".join(f"{command} {count}" for command, count in sorted(cases.items()))
        terminalreporter.write_line(f"adversarial cases per command: {counts} (total {sum(cases.values())})")
