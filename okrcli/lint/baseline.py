"""Baselines: today's problems recorded, so that only new ones are reported.

A problem is matched by its path, its rule and its subject (the ref or key it concerns,
`okrcli.lint.subjects`), never by its line, so an edit above an old problem does not bring it
back; one with no subject (a file that does not parse) by its message instead. Counts
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


def without_known(problems: list[Problem], known: Counter[Key]) -> list[Problem]:
    """`problems` but as many of each key as the baseline records (the first ones, in order)."""
    left = Counter(known)
    new = []
    for problem in problems:
        key = key_of(problem)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(problem)
    return new


def read_baseline(path: Path, root: Path, shown: str) -> Counter[Key]:
    """The problems the baseline at `path` records; UsageError naming it (`shown`) when it
    cannot be read safely or is not a baseline this okr writes."""
    if not os.path.lexists(path):
        raise UsageError(f"--baseline {shown}: no such file; write one with --write-baseline")
    try:
        raw = read_config(path, root, MAX_BYTES)
    except Unreadable as err:
        raise UsageError(f"--baseline {shown}: not read: it is {err.what}") from None
    if len(raw) > MAX_BYTES:
        raise UsageError(f"--baseline {shown}: larger than {MAX_BYTES // (1024 * 1024)} MiB; not a baseline okr writes")
    return decode(raw, shown)


def decode(raw: bytes, shown: str) -> Counter[Key]:
    try:
        document = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as err:  # not UTF-8, not JSON, nested past Python's limit
        reason = str(err).split("\n")[0] if isinstance(err, ValueError) else "nested too deeply"
        raise UsageError(f"--baseline {shown}: not a JSON baseline ({reason}); write it again with --write-baseline") from None
    if not isinstance(document, dict) or set(document) != {"version", "problems"}:
        raise UsageError(f'--baseline {shown}: not an okr baseline: expected {{"version": {VERSION}, "problems": [...]}}')
    if document["version"] != VERSION or type(document["version"]) is not int:
        version = json.dumps(document["version"])[:40]
        raise UsageError(f"--baseline {shown}: version {version} is not one this okr reads ({VERSION}); write it again with --write-baseline")
    if not isinstance(document["problems"], list):
        raise UsageError(f"--baseline {shown}: `problems` must be a list")
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
        raise UsageError(f"--baseline {shown}: entry {number} is not {{path, rule, subject, message, count}} with a count from 1 to 1000000")
    return (entry["path"], entry["rule"], entry["subject"], "" if entry["subject"] else entry["message"]), entry["count"]
