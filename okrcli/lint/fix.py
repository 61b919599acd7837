"""`okr check --fix`, `--unsafe-fixes` and `--diff` (SPEC 4): the problems okr can fix, each
made an edit of the one pipeline (`okrcli.edit.pipeline`, `fixing=True`), so a fix changes
only its own lines, reads back as intended and never adds a problem.

Safe fixes keep the meaning: an ambiguous plain float quoted under `number_locale: vi`
(`308.000` → `"308.000"`, read as 308000, the number the locale means), an unused
suppression removed (the whole comment, or one name of its list). Unsafe fixes change it
with one clear answer: a misspelt key with a single did-you-mean renamed (`taget` → `target`).

Fixes of one file are applied one by one, last position first (so the earlier positions
still hold), each verified; one that cannot be applied safely is skipped with the reason.
Nothing here writes: the command writes the planned bytes or prints their diff.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from okrcli.errors import EditRefused
from okrcli.i18n import _
from okrcli.load.validate import DID_YOU_MEAN, UNKNOWN_KEY
from okrcli.problem import Problem

if TYPE_CHECKING:  # the pipeline pulls in the validator, which `okr check` loads only when it lints
    from okrcli.edit.pipeline import Edit, Source
    from okrcli.load.reader import Loaded, YamlPath

Safety = Literal["safe", "unsafe"]
Plan = Callable[["Source"], "Edit"]
UNSAFE_RULES = {"schema": "a misspelt key with a single did-you-mean is renamed (`taget` → `target`)"}


@dataclass(slots=True)
class FileFixes:
    """One file's fixes: its bytes before and after, what was fixed and what was not."""

    path: str  # relative to the root
    old: bytes
    new: bytes
    fixed: list[Problem] = field(default_factory=list)
    skipped: list[tuple[Problem, str]] = field(default_factory=list)  # the problem and why


def fixable(problem: Problem, locale: str, unsafe: bool) -> Safety | None:
    """Whether okr fixes `problem`, and how safely; None when it does not (or not in this mode)."""
    if problem.rule == "unused-suppression" or (problem.rule == "ambiguous-number" and locale == "vi"):
        return "safe"
    if unsafe and problem.rule == "schema" and _misspelt_key(problem.message):
        return "unsafe"
    return None


def fix_file(path: str, raw: bytes, problems: list[Problem], locale: str) -> FileFixes:
    """Apply the fixes of `problems` (all of `path`, all fixable) to `raw`, one at a time."""
    from okrcli.edit.pipeline import apply_edit
    from okrcli.load.reader import load_bytes

    result = FileFixes(path, raw, raw)
    for group in _groups(problems):
        try:
            plan = _plan(group, load_bytes(result.new, path), locale)
            result.new = apply_edit(result.new, path, locale, plan, _("it was not fixed"), fixing=True).raw
        except EditRefused as refused:
            result.skipped.extend((problem, str(refused)) for problem in group)
        else:
            result.fixed.extend(group)
    return result


def _groups(problems: list[Problem]) -> Iterator[list[Problem]]:
    """The problems one edit fixes together (the unused names of one comment), last first."""
    by_line: dict[int, list[Problem]] = {}
    ordered = sorted(problems, key=lambda p: (p.line, p.column), reverse=True)
    for problem in ordered:
        if problem.rule == "unused-suppression":
            by_line.setdefault(problem.line, []).append(problem)
    for problem in ordered:
        if problem.rule != "unused-suppression":
            yield [problem]
        elif problem.line in by_line:
            yield by_line.pop(problem.line)


def _plan(group: list[Problem], loaded: Loaded, locale: str) -> Plan:
    first = group[0]
    if first.rule == "unused-suppression":
        return _plan_unused(first.line, {p.column for p in group})
    if first.rule == "ambiguous-number":
        return _plan_quote(first, loaded)
    return _plan_rename(first, loaded)


def _plan_unused(line: int, columns: set[int]) -> Plan:
    """The unused names at `columns` dropped from the comment on `line`, or the whole comment
    when it is unused as a whole or would be left naming nothing."""
    from okrcli.edit.changes import remove_comment
    from okrcli.edit.pipeline import Edit
    from okrcli.load.suppressions import read_suppressions

    def plan(source: Source) -> Edit:
        found = [d for d in read_suppressions(source.text).directives if d.line == line]
        if not found:
            raise EditRefused(f"{source.name}:{line}: " + _("no suppression comment there any more"))
        directive = found[0]
        kept = [listed for listed in directive.rules if listed.column not in columns]
        if directive.column in columns or not kept:
            return remove_comment(source, line, directive.column)
        start = _offset(source.text, line)
        first, last = directive.rules[0], directive.rules[-1]
        between = source.text[start + first.column - 1 + len(first.name) : start + directive.rules[1].column - 1]
        names = between.join(listed.name for listed in kept)
        return Edit([(start + first.column - 1, start + last.column - 1 + len(last.name), names)], _same)

    return plan


def _offset(text: str, line: int) -> int:
    """Where 1-based `line` starts in `text`."""
    index = 0
    for _skipped in range(line - 1):
        index = text.index("\n", index) + 1
    return index


def _same(data: object) -> object:
    return data


def _plan_quote(problem: Problem, loaded: Loaded) -> Plan:
    from okrcli.edit.changes import set_value
    from okrcli.edit.style import Scalar, quoted

    at = (problem.line, problem.column)
    text = next((t for position, t in loaded.grouped_floats if position == at), None)
    path = _path_at(loaded.values, at)
    if text is None or path is None or not path or not isinstance(path[-1], str):
        raise EditRefused(f"{loaded.path}:{problem.line}:{problem.column}: " + _("the number is not the value of a key; quote it by hand"))
    key = path[-1]
    return lambda source: set_value(source, path[:-1], key, Scalar(quoted(text, '"'), text))


def _plan_rename(problem: Problem, loaded: Loaded) -> Plan:
    from okrcli.edit.changes import rename_key

    names = _misspelt_key(problem.message)
    path = _path_at(loaded.keys, (problem.line, problem.column))
    if names is None or path is None or not path or path[-1] != names[0]:
        raise EditRefused(f"{loaded.path}:{problem.line}:{problem.column}: " + _("cannot find the key; rename it by hand"))
    old, new = names
    return lambda source: rename_key(source, path[:-1], old, new)


def _misspelt_key(message: str) -> tuple[str, str] | None:
    """The key and its one did-you-mean, read from a `schema` message of the command's
    language (`unknown key 'taget' in key result; did you mean 'target'?`); None for another."""
    hint = _pattern(_(DID_YOU_MEAN), guess="(?P<new>[^']*)")
    match = re.fullmatch(_pattern(_(UNKNOWN_KEY), key="(?P<old>[^']*)", what="[^;]*", hint=hint), message)
    return None if match is None else (match.group("old"), match.group("new"))


def _pattern(template: str, **groups: str) -> str:
    """`template` as a regular expression: its text literal, its {placeholders} `groups`."""
    parts = re.split(r"\{(\w+)\}", template)
    return "".join(groups[part] if index % 2 else re.escape(part) for index, part in enumerate(parts))


def _path_at(positions: dict[YamlPath, tuple[int, int]], at: tuple[int, int]) -> YamlPath | None:
    found = [path for path, position in positions.items() if position == at]
    return found[0] if len(found) == 1 else None


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """The change as `git diff` shows it, paths `a/…` and `b/…` relative to the root."""
    import difflib

    lines = difflib.unified_diff(_lines(old), _lines(new), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _lines(raw: bytes) -> list[str]:
    """Lines with their endings; only LF ends one (a title may hold a U+2028)."""
    parts = raw.decode("utf-8").split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
