"""`okr report --format markdown`: the review report as GitHub-flavoured Markdown, for a
pull-request comment or a wiki page. Renders a finished ReportData and computes nothing.

User text is escaped so that it stays text: `|` and line breaks cannot break a table, and
`<tag>`, `*`, `_`, `[link]` or a backtick in a title are shown, not interpreted."""

from __future__ import annotations

import re

from okrcli import __version__
from okrcli.report import KPILine, KRLine, ObjectiveBlock, OwnerSection, ReportData
from okrcli.reporters.history_formats import sparkline
from okrcli.reporters.score_formats import cell, fixed
from okrcli.reporters.score_text import kpi_status, kr_status
from okrcli.reporters.tree_formats import where
from okrcli.scoring import TreeNode

MARKS = {"green": "🟢", "yellow": "🟡", "red": "🔴"}  # beside the word, never instead of it
OWNERS_HEADER = ["| Owner | Score | Grade | Objectives | KPIs met | Scorecard 60/40 |", "|---|---:|---|---:|---:|---:|"]
KR_HEADER = [
    "| KR | Key result | Start → current → target | Score | Status | History | Confidence | Latest note |",
    "|---|---|---|---:|---|---|---:|---|",
]
KPI_HEADER = ["| KPI | Title | Actual / target | Achievement | Met | Grade |", "|---|---|---|---:|---|---|"]
# Where the sparklines come from; nothing to say when there is no key result (None).
HISTORY: dict[bool | None, str] = {
    True: "History from check-ins and git history. ", False: "History from check-ins only (not a git repository). ", None: "",
}
_MARKUP = re.compile(r"[`*_<>\[\]~&]")


def inline(text: str) -> str:
    """User text as literal Markdown on one line, safe inside a table cell too."""
    return _MARKUP.sub(lambda m: "\\" + m.group(0), cell(text))


def graded(grade: str | None) -> str:
    return f"{MARKS[grade]} {grade}" if grade in MARKS else "—"


def render(data: ReportData) -> str:
    lines = [f"# OKR review · {inline(data.period)} · {inline(data.name)}", "", *_heading(data), ""]
    lines += _left_out(data)
    lines += OWNERS_HEADER + [_owner_row(o) for o in data.owners] + [""]
    for owner in data.owners:
        lines += _owner(owner)
    if data.tree:
        lines += ["## Alignment", ""] + [line for root in data.tree for line in _node(root, 0)] + [""]
    lines += _footer(data)
    return "\n".join(lines).rstrip("\n") + "\n"


def _heading(data: ReportData) -> list[str]:
    counts, summary = data.summary.grades, data.summary
    grades = " · ".join(f"{MARKS[g]} {counts.get(g, 0)} {g}" for g in MARKS)
    kpis = f" · **KPIs:** {summary.kpis_met} of {summary.kpis} met" if summary.kpis else ""
    easy = f" · {summary.too_easy} at 1.0 (too easy?)" if summary.too_easy else ""
    return [
        f"As of **{data.as_of.isoformat()}** · {data.elapsed:.0%} of {inline(data.period)} gone",
        "",
        f"**Objectives:** {grades}{easy}{kpis}",
    ]


def _left_out(data: ReportData) -> list[str]:
    """Before the numbers, since they do not include these sheets."""
    if not data.left_out:
        return []
    lines = ["⚠️ **Left out of the scores**: a number or an identity in these sheets cannot be known:", ""]
    lines += [f"- {inline(o.path)}:{o.problem.line}:{o.problem.column}: {inline(o.problem.message)} ({o.rule})" for o in data.left_out]
    return lines + [""]


def _owner_row(owner: OwnerSection) -> str:
    met = f"{owner.kpis_met} of {len(owner.kpis)}" if owner.kpis else "—"
    return (f"| {inline(owner.owner)} | {fixed(owner.score)} | {graded(owner.grade)} | {len(owner.objectives)} "
            f"| {met} | {fixed(owner.scorecard.score)} |")


def _owner(owner: OwnerSection) -> list[str]:
    score = f" · {fixed(owner.score)} {graded(owner.grade)}" if owner.objectives else ""
    card = owner.scorecard
    lines = [f"## {inline(owner.owner)}{score}", ""]
    lines += [f"Scorecard 60/40: **{fixed(card.score)}** (KPIs {fixed(card.kpi_part)}, key results {fixed(card.kr_part)})", ""]
    for block in owner.objectives:
        lines += _objective(block)
    if owner.kpis:
        lines += [f"### KPIs of {inline(owner.owner)}", ""] + KPI_HEADER + [_kpi_row(k) for k in owner.kpis] + [""]
    return lines


def _objective(block: ObjectiveBlock) -> list[str]:
    o = block.score
    flags = [o.kind] + (["too easy?"] if o.too_easy else []) + ([f"aligned to {inline(o.parent)}"] if o.parent else [])
    score = f"**{fixed(o.score)}** {graded(o.grade)} (expected by now {fixed(block.expected)}) · {o.status}"
    lines = [f"### {inline(o.ref)} · {inline(o.title)}", "", f"{score} · {' · '.join(flags)}", ""]
    if block.key_results:
        lines += KR_HEADER + [_kr_row(kr) for kr in block.key_results]
    else:
        lines.append("_No key results._")
    return lines + [""]


def values(kr: KRLine) -> str:
    """`start → current → target unit`; without a baseline, `current → target`; a
    milestone is just done or not done."""
    if kr.score.kind == "milestone":
        return kr.current
    parts = ([kr.start] if kr.start is not None else []) + [kr.current, kr.target]
    return " → ".join(parts) + (f" {kr.unit}" if kr.unit else "")


def _kr_row(kr: KRLine) -> str:
    s = kr.score
    trend = sparkline([p.value for p in kr.history]) or "—"
    note = f"{kr.note_date.isoformat()}: {inline(kr.note)}" if kr.note and kr.note_date else "—"
    return (f"| {inline(s.ref.rsplit('/', 1)[-1])} | {inline(s.title)} | {inline(values(kr))} | {fixed(s.score)} "
            f"| {kr_status(s)} | {trend} | {fixed(s.confidence)} | {note} |")


def _kpi_row(kpi: KPILine) -> str:
    k = kpi.score
    return (f"| {inline(k.ref)} | {inline(k.title)} | {inline(kpi.actual)} / {inline(kpi.target)} "
            f"| {fixed(k.achievement)} | {kpi_status(k)} | {graded(k.grade)} |")


def _node(node: TreeNode, depth: int) -> list[str]:
    o = node.objective
    line = (f"{'  ' * depth}- {MARKS.get(o.grade or '', '⚪')} **{inline(o.ref)}** {inline(o.title)} "
            f"· {fixed(o.score)} {o.grade or '—'} · {o.status} {inline(where(node))}")
    return [line] + [child for c in node.children for child in _node(c, depth + 1)]


def _footer(data: ReportData) -> list[str]:
    lines = ["---", ""]
    lines.append(f"_{HISTORY[data.in_git]}Generated by okr {__version__}._")
    return lines
