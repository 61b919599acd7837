"""Writing files so that a reader sees the old bytes or the new ones, never half a file.

Every write goes the same way: a temporary file beside the target (symlinks resolved, so in
the same folder and on the same file system), written and fsynced, given its mode, then
renamed over the target in one step, and the folder fsynced so the rename itself is on
disk. A failure at any step removes the temporary file and leaves the target as it was.

Two kinds of target:

* an existing file that okr edits (`replace_file`, for `okr checkin`): it keeps its mode
  and owner, and the write is refused when its bytes changed since okr read them;
* a file okr produces (`write_atomic` without `expected_old`, for `okr init` and
  `okr report -o`): the mode any new file gets, 0o666 less the umask.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from okrcli.errors import EditRefused


def real_path_inside(root: Path, relative: str) -> Path:
    """The file's real path, symlinks resolved; refused when it lies outside the repository."""
    real = (root / relative).resolve()
    if not real.is_relative_to(root.resolve()):
        raise EditRefused(f"{relative}: is a link to {real}, outside the repository; okr edits files inside it only")
    if not real.is_file():
        raise EditRefused(f"{relative}: not a regular file")
    return real


def replace_file(path: Path, data: bytes, expected_old: bytes) -> None:
    """Replace the existing file `path` with `data`, keeping its mode and owner; any failure
    is an EditRefused and the file is left as it was."""
    try:
        write_atomic(path, data, expected_old)
    except OSError as err:
        raise EditRefused(f"{path.name}: cannot write it ({err.strerror or err}); the file was left as it was") from None


def write_atomic(path: Path, data: bytes, expected_old: bytes | None = None) -> None:
    """Write `data` to `path` in one rename. With `expected_old`, `path` is an existing file
    that must still hold those bytes (EditRefused if not) and keeps its mode and owner;
    without, the file gets a new file's mode, replacing whatever is there. OSError on failure."""
    before = os.stat(path) if expected_old is not None else None
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".okr-tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _take_mode(temporary, before)
        if expected_old is not None and path.read_bytes() != expected_old:  # someone saved it meanwhile
            raise EditRefused(f"{path.name}: changed on disk while okr was editing it; run the command again")
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(path.parent)


def _take_mode(temporary: str, before: os.stat_result | None) -> None:
    # mkstemp creates the file 0600: give it the old file's mode, else the mode a plain
    # `open()` would give a new file (a report or a config is meant to be shared).
    if before is None:
        os.chmod(temporary, 0o666 & ~_umask())
        return
    os.chmod(temporary, stat.S_IMODE(before.st_mode))
    _keep_owner(temporary, before)


def _umask() -> int:
    current = os.umask(0)  # the umask can only be read by setting it
    os.umask(current)
    return current


def _keep_owner(temporary: str, before: os.stat_result) -> None:
    # Only root may give a file away; for everyone else the owner is already theirs.
    if hasattr(os, "chown") and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.chown(temporary, before.st_uid, before.st_gid)
        except OSError:
            pass


def _remove(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (not possible on Windows).
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
