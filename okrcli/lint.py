"""The engine: run the rules over a workspace, stamp levels, apply suppressions."""

from __future__ import annotations

import datetime as dt

from okrcli.problem import Problem
from okrcli.result import CheckResult
from okrcli.rules import RULES
from okrcli.rules.base import Context
from okrcli.workspace import Workspace


def lint(workspace: Workspace, as_of: dt.date, only: set[str] | None = None) -> CheckResult:
    """Every problem in the workspace (or only in the files of `only`), sorted."""
    settings = workspace.settings.rules
    suppressions = {doc.path: doc.loaded.suppressions for doc in workspace.docs}
    found: list[Problem] = []
    for problem in workspace.problems():
        found.append(problem)
    context = Context(workspace, as_of)
    for rule_id, module in RULES.items():
        setting = settings[rule_id]
        if setting.level is None:
            continue
        for finding in module.check(context, setting.options):
            found.append(Problem(finding.path, finding.line, finding.column, rule_id, setting.level, finding.message))
    kept = []
    for problem in found:
        level = settings[problem.rule].level
        if level is None or (only is not None and problem.path not in only):
            continue
        if suppressions.get(problem.path) is not None and suppressions[problem.path].covers(problem.line, problem.rule):
            continue
        kept.append(problem if problem.level == level else _relevel(problem, level))
    files = len(workspace.docs) if only is None else len(only)
    return CheckResult(sorted(set(kept)), files)


def _relevel(problem: Problem, level: str) -> Problem:
    return Problem(problem.path, problem.line, problem.column, problem.rule, level, problem.message)  # type: ignore[arg-type]
