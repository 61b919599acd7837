"""The cache that makes `okr check` cheap on every commit.

Two kinds of entries, both keyed by content, never by time, so neither can be stale:

- a loaded sheet (plain data, positions, YAML problems), keyed by okr's code, the file's
  path and its bytes: parsing is most of a cold run's work;
- a whole run's problems, keyed by okr's code, the config, the as-of date, the path and
  bytes of every sheet, and what git says (HEAD, how deep the history is, whether git can
  run at all, the environment and config files git reads): a repeated run with nothing
  changed reads one entry. A repository of another user gets no run entry: whether git
  trusts it depends on `safe.directory`, which only git itself can resolve.

Entries live under `$XDG_CACHE_HOME/okr` (default `~/.cache/okr`, folders made 0700).
`OKR_NO_CACHE=1` turns the cache off. A cache folder can be shared, restored by CI or
written by someone else, so an entry is data, never code: JSON, read back into exactly the
shapes okr writes and nothing else. Each entry carries a MAC (keyed BLAKE2b) of its kind,
key and contents under a per-user secret kept outside the cache, in `$XDG_STATE_HOME/okr`
(default `~/.local/state/okr`, 0600, made on first use): an entry okr did not write
itself, for that key, does not verify and is ignored. A damaged, foreign or unreadable
entry is recomputed: the cache only ever makes okr faster, never changes what it reports.
"""

from __future__ import annotations

import itertools
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from okrcli import __version__
from okrcli.repo.cache_entries import tag, untag
from okrcli.repo.root import Unreadable

try:  # hashlib and hmac would load OpenSSL first: 15 ms on every run of the hook
    from _blake2 import blake2b
    from _operator import _compare_digest as same_digest
except ImportError:  # pragma: no cover
    from hashlib import blake2b
    from hmac import compare_digest as same_digest  # type: ignore[no-redef]

FORMAT = "2"
MAGIC = b"okr-cache-2\n"
MAC_SIZE = 32
SECRET_SIZE = 32
MAX_ENTRY = 64 * 1024 * 1024  # a loaded 2 MiB sheet stays far below; anything larger is not ours
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# A new file of our own, 0600, failing if anything is there (a planted link included).
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
_NUMBERS = itertools.count()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version plus the size and mtime of okr's own modules and catalogs, so that an edited or
    reinstalled okr (an editable install, a patched site-packages) never reads an entry
    made by other code."""
    package = Path(__file__).resolve().parent.parent  # okrcli/, every module of it
    stats = []
    for folder, _dirs, files in os.walk(package):
        for name in sorted(files):
            if name.endswith((".py", ".mo")):  # the catalogs make the messages too
                stat_ = os.stat(os.path.join(folder, name))
                stats.append(f"{folder}/{name}:{stat_.st_size}:{stat_.st_mtime_ns}")
    return digest(__version__, FORMAT, *sorted(stats))


def cache_root() -> Path | None:
    if os.environ.get("OKR_NO_CACHE") not in (None, "", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "okr" / f"{__version__}-{FORMAT}"


def digest(*parts: bytes | str) -> str:
    hasher = blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def listed(raw: bytes | Unreadable) -> str:
    """What a run's key records of a sheet: its bytes' digest, or why it was not read."""
    return digest(raw) if isinstance(raw, bytes) else f"unreadable: {raw.what}"


def run_key(config: bytes | str, as_of: str, sheets: Iterable[tuple[str, str]], extra: str = "") -> str:
    """One key for a whole run: what okr would report depends on nothing else."""
    listing = "\n".join(f"{path}\0{content}" for path, content in sheets)
    return digest(code_fingerprint(), config, as_of, extra, listing)


# --- the per-user secret that authenticates entries ---------------------------------------------


def state_folder() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "okr"


def user_secret() -> bytes | None:
    """This user's cache secret, made on first use; None (no cache) when it cannot be had
    safely: a file that is not a regular 0600 file of this user is never trusted."""
    path = state_folder() / "cache-key"
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        return _make_secret(path)
    except OSError:
        return None


def _read_secret(path: Path) -> bytes | None:
    handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
    try:
        info = os.fstat(handle)
        mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        if not stat.S_ISREG(info.st_mode) or not mine or info.st_mode & 0o077 or info.st_size != SECRET_SIZE:
            return None
        secret = os.read(handle, SECRET_SIZE + 1)
        return secret if len(secret) == SECRET_SIZE else None
    finally:
        os.close(handle)


def _make_secret(path: Path) -> bytes | None:
    """Write a new secret beside its final name, then link it into place: a concurrent run
    either wins the link or reads the winner's whole file, never half of one."""
    make_private_folders(path.parent)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-key.")  # 0600
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(os.urandom(SECRET_SIZE))
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
    return _read_secret(path)


def make_private_folders(folder: Path) -> None:
    """Create `folder` and any missing parents 0700: entries and secrets are nobody else's."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass


# --- entries ------------------------------------------------------------------------------------


def parse(text: str) -> Any:
    """An entry's JSON text as the value `Cache.put` was given, or None: not JSON okr writes."""
    try:
        return json.loads(text, object_hook=untag)
    except (ValueError, TypeError, RecursionError):
        return None


class Cache:
    """Authenticated JSON entries under `root`; with no root or no secret, a cache that
    holds nothing."""

    def __init__(self, root: Path | None, secret: bytes | None = None) -> None:
        self.secret = secret if secret is not None or root is None else user_secret()
        self.root = root if self.secret is not None else None

    def get(self, kind: str, key: str) -> Any:
        """The JSON value stored for (kind, key), or None: missing, damaged or not ours."""
        text = self.get_text(kind, key)
        return None if text is None else parse(text)

    def get_text(self, kind: str, key: str) -> str | None:
        """The JSON text stored for (kind, key), authenticated, or None: missing, damaged
        or not ours. For a caller that looks at the text as a whole before `parse`."""
        if self.root is None:
            return None
        try:
            raw = self._read(self._path(kind, key))
        except OSError:
            return None
        if raw is None or not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + MAC_SIZE:
            return None
        mac, payload = raw[len(MAGIC) : len(MAGIC) + MAC_SIZE], raw[len(MAGIC) + MAC_SIZE :]
        if not same_digest(mac, self._mac(kind, key, payload)):
            return None
        try:
            return payload.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=tag, allow_nan=True).encode("utf-8")
            if len(payload) <= MAX_ENTRY:
                self._write(path, MAGIC + self._mac(kind, key, payload) + payload)
        except (OSError, TypeError, ValueError, RecursionError):
            return  # an entry that cannot be written is an entry the next run recomputes

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        temporary = path.parent / f".tmp-{os.getpid()}-{next(_NUMBERS)}"
        try:
            handle = os.open(temporary, _CREATE, 0o600)
        except FileNotFoundError:  # the first entry of its folder: make the folders, once
            make_private_folders(path.parent)
            handle = os.open(temporary, _CREATE, 0o600)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def _mac(self, kind: str, key: str, payload: bytes) -> bytes:
        assert self.secret is not None
        hasher = blake2b(key=self.secret, digest_size=MAC_SIZE, person=b"okr-cache")
        for part in (kind.encode(), key.encode(), payload):
            hasher.update(len(part).to_bytes(8, "little"))
            hasher.update(part)
        return hasher.digest()

    @staticmethod
    def _read(path: Path) -> bytes | None:
        """The entry's bytes when it is a regular file of sane size; never a FIFO or a link."""
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY + len(MAGIC) + MAC_SIZE:
                return None
            with open(handle, "rb", closefd=False) as file:
                return file.read(MAX_ENTRY + len(MAGIC) + MAC_SIZE + 1)
        finally:
            os.close(handle)

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / key[2:]
