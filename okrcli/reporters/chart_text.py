"""A key result's chart in words, for the HTML page's text alternatives and for Markdown:
the same sentences and values in both formats."""

from __future__ import annotations

from okrcli.history.timeline import Point
from okrcli.i18n import N_, _, ngettext
from okrcli.model.values import Locale
from okrcli.report.charts import Chart
from okrcli.reporters.values import done_text, fixed, forecast_number, short_number, written_value

VALUES_HEADERS = (N_("Date"), N_("Value"), N_("Source"), N_("Pace"), N_("Confidence"))  # the chart's values as a table


def describe(chart: Chart, locale: Locale) -> str:
    """The chart in words: what it draws, with the numbers."""
    parts = [_points(chart, locale)]
    if chart.targets and not chart.milestone:
        shown = [number(v, chart, locale) for v in chart.targets]
        parts.append(_("target {low} to {high}").format(low=shown[0], high=shown[-1]) if len(shown) > 1 else _("target {value}").format(value=shown[0]))
    if chart.pace is not None:
        parts.append(_("pace {start} on {day} to the target at the period's end").format(
            start=number(chart.pace[0][1], chart, locale), day=chart.first.isoformat()))
    parts.append(projection_text(chart, locale))
    return "; ".join(parts) + "."


def _points(chart: Chart, locale: Locale) -> str:
    points = chart.points
    if not points:
        return _("no value yet")
    first, last = points[0], points[-1]
    text = ngettext("{count} value, {first} on {day}", "{count} values, {first} on {day}", len(points)).format(
        count=len(points), first=shown(first, locale), day=first.date.isoformat())
    if len(points) > 1:
        text += _(" to {last} on {day}").format(last=shown(last, locale), day=last.date.isoformat())
    return text


def projection_text(chart: Chart, locale: Locale) -> str:
    f = chart.forecast
    if f is None:
        return _("no projection (fewer than two values in the period, or the period has ended)")
    eta = _(", target reached on {day}").format(day=f.eta.isoformat()) if f.eta is not None else _(", target not reached in the period")
    if chart.reached:  # no ETA to give: the score is 1 already
        eta = _(", target reached already")
    if chart.milestone:  # done or not: its line's value is no quantity to show
        return _("projected {value} on {day}").format(value=done_text(f.score >= 1), day=chart.last.isoformat()) + eta
    projected = _("projected {value} on {day} (score {score})").format(
        value=forecast_number(f.value, locale) + ("%" if chart.percent else ""), day=chart.last.isoformat(), score=fixed(f.score, locale))
    return projected + eta


def number(value: float | None, chart: Chart, locale: Locale) -> str:
    """A computed value of the chart (target, pace, projection) as its points are written:
    `35%` for a percent target."""
    text = short_number(value, locale)
    return text + "%" if chart.percent and value is not None else text


def shown(point: Point, locale: Locale) -> str:
    """A point's value as written (`1,25 tỷ`, `36%`), a bare number in the repo's locale."""
    bare = point.text.lstrip("-").replace(".", "", 1).replace(",", "", 1).isdigit()
    return written_value(point.text) if point.text and not bare else short_number(point.value, locale)


def source(point: Point) -> str:
    """`check-in`, or `git 1a2b3c4` for a commit that changed the value."""
    if point.source == "git":
        return f"git {point.commit}" if point.commit else "git"
    return _("check-in") if point.source == "check-in" else point.source
