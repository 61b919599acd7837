"""`okr report --format markdown`: the review report as GitHub-flavoured Markdown, for a
pull-request comment or a wiki page. Renders a finished ReportData and computes nothing.

User text is escaped so that it stays text: control characters are shown as escapes
(`printable_data`), `|` cannot break a table, and `<tag>`, `*`, `_`, `[link]` or a backtick
in a title are shown, not interpreted."""

from __future__ import annotations

import re
from collections.abc import Callable

from okrcli import __version__
from okrcli.report.gather import (
    KPILine,
    KRLine,
    ObjectiveBlock,
    OwnerSection,
    ReportData,
)
from okrcli.reporters.chart_text import describe, shown, source
from okrcli.reporters.history_formats import sparkline
from okrcli.reporters.markdown.score import table_text
from okrcli.reporters.since_text import compared, grades, signed, then_now
from okrcli.reporters.terminal import printable_data
from okrcli.reporters.text.score import kpi_status, kr_status
from okrcli.reporters.text.scorecard import terms
from okrcli.reporters.text.tree import where
from okrcli.reporters.values import fixed, kpi_shown, kr_shown, short_number, weight_note, with_weight
from okrcli.score.alignment import TreeNode

MARKS = {"green": "🟢", "yellow": "🟡", "red": "🔴"}  # beside the word, never instead of it
OWNERS_ALIGN = "|---|---:|---|---:|---:|---:|"
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
    return _MARKUP.sub(lambda m: "\\" + m.group(0), table_text(text))


def graded(grade: str | None) -> str:
    return f"{MARKS[grade]} {grade}" if grade in MARKS else "—"


def render(data: ReportData) -> str:
    data = printable_data(data)
    lines = [f"# OKR review · {inline(data.period)} · {inline(data.name)}", "", *_heading(data), ""]
    lines += _left_out(data)
    lines += _since(data)
    lines += [f"| Owner | Score | Grade | Objectives | KPIs met | {scorecard_name(data)} |", OWNERS_ALIGN]
    lines += [_owner_row(o) for o in data.owners] + [""]
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
    ] + (["", f"{inline(data.period)} has ended: its grades are final."] if data.ended else [])


def _left_out(data: ReportData) -> list[str]:
    """Before the numbers, since they do not include these sheets."""
    if not data.left_out:
        return []
    lines = ["⚠️ **Left out of the scores**: a number or an identity in these sheets cannot be known:", ""]
    lines += [f"- {inline(o.path)}:{o.problem.line}:{o.problem.column}: {inline(o.problem.message)} ({o.rule})" for o in data.left_out]
    return lines + [""]


def _since(data: ReportData) -> list[str]:
    """Score changes per objective and per owner since the previous review."""
    since = data.since
    if since is None:
        return []
    lines = [f"## Since {inline(since.asked)}", "", inline(compared(since)), ""]
    if since.objectives:
        lines += ["| Objective | Title | Then | Now | Change | Grade |", "|---|---|---:|---:|---:|---|"]
        lines += [f"| {inline(c.ref)} | {inline(c.title)} | {' | '.join(then_now(c))} | {signed(c)} | {grades(c)} |" for c in since.objectives]
        lines.append("")
    if since.owners:
        lines += ["| Owner | Then | Now | Change |", "|---|---:|---:|---:|"]
        lines += [f"| {inline(c.ref)} | {' | '.join(then_now(c))} | {signed(c)} |" for c in since.owners] + [""]
    return lines


def scorecard_name(data: ReportData) -> str:
    """`Scorecard 60/40`, with the weights the config sets."""
    return f"Scorecard {data.weights[0] * 100:.0f}/{data.weights[1] * 100:.0f}"


def owner_grade(owner: OwnerSection) -> str:
    """The grade, and what it is when not the score's on the objectives' bands."""
    return graded(owner.grade) + (" (lowest of their objectives, committed and aspirational)" if owner.lowest else "")


def scorecard_line(owner: OwnerSection, strong: Callable[[str], str] = lambda text: f"**{text}**") -> str:
    """The scorecard with its terms, and what each part is the mean of; okr's words and
    numbers only, no user text, so the HTML page can use it as it is."""
    card = owner.scorecard
    parts = [f"KPIs: each achievement capped at {card.kpi_cap:.2f}"] if card.kpis else []
    if card.key_results:
        counted = f"key results: the {len(card.key_results)} they own"
        parts.append(counted + (f", {len(owner.elsewhere)} of them in others' objectives" if owner.elsewhere else ""))
    return f"Scorecard {strong(fixed(card.score))}{terms(card)}" + "".join(f"; {part}" for part in parts)


def _owner_row(owner: OwnerSection) -> str:
    met = f"{owner.kpis_met} of {len(owner.kpis)}" if owner.kpis else "—"
    grade = graded(owner.grade) + (" (lowest)" if owner.lowest else "")
    return (f"| {inline(owner.owner)} | {fixed(owner.score)} | {grade} | {len(owner.objectives)} "
            f"| {met} | {fixed(owner.scorecard.score)} |")


def _owner(owner: OwnerSection) -> list[str]:
    score = f" · {fixed(owner.score)} {owner_grade(owner)}" if owner.objectives else ""
    lines = [f"## {inline(owner.owner)}{score}", "", scorecard_line(owner), ""]
    for block in owner.objectives:
        lines += _objective(block)
    if owner.elsewhere:
        lines += [f"### Key results of {inline(owner.owner)} in others' objectives", ""]
        lines += KR_HEADER + [_kr_row(kr, full_ref=True) for kr in owner.elsewhere] + [""]
    if owner.kpis:
        lines += [f"### KPIs of {inline(owner.owner)}", ""] + KPI_HEADER + [_kpi_row(k) for k in owner.kpis] + [""]
    return lines


def _objective(block: ObjectiveBlock) -> list[str]:
    o = block.score
    flags = [o.kind] + ([weight_note(o.weight)] if weight_note(o.weight) else []) + (["too easy?"] if o.too_easy else [])
    flags += [f"aligned to {inline(o.parent)}"] if o.parent else []
    score = f"**{fixed(o.score)}** {graded(o.grade)} (expected by now {fixed(block.expected)}) · {o.status}"
    lines = [f"### {inline(o.ref)} · {inline(o.title)}", "", f"{score} · {' · '.join(flags)}", ""]
    if block.final is not None:
        lines += [f"Final (okr close): **{fixed(block.final.score)}** {graded(block.final.grade)}", ""]
    if block.retro:
        lines += [f"Retro: {inline(block.retro)}", ""]
    if block.key_results:
        lines += KR_HEADER + [_kr_row(kr) for kr in block.key_results] + [""]
        lines += [line for kr in block.key_results for line in _over_time(kr)]
    else:
        lines += ["_No key results._", ""]
    return lines


VALUES_HEADER = ["| Date | Value | Source | Pace | Confidence |", "|---|---:|---|---:|---:|"]


def _over_time(kr: KRLine) -> list[str]:
    """The KR's values over the period, as the HTML page charts them, and the chart in words."""
    chart = kr.chart
    if chart is None:
        return []
    lines = [f"#### {inline(kr.score.ref)} · values over time", ""]
    if chart.rows:
        lines += VALUES_HEADER + [
            f"| {r.point.date.isoformat()} | {inline(shown(r.point, kr.locale))} | {source(r.point)} "
            f"| {short_number(r.pace, kr.locale)} | {fixed(r.confidence)} |"
            for r in chart.rows
        ] + [""]
    return lines + [inline(describe(chart, kr.locale)), ""]


def values(kr: KRLine) -> str:
    """`start → current → target unit`; without a baseline, `current → target`; a
    milestone is just done or not done."""
    shown = kr_shown(kr.score, kr.start, kr.unit, kr.locale)
    if kr.score.kind == "milestone":
        return shown.current
    parts = ([shown.start] if shown.start is not None else []) + [shown.current, shown.target]
    return " → ".join(parts) + (f" {shown.unit}" if shown.unit else "")


def kr_title(kr: KRLine) -> str:
    """The title, its weight when not 1, and whose scorecard it counts in when not the
    objective owner's."""
    title = with_weight(kr.score.title, kr.score.weight)
    return title + (f" (owner: {kr.other_owner})" if kr.other_owner else "")


def confidence(kr: KRLine) -> str:
    """`0.75 (2025-08-13)`: dated, since the note beside it may be of another check-in."""
    date = kr.score.confidence_date
    return f"{fixed(kr.score.confidence)} ({date.isoformat()})" if date is not None else fixed(kr.score.confidence)


def _kr_row(kr: KRLine, full_ref: bool = False) -> str:
    s = kr.score
    trend = sparkline([p.value for p in kr.history]) or "—"
    note = f"{kr.note_date.isoformat()}: {inline(kr.note)}" if kr.note and kr.note_date else "—"
    ref = s.ref if full_ref else s.ref.rsplit("/", 1)[-1]
    return (f"| {inline(ref)} | {inline(kr_title(kr))} | {inline(values(kr))} | {fixed(s.score)} "
            f"| {kr_status(s)} | {trend} | {confidence(kr)} | {note} |")


def kpi_values(kpi: KPILine) -> str:
    """`12 / ≤ 20`, or the monthly readings: `32 · 31 / ≥ 30, mean of 2 months`."""
    shown = kpi_shown(kpi.score, kpi.locale)
    return f"{shown.current} / {shown.target}" + (f", {shown.basis}" if shown.basis else "")


def _kpi_row(kpi: KPILine) -> str:
    k = kpi.score
    return (f"| {inline(k.ref)} | {inline(with_weight(k.title, k.weight))} | {inline(kpi_values(kpi))} "
            f"| {fixed(k.achievement)} | {kpi_status(k)} | {graded(k.grade)}{kpi_final(kpi)} |")


def kpi_final(kpi: KPILine) -> str:
    """` · final 1.04 green`, as `okr close` wrote it."""
    final = kpi.final
    return f" · final {fixed(final.achievement)} {final.grade}" if final is not None else ""


def _node(node: TreeNode, depth: int) -> list[str]:
    o = node.objective
    line = (f"{'  ' * depth}- {MARKS.get(o.grade or '', '⚪')} **{inline(o.ref)}** {inline(o.title)} "
            f"· {fixed(o.score)} {o.grade or '—'} · {o.status} {inline(where(node))}")
    return [line] + [child for c in node.children for child in _node(c, depth + 1)]


def _footer(data: ReportData) -> list[str]:
    lines = ["---", ""]
    lines.append(f"_{HISTORY[data.in_git]}Generated by okr {__version__}._")
    return lines
