"""The formats of `okr check`: text, parsable, json, github, sarif and junit (`check_junit`)."""

from __future__ import annotations

from typing import Any

from okrcli import __version__
from okrcli.i18n import _, ngettext
from okrcli.lint.result import CheckResult, Suppressed
from okrcli.problem import Problem
from okrcli.reporters.terminal import (
    console,
    json_text,
    printable_data,
    wants_rich,
    write,
)
from okrcli.reporters.words import level_word


def parsable(result: CheckResult) -> None:
    result = printable_data(result)
    write("".join(f"{p.path}:{p.line}:{p.column}: [{p.level}] {p.message} ({p.rule})\n" for p in result.problems))


def json(result: CheckResult, statistics: bool = False) -> None:
    document: dict[str, Any] = {
        "problems": [_json_problem(p) for p in result.problems],
        "errors": result.errors,
        "warnings": result.warnings,
        "files": result.files,
        "suppressed": [_json_problem(s.problem) | {"reason": s.reason} for s in result.suppressed],
    }
    if statistics:
        document["statistics"] = [{"rule": rule, "count": count} for rule, count in result.statistics()]
    write(json_text(document))


def _json_problem(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "column": p.column, "rule": p.rule, "level": p.level, "message": p.message}


def github(result: CheckResult) -> None:
    result = printable_data(result)
    lines = []
    for p in result.problems:
        properties = f"file={_property(p.path)},line={p.line},col={p.column},title={_property(p.rule)}"
        lines.append(f"::{p.level} {properties}::{_data(p.message)}\n")
    write("".join(lines))


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def text(result: CheckResult, statistics: bool = False) -> None:
    result = printable_data(result)
    if wants_rich():
        _rich_text(result, statistics)
        return
    out = []
    current = None
    for p in result.problems:
        if p.path != current:
            out.append(("\n" if current is not None else "") + p.path + "\n")
            current = p.path
        out.append(f"  {p.line}:{p.column}".ljust(12) + f"{level_word(p.level):<9}{p.message}  ({p.rule})\n")
    if result.problems:
        out.append("\n")
    out.append(summary(result) + "\n")
    if statistics:
        out.append(statistics_text(result))
    write("".join(out))


def statistics_text(result: CheckResult) -> str:
    """The count of problems per rule, a line each after a blank line ("" when none)."""
    counts = result.statistics()
    if not counts:
        return ""
    width = len(str(counts[0][1]))
    return "\n" + "".join(f"{count:>{width}}  {rule}\n" for rule, count in counts)


def _rich_text(result: CheckResult, statistics: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    by_file: dict[str, list[Problem]] = {}
    for problem in result.problems:
        by_file.setdefault(problem.path, []).append(problem)
    for path, problems in by_file.items():
        out.print(Text(path, style="bold underline"))
        # A grid keeps long messages wrapped beside their position, not under it.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True, min_width=8)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for p in problems:
            level = Text(level_word(p.level), style="red" if p.level == "error" else "yellow")
            grid.add_row(f"  {p.line}:{p.column}", level, Text.assemble(p.message, (f"  ({p.rule})", "dim")))
        out.print(grid)
        out.print()
    style = "bold red" if result.errors else "bold yellow" if result.warnings else "bold green"
    out.print(Text(summary(result), style=style))
    if statistics and result.problems:
        out.print(Text(statistics_text(result).rstrip("\n")))


def summary(result: CheckResult) -> str:
    files = ngettext("{count} file", "{count} files", result.files).format(count=result.files)
    if not result.problems:
        return _("No problems in {files}.").format(files=files)
    errors = ngettext("{count} error", "{count} errors", result.errors).format(count=result.errors)
    warnings = ngettext("{count} warning", "{count} warnings", result.warnings).format(count=result.warnings)
    return _("Found {errors} and {warnings} in {files}.").format(errors=errors, warnings=warnings, files=files)


def sarif(result: CheckResult) -> None:
    from okrcli.lint.rules import RULES
    from okrcli.lint.rules.docs import documentation, summary_line

    ids = list(RULES)
    rules = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": summary_line(module)},
            "fullDescription": {"text": summary_line(module)},
            "help": {"text": documentation(module), "markdown": documentation(module)},
            "defaultConfiguration": {"level": module.LEVEL},
        }
        for rule_id, module in RULES.items()
    ]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "okr",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/okrcli/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(p, ids.index(p.rule) if p.rule in ids else -1) for p in result.problems]
                + [_sarif_suppressed(s, ids.index(s.problem.rule) if s.problem.rule in ids else -1) for s in result.suppressed],
            }
        ],
    }
    write(json_text(document))


def _sarif_suppressed(suppressed: Suppressed, index: int) -> dict[str, Any]:
    """A suppressed problem: SARIF's in-source suppression, the comment's reason as justification."""
    suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
    if suppressed.reason is not None:
        suppression["justification"] = suppressed.reason
    return _sarif_result(suppressed.problem, index) | {"suppressions": [suppression]}


def _sarif_result(p: Problem, index: int) -> dict[str, Any]:
    return {
        "ruleId": p.rule,
        "ruleIndex": index,
        "level": p.level,
        "message": {"text": p.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": p.path},
                    "region": {"startLine": p.line, "startColumn": p.column},
                }
            }
        ],
    }
