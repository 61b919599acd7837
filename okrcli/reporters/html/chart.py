"""A key result's chart on the review page: inline SVG, no script. Lays out a finished
`Chart` (okrcli.report.charts) and computes nothing but where things go.

The x axis is the period, its first day at the left edge and the end of its last day at the
right; the y axis spans every value drawn (points, targets, pace, projection). Each SVG has a
<title> and a <desc> that say in words what it draws, and the values table beside it (in a
<details>) is the same data as text, so nothing is only in the picture."""

from __future__ import annotations

import datetime as dt
from html import escape

from okrcli.i18n import _
from okrcli.model.values import Locale
from okrcli.report.charts import Chart, ChartRow
from okrcli.reporters.chart_text import VALUES_HEADERS, describe, number, shown, source
from okrcli.reporters.values import fixed

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 56, 8, 10, 22  # room for the value labels left and the dates below
CONFIDENCE_HEIGHT = 44


def e(text: object) -> str:
    return escape(str(text), quote=True)


class Frame:
    """Where a date or a value goes in the chart's viewBox."""

    def __init__(self, chart: Chart, top: float = TOP, bottom: float = HEIGHT - BOTTOM, low: float | None = None, high: float | None = None) -> None:
        self.first, self.days, self.top, self.bottom = chart.first, chart.days, top, bottom
        values = _milestone(chart) if chart.milestone else _drawn(chart)
        self.low = min(values) if low is None else low
        self.high = max(values) if high is None else high
        if self.high <= self.low:  # one value: give it room around it
            pad = abs(self.low) * 0.1 or 1.0
            self.low, self.high = self.low - pad, self.high + pad

    def x(self, day: dt.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - self.first).days / self.days

    def y(self, value: float) -> float:
        return self.top + (self.bottom - self.top) * (self.high - value) / (self.high - self.low)


def _milestone(chart: Chart) -> list[float]:
    """Not done (0) to done (1), and where its projection goes, which may leave that range."""
    return [0.0, 1.0] + [v for _, v in chart.projection or ()]


def _drawn(chart: Chart) -> list[float]:
    ends = [v for pair in (chart.pace, chart.projection) if pair is not None for _, v in pair]
    return [p.value for p in chart.points] + list(chart.targets) + ends or [0.0]


def _f(number: float) -> str:
    return f"{number:.1f}"


def chart_html(chart: Chart, title: str, locale: Locale) -> str:
    """The value chart, the confidence chart when confidences were given, a caption and
    the values table."""
    frame = Frame(chart)
    parts = [_value_svg(chart, frame, title, locale)]
    if chart.confidences:
        parts.append(_confidence_svg(chart, title, locale))
    caption = f'<figcaption>{e(describe(chart, locale))}</figcaption>'
    return f'<figure class="chart">{"".join(parts)}{caption}{values_table(chart, locale)}</figure>'


def _value_svg(chart: Chart, frame: Frame, title: str, locale: Locale) -> str:
    body = [_axes(chart, frame, locale)]
    body += [_hline(frame, v, "target") for v in chart.targets]
    if chart.pace is not None:
        body.append(_segment(frame, chart.pace, "pace-line", "3 3"))
    if chart.projection is not None:
        body.append(_segment(frame, chart.projection, "projection", "6 4"))
    body.append(_as_of(chart, frame))
    body.append(_values(chart, frame))
    heading = _("{title}: value over the period").format(title=title)
    return (f'<svg class="chart-values" viewBox="0 0 {WIDTH} {HEIGHT}" role="img">'
            f"<title>{e(heading)}</title><desc>{e(describe(chart, locale))}</desc>{''.join(body)}</svg>")


def _axes(chart: Chart, frame: Frame, locale: Locale) -> str:
    bottom, right = frame.bottom, WIDTH - RIGHT
    labels = [
        f'<text class="axis" x="{LEFT - 4}" y="{_f(frame.y(frame.high) + 4)}" text-anchor="end">{e(number(frame.high, chart, locale))}</text>',
        f'<text class="axis" x="{LEFT - 4}" y="{_f(frame.y(frame.low))}" text-anchor="end">{e(number(frame.low, chart, locale))}</text>',
        f'<text class="axis" x="{LEFT}" y="{HEIGHT - 6}">{e(chart.first.isoformat())}</text>',
        f'<text class="axis" x="{right}" y="{HEIGHT - 6}" text-anchor="end">{e(chart.last.isoformat())}</text>',
    ]
    frame_path = f'<path class="frame" d="M{LEFT} {frame.top}V{_f(bottom)}H{right}" fill="none" stroke="#8c959f" stroke-width="1"/>'
    return frame_path + "".join(labels)


def _hline(frame: Frame, value: float, name: str) -> str:
    y = _f(frame.y(value))
    return f'<line class="{name}" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#1f883d" stroke-width="1.5"/>'


def _segment(frame: Frame, pair: tuple[tuple[dt.date, float], tuple[dt.date, float]], name: str, dashes: str) -> str:
    (d1, v1), (d2, v2) = pair
    return (f'<line class="{name}" x1="{_f(frame.x(d1))}" y1="{_f(frame.y(v1))}" x2="{_f(frame.x(d2))}" y2="{_f(frame.y(v2))}" '
            f'stroke="#57606a" stroke-width="1.5" stroke-dasharray="{dashes}"/>')


def _as_of(chart: Chart, frame: Frame) -> str:
    if not chart.first <= chart.as_of <= chart.last:
        return ""
    x = _f(frame.x(chart.as_of))
    return f'<line class="as-of" x1="{x}" y1="{frame.top}" x2="{x}" y2="{_f(frame.bottom)}" stroke="#d0d7de" stroke-width="1"/>'


def _values(chart: Chart, frame: Frame) -> str:
    coords = [(frame.x(p.date), frame.y(p.value)) for p in chart.points]
    if not coords:
        return ""
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in coords)
    dots = "".join(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="#0969da"/>' for x, y in coords)
    return f'<polyline class="values" points="{line}" fill="none" stroke="#0969da" stroke-width="2"/>{dots}'


def _confidence_svg(chart: Chart, title: str, locale: Locale) -> str:
    frame = Frame(chart, top=4, bottom=CONFIDENCE_HEIGHT - 4, low=0.0, high=1.0)
    coords = [(frame.x(day), frame.y(value)) for day, value in chart.confidences]
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in coords)
    dots = "".join(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="2.5" fill="#8250df"/>' for x, y in coords)
    said = "; ".join(f"{day.isoformat()}: {fixed(value, locale)}" for day, value in chart.confidences)
    heading, desc, axis = _("{title}: confidence over time").format(title=title), _("Confidence (0 to 1): {values}").format(values=said), _("confidence")
    return (f'<svg class="chart-confidence" viewBox="0 0 {WIDTH} {CONFIDENCE_HEIGHT}" role="img">'
            f"<title>{e(heading)}</title><desc>{e(desc)}</desc>"
            # squeezed into the margin left of the plot: at 11 px the word is wider than it
            f'<text class="axis" x="2" y="{CONFIDENCE_HEIGHT / 2 + 3:.1f}" textLength="{LEFT - 8}" lengthAdjust="spacingAndGlyphs">{e(axis)}</text>'
            f'<polyline class="confidence" points="{line}" fill="none" stroke="#8250df" stroke-width="1.5"/>{dots}</svg>')


def values_table(chart: Chart, locale: Locale) -> str:
    if not chart.rows:
        return ""
    head = "<thead><tr>" + "".join(f'<th scope="col">{e(_(name))}</th>' for name in VALUES_HEADERS) + "</tr></thead>"
    body = "".join(_row(row, chart, locale) for row in chart.rows)
    summary = _("Values over time")
    return f'<details><summary>{e(summary)}</summary><table class="values">{head}<tbody>{body}</tbody></table></details>'


def _row(row: ChartRow, chart: Chart, locale: Locale) -> str:
    p = row.point
    cells = [p.date.isoformat(), shown(p, locale), source(p), number(row.pace, chart, locale), fixed(row.confidence, locale)]
    return "<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>"
