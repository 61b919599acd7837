"""Writing files so that a reader sees the old bytes or the new ones, never half a file.

Every write goes the same way: a temporary file beside the target (symlinks resolved, so in
the same folder and on the same file system), written and fsynced, given its mode, then
renamed over the target in one step, and the folder fsynced so the rename itself is on
disk. A failure at any step removes the temporary file and leaves the target as it was.

Only a regular file is ever replaced: a FIFO, a device, a socket, a folder or a symlink in
the way is refused (EditRefused, exit 2) and left untouched, checked again just before the
rename. Two kinds of target:

* an existing file that okr edits (`replace_file`, for `okr checkin`): it keeps its mode,
  owner and group, and the write is refused when its bytes changed since okr read them, when
  okr may not write the file itself (a writable folder is not enough: replacing a file is
  no licence to take it over), or when the new file could not get the old one's owner;
* a file okr produces (`write_atomic` without `expected_old`, for `okr init` and
  `okr report -o`): the mode any new file gets, 0o666 less the umask; with `new_only`, the
  file must not exist at all, and the final step is a link that fails if anything appeared.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from okrcli.errors import EditRefused
from okrcli.i18n import _
from okrcli.repo.root import Unreadable, kind_of, read_descriptor

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)


def real_path_inside(root: Path, relative: str) -> Path:
    """The file's real path, symlinks resolved; refused when it lies outside the repository."""
    real = Path(os.path.realpath(root / relative))  # never raises, even on a symlink loop
    if not real.is_relative_to(os.path.realpath(root)):
        raise EditRefused(_("{path}: is a link that leads outside the repository; okr edits files inside it only").format(path=relative))
    _require_regular(real, relative)
    return real


def replace_file(path: Path, data: bytes, expected_old: bytes) -> None:
    """Replace the existing file `path` with `data`, keeping its mode and owner; any failure
    is an EditRefused and the file is left as it was."""
    try:
        write_atomic(path, data, expected_old)
    except OSError as err:
        raise EditRefused(_("{path}: cannot write it ({reason}); the file was left as it was").format(path=path.name, reason=err.strerror or err)) from None


def write_atomic(path: Path, data: bytes, expected_old: bytes | None = None, *, new_only: bool = False) -> None:
    """Write `data` to `path` in one rename. With `expected_old`, `path` is an existing file
    that must still hold those bytes (EditRefused if not) and keeps its mode and owner;
    without, the file gets a new file's mode, replacing a regular file (never anything else,
    nor anything at all with `new_only`). OSError on failure."""
    old = _require_regular(path, str(path)) if expected_old is not None else None
    if old is not None:
        _require_writable(path, old)
    else:
        _in_the_way(path, new_only)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".okr-tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            _take_mode(out.fileno(), old, path)
            os.fsync(out.fileno())
        if old is not None and expected_old is not None:
            _unchanged(path, old, expected_old)
            os.replace(temporary, path)
        else:
            _place_new(temporary, path, new_only)
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(path.parent)


def _require_regular(path: Path, name: str) -> os.stat_result:
    try:
        info = os.lstat(path)
    except OSError as err:
        raise EditRefused(_("{path}: cannot read it ({reason}); the file was left as it was").format(path=name, reason=err.strerror or err)) from None
    if not stat.S_ISREG(info.st_mode):
        raise EditRefused(
            _("{path}: is {kind}, not a regular file; okr edits regular files only and left it untouched").format(path=name, kind=_(kind_of(info.st_mode)))
        )
    return info


def _in_the_way(path: Path, new_only: bool) -> os.stat_result | None:
    """What is at `path` now: None when nothing; refused unless a regular file okr may replace."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if new_only:
        raise EditRefused(_already_exists(path))
    if not stat.S_ISREG(info.st_mode):
        raise EditRefused(_(
            "{path}: is {kind}, not a regular file; okr writes over a regular file or creates a new one, and left it "
            "untouched: choose another path"
        ).format(path=path, kind=_(kind_of(info.st_mode))))
    return info


def _require_writable(path: Path, before: os.stat_result) -> None:
    # The rename needs only the folder's permission; the file's own says whether its owner
    # let us change it. A read-only or someone else's file is theirs to edit.
    effective = os.access in os.supports_effective_ids
    if not os.access(path, os.W_OK, effective_ids=effective):
        raise EditRefused(_(
            "{path}: okr may not write this file (owner uid {uid}, mode {mode}); edit it as a user who may, and it was left as it was"
        ).format(path=path.name, uid=before.st_uid, mode=stat.filemode(before.st_mode)))


def _take_mode(handle: int, before: os.stat_result | None, path: Path) -> None:
    # mkstemp creates the file 0600: give it the old file's owner, then its mode (chown
    # clears set-id bits, so the mode comes second), else the mode a plain `open()` would
    # give a new file (a report or a config is meant to be shared).
    if before is None:
        os.fchmod(handle, 0o666 & ~_umask())
        return
    _keep_owner(handle, before, path)
    os.fchmod(handle, stat.S_IMODE(before.st_mode))
    after = os.fstat(handle)
    if (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) != (before.st_uid, before.st_gid, stat.S_IMODE(before.st_mode)):
        raise EditRefused(
            _("{path}: the edited file could not keep the owner and mode of the old one; the file was left as it was").format(path=path.name)
        )


def _keep_owner(handle: int, before: os.stat_result, path: Path) -> None:
    current = os.fstat(handle)
    if (before.st_uid, before.st_gid) == (current.st_uid, current.st_gid):
        return
    try:
        os.fchown(handle, before.st_uid, before.st_gid)
    except OSError:
        raise EditRefused(_(
            "{path}: belongs to uid {uid} gid {gid}, and the edited file could not keep that owner; edit it as its owner, "
            "and it was left as it was"
        ).format(path=path.name, uid=before.st_uid, gid=before.st_gid)) from None


def _unchanged(path: Path, before: os.stat_result, expected_old: bytes) -> None:
    """Refuse when the file was replaced or saved since okr read it (someone saved it meanwhile)."""
    now = _require_regular(path, path.name)
    if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino) or _current_bytes(path, len(expected_old)) != expected_old:
        raise EditRefused(_("{path}: changed on disk while okr was editing it; run the command again").format(path=path.name))


def _current_bytes(path: Path, size: int) -> bytes | None:
    try:
        return read_descriptor(os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _NOCTTY), size)
    except (OSError, Unreadable):
        return None


def _place_new(temporary: str, path: Path, new_only: bool) -> None:
    """Rename a new file into place, refusing whatever appeared there meanwhile."""
    if new_only:
        try:
            os.link(temporary, path)  # fails if anything appeared: never overwrites
            os.unlink(temporary)
            return
        except FileExistsError:
            raise EditRefused(_already_exists(path)) from None
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
    _in_the_way(path, new_only)  # a file system without hard links: check once more, then rename
    os.replace(temporary, path)


def _already_exists(path: Path) -> str:
    return _("{path}: already exists; okr never overwrites it and left it untouched").format(path=path)


def _umask() -> int:
    current = os.umask(0)  # the umask can only be read by setting it
    os.umask(current)
    return current


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
