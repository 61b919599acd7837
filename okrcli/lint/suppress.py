"""The suppression comments at work: which problems they hide (with their reasons), and
which of them hide nothing (rule `unused-suppression`).

A directive is used when it hid a problem of a rule it names (`all` and a bare `disable`
name every rule). One that hid nothing is reported per rule it names, at that name, so the
fix can drop the name alone. Files that did not parse are left out: no rule ran there, so
their directives had nothing to hide.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from okrcli.i18n import _
from okrcli.lint.result import Suppressed
from okrcli.load.suppressions import ALL, Directive, Listed, Suppressions
from okrcli.load.validate import SheetDoc
from okrcli.problem import Level, Problem
from okrcli.repo.config import RuleSetting

ID = "unused-suppression"


@dataclass(slots=True)
class Sieve:
    """Sorts problems into kept and suppressed, remembering which directive hid what."""

    suppressions: dict[str, Suppressions]
    kept: list[Problem] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    used: dict[tuple[str, int], set[str]] = field(default_factory=dict)  # (path, directive) → the rules it hid

    def add(self, problem: Problem) -> None:
        # A blanket comment cannot hide its own report: only one naming the rule hides those.
        found = self.suppressions.get(problem.path)
        index = found.covering(problem.line, problem.rule, explicit=problem.rule == ID) if found is not None else None
        if index is None or found is None:
            self.kept.append(problem)
            return
        directive = found.directives[index]
        self.used.setdefault((problem.path, index), set()).add(problem.rule)
        self.suppressed.append(Suppressed(problem, directive.reason))


def sieve(docs: Iterable[SheetDoc], problems: Iterable[Problem], settings: dict[str, RuleSetting]) -> Sieve:
    """Problems sorted by the suppression comments, then the comments that hid nothing
    (when `unused-suppression` is enabled) sorted by them too."""
    docs = list(docs)
    result = Sieve({doc.path: doc.loaded.suppressions for doc in docs if doc.loaded.suppressions.directives})
    for problem in problems:
        result.add(problem)
    level = settings[ID].level if ID in settings else None
    if level is not None:
        for problem in list(unused(docs, result.used, settings, level)):
            result.add(problem)
    return result


def unused(docs: list[SheetDoc], used: dict[tuple[str, int], set[str]], settings: dict[str, RuleSetting], level: Level) -> Iterator[Problem]:
    for doc in docs:
        if not doc.loaded.has_data:
            continue
        for index, directive in enumerate(doc.loaded.suppressions.directives):
            hid = used.get((doc.path, index), set())
            for column, message in _unused_parts(directive, hid, settings):
                yield Problem(doc.path, directive.line, column, ID, level, message)


def _unused_parts(directive: Directive, hid: set[str], settings: dict[str, RuleSetting]) -> Iterator[tuple[int, str]]:
    """(column, message) of each part of `directive` that hid nothing."""
    if directive.kind == "disable-file" and not directive.in_header:
        yield directive.column, _("`disable-file` works only in the file's first comment block: move the comment to the top of the file, or remove it")
        return
    if not directive.rules:
        if not hid:
            yield directive.column, _("this comment suppresses no problem: remove it")
        return
    for listed in directive.rules:
        message = _listed_message(listed, hid, settings)
        if message is not None:
            yield listed.column, message


def _listed_message(listed: Listed, hid: set[str], settings: dict[str, RuleSetting]) -> str | None:
    name = listed.name
    if name == ID:  # the rule that would report it: hiding its problems is its whole purpose
        return None
    if name == ALL:
        return None if hid else _("`all` suppresses no problem here: remove it")
    if name not in settings:
        guess = difflib.get_close_matches(name, list(settings), n=1)
        hint = _("; did you mean '{guess}'?").format(guess=guess[0]) if guess else _("; `okr rules` lists them")
        return _("unknown rule '{name}' in the comment{hint}").format(name=name, hint=hint)
    if name in hid:
        return None
    if settings[name].level is None:
        return _("'{name}' is disabled in the config already: remove it from the comment").format(name=name)
    return _("no '{name}' problem here to suppress: remove it from the comment").format(name=name)
