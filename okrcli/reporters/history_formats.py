"""`okr history`: JSON (SPEC 7), or a sparkline and a small table of the points."""

from __future__ import annotations

from typing import Any

from okrcli.history.timeline import Point
from okrcli.i18n import N_, _, ngettext
from okrcli.model.values import Locale, format_number
from okrcli.reporters.terminal import (
    console,
    json_text,
    printable,
    printable_data,
    wants_rich,
    write,
)
from okrcli.reporters.values import written_value

BARS = "▁▂▃▄▅▆▇█"
# The table's columns, and the sources as people read them; JSON keeps the English values.
_COLUMNS = (N_("date"), N_("value"), N_("change"), N_("source"), N_("commit"))
_SOURCES = {"check-in": N_("check-in"), "git": N_("git"), "reading": N_("reading")}


def json(ref: str, points: list[Point], locale: Locale = "en", written: str | None = None) -> None:
    document = {"ref": ref, "points": [_point(p) for p in points]}
    write(json_text(document))


def _point(point: Point) -> dict[str, Any]:
    value: float | int = int(point.value) if point.value.is_integer() else point.value
    found = {"date": point.date.isoformat(), "value": value, "source": point.source, "commit": point.commit}
    # A reading counts for its month: the one it was written for, or the one its date is in.
    return found | ({"month": point.month or f"{point.date:%Y-%m}"} if point.source == "reading" else {})


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return BARS[3] * len(values)
    return "".join(BARS[round((v - low) / (high - low) * (len(BARS) - 1))] for v in values)


def change(point: Point, previous: Point | None, locale: Locale = "en") -> str:
    """The step from the previous point, signed and written as the repo writes numbers:
    +150,000,000 under en, +150.000.000 under vi (4 decimals at most, as scores)."""
    if previous is None:
        return ""
    delta = round(point.value - previous.value, 4)
    if delta == 0:
        return "0"
    return ("+" if delta > 0 else "-") + format_number(abs(delta), locale)


def summary(ref: str, points: list[Point], written: str | None = None) -> str:
    """The first line; `written`: the value the sheet as read holds, shown when no point
    dates one (a sheet not committed yet), as `okr score` uses it."""
    if not points and written is not None:
        return _(
            "{ref}: no dated value yet (no check-in, and no commit of the sheet records one); the sheet reads {value}, the value okr score uses"
        ).format(ref=ref, value=written)
    if not points:
        return _("{ref}: no check-ins and no recorded value yet").format(ref=ref)
    span = f"{_when(points[0])} → {_when(points[-1])}" if len(points) > 1 else _when(points[0])
    line = sparkline([p.value for p in points])
    if points[0].source == "reading":  # a KPI scored on its readings shows nothing else
        count = ngettext("{count} monthly reading", "{count} monthly readings", len(points)).format(count=len(points))
        return _("{ref}  {sparkline}  {count}, {span}; its achievement is their mean").format(ref=ref, sparkline=line, count=count, span=span)
    count = ngettext("{count} point", "{count} points", len(points)).format(count=len(points))
    return f"{ref}  {line}  {count}, {span}"


def _when(point: Point) -> str:
    """The date, or the month of a reading written for a month."""
    return point.month or point.date.isoformat()


def rows(points: list[Point], locale: Locale = "en") -> list[tuple[str, str, str, str, str]]:
    previous: list[Point | None] = [None, *points[:-1]]
    return [(_when(p), written_value(p.text), change(p, b, locale), _source(p.source), p.commit or "") for p, b in zip(points, previous, strict=False)]


def _source(source: str) -> str:
    return _(_SOURCES[source]) if source in _SOURCES else source


def text(ref: str, points: list[Point], locale: Locale = "en", written: str | None = None) -> None:
    ref, points = printable(ref), printable_data(points)
    if wants_rich() and points:
        _rich(ref, points, locale)
        return
    lines = [summary(ref, points, printable(written) if written is not None else None)]
    table = [_headers(), *rows(points, locale)] if points else []
    widths = [max(len(row[i]) for row in table) for i in range(5)] if table else []
    for row in table:
        cells = [f"{cell:>{w}}" if i in (1, 2) else f"{cell:<{w}}" for i, (cell, w) in enumerate(zip(row, widths, strict=False))]
        lines.append("  ".join(cells).rstrip())
    write("\n".join(lines) + "\n")


def _headers() -> tuple[str, str, str, str, str]:
    date, value, change, source, commit = (_(name) for name in _COLUMNS)
    return date, value, change, source, commit


def _rich(ref: str, points: list[Point], locale: Locale) -> None:
    from rich.table import Table

    out = console()
    out.print(summary(ref, points))
    table = Table(box=None, pad_edge=False)
    for name, justify in zip(_headers(), ("left", "right", "right", "left", "left"), strict=True):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows(points, locale):
        table.add_row(*row)
    out.print(table)
