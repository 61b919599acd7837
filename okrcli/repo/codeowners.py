"""The owners GitHub would request a review from for a path: a repository's `CODEOWNERS`.

GitHub reads the first of `.github/CODEOWNERS`, `CODEOWNERS` and `docs/CODEOWNERS` at the top
of the repository, and for a path the *last* line whose pattern matches wins. Patterns
follow gitignore's rules, less what GitHub leaves out: `#` starts a comment, a `/` at the
start or inside anchors the pattern at the top (else it matches a name at any depth), a `/`
at the end matches a folder's contents, `*` stays within a folder, `**` crosses folders, and
a folder matched means everything under it. A line GitHub would not accept (a `!` negation,
a `[…]` range, an owner that is neither `@user`, `@org/team` nor an e-mail address) is ignored
and named in `ignored`, never a failure: the file is someone else's, and okr only reads it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from okrcli.i18n import _
from okrcli.load.limits import MAX_BYTES
from okrcli.repo.root import Unreadable, read_capped

PLACES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
MAX_PATTERN = 500  # longer patterns are no one's intent; short ones keep matching linear
_OWNER = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]*)(?:/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True, slots=True)
class Rule:
    line: int
    tokens: tuple[str, ...]
    anchored: bool  # matched against the whole path, else against each name in it
    folder_only: bool  # a trailing `/`: matches the contents of a folder, not a file
    owners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CodeOwners:
    path: str | None = None  # where it was found, from the top of the repository
    rules: tuple[Rule, ...] = ()
    ignored: list[str] = field(default_factory=list)  # "LINE: why", for a notice

    def owners(self, path: str) -> tuple[str, ...]:
        """The handles of the last rule matching `path` (from the top); () when none does."""
        for rule in reversed(self.rules):
            if _matches(rule, path):
                return rule.owners
        return ()


def read_codeowners(top: Path) -> CodeOwners:
    """The first CODEOWNERS GitHub would use under `top`; an empty one when there is none
    or it cannot be read safely (a link out of the repository, a FIFO, too large)."""
    for place in PLACES:
        if not os.path.lexists(top / place):
            continue
        try:
            raw = read_capped(top, place)
        except Unreadable as err:
            return CodeOwners(place, ignored=[_("not read: it is {kind}").format(kind=_(err.what))])
        if len(raw) > MAX_BYTES:
            return CodeOwners(place, ignored=[_("not read: it is larger than {size} bytes").format(size=f"{MAX_BYTES:,}")])
        return parse_codeowners(raw.decode("utf-8", "replace"), place)
    return CodeOwners()


def read_codeowners_at(root: Path, commit: str) -> CodeOwners:
    """The first CODEOWNERS GitHub would use as `commit` holds it (one `git cat-file`):
    the repository at a moment is read with the owners of that moment."""
    import datetime as dt

    from okrcli.repo.git import Revision, blobs

    asked = [Revision(commit, commit, dt.date.min, place, f"{commit}:{place}") for place in PLACES]
    for place, raw in zip(PLACES, blobs(root, asked), strict=True):
        if raw is None:
            continue
        if len(raw) > MAX_BYTES:
            return CodeOwners(place, ignored=[_("not read: it is larger than {size} bytes").format(size=f"{MAX_BYTES:,}")])
        return parse_codeowners(raw.decode("utf-8", "replace"), place)
    return CodeOwners()


def parse_codeowners(text: str, path: str = "CODEOWNERS") -> CodeOwners:
    rules: list[Rule] = []
    ignored: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        rule = _rule(number, words)
        if isinstance(rule, str):
            ignored.append(f"{number}: {rule}")
        else:
            rules.append(rule)
    return CodeOwners(path, tuple(rules), ignored)


def _rule(number: int, words: list[str]) -> Rule | str:
    pattern, owners = words[0], tuple(words[1:])
    if pattern.startswith("!") or "[" in pattern or "\\" in pattern:
        return _("{pattern}: GitHub does not accept negations, ranges or escapes in CODEOWNERS").format(pattern=repr(pattern))
    if len(pattern) > MAX_PATTERN or any(not ch.isprintable() for ch in pattern):
        return _("a pattern too long or holding control characters")
    wrong = [o for o in owners if not _OWNER.fullmatch(o)]
    if wrong:
        return _("{owner} is not an owner: write @user, @org/team or an e-mail address").format(owner=repr(wrong[0]))
    folder_only = pattern.endswith("/") and pattern != "/"
    body = pattern.strip("/") if folder_only else pattern.lstrip("/")
    anchored = "/" in pattern.rstrip("/")
    return Rule(number, _tokens(body or "**"), anchored, folder_only, owners)


def _tokens(glob: str) -> tuple[str, ...]:
    """The glob as tokens: `**` (any text), `*` (any text within a folder), `?`, or one
    literal character; `**/` may also match nothing, so `a/**/b` matches `a/b`."""
    out: list[str] = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            out.append("**/")
            index += 3
        elif glob.startswith("**", index):
            out.append("**")
            index += 2
        else:
            out.append(glob[index])
            index += 1
    return tuple(out)


def glob_match(tokens: tuple[str, ...], text: str) -> bool:
    """Whether `text` matches: the set of positions the glob can reach, advanced one token
    at a time, so a pattern like `*a*a*a*b` costs its length times the text's, never more."""
    reach = {0}
    for token in tokens:
        reach = _advance(token, text, reach)
        if not reach:
            return False
    return len(text) in reach


def _advance(token: str, text: str, reach: set[int]) -> set[int]:
    if token == "*":
        return _within_folder(text, reach)
    if token == "**":
        return set(range(min(reach), len(text) + 1))
    if token == "**/":
        return reach | {i + 1 for i in range(min(reach), len(text)) if text[i] == "/"}
    if token == "?":
        return {i + 1 for i in reach if i < len(text) and text[i] != "/"}
    return {i + 1 for i in reach if i < len(text) and text[i] == token}


def _within_folder(text: str, reach: set[int]) -> set[int]:
    """Every position from a reached one up to the next `/`, in one sweep."""
    found: set[int] = set()
    active = False
    for index in range(min(reach), len(text) + 1):
        if index in reach:
            active = True
        elif active and text[index - 1] == "/":
            active = False
        if active:
            found.add(index)
    return found


def _matches(rule: Rule, path: str) -> bool:
    """A rule matches a file, or a folder the file is in (and so everything under it)."""
    parts = path.split("/")
    candidates = range(1, len(parts) if rule.folder_only else len(parts) + 1)
    if rule.anchored:
        return any(glob_match(rule.tokens, "/".join(parts[:n])) for n in candidates)
    return any(glob_match(rule.tokens, parts[n - 1]) for n in candidates)
