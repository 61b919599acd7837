"""The goals repository: find its root, its config, and its sheets."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

CONFIG_NAME = ".okr.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
MAX_BYTES = 2 * 1024 * 1024  # a sheet is a few kB; past this a file is refused (unsafe-yaml)


def find_root(start: Path) -> Path:
    """The nearest folder holding `.okr.yaml`; else the git top level; else `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def list_sheets(root: Path, exclude: list[str]) -> list[str]:
    """Every YAML file under `root` as a sorted POSIX path relative to it.

    Dot folders and dot files (`.okr.yaml`, `.pre-commit-config.yaml`, `.github/`) are tool
    configuration, never sheets; symlinked folders are not followed, so a link cannot loop
    or lead out of the repository.
    """
    patterns = [_glob_regex(p) for p in exclude]
    found: list[str] = []
    stack = [""]
    while stack:
        relative = stack.pop()
        try:
            entries = list(os.scandir(root / relative) if relative else os.scandir(root))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                if not _excluded(path + "/", patterns):
                    stack.append(path)
            elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file() and not _excluded(path, patterns):
                found.append(path)
    return sorted(found)


def _excluded(path: str, patterns: list[re.Pattern[str]]) -> bool:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return any(p.match(path) or p.match(path.rstrip("/")) or p.match(name) for p in patterns)


@lru_cache(maxsize=64)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-style globs: `**` spans folders, `*` and `?` stay inside one name."""
    pattern = pattern.strip().removeprefix("./")
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
        index += 1
    suffix = "" if pattern.endswith("/") else "/?"
    return re.compile("".join(out) + suffix + "$")


def relative_to_root(root: Path, file: str | os.PathLike[str], cwd: Path) -> str | None:
    """A path given on the command line, as a sheet path relative to the root, or None
    when it lies outside the repository."""
    absolute = (cwd / file).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return None


def shown_path(path: Path, base: Path) -> str:
    """A path as the user sees it: relative to `base`, the folder the command started in."""
    return Path(os.path.relpath(path, base)).as_posix()


def read_capped(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, but never more than one byte past the size limit: a huge file is
    refused by the loader without first filling memory with it."""
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)
