"""`okr score --format markdown`: a table of objectives and key results per owner, and one
of KPIs, for a pull request or a wiki."""

from __future__ import annotations

import re

from okrcli.model.values import Locale
from okrcli.reporters.outline import groups, summary
from okrcli.reporters.terminal import printable_data, write
from okrcli.reporters.values import (
    fixed,
    kpi_values,
    kr_current,
    kr_status_note,
    kr_target,
    objective_grade,
    objective_status,
    weight_note,
    with_weight,
)
from okrcli.score.records import KPIScore, ObjectiveScore, ScoreReport

# What Markdown (and the HTML it lets through) would read as markup: `<` only where a tag
# could start and `&` only where an entity could, so a value's `<= 3` stays as written.
_MARKUP = re.compile(r"[`*_\[\]~]|<(?=[A-Za-z/!?])|&(?=#?\w+;)")


def table_text(text: str) -> str:
    """Text on one line that cannot end a table cell or row (`|`, line breaks)."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def cell(text: str) -> str:
    """User text as literal Markdown in a table cell or a heading: a title's `<img>`,
    `[link](…)` or `**` must not become markup in a pull-request comment."""
    return _MARKUP.sub(lambda m: "\\" + m.group(0), table_text(text))


def score(report: ScoreReport) -> None:
    report = printable_data(report)
    projected = "" if report.ended else " Grades marked ~ are projected for the end of the period."
    lines = [f"# Scores for {report.period}", "", f"As of {report.as_of.isoformat()}. {summary(report)}.{projected}", ""]
    if report.left_out:  # before the numbers: they do not include these sheets
        lines += [f"⚠️ Left out of the scores: {cell(o.path)} ({o.rule})  " for o in report.left_out] + [""]
    for owner, owner_score, objectives, kpis in groups(report):
        lines += [f"## {cell(owner)} · score {fixed(owner_score)}" if objectives else f"## {cell(owner)}", ""]
        if objectives:
            lines += _objective_table(objectives, report.locale) + [""]
        if kpis:
            lines += _kpi_table(kpis, report.locale) + [""]
    write("\n".join(lines).rstrip("\n") + "\n")


def _objective_table(objectives: list[ObjectiveScore], locale: Locale) -> list[str]:
    rows = ["| Ref | Goal | Now / target | Score | Grade | Status |", "|---|---|---|---:|---|---|"]
    for o in objectives:
        flag = ", too easy?" if o.too_easy else ""
        kind = ", ".join([o.kind] + ([weight_note(o.weight)] if weight_note(o.weight) else []))
        rows.append(f"| **{cell(o.ref)}** | **{cell(o.title)}** ({kind}) | | **{fixed(o.score)}** | {objective_grade(o)}{flag} | {objective_status(o)} |")
        for kr in o.key_results:
            status = kr_status_note(kr, o.goal)
            title = cell(with_weight(kr.title, kr.weight))
            rows.append(f"| {cell(kr.ref)} | {title} | {cell(kr_current(kr, locale))} / {cell(kr_target(kr, locale))} | {fixed(kr.score)} | | {status} |")
    return rows


def _kpi_table(kpis: list[KPIScore], locale: Locale) -> list[str]:
    rows = ["| KPI | Title | Actual / target | Achievement | Grade | Met |", "|---|---|---|---:|---|---|"]
    for k in kpis:
        met = "—" if k.met is None else "yes" if k.met else "no"
        values = cell(kpi_values(k, locale))
        rows.append(f"| {cell(k.ref)} | {cell(with_weight(k.title, k.weight))} | {values} | {fixed(k.achievement)} | {k.grade or '—'} | {met} |")
    return rows
