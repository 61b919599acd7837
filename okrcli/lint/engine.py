"""The engine: run the rules over a workspace, stamp levels, apply suppressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator

from okrcli.history.facts import GitFacts
from okrcli.lint.context import Context
from okrcli.lint.result import CheckResult
from okrcli.lint.rules import RULES
from okrcli.lint.subjects import with_subjects
from okrcli.lint.suppress import sieve
from okrcli.problem import Level, Problem
from okrcli.repo.config import RuleSetting
from okrcli.repo.workspace import Workspace, paused_gc
from okrcli.score.book import LEAVES_OUT


def lint(workspace: Workspace, as_of: dt.date, today: dt.date | None = None, facts: GitFacts | None = None) -> CheckResult:
    """Every problem in the workspace, sorted. `today` defaults to the calendar's; `facts`,
    the command's git facts, to a fresh one that reads git only if a rule asks."""
    settings = workspace.settings.rules
    with paused_gc():
        found = [*workspace.problems(), *_findings(Context(workspace, as_of, today, facts), settings)]
    leveled = []
    for problem in found:
        level = settings[problem.rule].level
        if level is not None:
            leveled.append(problem if problem.level == level else _relevel(problem, level))
    sorted_out = sieve(workspace.docs, leveled, settings)
    suppressed = sorted(set(sorted_out.suppressed), key=lambda s: s.problem)
    checked = tuple(sorted(doc.path for doc in workspace.docs))
    kept = with_subjects(sorted(set(sorted_out.kept)), {doc.path: doc.loaded for doc in workspace.docs})
    return CheckResult(kept, len(workspace.docs), suppressed, checked)


def unfiltered(workspace: Workspace, as_of: dt.date, rules: Collection[str]) -> list[Problem]:
    """Every problem of `rules`, sorted, whatever the config and the suppression comments say:
    for what a problem means beyond `okr check` (a number that cannot be known stays unknown
    when its rule is disabled). Rules not registered (yet) find nothing here."""
    found = [p for p in workspace.problems() if p.rule in rules]
    context = Context(workspace, as_of)
    with paused_gc():
        for rule_id in rules:
            module = RULES.get(rule_id)
            if module is None:
                continue
            options = workspace.settings.rules[rule_id].options
            level = workspace.settings.rules[rule_id].level or module.LEVEL
            found += [Problem(f.path, f.line, f.column, rule_id, level, f.message) for f in module.check(context, options)]
    return sorted(set(found))


def unscorable(workspace: Workspace, as_of: dt.date) -> list[Problem]:
    """The problems that leave a sheet out of the scores (`okrcli.score.book.LEAVES_OUT`),
    sorted, whatever the config says: what scoring sets aside."""
    return unfiltered(workspace, as_of, LEAVES_OUT)


def _findings(context: Context, settings: dict[str, RuleSetting]) -> Iterator[Problem]:
    """What each enabled rule finds, stamped with the rule's ID and configured level."""
    for rule_id, module in RULES.items():
        setting = settings[rule_id]
        if setting.level is None:
            continue
        for finding in module.check(context, setting.options):
            yield Problem(finding.path, finding.line, finding.column, rule_id, setting.level, finding.message, finding.involves)


def _relevel(problem: Problem, level: Level) -> Problem:
    return Problem(problem.path, problem.line, problem.column, problem.rule, level, problem.message, problem.involves)
