"""`okr score --format csv`: one row per KR and per KPI, safe to open in a spreadsheet."""

from __future__ import annotations

import csv as _csv
import io
import re

from okrcli.reporters.terminal import printable, write
from okrcli.reporters.values import number, value_cell
from okrcli.score.records import Forecast, ScoreReport, Target

CSV_COLUMNS = (
    "type", "ref", "owner", "objective", "title", "kind", "start", "target", "value",
    "progress", "score", "grade", "status", "stale", "confidence", "weight", "months",
    "forecast_value", "forecast_score", "forecast_eta",
)


def score(report: ScoreReport) -> None:
    """One row per KR and per KPI; a KPI's progress and score are its achievement, and
    `months` the number of monthly readings it is the mean of (empty: its `value`'s)."""
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _csv_rows(report):
        writer.writerow([spreadsheet_safe(printable(cell or "")) for cell in row])
    write(out.getvalue())


def _csv_rows(report: ScoreReport) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for o in report.objectives:
        for kr in o.key_results:
            rows.append(["kr", kr.ref, kr.owner, o.ref, kr.title, kr.kind, value_cell(kr.start), _csv_target(kr.target),
                         value_cell(kr.current), _csv_number(kr.progress), _csv_number(kr.score), "", kr.status,
                         str(kr.stale).lower(), _csv_number(kr.confidence), _csv_number(kr.weight), "", *_forecast(kr.forecast)])
    for k in report.kpis:
        status = "" if k.met is None else "met" if k.met else "not-met"
        rows.append(["kpi", k.ref, k.owner, "", k.title, k.kind, "", _csv_target(k.target), value_cell(k.actual),
                     _csv_number(k.achievement), _csv_number(k.achievement), k.grade or "", status, "", "",
                     _csv_number(k.weight), str(k.months) if k.readings else "", "", "", ""])
    return rows


def _forecast(found: Forecast | None) -> list[str | None]:
    if found is None:
        return ["", "", ""]
    return [_csv_number(found.value), _csv_number(found.score), found.eta.isoformat() if found.eta else ""]


# What a spreadsheet may run as a formula (SPEC 7, OWASP "CSV injection"): =, +, - and @,
# a tab or a carriage return before them, and the full-width forms some spreadsheets read
# as the same signs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """The cell as a spreadsheet should read it: text that could start a formula gets a
    leading `'`, which spreadsheets take as "this is text"; a number like -5 stays a number."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv_number(value: float | None) -> str:
    shown = number(value)
    return "" if shown is None else str(shown)


def _csv_target(value: Target) -> str:
    if isinstance(value, tuple):
        return f"{value_cell(value[0])}..{value_cell(value[1])}"
    return value_cell(value)
