"""git, read-only, as plain subprocesses or by reading `.git`.

`file_versions` runs git three times whatever the number of commits: `rev-parse` finds
the repository, one `git log` lists the commits, one `git cat-file --batch` returns each
file as each of them left it. `git_head` fingerprints the history for the run cache by
reading `.git` directly: a warm `okr check` starts no process. Outside a repository, or
without git installed, git "answers" None.

History is read as committed: replacement refs (`git replace`) and `info/grafts` are
ignored, so they can neither rewrite the dates okr reports nor hide a change from the run
cache's key.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from okrcli.repo.root import Unreadable, read_descriptor

# The commits as made: no replacement objects, no grafts (git reads an empty graft file).
_READ_AS_COMMITTED = {"GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_NO_REPLACE_OBJECTS": "1", "GIT_GRAFT_FILE": os.devnull}
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # `.git/HEAD` made a FIFO must not hang the hook
_NOCTTY = getattr(os, "O_NOCTTY", 0)


# A NamedTuple, not a dataclass: `okr check` imports this module for `git_head` on every
# run, and a NamedTuple costs a sixth of a dataclass to define.
class Revision(NamedTuple):
    commit: str
    short: str
    day: dt.date  # the commit date, in the committer's time zone
    name: str  # the file's path at this commit, from the top of the work tree
    blob: str = ""  # the file's object id at this commit (all zeros: deleted)
    old: str = ""  # a rename's or copy's path before this commit, from the top; '' for other changes
    boundary: bool = False  # a shallow clone's oldest commit: its diff lists every file as new, so it changed nothing we can know


Versions = dict[str, list[tuple[Revision, bytes | None]]]  # path → (revision, contents)


def file_versions(
    root: Path, relatives: list[str], follow: bool, until: str | None = None, prefix: str | None = None,
    keep: Callable[[str, Revision, bytes | None], bytes | None] | None = None,
) -> Versions | None:
    """Each file's committed contents (None when unreadable), oldest first, through its
    renames and copies; None outside git. Paths are relative to `root`; `follow` (one file
    only) asks git to follow the file (`git log --follow`), else the renames found in the
    root's log are followed here; `until`, a commit id, cuts the history there (the
    repository at a moment), else HEAD's; `prefix`, the root's folder in the repository
    when already known (`git rev-parse --show-prefix`). `keep`, given each file's contents as
    git hands them over, says what to hold of them (None: nothing, the caller has them)."""
    if prefix is None:
        shown = git(root, ["rev-parse", "--show-prefix"])
        if shown is None:
            return None
        prefix = shown.decode("utf-8", "surrogateescape").strip()
    revisions = log(root, relatives, follow, until)
    cut = _shallow_commits(root)
    if cut:
        revisions = [r._replace(boundary=True) if r.commit in cut else r for r in revisions]
    owned = _owned_revisions(revisions, relatives, prefix, follow)
    found: Versions = {}
    for (relative, revision), raw in zip(owned, each_blob(root, [r for _, r in owned]), strict=False):
        found.setdefault(relative, []).append((revision, raw if keep is None else keep(relative, revision, raw)))
    return {relative: items[::-1] for relative, items in found.items()}


def _owned_revisions(revisions: list[Revision], relatives: list[str], top: str, follow: bool) -> list[tuple[str, Revision]]:
    """(the file asked about, a revision of it), newest first: walking back, a rename or
    copy hands the file's history on to the path it came from."""
    if follow:
        return [(relatives[0], r) for r in revisions]
    names: dict[str, list[str]] = {}
    for relative in relatives:
        names.setdefault(top + relative, []).append(relative)
    owned: list[tuple[str, Revision]] = []
    for revision in revisions:
        mine = names.get(revision.name, [])
        owned += [(relative, revision) for relative in mine]
        if mine and revision.old and revision.old != revision.name:
            names.setdefault(revision.old, []).extend(names.pop(revision.name))
    return owned


def log(root: Path, relatives: list[str], follow: bool, until: str | None = None) -> list[Revision]:
    """Newest first. With -z every name ends at a NUL and comes unquoted, whatever its
    bytes; each commit's header starts with a marker made for this run, and each change
    record says how many names follow it, so no file name can pass for either."""
    # Not following one file, the root's whole log: a rename's old path must be in it.
    specs = relatives if follow else ["."]
    marker = "okr-" + os.urandom(8).hex()
    # Object ids stay abbreviated (--no-abbrev would lengthen %h too): git abbreviates each
    # to a prefix unique in the repository, which `cat-file` resolves to the same blob.
    # The current branch's first-parent history, as `--as-of` reads it: a merge is the commit
    # that brought its branch's changes here (its diff is against the first parent), and the
    # merged branch's own commits, which the branch here never held, are not its history.
    args = [
        "log", "-z", "--raw", "-M", "-C", "--first-parent", "--diff-merges=first-parent", f"--format={marker} %H %h %ci",
        *(["--follow"] if follow else []), *([until] if until else []), "--", *specs,
    ]
    return parse_log(git(root, args) or b"", marker.encode("ascii"))


def parse_log(out: bytes, marker: bytes) -> list[Revision]:
    """`git log -z --raw` output: per commit `MARKER <hash> <short> <date>` NUL, then per
    changed file `\n`? `:<modes> <old> <new> <status>` NUL `<name>` NUL (two names for a
    rename or a copy)."""
    tokens = out.split(b"\0")
    revisions: list[Revision] = []
    header: tuple[str, str, dt.date] | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index].removeprefix(b"\n")
        index += 1
        if token.startswith(marker + b" "):
            header = _header(token[len(marker) + 1 :])
        elif token.startswith(b":") and header is not None:
            fields = token.split(b" ")
            names = 2 if fields[-1][:1] in (b"R", b"C") else 1
            if len(fields) >= 5 and index + names <= len(tokens):
                name = tokens[index + names - 1].decode("utf-8", "surrogateescape")
                old = tokens[index].decode("utf-8", "surrogateescape") if names == 2 else ""
                blob = fields[3].decode("ascii", "replace")
                revisions.append(Revision(*header, name, blob if blob.isalnum() else "0", old))
            index += names
    return revisions


def _header(text: bytes) -> tuple[str, str, dt.date] | None:
    parts = text.decode("ascii", "replace").split(" ")
    try:
        return parts[0], parts[1], dt.date.fromisoformat(parts[2])
    except (IndexError, ValueError):
        return None


def blobs_at(root: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """The bytes of `paths` (from `root`) at `commit`, those it has: one `cat-file --batch`."""
    named = [p for p in paths if "\n" not in p and "\r" not in p]
    asked = [Revision(commit, commit, dt.date.min, p, f"{commit}:./{p}") for p in named]
    return {p: raw for p, raw in zip(named, blobs(root, asked), strict=True) if raw is not None}


def blobs(root: Path, revisions: list[Revision]) -> list[bytes | None]:
    """The file of each revision as it committed it; None when git has no such blob."""
    return list(each_blob(root, revisions))


def each_blob(root: Path, revisions: list[Revision]) -> Iterator[bytes | None]:
    """`blobs`, one at a time as `git cat-file --batch` writes them (`each_object`): a
    caller that keeps only some never holds them all. By object id, never by name: a name
    may hold any byte, a line break included."""
    for found in each_object(root, [r.blob for r in revisions], {**os.environ, **_READ_AS_COMMITTED}):
        yield found[1] if found is not None and found[0] == b"blob" else None


def each_object(root: Path, oids: list[str], env: dict[str, str], cap: int | None = None) -> Iterator[tuple[bytes, bytes] | None]:
    """Each object of `oids`, in order, from one `git cat-file --batch` read as a stream:
    (its type, its contents, cut past `cap` bytes when given, the rest read and dropped, so
    a huge object never fills memory), or None when git has no such object; every one None
    outside a repository or when git fails. The request goes through a file: git never
    waits on a pipe okr is not reading yet."""
    import subprocess
    import tempfile

    if not oids:
        return
    with tempfile.TemporaryFile() as request:
        request.write("".join(f"{oid}\n" for oid in oids).encode("ascii"))
        request.seek(0)
        try:
            process = subprocess.Popen(
                ["git", "-C", str(root), "cat-file", "--batch"], stdin=request, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, env=env,
            )
        except OSError:
            yield from (None for _ in oids)
            return
        assert process.stdout is not None
        with process:
            for _ in oids:
                yield _next_object(process.stdout, cap)


def _next_object(out: IO[bytes], cap: int | None) -> tuple[bytes, bytes] | None:
    """The next answer of `cat-file --batch`: "<oid> <type> <size>" and the contents, or
    "<name> missing" (None, as when the output ends)."""
    header = out.readline().split()
    if len(header) != 3 or not header[2].isdigit():
        return None
    size = int(header[2])
    contents = out.read(size if cap is None else min(size, cap))
    left = size - len(contents)
    while left > 0:
        chunk = out.read(min(left, 1 << 20))
        if not chunk:
            break
        left -= len(chunk)
    out.read(1)  # the line break after the contents
    return header[1], contents


def git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    """git's output, or None when git is missing or fails (not a repository, no commits)."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False,
            env={**os.environ, **_READ_AS_COMMITTED},
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


# --- the run-cache fingerprint ---------------------------------------------------------------


def history_fingerprint(root: Path) -> str | None:
    """What the history rules' answers depend on besides the files: HEAD, how deep the
    history is (a shallow clone lists its cut-off commits in `shallow`; unshallowing
    removes it, HEAD unchanged), which git, if any, would answer, and what it reads besides
    the objects: the environment and the config files. None when that cannot be known
    without asking git: a repository of another user is read only if a `safe.directory`
    somewhere in git's config (includes too) says so, so its answers are never cached."""
    gitdir = _gitdir(root)
    if gitdir is None:
        return f"\0\0{git_program()}\0{_git_environment()}\0{_config_stats(None)}"
    if not _owned(root, gitdir):
        return None
    shallow = _small_file(_common_dir(gitdir) / "shallow") or b""
    return f"{git_head(root)}\0{len(shallow)}:{shallow.decode('ascii', 'replace')}\0{git_program()}\0{_git_environment()}\0{_config_stats(gitdir)}"


def _shallow_commits(root: Path) -> frozenset[str]:
    """The commits a shallow clone's history stops at (`.git/shallow`) whose parents it
    lacks; none in a full one. A repository's first commit may be listed too (a fetch of
    depth 1 lists what it fetched): it has no parent, and did add what it holds."""
    gitdir = _gitdir(root)
    listed = _small_file(_common_dir(gitdir) / "shallow") if gitdir is not None else None
    commits = sorted(set(listed.decode("ascii", "replace").split())) if listed else []
    if not commits or not all(c.isalnum() for c in commits):
        return frozenset()
    out = git(root, ["cat-file", "--batch"], "".join(f"{c}\n" for c in commits).encode("ascii")) or b""
    return frozenset(c for c in commits if _has_parent(out, c))


def _has_parent(batch: bytes, commit: str) -> bool:
    """Whether `commit`'s object in `git cat-file --batch` output names a parent."""
    start = batch.find(commit.encode("ascii") + b" commit ")
    if start < 0:
        return False
    header_end = batch.find(b"\n\n", start)
    return b"\nparent " in batch[start : header_end if header_end >= 0 else len(batch)]


def _owned(root: Path, gitdir: Path) -> bool:
    """Whether the work tree and `.git` belong to the user running okr: git then trusts the
    repository whatever `safe.directory` says."""
    user = os.geteuid() if hasattr(os, "geteuid") else None
    if user is None:  # pragma: no cover - Windows: git checks owners by SID
        return False
    top = gitdir.parent if gitdir.name == ".git" else root
    try:
        return all(os.stat(path).st_uid == user for path in (top, gitdir, *([root / ".git"] if (root / ".git").is_file() else [])))
    except OSError:
        return False


def _git_environment() -> str:
    """The variables git reads its config, objects and identity from."""
    names = sorted(name for name in os.environ if name.startswith("GIT_") or name in ("HOME", "XDG_CONFIG_HOME", "PREFIX"))
    return "\0".join(f"{name}={os.environ[name]}" for name in names)


def _config_stats(gitdir: Path | None) -> str:
    """Size, time and inode of each config file git would read (`log.showSignature`,
    `diff.renames`, `core.abbrev` change what `git log` prints)."""
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    program = git_program()
    files = [os.environ.get("GIT_CONFIG_SYSTEM") or "/etc/gitconfig", os.environ.get("GIT_CONFIG_GLOBAL") or os.path.join(home, ".gitconfig"),
             os.path.join(xdg, "git", "config"), *([os.path.join(os.path.dirname(os.path.dirname(program)), "etc", "gitconfig")] if program else [])]
    if gitdir is not None:
        files += [str(_common_dir(gitdir) / "config"), str(gitdir / "config.worktree")]
    return "\0".join(f"{path}:{_stat(path)}" for path in files)


def _stat(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}"


def git_program() -> str:
    """The git a subprocess would start, as PATH finds it; '' when there is none."""
    if os.name == "nt":  # pragma: no cover
        import shutil

        return shutil.which("git") or ""
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        candidate = os.path.join(folder or os.curdir, "git")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return ""


def _small_file(path: Path) -> bytes | None:
    """A small file of `.git` (HEAD, a ref, `shallow`), or None: never a FIFO or a device,
    never more than a megabyte."""
    limit = 1024 * 1024
    try:
        found = read_descriptor(os.open(path, os.O_RDONLY | _NONBLOCK | _NOCTTY), limit)
    except (OSError, Unreadable):
        return None
    return found if len(found) <= limit else None


def _small_text(path: Path) -> str:
    """`_small_file` as text; OSError when it cannot be read, as `Path.read_text` raises."""
    found = _small_file(path)
    if found is None:
        raise OSError(f"cannot read {path.name}")
    return found.decode("utf-8")


def git_head(root: Path) -> str:
    """HEAD's commit id, read from `.git` without starting git; '' outside a repository.
    Layouts it does not know (reftable, a symbolic ref file) ask `git rev-parse HEAD`."""
    gitdir = _gitdir(root)
    if gitdir is None:
        return ""
    try:
        head = _small_text(gitdir / "HEAD").strip()
        if not head.startswith("ref:"):
            return head
        ref = head[4:].strip()
        common = _common_dir(gitdir)
        for base in (gitdir, common):
            if (base / ref).is_file():
                value = _small_text(base / ref).strip()
                if value.startswith("ref:"):
                    raise OSError("symbolic ref")
                return value
        packed = _packed_ref(common, ref)
        if packed is not None:
            return packed
        if (common / "reftable").exists():
            raise OSError("reftable")
        return f"unborn {ref}"
    except (OSError, UnicodeDecodeError):
        out = git(root, ["rev-parse", "HEAD"])
        return out.decode("ascii", "replace").strip() if out else "unknown"


def _gitdir(root: Path) -> Path | None:
    if os.environ.get("GIT_DIR"):
        return Path(os.path.realpath(os.environ["GIT_DIR"]))  # realpath: never raises, even on a loop
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():  # a worktree or submodule: "gitdir: <path>"
            text = (_small_file(dot) or b"").decode("utf-8", "replace").strip()
            return Path(os.path.realpath(folder / text[len("gitdir:"):].strip())) if text.startswith("gitdir:") else None
    return None


def _common_dir(gitdir: Path) -> Path:
    try:
        return Path(os.path.realpath(gitdir / _small_text(gitdir / "commondir").strip()))
    except OSError:
        return gitdir


def _packed_ref(common: Path, ref: str) -> str | None:
    try:
        lines = _small_text(common / "packed-refs").splitlines()
    except OSError:
        return None
    for line in lines:
        sha, _, name = line.partition(" ")
        if name == ref:
            return sha
    return None
