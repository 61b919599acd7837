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

from okrcli.history.timeline import Point
from okrcli.i18n import N_, _, current_language, ngettext
from okrcli.model.values import Locale
from okrcli.report.gather import (
    KPILine,
    KRLine,
    ObjectiveBlock,
    OwnerSection,
    ReportData,
)
from okrcli.reporters.chart_text import shown
from okrcli.reporters.html.chart import chart_html
from okrcli.reporters.html.since import since_html
from okrcli.reporters.html.style import CSS
from okrcli.reporters.markdown.report import (
    confidence,
    generated,
    history_note,
    kpi_final,
    kr_title,
    scorecard_line,
    scorecard_name,
    scorecard_weights,
)
from okrcli.reporters.terminal import printable_data
from okrcli.reporters.text.score import kpi_status
from okrcli.reporters.text.tree import where
from okrcli.reporters.values import NOTHING, fixed, forecast_text, in_locale, kpi_shown, kr_shown, weight_note, with_weight
from okrcli.reporters.words import grade_word, kind_word, status_word
from okrcli.score.alignment import TreeNode
from okrcli.score.records import ObjectiveScore

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 112, 30, 3


def e(text: object) -> str:
    return escape(str(text), quote=True)


def render(data: ReportData) -> str:
    data = printable_data(data)
    title = _("OKR review {period} · {name}").format(period=data.period, name=data.name)
    body = [_masthead(data), _left_out(data), _tiles(data), since_html(data.since, data.locale), _overview(data),
            *(_owner(i, o, data.locale) for i, o in enumerate(data.owners, 1)), _tree(data.tree, data.locale), _footer(data)]
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{e(current_language())}">',  # the language of okr's words; titles are the sheets'
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
    return f"{min(max(share or 0.0, 0.0), 1.0) * 100:.1f}%"  # CSS, not a number for people: always `.`


def pill(grade: str | None) -> str:
    """A grade badge, classed by the grade's English name, worded in the language shown."""
    return f'<span class="pill {e(grade)}">{e(grade_word(grade))}</span>' if grade else '<span class="pill">' + e(_("no grade")) + "</span>"


def shown_pill(grade: str | None, projected: bool) -> str:
    """A grade; while the period runs, the projected one, marked `~` and titled as a
    projection (SPEC 3.1): never the current grade as if it were final."""
    if not projected or not grade:
        return pill(grade)
    title = _("projected for the end of the period")
    return f'<span class="pill {e(grade)} projected" title="{e(title)}">~{e(grade_word(grade))}</span>'


def status(name: str, text: str | None = None) -> str:
    """A status badge, classed by the status's English name, worded in the language shown."""
    word = text or (_("stale") if name == "stale" else status_word(name))
    return f'<span class="status {e(name)}">{e(word)}</span>'


def sparkline(points: Sequence[Point], locale: Locale) -> str:
    """The KR's values over time as an inline SVG line, dated on the x axis; the newest
    value is a dot. Its <title> lists the points for a tooltip and for screen readers."""
    if not points:
        return '<span class="spark none">' + e(_("no history")) + "</span>"
    low, high = min(p.value for p in points), max(p.value for p in points)
    first, span = points[0].date, (points[-1].date - points[0].date).days
    coords = [(_x(i, len(points), (p.date - first).days, span), _y(p.value, low, high)) for i, p in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    area = f"{coords[0][0]:.1f},{SPARK_HEIGHT} {line} {coords[-1][0]:.1f},{SPARK_HEIGHT}"
    listed = "; ".join(f"{p.date.isoformat()}: {shown(p, locale)}" for p in points)
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
    gone = _("{elapsed} of {period} gone").format(elapsed=f"{data.elapsed:.0%}", period=data.period)
    ended = " · " + e(_("{period} has ended: its grades are final").format(period=data.period)) if data.ended else ""
    as_of = e(_("As of {as_of}")).format(as_of=f"<strong>{e(data.as_of.isoformat())}</strong>")
    eyebrow = _("OKR review · {name}").format(name=data.name)
    return (f'<header class="masthead"><div class="eyebrow">{e(eyebrow)}</div>'
            f"<h1>{e(data.period)}</h1>"
            f'<div class="muted">{as_of}{ended}</div>'
            f'<div class="elapsed">{bar(data.elapsed, None, gone)}<span>{e(gone)}</span></div></header>')


def _tiles(data: ReportData) -> str:
    s = data.summary
    projected = _("(projected)")
    mark = f' <span class="muted">{e(projected)}</span>' if s.projected else ""
    tiles = [f'<div class="tile {g}"><span class="num">{s.grades.get(g, 0)}</span>{e(_objectives_of(g, s.grades.get(g, 0)))}{mark}</div>'
             for g in ("green", "yellow", "red")]
    met, summary = _("KPIs met"), _("Summary")
    tiles.append(f'<div class="tile kpi"><span class="num">{s.kpis_met} / {s.kpis}</span>{e(met)}</div>')
    easy = _("{count} objective(s) at {score}: too easy?").format(count=s.too_easy, score=in_locale("1.0", data.locale))
    flag = f'<p class="flag">{e(easy)}</p>' if s.too_easy else ""
    return f'<div class="tiles" aria-label="{e(summary)}">{"".join(tiles)}</div>{flag}'


def _objectives_of(grade: str, count: int) -> str:
    """`green objectives`, beside their count."""
    return ngettext("{grade} objective", "{grade} objectives", count).format(grade=grade_word(grade))


def _overview(data: ReportData) -> str:
    name = scorecard_name(data)
    # A 320 px phone has room for the weights ("60/40") only.
    word, owners = _("Scorecard"), _("Owners")
    columns = ((e(_("Owner")), ""), (e(_("Score")), "right"), (e(_("Grade")), ""), (e(_("Objectives")), "right wide"),
               (e(_("KPIs met")), "right wide"), (f'<span class="wide">{e(word)} </span>{e(scorecard_weights(data))}', "right"))
    body = "\n".join(_owner_row(index, o, name, data.locale) for index, o in enumerate(data.owners, 1))
    return f'<section><h2>{e(owners)}</h2><div class="card table"><table>{_head(*columns)}<tbody>\n{body}\n</tbody></table></div></section>'


def _owner_row(index: int, o: OwnerSection, scorecard: str, locale: Locale) -> str:
    met = _("{met} of {count}").format(met=o.kpis_met, count=len(o.kpis)) if o.kpis else NOTHING
    lowest = ' <span class="muted">' + e(_("lowest")) + "</span>" if o.lowest else ""
    grade = shown_pill(o.standing_grade, not o.ended) + lowest if o.objectives else NOTHING
    return _row(
        (f'<a href="#owner-{index}">{e(o.owner)}</a>', "title", _("Owner")), (_num(o.score, locale), "right", _("Score")),
        (grade, "", _("Grade")), (str(len(o.objectives)), "right wide", _("Objectives")),
        (e(met), "right wide", _("KPIs met")), (_num(o.scorecard.score, locale), "right", scorecard),
    )


def _owner(index: int, owner: OwnerSection, locale: Locale) -> str:
    lowest = '<span class="muted">' + e(_("lowest of their objectives, committed and aspirational")) + "</span>" if owner.lowest else ""
    score = f'<span class="num">{fixed(owner.score, locale)}</span>{shown_pill(owner.standing_grade, not owner.ended)}{lowest}' if owner.objectives else ""
    card = scorecard_line(owner, locale, lambda text: f"<strong>{text}</strong>")
    head = f'<div class="owner-head"><h2>{e(owner.owner)}</h2>{score}<span class="scorecard">{card}</span></div>'
    objectives = "\n".join(_objective(block, locale) for block in owner.objectives)
    return (f'<section class="owner" id="owner-{index}">{head}{objectives}{_elsewhere(owner)}'
            f"{_kpis(owner.owner, owner.kpis)}</section>")


def _elsewhere(owner: OwnerSection) -> str:
    """The KRs they own in others' objectives: their scorecard counts them."""
    if not owner.elsewhere:
        return ""
    krs = "\n".join(_kr(kr, full_ref=True) for kr in owner.elsewhere)
    heading = e(_("Key results of {owner} in others' objectives").format(owner=owner.owner))
    return (f'<article class="card objective none"><div class="objective-head"><div><h3>{heading}</h3></div></div>'
            f'<ul class="krs">{krs}</ul></article>')


def _objective(block: ObjectiveBlock, locale: Locale) -> str:
    o = block.score
    expected = _("expected by now {score}").format(score=fixed(block.expected, locale))
    tags = [e(kind_word(o.kind))] + ([e(weight_note(o.weight, locale))] if weight_note(o.weight, locale) else [])
    tags += ['<span class="flag">' + e(_("too easy?")) + "</span>"] if o.too_easy else []
    tags += ([e(_("aligned to {parent}").format(parent=o.parent))] if o.parent else []) + [f'<span class="pace-key"></span>{e(expected)}']
    head = (f'<div class="objective-head"><div><span class="ref">{e(o.ref)}</span><h3>{e(o.title)}</h3>'
            f'<div class="objective-tags">{" · ".join(tags)}</div></div>'
            f'<div class="objective-score"><span class="num">{fixed(o.score, locale)}</span>{_grade(o)} {status(o.status)}{_projection(o, locale)}</div></div>')
    krs = "\n".join(_kr(kr) for kr in block.key_results) or '<li class="kr muted">' + e(_("No key results.")) + "</li>"
    graded = grade_word(o.standing_grade, _("no grade"))
    graded = graded if o.ended else _("projected {grade}").format(grade=graded)
    label = _("objective score {score}, {grade}; expected by now {expected}").format(
        score=fixed(o.score, locale), grade=graded, expected=fixed(block.expected, locale))
    # coloured by the grade that stands, the one worded beside it: projected while the period runs
    standing = o.standing_grade
    return (f'<article class="card objective {e(standing or "none")}" data-ref="{e(o.ref)}">'
            f'{head}{bar(o.score, standing, label, block.expected)}{_closing(block, locale)}<ul class="krs">{krs}</ul></article>')


def _closing(block: ObjectiveBlock, locale: Locale) -> str:
    """The final grade `okr close` wrote and the retro, for a finished period."""
    final = ""
    if block.final:
        shown_final = e(_("Final (okr close): {score} {grade}")).format(
            score=f"<strong>{fixed(block.final.score, locale)}</strong>", grade=pill(block.final.grade))
        final = f'<p class="final">{shown_final}</p>'
    retro = _("Retro")
    return final + (f'<p class="retro"><strong>{e(retro)}</strong>: {e(block.retro)}</p>' if block.retro else "")


def _grade(o: ObjectiveScore) -> str:
    """The final grade once the period has ended; while it runs, the projected one (marked,
    and explained by `_projection` beside it), never the current grade as if final."""
    return shown_pill(o.standing_grade, not o.ended)


def _projection(o: ObjectiveScore, locale: Locale) -> str:
    if o.ended or o.projected_score is None:
        return ""
    said = _("grade projected: {projected}, needs {goal}").format(projected=fixed(o.projected_score, locale), goal=fixed(o.goal, locale))
    return f' <span class="muted">{e(said)}</span>'


def _values(kr: KRLine) -> str:
    shown = kr_shown(kr.score, kr.start, kr.unit, kr.locale)
    if kr.score.kind == "milestone":
        return f"<strong>{e(shown.current)}</strong>"
    parts = ([e(shown.start)] if shown.start is not None else []) + [f"<strong>{e(shown.current)}</strong>", e(shown.target)]
    return " → ".join(parts) + _unit(shown.unit)


def _kr(kr: KRLine, full_ref: bool = False) -> str:
    s = kr.score
    note = [e(_("confidence {value}").format(value=confidence(kr)))] if s.confidence is not None else []
    if kr.note and kr.note_date:
        note.append(f"{e(kr.note_date.isoformat())}: <q>{e(kr.note)}</q>")
    label = _("key result score {score}").format(score=fixed(s.score, kr.locale))
    ref = s.ref if full_ref else s.ref.rsplit("/", 1)[-1]
    # data-ref marks a goal where it lives, once: a KR listed again in its owner's section is not marked.
    marked = "" if full_ref else f' data-ref="{e(s.ref)}"'
    return (f'<li class="kr"{marked}><div class="kr-main">'
            f'<div class="kr-title"><span class="ref">{e(ref)}</span>{e(kr_title(kr))}</div>'
            f'<div class="kr-values">{_values(kr)}</div></div>'
            f'<div class="kr-spark">{sparkline(kr.history, kr.locale)}</div>'
            f'<div class="kr-score">{bar(s.score, s.grade, label)}<span class="num">{fixed(s.score, kr.locale)}</span></div>'
            f'<div class="kr-status">{status(s.status or "pending")}{status("stale") if s.stale else ""}</div>'
            + (f'<div class="kr-note">{" · ".join(note)}</div>' if note else "")
            + (f'<div class="kr-forecast">{e(_forecast(kr))}</div>' if s.forecast is not None else "")
            + (f'<div class="kr-chart">{chart_html(kr.chart, f"{s.ref} {s.title}", kr.locale)}</div>' if kr.chart and not full_ref else "") + "</li>")


def _forecast(kr: KRLine) -> str:
    """`Forecast: 100 at the period's end (score 1.00), reaches the target 2025-09-27`."""
    return _("Forecast: {forecast}").format(forecast=forecast_text(kr.score, kr.locale))


KPI_COLUMNS = ((N_("KPI"), ""), (N_("Title"), ""), (N_("Actual / target"), "right"), (N_("Achievement"), ""), (N_("Met"), ""), (N_("Grade"), ""))


def _kpis(owner: str, kpis: Sequence[KPILine]) -> str:
    if not kpis:
        return ""
    body = "\n".join(_kpi_row(k) for k in kpis)
    columns = [(e(_(name)), c) for name, c in KPI_COLUMNS]
    heading = e(_("KPIs of {owner}").format(owner=owner))
    return f'<div class="card table cards"><h3>{heading}</h3><table>{_head(*columns)}<tbody>\n{body}\n</tbody></table></div>'


def _kpi_row(kpi: KPILine) -> str:
    k, shown = kpi.score, kpi_shown(kpi.score, kpi.locale)
    label = _("achievement")
    achievement = f'<div class="achievement">{bar(k.achievement, k.grade, label)}{_num(k.achievement, kpi.locale)}</div>'
    return _row(
        (f'<span class="ref">{e(k.ref)}</span>', "key", _("KPI")), (e(with_weight(k.title, k.weight, kpi.locale)), "title", _("Title")),
        (f"<span><strong>{e(shown.current)}</strong> / {e(shown.target)}{_unit(shown.unit)}{_basis(shown.basis)}</span>", "right", _("Actual / target")),
        (achievement, "", _("Achievement")), (_met(kpi), "badge", _("Met")), (pill(k.grade) + e(kpi_final(kpi)), "badge", _("Grade")),
        ref=k.ref,
    )


def _unit(unit: str) -> str:
    return f" {e(unit)}" if unit else ""


def _basis(basis: str) -> str:
    """What the achievement is the mean of, when not the actual: `mean of 2 months`."""
    return f'<br><span class="muted">{e(basis)}</span>' if basis else ""


def _met(kpi: KPILine) -> str:
    name = "done" if kpi.score.met else "pending" if kpi.score.met is None else "off-track"
    return status(name, ("✓ " if kpi.score.met else "✗ " if kpi.score.met is False else "") + kpi_status(kpi.score))


def _tree(roots: Sequence[TreeNode], locale: Locale) -> str:
    if not roots:
        return ""
    nodes, heading = "".join(_node(r, locale) for r in roots), _("Alignment")
    return f'<section><h2>{e(heading)}</h2><div class="card"><ul class="tree">{nodes}</ul></div></section>'


def _node(node: TreeNode, locale: Locale) -> str:
    o = node.objective
    children = f'<ul>{"".join(_node(c, locale) for c in node.children)}</ul>' if node.children else ""
    line = (f'<div class="node-line"><span class="num">{fixed(o.score, locale)}</span>'
            f'{shown_pill(o.standing_grade, not o.ended)}<span class="ref">{e(o.ref)}</span><span>{e(o.title)}</span>'
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
    heading, why = _("Left out of the scores"), _("a number or an identity in these sheets cannot be known:")
    return f'<div class="skipped" role="alert"><strong>{e(heading)}</strong>: {e(why)}<ul>{items}</ul></div>'


def _footer(data: ReportData) -> str:
    return f"<footer><p>{e(history_note(data.in_git) + generated())}</p></footer>"


# --- tables ----------------------------------------------------------------------------------


def _head(*columns: tuple[str, str]) -> str:
    """Column heads as (inner HTML, class)."""
    cells = "".join(f'<th scope="col" class="{c}">{name}</th>' for name, c in columns)  # names are ours, escaped by the caller
    return f"<thead><tr>{cells}</tr></thead>"


def _row(*cells: tuple[str, str, str], ref: str | None = None) -> str:
    """Cells as (inner HTML, class, label); the label heads the cell on a phone. `data-ref`
    marks the goal a row or block shows, for scripts and tests that read the page."""
    start = f'<tr data-ref="{e(ref)}">' if ref is not None else "<tr>"
    return start + "".join(f'<td class="{c}" data-label="{e(label)}">{inner}</td>' for inner, c, label in cells) + "</tr>"


def _num(value: float | None, locale: Locale) -> str:
    return f'<span class="num">{fixed(value, locale)}</span>'
