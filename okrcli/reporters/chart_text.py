"""A key result's chart in words, for the HTML page's text alternatives and for Markdown:
the same sentences and values in both formats."""

from __future__ import annotations

from okrcli.history.timeline import Point
from okrcli.model.values import Locale
from okrcli.report.charts import Chart
from okrcli.reporters.values import fixed, short_number


def describe(chart: Chart, locale: Locale) -> str:
    """The chart in words: what it draws, with the numbers."""
    parts = []
    points = chart.points
    if points:
        first, last = points[0], points[-1]
        parts.append(f"{len(points)} value{'s' * (len(points) != 1)}, {shown(first, locale)} on {first.date.isoformat()}"
                     + (f" to {shown(last, locale)} on {last.date.isoformat()}" if len(points) > 1 else ""))
    else:
        parts.append("no value yet")
    if chart.targets and not chart.milestone:
        parts.append("target " + " to ".join(short_number(v, locale) for v in chart.targets))
    if chart.pace is not None:
        parts.append(f"pace {short_number(chart.pace[0][1], locale)} on {chart.first.isoformat()} to the target at the period's end")
    parts.append(projection_text(chart, locale))
    return "; ".join(parts) + "."


def projection_text(chart: Chart, locale: Locale) -> str:
    f = chart.forecast
    if f is None:
        return "no projection (fewer than two values in the period, or the period has ended)"
    eta = f", target reached on {f.eta.isoformat()}" if f.eta is not None else ", target not reached in the period"
    return f"projected {short_number(f.value, locale)} on {chart.last.isoformat()} (score {fixed(f.score)}){eta}"


def shown(point: Point, locale: Locale) -> str:
    """A point's value as written (`1,25 tỷ`, `36%`), a bare number in the repo's locale."""
    bare = point.text.lstrip("-").replace(".", "", 1).replace(",", "", 1).isdigit()
    return point.text if point.text and not bare else short_number(point.value, locale)


def source(point: Point) -> str:
    """`check-in`, or `git 1a2b3c4` for a commit that changed the value."""
    return f"git {point.commit}" if point.source == "git" and point.commit else point.source
