"""Baselines: today's problems recorded, so that only new ones are reported.

A problem is matched by its path, its rule and its subject (the ref or key it concerns,
`okrcli.lint.subjects`), never by its line, so an edit above an old problem does not bring it
back; one with no subject (a file that does not parse) by its message instead, in English
whatever the language of the command, so that a baseline serves a whole team. Counts
matter: with two identical problems recorded, a third one is new.

The file (`.okr-baseline.json` at the root by default) is JSON:
`{"version": 1, "problems": [{"path", "rule", "subject", "message", "count"}]}`, sorted,
one entry per distinct problem. A file that is not exactly that is a usage error naming it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from okrcli.errors import UsageError
from okrcli.i18n import _
from okrcli.problem import Problem
from okrcli.repo.root import Unreadable, read_config

DEFAULT_NAME = ".okr-baseline.json"
VERSION = 1
MAX_BYTES = 16 * 1024 * 1024  # a baseline of 100,000 problems is about as large
_ENTRY_KEYS = {"path", "rule", "subject", "message", "count"}

Key = tuple[str, str, str, str]  # path, rule, subject, message ("" when the subject says it)


def key_of(problem: Problem) -> Key:
    return (problem.path, problem.rule, problem.subject, "" if problem.subject else problem.message)


def encode(problems: Iterable[Problem]) -> bytes:
    """The baseline file recording `problems`; each entry keeps the first message of its
    key for the reader (matching reads it only when there is no subject)."""
    counts: Counter[Key] = Counter()
    messages: dict[Key, str] = {}
    for problem in problems:
        key = key_of(problem)
        counts[key] += 1
        messages.setdefault(key, problem.message)
    entries = [
        {"path": path, "rule": rule, "subject": subject, "message": messages[(path, rule, subject, message)], "count": count}
        for (path, rule, subject, message), count in sorted(counts.items())
    ]
    return (json.dumps({"version": VERSION, "problems": entries}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def without_known(problems: list[Problem], known: Counter[Key], english: list[Problem] | None = None) -> list[Problem]:
    """`problems` but as many of each key as the baseline records (the first ones, in order).
    `english`: the same problems found in English, whose messages key those without a subject."""
    left = Counter(known)
    new = []
    keys = [key_of(p) for p in (english if english is not None and _same_places(problems, english) else problems)]
    for problem, key in zip(problems, keys, strict=True):
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(problem)
    return new


def _same_places(problems: list[Problem], english: list[Problem]) -> bool:
    """Whether the two runs found the same problems, in the same order (the message only
    orders problems of one rule at one place, so theirs may come in another order)."""
    def place(p: Problem) -> tuple[str, int, int, str, str]:
        return (p.path, p.line, p.column, p.rule, p.level)

    return len(problems) == len(english) and all(place(a) == place(b) for a, b in zip(problems, english, strict=True))


def read_baseline(path: Path, root: Path, shown: str) -> Counter[Key]:
    """The problems the baseline at `path` records; UsageError naming it (`shown`) when it
    cannot be read safely or is not a baseline this okr writes."""
    if not os.path.lexists(path):
        raise UsageError(f"--baseline {shown}: " + _("no such file; write one with --write-baseline"))
    try:
        raw = read_config(path, root, MAX_BYTES)
    except Unreadable as err:
        raise UsageError(f"--baseline {shown}: " + _("not read: it is {what}").format(what=err.shown())) from None
    if len(raw) > MAX_BYTES:
        raise UsageError(f"--baseline {shown}: " + _("larger than {size} MiB; not a baseline okr writes").format(size=MAX_BYTES // (1024 * 1024)))
    return decode(raw, shown)


def decode(raw: bytes, shown: str) -> Counter[Key]:
    try:
        document = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as err:  # not UTF-8, not JSON, nested past Python's limit
        reason = str(err).split("\n")[0] if isinstance(err, ValueError) else _("nested too deeply")
        raise UsageError(f"--baseline {shown}: " + _("not a JSON baseline ({reason}); write it again with --write-baseline").format(reason=reason)) from None
    if not isinstance(document, dict) or set(document) != {"version", "problems"}:
        expected = f'{{"version": {VERSION}, "problems": [...]}}'
        raise UsageError(f"--baseline {shown}: " + _("not an okr baseline: expected {expected}").format(expected=expected))
    if document["version"] != VERSION or type(document["version"]) is not int:
        version = json.dumps(document["version"])[:40]
        message = _("version {version} is not one this okr reads ({supported}); write it again with --write-baseline")
        raise UsageError(f"--baseline {shown}: " + message.format(version=version, supported=VERSION))
    if not isinstance(document["problems"], list):
        raise UsageError(f"--baseline {shown}: " + _("`problems` must be a list"))
    known: Counter[Key] = Counter()
    for number, entry in enumerate(document["problems"], start=1):
        key, count = _entry(entry, number, shown)
        known[key] += count
    return known


def _entry(entry: Any, number: int, shown: str) -> tuple[Key, int]:
    valid = isinstance(entry, dict) and set(entry) == _ENTRY_KEYS
    if valid:
        texts = all(isinstance(entry[name], str) for name in ("path", "rule", "subject", "message"))
        valid = texts and type(entry["count"]) is int and 1 <= entry["count"] <= 1_000_000
    if not valid:
        message = _("entry {number} is not {fields} with a count from 1 to 1000000")
        raise UsageError(f"--baseline {shown}: " + message.format(number=number, fields="{path, rule, subject, message, count}"))
    return (entry["path"], entry["rule"], entry["subject"], "" if entry["subject"] else entry["message"]), entry["count"]
