"""`okr report --format html`: the review report as one self-contained page. Renders a
finished ReportData and computes nothing.

Self-contained means: the style sheet and the sparklines (SVG) are inline, no script, no
font, image or link points outside the file, so it opens from disk, from a mail or from a
CI artifact, offline. Every piece of user text has its control characters shown as escapes
(`printable_data`) and goes through `html.escape`, so a title holding `<script>` or a
right-to-left override is shown as text."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from okrcli import __version__
from okrcli.history.timeline import Point
from okrcli.report.gather import (
    KPILine,
    KRLine,
    ObjectiveBlock,
    OwnerSection,
    ReportData,
)
from okrcli.reporters.html.chart import chart_html
from okrcli.reporters.html.since import since_html
from okrcli.reporters.html.style import CSS
from okrcli.reporters.markdown.report import (
    HISTORY,
    confidence,
    kpi_final,
    kr_title,
    scorecard_line,
    scorecard_name,
)
from okrcli.reporters.terminal import printable_data
from okrcli.reporters.text.score import kpi_status
from okrcli.reporters.text.tree import where
from okrcli.reporters.values import fixed, kpi_shown, kr_shown, weight_note, with_weight
from okrcli.score.alignment import TreeNode
from okrcli.score.records import ObjectiveScore

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 112, 30, 3


def e(text: object) -> str:
    return escape(str(text), quote=True)


def render(data: ReportData) -> str:
    data = printable_data(data)
    title = f"OKR review {data.period} · {data.name}"
    body = [_masthead(data), _left_out(data), _tiles(data), since_html(data.since), _overview(data), *(_owner(i, o) for i, o in enumerate(data.owners, 1)),
            _tree(data.tree), _footer(data)]
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"vi" if data.locale == "vi" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *[part for part in body if part],
        "</main>",
        "</body>",
        "</html>",
    ]) + "\n"


# --- small pieces ----------------------------------------------------------------------------


def bar(score: float | None, grade: str | None, label: str, pace: float | None = None) -> str:
    """A progress bar; an achievement above 1 fills it, never overflows it. `pace` marks
    where the score should be by now."""
    marker = f'<span class="pace" style="left:{_percent(pace)}"></span>' if pace is not None else ""
    return (f'<div class="bar" role="img" aria-label="{e(label)}">'
            f'<span class="fill {e(grade or "none")}" style="width:{_percent(score)}"></span>{marker}</div>')


def _percent(share: float | None) -> str:
    return f"{min(max(share or 0.0, 0.0), 1.0) * 100:.1f}%"


def pill(grade: str | None) -> str:
    return f'<span class="pill {e(grade)}">{e(grade)}</span>' if grade else '<span class="pill">no grade</span>'


def status(name: str, text: str | None = None) -> str:
    return f'<span class="status {e(name)}">{e(text or name)}</span>'


def sparkline(points: Sequence[Point]) -> str:
    """The KR's values over time as an inline SVG line, dated on the x axis; the newest
    value is a dot. Its <title> lists the points for a tooltip and for screen readers."""
    if not points:
        return '<span class="spark none">no history</span>'
    low, high = min(p.value for p in points), max(p.value for p in points)
    first, span = points[0].date, (points[-1].date - points[0].date).days
    coords = [(_x(i, len(points), (p.date - first).days, span), _y(p.value, low, high)) for i, p in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    area = f"{coords[0][0]:.1f},{SPARK_HEIGHT} {line} {coords[-1][0]:.1f},{SPARK_HEIGHT}"
    listed = "; ".join(f"{p.date.isoformat()}: {p.text or f'{p.value:g}'}" for p in points)
    return (f'<svg class="spark" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" role="img" aria-label="{e(listed)}">'
            f"<title>{e(listed)}</title>"
            f'<polygon points="{area}" fill="currentColor" fill-opacity=".12"/>'
            f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
            f'<circle cx="{coords[-1][0]:.1f}" cy="{coords[-1][1]:.1f}" r="3" fill="currentColor"/></svg>')


def _x(index: int, count: int, day: int, span: int) -> float:
    inner = SPARK_WIDTH - 2 * SPARK_PAD
    if span > 0:
        return SPARK_PAD + inner * day / span
    return SPARK_PAD + (inner * index / (count - 1) if count > 1 else inner)


def _y(value: float, low: float, high: float) -> float:
    inner = SPARK_HEIGHT - 2 * SPARK_PAD
    return SPARK_PAD + (inner * (high - value) / (high - low) if high > low else inner / 2)


# --- sections --------------------------------------------------------------------------------


def _masthead(data: ReportData) -> str:
    gone = f"{data.elapsed:.0%} of {data.period} gone"
    ended = f" · {e(data.period)} has ended: its grades are final" if data.ended else ""
    return (f'<header class="masthead"><div class="eyebrow">OKR review · {e(data.name)}</div>'
            f"<h1>{e(data.period)}</h1>"
            f'<div class="muted">As of <strong>{e(data.as_of.isoformat())}</strong>{ended}</div>'
            f'<div class="elapsed">{bar(data.elapsed, None, gone)}<span>{e(gone)}</span></div></header>')


def _tiles(data: ReportData) -> str:
    s = data.summary
    tiles = [f'<div class="tile {g}"><span class="num">{s.grades.get(g, 0)}</span>{g} objective{"" if s.grades.get(g, 0) == 1 else "s"}</div>'
             for g in ("green", "yellow", "red")]
    tiles.append(f'<div class="tile kpi"><span class="num">{s.kpis_met} / {s.kpis}</span>KPIs met</div>')
    easy = f'<p class="flag">{s.too_easy} objective(s) at 1.0: too easy?</p>' if s.too_easy else ""
    return f'<div class="tiles" aria-label="Summary">{"".join(tiles)}</div>{easy}'


def _overview(data: ReportData) -> str:
    name = scorecard_name(data)
    # A 320 px phone has room for the weights ("60/40") only.
    columns = (("Owner", ""), ("Score", "right"), ("Grade", ""), ("Objectives", "right wide"), ("KPIs met", "right wide"),
               (f'<span class="wide">Scorecard </span>{e(name.split(" ", 1)[1])}', "right"))
    body = "\n".join(_owner_row(index, o, name) for index, o in enumerate(data.owners, 1))
    return f'<section><h2>Owners</h2><div class="card table"><table>{_head(*columns)}<tbody>\n{body}\n</tbody></table></div></section>'


def _owner_row(index: int, o: OwnerSection, scorecard: str) -> str:
    met = f"{o.kpis_met} of {len(o.kpis)}" if o.kpis else "—"
    grade = (pill(o.grade) + (' <span class="muted">lowest</span>' if o.lowest else "")) if o.objectives else "—"
    return _row(
        (f'<a href="#owner-{index}">{e(o.owner)}</a>', "title", "Owner"), (_num(o.score), "right", "Score"),
        (grade, "", "Grade"), (str(len(o.objectives)), "right wide", "Objectives"),
        (met, "right wide", "KPIs met"), (_num(o.scorecard.score), "right", scorecard),
    )


def _owner(index: int, owner: OwnerSection) -> str:
    lowest = '<span class="muted">lowest of their objectives, committed and aspirational</span>' if owner.lowest else ""
    score = f'<span class="num">{fixed(owner.score)}</span>{pill(owner.grade)}{lowest}' if owner.objectives else ""
    card = scorecard_line(owner, lambda text: f"<strong>{text}</strong>")
    head = f'<div class="owner-head"><h2>{e(owner.owner)}</h2>{score}<span class="scorecard">{card}</span></div>'
    objectives = "\n".join(_objective(block) for block in owner.objectives)
    return (f'<section class="owner" id="owner-{index}">{head}{objectives}{_elsewhere(owner)}'
            f"{_kpis(owner.owner, owner.kpis)}</section>")


def _elsewhere(owner: OwnerSection) -> str:
    """The KRs they own in others' objectives: their scorecard counts them."""
    if not owner.elsewhere:
        return ""
    krs = "\n".join(_kr(kr, full_ref=True) for kr in owner.elsewhere)
    return (f'<article class="card objective none"><div class="objective-head"><div><h3>Key results of '
            f'{e(owner.owner)} in others\' objectives</h3></div></div><ul class="krs">{krs}</ul></article>')


def _objective(block: ObjectiveBlock) -> str:
    o = block.score
    tags = [e(o.kind)] + ([e(weight_note(o.weight))] if weight_note(o.weight) else [])
    tags += ['<span class="flag">too easy?</span>'] if o.too_easy else []
    tags += ([f"aligned to {e(o.parent)}"] if o.parent else []) + [f'<span class="pace-key"></span>expected by now {fixed(block.expected)}']
    head = (f'<div class="objective-head"><div><span class="ref">{e(o.ref)}</span><h3>{e(o.title)}</h3>'
            f'<div class="objective-tags">{" · ".join(tags)}</div></div>'
            f'<div class="objective-score"><span class="num">{fixed(o.score)}</span>{_grade(o)} {status(o.status)}{_projection(o)}</div></div>')
    krs = "\n".join(_kr(kr) for kr in block.key_results) or '<li class="kr muted">No key results.</li>'
    label = f"objective score {fixed(o.score)}, {o.grade or 'no grade'}; expected by now {fixed(block.expected)}"
    return (f'<article class="card objective {e(o.grade or "none")}" data-ref="{e(o.ref)}">'
            f'{head}{bar(o.score, o.grade, label, block.expected)}{_closing(block)}<ul class="krs">{krs}</ul></article>')


def _closing(block: ObjectiveBlock) -> str:
    """The final grade `okr close` wrote and the retro, for a finished period."""
    final = f'<p class="final">Final (okr close): <strong>{fixed(block.final.score)}</strong> {pill(block.final.grade)}</p>' if block.final else ""
    return final + (f'<p class="retro"><strong>Retro</strong>: {e(block.retro)}</p>' if block.retro else "")


def _grade(o: ObjectiveScore) -> str:
    """The final grade once the period has ended; while it runs, the projected one (marked
    by `_projection` beside it), never the current grade as if final."""
    return pill(o.grade if o.ended or o.projected_score is None else o.projected_grade)


def _projection(o: ObjectiveScore) -> str:
    if o.ended or o.projected_score is None:
        return ""
    return f' <span class="muted">grade projected: {fixed(o.projected_score)}, needs {fixed(o.goal)}</span>'


def _values(kr: KRLine) -> str:
    shown = kr_shown(kr.score, kr.start, kr.unit, kr.locale)
    if kr.score.kind == "milestone":
        return f"<strong>{e(shown.current)}</strong>"
    parts = ([e(shown.start)] if shown.start is not None else []) + [f"<strong>{e(shown.current)}</strong>", e(shown.target)]
    return " → ".join(parts) + (f" {e(shown.unit)}" if shown.unit else "")


def _kr(kr: KRLine, full_ref: bool = False) -> str:
    s = kr.score
    note = [f"confidence {e(confidence(kr))}"] if s.confidence is not None else []
    if kr.note and kr.note_date:
        note.append(f"{e(kr.note_date.isoformat())}: <q>{e(kr.note)}</q>")
    label = f"key result score {fixed(s.score)}"
    ref = s.ref if full_ref else s.ref.rsplit("/", 1)[-1]
    # data-ref marks a goal where it lives, once: a KR listed again in its owner's section is not marked.
    marked = "" if full_ref else f' data-ref="{e(s.ref)}"'
    return (f'<li class="kr"{marked}><div class="kr-main">'
            f'<div class="kr-title"><span class="ref">{e(ref)}</span>{e(kr_title(kr))}</div>'
            f'<div class="kr-values">{_values(kr)}</div></div>'
            f'<div class="kr-spark">{sparkline(kr.history)}</div>'
            f'<div class="kr-score">{bar(s.score, s.grade, label)}<span class="num">{fixed(s.score)}</span></div>'
            f'<div class="kr-status">{status(s.status or "pending")}{status("stale") if s.stale else ""}</div>'
            + (f'<div class="kr-note">{" · ".join(note)}</div>' if note else "")
            + (f'<div class="kr-chart">{chart_html(kr.chart, f"{s.ref} {s.title}", kr.locale)}</div>' if kr.chart and not full_ref else "") + "</li>")


KPI_COLUMNS = (("KPI", ""), ("Title", ""), ("Actual / target", "right"), ("Achievement", ""), ("Met", ""), ("Grade", ""))


def _kpis(owner: str, kpis: Sequence[KPILine]) -> str:
    if not kpis:
        return ""
    body = "\n".join(_kpi_row(k) for k in kpis)
    return f'<div class="card table cards"><h3>KPIs of {e(owner)}</h3><table>{_head(*KPI_COLUMNS)}<tbody>\n{body}\n</tbody></table></div>'


def _kpi_row(kpi: KPILine) -> str:
    k, shown = kpi.score, kpi_shown(kpi.score, kpi.locale)
    achievement = f'<div class="achievement">{bar(k.achievement, k.grade, "achievement")}{_num(k.achievement)}</div>'
    return _row(
        (f'<span class="ref">{e(k.ref)}</span>', "key", "KPI"), (e(with_weight(k.title, k.weight)), "title", "Title"),
        (f"<span><strong>{e(shown.current)}</strong> / {e(shown.target)}{_basis(shown.basis)}</span>", "right", "Actual / target"),
        (achievement, "", "Achievement"), (_met(kpi), "badge", "Met"), (pill(k.grade) + e(kpi_final(kpi)), "badge", "Grade"), ref=k.ref,
    )


def _basis(basis: str) -> str:
    """What the achievement is the mean of, when not the actual: `mean of 2 months`."""
    return f'<br><span class="muted">{e(basis)}</span>' if basis else ""


def _met(kpi: KPILine) -> str:
    name = "done" if kpi.score.met else "pending" if kpi.score.met is None else "off-track"
    return status(name, ("✓ " if kpi.score.met else "✗ " if kpi.score.met is False else "") + kpi_status(kpi.score))


def _tree(roots: Sequence[TreeNode]) -> str:
    if not roots:
        return ""
    return f'<section><h2>Alignment</h2><div class="card"><ul class="tree">{"".join(_node(r) for r in roots)}</ul></div></section>'


def _node(node: TreeNode) -> str:
    o = node.objective
    children = f'<ul>{"".join(_node(c) for c in node.children)}</ul>' if node.children else ""
    line = (f'<div class="node-line"><span class="num">{fixed(o.score)}</span>'
            f'{pill(o.grade)}<span class="ref">{e(o.ref)}</span><span>{e(o.title)}</span>'
            f'<span class="muted">{e(where(node))}</span>{status(o.status)}</div>')
    return f'<li class="node{" context" if node.context else ""}">{line}{children}</li>'


def _left_out(data: ReportData) -> str:
    """Before the numbers, since they do not include these sheets."""
    items = "".join(
        f'<li><span class="ref">{e(o.path)}:{o.problem.line}:{o.problem.column}</span>: {e(o.problem.message)} ({e(o.rule)})</li>'
        for o in data.left_out
    )
    if not items:
        return ""
    return (f'<div class="skipped" role="alert"><strong>Left out of the scores</strong>: a number or an identity in these '
            f"sheets cannot be known:<ul>{items}</ul></div>")


def _footer(data: ReportData) -> str:
    return f"<footer><p>{HISTORY[data.in_git]}Generated by okr {e(__version__)}.</p></footer>"


# --- tables ----------------------------------------------------------------------------------


def _head(*columns: tuple[str, str]) -> str:
    """Column heads as (inner HTML, class)."""
    cells = "".join(f'<th scope="col" class="{c}">{name}</th>' for name, c in columns)  # names are ours, not user text
    return f"<thead><tr>{cells}</tr></thead>"


def _row(*cells: tuple[str, str, str], ref: str | None = None) -> str:
    """Cells as (inner HTML, class, label); the label heads the cell on a phone. `data-ref`
    marks the goal a row or block shows, for scripts and tests that read the page."""
    start = f'<tr data-ref="{e(ref)}">' if ref is not None else "<tr>"
    return start + "".join(f'<td class="{c}" data-label="{e(label)}">{inner}</td>' for inner, c, label in cells) + "</tr>"


def _num(value: float | None) -> str:
    return f'<span class="num">{fixed(value)}</span>'
