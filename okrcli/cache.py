"""The cache that makes `okr check` cheap on every commit.

Two kinds of entries, both keyed by content, never by time, so neither can be stale:

- a loaded sheet (plain data, positions, YAML problems), keyed by okr's version, the file's
  path and its bytes: parsing is most of a cold run's work;
- a whole run's problems, keyed by okr's version, the config text, the as-of date and the
  path and bytes of every sheet: a repeated run with nothing changed reads one entry.

Entries live under `$XDG_CACHE_HOME/okr` (default `~/.cache/okr`). `OKR_NO_CACHE=1`
turns the cache off. A cache that cannot be read or written is ignored: it only ever
makes okr faster, never changes what it reports.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from okrcli import __version__

try:  # hashlib would load OpenSSL first: a few ms on every run of the hook
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

FORMAT = "1"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version plus the size and mtime of okr's own modules, so that an edited or
    reinstalled okr (an editable install, a patched site-packages) never reads an entry
    made by other code."""
    package = Path(__file__).resolve().parent
    stats = []
    for folder, _dirs, files in os.walk(package):
        for name in sorted(files):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                stats.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
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


def run_key(config_text: str, as_of: str, sheets: Iterable[tuple[str, str]], extra: str = "") -> str:
    """One key for a whole run: what okr would report depends on nothing else."""
    listing = "\n".join(f"{path}\0{content}" for path, content in sheets)
    return digest(code_fingerprint(), config_text, as_of, extra, listing)


class Cache:
    def __init__(self, root: Path | None) -> None:
        self.root = root

    def get(self, kind: str, key: str) -> Any:
        if self.root is None:
            return None
        try:
            with open(self._path(kind, key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except (OSError, pickle.PicklingError, TypeError, RecursionError):
            return  # an entry that cannot be written is an entry the next run recomputes

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / key[2:]
