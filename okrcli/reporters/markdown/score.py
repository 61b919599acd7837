"""`okr score --format markdown`: a table of objectives and key results per owner, and one
of KPIs, for a pull request or a wiki."""

from __future__ import annotations

import re

from okrcli.i18n import N_, _
from okrcli.model.values import Locale
from okrcli.reporters.outline import groups, summary
from okrcli.reporters.terminal import printable_data, write
from okrcli.reporters.values import (
    NOTHING,
    fixed,
    kpi_values,
    kr_current,
    kr_status_note,
    kr_target,
    objective_grade,
    objective_status,
    weight_note,
    with_unit,
    with_weight,
)
from okrcli.reporters.words import grade_word, kind_word
from okrcli.score.records import KPIScore, ObjectiveScore, ScoreReport

# What Markdown (and the HTML it lets through) would read as markup: `<` only where a tag
# could start and `&` only where an entity could, so a value's `<= 3` stays as written.
_MARKUP = re.compile(r"[`*_\[\]~]|<(?=[A-Za-z/!?])|&(?=#?\w+;)")


def table_text(text: str) -> str:
    """Text on one line that cannot end a table cell or row (`|`, line breaks)."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


GOAL_HEADERS = (N_("Ref"), N_("Goal"), N_("Now / target"), N_("Score"), N_("Grade"), N_("Status"))
KPI_HEADERS = (N_("KPI"), N_("Title"), N_("Actual / target"), N_("Achievement"), N_("Grade"), N_("Met"))


def cell(text: str) -> str:
    """User text as literal Markdown in a table cell or a heading: a title's `<img>`,
    `[link](…)` or `**` must not become markup in a pull-request comment."""
    return _MARKUP.sub(lambda m: "\\" + m.group(0), table_text(text))


def header(names: tuple[str, ...], align: str, *shown: str) -> list[str]:
    """A table's head in the language shown (`names` translated, then `shown` as they are),
    and its alignment row (`|---|---:|`)."""
    return ["| " + " | ".join([_(name) for name in names] + list(shown)) + " |", align]


def score(report: ScoreReport) -> None:
    report = printable_data(report)
    locale = report.locale
    projected = "" if report.ended else " " + _("Grades marked ~ are projected for the end of the period.")
    lines = ["# " + _("Scores for {period}").format(period=report.period), "",
             _("As of {as_of}. {summary}.").format(as_of=report.as_of.isoformat(), summary=summary(report)) + projected, ""]
    if report.left_out:  # before the numbers: they do not include these sheets
        lines += ["⚠️ " + _("Left out of the scores: {path} ({rule})").format(path=cell(o.path), rule=o.rule) + "  " for o in report.left_out] + [""]
    for owner, owner_score, objectives, kpis in groups(report):
        heading = _("{owner} · score {score}").format(owner=cell(owner), score=fixed(owner_score, locale)) if objectives else cell(owner)
        lines += [f"## {heading}", ""]
        if objectives:
            lines += _objective_table(objectives, locale) + [""]
        if kpis:
            lines += _kpi_table(kpis, locale) + [""]
    write("\n".join(lines).rstrip("\n") + "\n")


def _objective_table(objectives: list[ObjectiveScore], locale: Locale) -> list[str]:
    rows = header(GOAL_HEADERS, "|---|---|---|---:|---|---|")
    for o in objectives:
        flag = _(", too easy?") if o.too_easy else ""
        kind = ", ".join([kind_word(o.kind)] + ([weight_note(o.weight, locale)] if weight_note(o.weight, locale) else []))
        rows.append(f"| **{cell(o.ref)}** | **{cell(o.title)}** ({kind}) | | **{fixed(o.score, locale)}** | {objective_grade(o)}{flag} "
                    f"| {objective_status(o, locale)} |")
        for kr in o.key_results:
            status = kr_status_note(kr, o.goal, locale)
            title = cell(with_weight(kr.title, kr.weight, locale))
            values = with_unit(f"{cell(kr_current(kr, locale))} / {cell(kr_target(kr, locale))}", cell(kr.unit or ""))
            rows.append(f"| {cell(kr.ref)} | {title} | {values} | {fixed(kr.score, locale)} | | {status} |")
    return rows


def _kpi_table(kpis: list[KPIScore], locale: Locale) -> list[str]:
    rows = header(KPI_HEADERS, "|---|---|---|---:|---|---|")
    for k in kpis:
        met = NOTHING if k.met is None else _("yes") if k.met else _("no")
        values = cell(kpi_values(k, locale, k.unit))
        rows.append(f"| {cell(k.ref)} | {cell(with_weight(k.title, k.weight, locale))} | {values} | {fixed(k.achievement, locale)} "
                    f"| {grade_word(k.grade)} | {met} |")
    return rows
