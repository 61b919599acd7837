"""The goals repository: find its root, its config, and its sheets."""

from __future__ import annotations

import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from okrcli.i18n import N_, _
from okrcli.load.limits import MAX_BYTES

CONFIG_NAME = ".okr.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def find_root(start: Path) -> Path:
    """The nearest folder holding `.okr.yaml`; else the git top level; else `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        # Any entry by that name marks the root, a FIFO or a dangling link included: reading
        # it then fails loudly (a usage error) instead of okr silently taking another root.
        if os.path.lexists(folder / CONFIG_NAME):
            return folder
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def list_sheets(root: Path, exclude: list[str]) -> list[str]:
    """Every YAML path under `root` as a sorted POSIX path relative to it.

    Dot folders and dot files (`.okr.yaml`, `.pre-commit-config.yaml`, `.github/`) are tool
    configuration, never sheets; symlinked folders are not followed, so a link cannot loop
    or lead out of the repository. Every `*.yaml` entry that is not a folder is listed,
    whatever it is (a link, a FIFO, a device): `read_capped` decides whether it may be read,
    so nothing is skipped silently. A folder okr may not list is listed too, as `name/`.
    """
    patterns = [_glob_regex(p) for p in exclude]
    found: list[str] = []
    stack = [""]
    while stack:
        relative = stack.pop()
        try:
            entries = list(os.scandir(root / relative) if relative else os.scandir(root))
        except OSError:
            found.append(f"{relative}/" if relative else "./")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = f"{relative}/{entry.name}" if relative else entry.name
            if _is_folder(entry):
                if not _excluded(path + "/", patterns):
                    stack.append(path)
            elif entry.name.endswith(YAML_SUFFIXES) and not _excluded(path, patterns):
                found.append(path)
    return sorted(found)


def excluded(relative: str, exclude: list[str]) -> bool:
    """Whether `list_sheets` leaves the sheet path `relative` out: it, or a folder on its way,
    matches an `exclude:` glob. (For sheets listed from a git tree rather than a folder.)"""
    patterns = [_glob_regex(p) for p in exclude]
    parts = relative.split("/")
    folders = ("/".join(parts[:index]) + "/" for index in range(1, len(parts)))
    return any(_excluded(folder, patterns) for folder in folders) or _excluded(relative, patterns)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


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


def named_sheets(root: Path, base: Path, files: list[Path]) -> set[str]:
    """The sheet paths (relative to `root`) that paths given on the command line name, each
    relative to `base`: a file as it is, a folder as every sheet under it. A path outside
    the repository names nothing; one that does not exist is a usage error."""
    from okrcli.errors import UsageError

    chosen: set[str] = set()
    for file in files:
        given = base / file
        if not os.path.lexists(given):
            raise UsageError(_("{file}: no such file or directory").format(file=file))
        # A file's folder resolved, its name kept: a sheet that is a link is reported under
        # its own name, and a link in a loop or to nothing is still a path okr reports on.
        folder = given.is_dir()
        absolute = Path(os.path.realpath(given)) if folder else Path(os.path.realpath(given.parent)) / given.name
        try:
            relative = absolute.relative_to(root).as_posix()
        except ValueError:
            continue  # outside the goals repo: nothing of ours to report there
        if folder:
            prefix = "" if relative == "." else relative + "/"
            chosen.update(prefix + s for s in list_sheets(absolute, []))
        else:
            chosen.add(relative)
    return chosen


def shown_path(path: Path, base: Path) -> str:
    """A path as the user sees it: relative to `base`, the folder the command started in."""
    return Path(os.path.relpath(path, base)).as_posix()


# --- reading a sheet or a config without ever opening what is not a regular file ----------------


class Unreadable(Exception):
    """A path okr will not read; `what` says what it is ("a FIFO (named pipe)") in English,
    the words okr compares and keys its cache on, and `shown()` in the command's language.
    `what` may hold a `{reason}` (the system's), given apart so that it can be translated."""

    def __init__(self, what: str, denied: bool = False, reason: str = "") -> None:
        self.template = what
        self.reason = reason
        self.what = what.format(reason=reason) if "{reason}" in what else what
        super().__init__(self.what)
        self.denied = denied  # permission denied: the fix is access, not another file

    def shown(self) -> str:
        """What the path is, in the language of the command."""
        template = _(self.template)
        return template.format(reason=self.reason) if "{reason}" in self.template else template

    def advice(self) -> str:
        """The problem's message for a sheet path (rule `unreadable-file`)."""
        if self.denied:
            return _("not read: it is {what}; give the user running okr read access, or list it under `exclude:` in .okr.yaml").format(
                what=self.shown()
            )
        return _(
            "not read: it is {what}; okr reads only regular files inside the repository and opens nothing else: put the sheet "
            "itself there or remove the path, or list it under `exclude:` in .okr.yaml"
        ).format(what=self.shown())


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check cannot block the open
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BY_FOLDER = os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd and bool(_NOFOLLOW)
_KINDS = (
    (stat.S_ISREG, N_("a regular file")), (stat.S_ISLNK, N_("a symlink")), (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a FIFO (named pipe)")), (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")), (stat.S_ISSOCK, N_("a socket")),
)
REGULAR = "a regular file"


def read_capped(root: Path, relative: str) -> bytes:
    """The bytes of the sheet at `relative` (a path from `list_sheets`), but never more than
    one byte past the size limit, so a huge file is refused without filling memory.

    Only a regular file inside the root is opened: a symlink must lead to one (never out of
    the root, nor into a dot folder), and a FIFO, a device, a socket or a folder is
    Unreadable without being opened. The folders on the way are opened one by one without
    following links, and the file with O_NOFOLLOW | O_NONBLOCK and checked again through its
    descriptor, so a path swapped during the run cannot lead elsewhere either."""
    real_root = os.path.realpath(root)
    if relative.endswith("/"):
        raise _folder_error(Path(real_root) / relative)
    kind, handle = _open_regular(real_root, relative.split("/"))
    if kind == "a symlink":
        kind, handle = _open_regular(real_root, link_target(real_root, os.path.join(real_root, relative)))
    if handle is None:
        raise Unreadable(kind if kind != "a symlink" else N_("a symlink to a symlink"))
    return read_descriptor(handle)


def read_one(root: Path, relative: str) -> bytes | Unreadable:
    """`read_capped`, or the `Unreadable` saying why the sheet could not be read."""
    try:
        return read_capped(root, relative)
    except Unreadable as err:
        return err


def _open_regular(real_root: str, parts: list[str]) -> tuple[str, int | None]:
    """What the path is, and a descriptor when it is a regular file (nothing else is opened)."""
    flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _NOCTTY | getattr(os, "O_BINARY", 0)
    try:
        if not _BY_FOLDER:
            path = os.path.join(real_root, *parts)
            kind = kind_of(os.lstat(path).st_mode)
            return kind, os.open(path, flags) if kind == REGULAR else None
        folder = _open_folders(real_root, parts[:-1])
        try:
            kind = kind_of(os.stat(parts[-1], dir_fd=folder, follow_symlinks=False).st_mode)
            return kind, os.open(parts[-1], flags, dir_fd=folder) if kind == REGULAR else None
        finally:
            os.close(folder)
    except OSError as err:
        raise os_error(err) from None


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), N_("a special file"))


def link_target(real_root: str, path: str, dot_files: bool = False) -> list[str]:
    """The root-relative parts of the file the symlink `path` leads to, all links resolved;
    Unreadable when it loops, dangles, or leads out of the root or (unless `dot_files`)
    into a dot folder."""
    real = _real_path(path)
    inside = os.path.relpath(real, real_root)
    if inside == os.curdir or inside == os.pardir or inside.startswith(os.pardir + os.sep) or os.path.isabs(inside):
        raise Unreadable(N_("a symlink that leads out of the repository"))
    parts = inside.split(os.sep)
    if not dot_files and any(part.startswith(".") for part in parts):
        raise Unreadable(N_("a symlink into a dot folder or to a dot file, which okr never reads as a sheet"))
    return parts


def _open_folders(real_root: str, parts: list[str]) -> int:
    """A descriptor of the folder `parts` under the root, no link followed on the way."""
    folder = os.open(real_root, os.O_RDONLY | _DIRECTORY)
    for part in parts:
        try:
            inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=folder)
        finally:
            os.close(folder)
        folder = inner
    return folder


def read_config(path: Path, root: Path | None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a config file: a regular file, or a link to one. A path inside the root
    (`.okr.yaml`, or a `--config` file in the repository) may not lead out of it, through
    a link of its own or a linked folder; a file the user named outside the root is theirs
    to choose. Nothing but a regular file is ever opened; at most `limit` + 1 bytes are read."""
    absolute = os.path.abspath(path)
    kind = _kind_at(absolute)
    if kind not in (REGULAR, "a symlink"):
        raise Unreadable(kind)
    real_root = os.path.realpath(root) if root is not None else None
    if real_root is not None and Path(absolute).is_relative_to(real_root):
        real = os.path.join(real_root, *link_target(real_root, absolute, dot_files=True))
    else:
        real = _real_path(absolute)
    kind = _kind_at(real)
    if kind != REGULAR:
        raise Unreadable(kind)
    try:
        handle = os.open(real, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _NOCTTY | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise os_error(err) from None
    return read_descriptor(handle, limit)


def _kind_at(path: str) -> str:
    try:
        return kind_of(os.lstat(path).st_mode)
    except OSError as err:
        raise os_error(err) from None


def _real_path(path: str) -> str:
    """`path` with every symlink resolved; Unreadable when a link loops or dangles."""
    try:
        return os.path.realpath(path, strict=True)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Unreadable(N_("a symlink in a loop")) from None
        if err.errno in (errno.ENOENT, errno.ENOTDIR):
            raise Unreadable(N_("a symlink to a file that does not exist")) from None
        raise os_error(err) from None


def read_descriptor(handle: int, limit: int = MAX_BYTES) -> bytes:
    """Up to `limit` + 1 bytes of an open regular file, which this closes; Unreadable
    (and nothing read) when the descriptor is anything else."""
    with open(handle, "rb", buffering=0, closefd=True) as file:
        try:
            kind = kind_of(os.fstat(handle).st_mode)
            if kind != REGULAR:
                raise Unreadable(kind)
            chunks = []
            left = limit + 1
            while left > 0:
                chunk = file.read(left)
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        except OSError as err:
            raise os_error(err) from None


def os_error(err: OSError) -> Unreadable:
    if err.errno in (errno.EACCES, errno.EPERM):
        return Unreadable(N_("a file okr may not read (permission denied)"), denied=True)
    if err.errno in (errno.ELOOP, errno.ENOTDIR):  # O_NOFOLLOW met a link where a folder or file was
        return Unreadable(N_("a path that changed while okr read it: a folder on the way is now a link or a file"))
    if err.errno == errno.ENOENT:
        return Unreadable(N_("a file that disappeared while okr read it"))
    return Unreadable(N_("a file okr cannot read ({reason})"), reason=str(err.strerror or err))


def _folder_error(folder: Path) -> Unreadable:
    try:
        with os.scandir(folder):
            pass
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EPERM):
            return Unreadable(N_("a folder okr may not read (permission denied), so its sheets are not checked"), denied=True)
        return Unreadable(N_("a folder okr cannot read ({reason}), so its sheets are not checked"), reason=str(err.strerror or err))
    return Unreadable(N_("a folder okr could not list, so its sheets were not checked"))
