"""`okr tree --format text`: a Rich tree, or aligned plain lines when piped."""

from __future__ import annotations

from typing import Any

from okrcli.i18n import N_, _
from okrcli.reporters.terminal import console, printable_data, wants_rich, write
from okrcli.reporters.text.score import GRADE_STYLE, STATUS_STYLE, bar, styled
from okrcli.reporters.values import fixed, objective_grade
from okrcli.reporters.words import STATUSES, grade_word, status_word
from okrcli.score.alignment import TreeNode
from okrcli.score.records import ScoreReport

_LEVELS = {"company": N_("company"), "team": N_("team"), "individual": N_("individual")}


def heading(report: ScoreReport) -> str:
    return _("Alignment for {period} as of {as_of} ({elapsed} of the period gone)").format(
        period=report.period, as_of=report.as_of.isoformat(), elapsed=f"{report.elapsed:.0%}")


def where(node: TreeNode) -> str:
    """`(lan, individual)`; the level is left out when it is the owner's name (`company`)."""
    o = node.objective
    level = _(_LEVELS[o.level]) if o.level in _LEVELS else o.level
    parts = [o.owner] + ([level] if o.level != o.owner else []) + ([o.period] if node.context else [])
    return f"({', '.join(parts)})"


def label(node: TreeNode) -> str:
    return f"{node.objective.ref}  {node.objective.title} {where(node)}"


def text(report: ScoreReport, roots: list[TreeNode]) -> None:
    report, roots = printable_data(report), printable_data(roots)
    if wants_rich():
        _rich(report, roots)
        return
    lines = [heading(report), ""]
    columns = _Columns(report)
    for root in roots:
        lines += _plain(root, "", "", columns)
    write("\n".join(lines) + "\n")


class _Columns:
    """How wide the grade and status words are in the language shown, so they line up."""

    def __init__(self, report: ScoreReport) -> None:
        self.locale = report.locale
        self.grade = 1 + max(len(grade_word(g)) for g in ("green", "yellow", "red"))  # and a projection's ~
        self.status = max(len(status_word(s)) for s in STATUSES)


def _plain(node: TreeNode, lead: str, child_lead: str, columns: _Columns) -> list[str]:
    """Fixed-width fields first, then the branch and the label, so nothing wraps mid-column."""
    o = node.objective
    lines = [f"{bar(o.score, True)} {fixed(o.score, columns.locale):>5}  {objective_grade(o):<{columns.grade}}  "
             f"{status_word(o.status):<{columns.status}}  {lead}{label(node)}"]
    for index, child in enumerate(node.children):
        last = index == len(node.children) - 1
        lines += _plain(child, child_lead + ("└─ " if last else "├─ "), child_lead + ("   " if last else "│  "), columns)
    return lines


def _rich(report: ScoreReport, roots: list[TreeNode]) -> None:
    from rich.tree import Tree

    out = console()
    out.print(styled(heading(report), "bold"))
    top = Tree(styled(report.period, "bold"), guide_style="dim")
    for root in roots:
        _grow(top, root, report)
    out.print(top)


def _grow(parent: Any, node: TreeNode, report: ScoreReport) -> None:
    from rich.text import Text

    o = node.objective
    style = GRADE_STYLE.get(o.standing_grade or "")
    line = Text(bar(o.score, False), style=style or "")
    line.append(f" {fixed(o.score, report.locale)} ")
    line.append(objective_grade(o), style=style or "")
    line.append(" · ")  # a status may be words of its own ("chậm tiến độ"): not to be read with the grade
    line.append(status_word(o.status), style=STATUS_STYLE.get(o.status, ""))
    line.append(f"  {o.ref}", style="bold")
    line.append(f"  {o.title} {where(node)}", style="dim" if node.context else "")
    branch = parent.add(line)
    for child in node.children:
        _grow(branch, child, report)
