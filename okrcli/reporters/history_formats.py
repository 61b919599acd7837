"""`okr history`: JSON (SPEC 7), or a sparkline and a small table of the points."""

from __future__ import annotations

from typing import Any

from okrcli.history.timeline import Point
from okrcli.model.values import Locale, format_number
from okrcli.reporters.terminal import (
    console,
    json_text,
    printable,
    printable_data,
    wants_rich,
    write,
)

BARS = "▁▂▃▄▅▆▇█"


def json(ref: str, points: list[Point], locale: Locale = "en") -> None:
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


def summary(ref: str, points: list[Point]) -> str:
    if not points:
        return f"{ref}: no check-ins and no recorded value yet"
    span = f"{_when(points[0])} → {_when(points[-1])}" if len(points) > 1 else _when(points[0])
    if points[0].source == "reading":  # a KPI scored on its readings shows nothing else
        count = f"{len(points)} monthly reading" + ("s" if len(points) != 1 else "")
        return f"{ref}  {sparkline([p.value for p in points])}  {count}, {span}; its achievement is their mean"
    count = f"{len(points)} point" + ("s" if len(points) != 1 else "")
    return f"{ref}  {sparkline([p.value for p in points])}  {count}, {span}"


def _when(point: Point) -> str:
    """The date, or the month of a reading written for a month."""
    return point.month or point.date.isoformat()


def rows(points: list[Point], locale: Locale = "en") -> list[tuple[str, str, str, str, str]]:
    previous: list[Point | None] = [None, *points[:-1]]
    return [(_when(p), p.text, change(p, b, locale), p.source, p.commit or "") for p, b in zip(points, previous, strict=False)]


def text(ref: str, points: list[Point], locale: Locale = "en") -> None:
    ref, points = printable(ref), printable_data(points)
    if wants_rich() and points:
        _rich(ref, points, locale)
        return
    lines = [summary(ref, points)]
    table = [("date", "value", "change", "source", "commit"), *rows(points, locale)] if points else []
    widths = [max(len(row[i]) for row in table) for i in range(5)] if table else []
    for row in table:
        cells = [f"{cell:>{w}}" if i in (1, 2) else f"{cell:<{w}}" for i, (cell, w) in enumerate(zip(row, widths, strict=False))]
        lines.append("  ".join(cells).rstrip())
    write("\n".join(lines) + "\n")


def _rich(ref: str, points: list[Point], locale: Locale) -> None:
    from rich.table import Table

    out = console()
    out.print(summary(ref, points))
    table = Table(box=None, pad_edge=False)
    for name, justify in (("date", "left"), ("value", "right"), ("change", "right"), ("source", "left"), ("commit", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows(points, locale):
        table.add_row(*row)
    out.print(table)
