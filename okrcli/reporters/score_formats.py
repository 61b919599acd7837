"""The machine and document formats of `okr score`: json, markdown and csv (text lives in
`score_text`). They render a finished ScoreReport and compute nothing.

JSON numbers are rounded to 4 decimals (whole numbers are written without `.0`); a target
is its number T without the comparator (`">= 40%"` → 40, percents in percent points, the
comparator is implied by the KR's `kind`), a band is `[low, high]`, a milestone's target is 1
and its current 1 (done) or 0.
"""

from __future__ import annotations

import csv as _csv
import io
import math
import re
from collections.abc import Callable
from typing import Any

from okrcli.reporters.terminal import json_text, printable, printable_data, write
from okrcli.score.key_results import (
    KPIScore,
    KRScore,
    LeftOut,
    ObjectiveScore,
    ScoreReport,
    Target,
)


def reporter(name: str) -> Callable[[ScoreReport], None]:
    if name == "text":
        from okrcli.reporters import score_text

        return score_text.text
    return {"json": json, "markdown": markdown, "csv": csv}[name]


# --- json ----------------------------------------------------------------------------------


def number(value: float | None) -> float | int | None:
    if value is None:
        return None
    rounded = round(value, 4) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def target(value: Target) -> float | int | list[float | int | None] | None:
    if isinstance(value, tuple):
        return [number(value[0]), number(value[1])]
    return number(value)


def kr_item(kr: KRScore) -> dict[str, Any]:
    return {
        "ref": kr.ref, "title": kr.title, "kind": kr.kind, "start": number(kr.start),
        "target": target(kr.target), "current": number(kr.current), "progress": number(kr.progress),
        "score": number(kr.score), "status": kr.status, "stale": kr.stale, "confidence": number(kr.confidence),
        "owner": kr.owner, "weight": number(kr.weight),
    }


def kpi_item(kpi: KPIScore) -> dict[str, Any]:
    """`months`: the monthly readings the achievement is the mean of; empty when it is the
    actual's (with `kind`, the achievement is derivable from what is beside it)."""
    return {
        "ref": kpi.ref, "owner": kpi.owner, "title": kpi.title, "target": target(kpi.target),
        "actual": number(kpi.actual), "achievement": number(kpi.achievement), "met": kpi.met, "grade": kpi.grade,
        "kind": kpi.kind, "weight": number(kpi.weight),
        "months": [{"month": m.month, "value": number(m.value)} for m in kpi.readings],
    }


def objective_item(objective: ObjectiveScore) -> dict[str, Any]:
    return {
        "ref": objective.ref, "owner": objective.owner, "title": objective.title, "kind": objective.kind,
        "score": number(objective.score), "grade": objective.grade, "status": objective.status,
        "too_easy": objective.too_easy, "weight": number(objective.weight),
        "key_results": [kr_item(kr) for kr in objective.key_results],
    }


def report_document(report: ScoreReport) -> dict[str, Any]:
    return {
        "period": report.period, "as_of": report.as_of.isoformat(), "elapsed": number(report.elapsed),
        "objectives": [objective_item(o) for o in report.objectives],
        "kpis": [kpi_item(k) for k in report.kpis],
        "owners": [{"owner": o.owner, "score": number(o.score)} for o in report.owners],
        "left_out": left_out(report.left_out),
    }


def left_out(items: list[LeftOut]) -> list[dict[str, str]]:
    """The sheets the numbers do not include (SPEC 3), for every JSON format that scores."""
    return [{"path": item.path, "rule": item.rule} for item in items]


def dump(document: dict[str, Any]) -> None:
    write(json_text(document))


def json(report: ScoreReport) -> None:
    dump(report_document(report))


# --- markdown ----------------------------------------------------------------------------


def fixed(value: float | None, digits: int = 2) -> str:
    """Cut, not rounded, after the 4-decimal score grades use: a shown 0.60 is always green,
    and 0.5967 (yellow) shows as 0.59, not 0.60."""
    if value is None:
        return "—"
    scale = 10**digits
    return f"{math.floor(round(value, 4) * scale + 1e-6) / scale:.{digits}f}"


def weight_note(weight: float) -> str:
    """`weight 2` beside a goal whose weight is not 1: means are weighted, and a mean is
    derivable only from the weights that made it. A negative weight counts as 0."""
    if weight == 1:
        return ""
    return f"weight {weight:g}" + (", counted as 0" if weight < 0 else "")


def with_weight(text: str, weight: float) -> str:
    note = weight_note(weight)
    return f"{text} ({note})" if note else text


def kpi_values(kpi: KPIScore) -> str:
    """`110 / 100`; scored on monthly readings, the readings instead of the actual, and how
    they make the achievement: `90 · 120 / 100, mean of 2 months`."""
    if not kpi.readings:
        return f"{kpi.actual_text} / {kpi.target_text}"
    months = " · ".join(m.text for m in kpi.readings)
    return f"{months} / {kpi.target_text}, {months_note(kpi.months)}"


def months_note(count: int) -> str:
    return f"mean of {count} month{'s' * (count != 1)}"


def cell(text: str) -> str:
    """Table-safe text: a `|` or a line break would end the cell or the row."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def groups(report: ScoreReport) -> list[tuple[str, float | None, list[ObjectiveScore], list[KPIScore]]]:
    """(owner, owner score, objectives, KPIs) per owner, in the order owners appear."""
    scores = {o.owner: o.score for o in report.owners}
    owners = report.order or list(dict.fromkeys([o.owner for o in report.objectives] + [k.owner for k in report.kpis]))
    objectives: dict[str, list[ObjectiveScore]] = {}
    kpis: dict[str, list[KPIScore]] = {}
    for o in report.objectives:  # one pass each: a repo of thousands of owners stays linear
        objectives.setdefault(o.owner, []).append(o)
    for k in report.kpis:
        kpis.setdefault(k.owner, []).append(k)
    return [(owner, scores.get(owner), objectives.get(owner, []), kpis.get(owner, [])) for owner in owners]


def summary(report: ScoreReport) -> str:
    counts = report.grade_counts()
    easy = sum(1 for o in report.objectives if o.too_easy)
    text = f"Objectives: {counts['green']} green, {counts['yellow']} yellow, {counts['red']} red"
    text += f" ({easy} too easy?)" if easy else ""
    text += f" · KPIs: {report.kpis_met} of {len(report.kpis)} met" if report.kpis else ""
    return text + f" · {report.elapsed:.0%} of {report.period} gone"


def markdown(report: ScoreReport) -> None:
    report = printable_data(report)
    lines = [f"# Scores for {report.period}", "", f"As of {report.as_of.isoformat()}. {summary(report)}.", ""]
    if report.left_out:  # before the numbers: they do not include these sheets
        lines += [f"⚠️ Left out of the scores: {cell(o.path)} ({o.rule})  " for o in report.left_out] + [""]
    for owner, owner_score, objectives, kpis in groups(report):
        lines += [f"## {cell(owner)} · score {fixed(owner_score)}" if objectives else f"## {cell(owner)}", ""]
        if objectives:
            lines += _objective_table(objectives) + [""]
        if kpis:
            lines += _kpi_table(kpis) + [""]
    write("\n".join(lines).rstrip("\n") + "\n")


def _objective_table(objectives: list[ObjectiveScore]) -> list[str]:
    rows = ["| Ref | Goal | Now / target | Score | Grade | Status |", "|---|---|---|---:|---|---|"]
    for o in objectives:
        flag = ", too easy?" if o.too_easy else ""
        kind = ", ".join([o.kind] + ([weight_note(o.weight)] if weight_note(o.weight) else []))
        rows.append(f"| **{cell(o.ref)}** | **{cell(o.title)}** ({kind}) | | **{fixed(o.score)}** | {o.grade or '—'}{flag} | {o.status} |")
        for kr in o.key_results:
            status = f"{kr.status}, stale" if kr.stale else kr.status
            title = cell(with_weight(kr.title, kr.weight))
            rows.append(f"| {cell(kr.ref)} | {title} | {cell(kr.current_text)} / {cell(kr.target_text)} | {fixed(kr.score)} | | {status} |")
    return rows


def _kpi_table(kpis: list[KPIScore]) -> list[str]:
    rows = ["| KPI | Title | Actual / target | Achievement | Grade | Met |", "|---|---|---|---:|---|---|"]
    for k in kpis:
        met = "—" if k.met is None else "yes" if k.met else "no"
        rows.append(f"| {cell(k.ref)} | {cell(with_weight(k.title, k.weight))} | {cell(kpi_values(k))} | {fixed(k.achievement)} | {k.grade or '—'} | {met} |")
    return rows


# --- csv -------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "type", "ref", "owner", "objective", "title", "kind", "start", "target", "value",
    "progress", "score", "grade", "status", "stale", "confidence", "weight", "months",
)


def csv(report: ScoreReport) -> None:
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
            rows.append(["kr", kr.ref, kr.owner, o.ref, kr.title, kr.kind, _csv_number(kr.start), _csv_target(kr.target),
                         _csv_number(kr.current), _csv_number(kr.progress), _csv_number(kr.score), "", kr.status,
                         str(kr.stale).lower(), _csv_number(kr.confidence), _csv_number(kr.weight), ""])
    for k in report.kpis:
        status = "" if k.met is None else "met" if k.met else "not-met"
        rows.append(["kpi", k.ref, k.owner, "", k.title, k.kind, "", _csv_target(k.target), _csv_number(k.actual),
                     _csv_number(k.achievement), _csv_number(k.achievement), k.grade or "", status, "", "",
                     _csv_number(k.weight), str(k.months) if k.readings else ""])
    return rows


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
        return f"{_csv_number(value[0])}..{_csv_number(value[1])}"
    return _csv_number(value)
