"""`okr tree --format text`: a Rich tree, or aligned plain lines when piped."""

from __future__ import annotations

from typing import Any

from okrcli.reporters.terminal import console, printable_data, wants_rich, write
from okrcli.reporters.text.score import GRADE_STYLE, STATUS_STYLE, bar, styled
from okrcli.reporters.values import fixed, objective_grade
from okrcli.score.alignment import TreeNode
from okrcli.score.records import ScoreReport


def heading(report: ScoreReport) -> str:
    return f"Alignment for {report.period} as of {report.as_of.isoformat()} ({report.elapsed:.0%} of the period gone)"


def where(node: TreeNode) -> str:
    """`(lan, individual)`; the level is left out when it is the owner's name (`company`)."""
    o = node.objective
    parts = [o.owner] + ([o.level] if o.level != o.owner else []) + ([o.period] if node.context else [])
    return f"({', '.join(parts)})"


def label(node: TreeNode) -> str:
    return f"{node.objective.ref}  {node.objective.title} {where(node)}"


def text(report: ScoreReport, roots: list[TreeNode]) -> None:
    report, roots = printable_data(report), printable_data(roots)
    if wants_rich():
        _rich(report, roots)
        return
    lines = [heading(report), ""]
    for root in roots:
        lines += _plain(root, "", "")
    write("\n".join(lines) + "\n")


def _plain(node: TreeNode, lead: str, child_lead: str) -> list[str]:
    """Fixed-width fields first, then the branch and the label, so nothing wraps mid-column."""
    o = node.objective
    lines = [f"{bar(o.score, True)} {fixed(o.score):>5}  {objective_grade(o):<7}  {o.status:<9}  {lead}{label(node)}"]
    for index, child in enumerate(node.children):
        last = index == len(node.children) - 1
        lines += _plain(child, child_lead + ("└─ " if last else "├─ "), child_lead + ("   " if last else "│  "))
    return lines


def _rich(report: ScoreReport, roots: list[TreeNode]) -> None:
    from rich.tree import Tree

    out = console()
    out.print(styled(heading(report), "bold"))
    top = Tree(styled(report.period, "bold"), guide_style="dim")
    for root in roots:
        _grow(top, root)
    out.print(top)


def _grow(parent: Any, node: TreeNode) -> None:
    from rich.text import Text

    o = node.objective
    style = GRADE_STYLE.get(o.standing_grade or "")
    line = Text(bar(o.score, False), style=style or "")
    line.append(f" {fixed(o.score)} ")
    line.append(objective_grade(o), style=style or "")
    line.append(f" {o.status}", style=STATUS_STYLE.get(o.status, ""))
    line.append(f"  {o.ref}", style="bold")
    line.append(f"  {o.title} {where(node)}", style="dim" if node.context else "")
    branch = parent.add(line)
    for child in node.children:
        _grow(branch, child)
