"""`okr scorecard --format text`: the formula, then the KPIs and key results it counts."""

from __future__ import annotations

from typing import Any

from okrcli.i18n import _
from okrcli.model.values import Locale
from okrcli.reporters.terminal import console, printable_data, wants_rich, write
from okrcli.reporters.text.score import (
    KPI_HEADERS,
    KR_HEADERS,
    WIDE,
    goal_table,
    kpi_line,
    kpi_row,
    kpi_status,
    kr_line,
    kr_row,
    kr_status,
    plain_row,
    styled,
)
from okrcli.reporters.values import fixed, in_locale
from okrcli.reporters.words import grade_word
from okrcli.score.records import Scorecard, ScoreReport


def formula(card: Scorecard, locale: Locale) -> str:
    """`Score 0.74 = 0.60 × KPIs 0.91 + 0.40 × key results 0.49`, naming a part that handed over."""
    return _("Score {score}").format(score=fixed(card.score, locale)) + terms(card, locale)


def terms(card: Scorecard, locale: Locale) -> str:
    """` = 0.60 × KPIs 0.91 + 0.40 × key results 0.49`, and the part that handed over."""
    parts = []
    if card.kpi_part is not None:
        parts.append(_("{weight} × KPIs {score}").format(weight=_weight(card.weights[0], locale), score=fixed(card.kpi_part, locale)))
    if card.kr_part is not None:
        parts.append(_("{weight} × key results {score}").format(weight=_weight(card.weights[1], locale), score=fixed(card.kr_part, locale)))
    text = " = " + " + ".join(parts) if parts else ""
    if len(parts) == 1:
        text += _(" (no key results: their weight moves to the other part)") if card.kr_part is None else _(
            " (no KPIs: their weight moves to the other part)")
    return text


def _weight(weight: float, locale: Locale) -> str:
    return in_locale(f"{weight:.2f}", locale)


def kpi_heading(card: Scorecard, locale: Locale) -> str:
    """`KPIs (60%, each achievement capped at 1.00)`: what the KPI part is the mean of."""
    share, cap = f"{card.weights[0]:.0%}", _weight(card.kpi_cap, locale)
    if any(k.achievement is None for k in card.kpis):
        return _("KPIs ({share}, each achievement capped at {cap}, no value counts as 0)").format(share=share, cap=cap)
    return _("KPIs ({share}, each achievement capped at {cap})").format(share=share, cap=cap)


def kr_heading(card: Scorecard) -> str:
    return _("Key results ({share})").format(share=f"{card.weights[1]:.0%}")


def heading(card: Scorecard, report: ScoreReport) -> str:
    return _("Scorecard of {owner} for {period} as of {as_of} ({elapsed} of the period gone)").format(
        owner=card.owner, period=card.period, as_of=report.as_of.isoformat(), elapsed=f"{report.elapsed:.0%}")


def text(card: Scorecard, report: ScoreReport) -> None:
    card, report = printable_data(card), printable_data(report)
    if wants_rich():
        _rich(card, report)
        return
    locale = report.locale
    width = max([len(k.ref) for k in card.kpis] + [len(kr.ref) for kr in card.key_results] + [4])
    lines = [heading(card, report), formula(card, locale), ""]
    lines.append(kpi_heading(card, locale) if card.kpis else _("KPIs: none"))
    lines += [plain_row(k.ref, width, k.achievement, grade_word(k.grade), kpi_status(k), kpi_line(k, locale), locale) for k in card.kpis]
    lines.append(kr_heading(card) if card.key_results else _("Key results: none"))
    lines += [plain_row(kr.ref, width, kr.score, "", kr_status(kr), kr_line(kr, locale), locale) for kr in card.key_results]
    write("\n".join(lines) + "\n")


def _rich(card: Scorecard, report: ScoreReport) -> None:
    out = console()
    out.print(styled(heading(card, report), "bold"))
    out.print(styled(formula(card, report.locale), "bold"))
    if card.kpis:
        out.print()
        out.print(goal_table(kpi_heading(card, report.locale), KPI_HEADERS, [kpi_row(k, report.locale, WIDE) for k in card.kpis], out.width))
    if card.key_results:
        out.print()
        out.print(_key_results(card, out.width, report.locale))


def _key_results(card: Scorecard, width: int, locale: Locale) -> Any:
    """Full refs: the key results come from every objective of the owner's, and others'."""
    rows = []
    for kr in card.key_results:
        row = kr_row(kr, locale)
        rows.append([styled(kr.ref, None), *row[1:]])
    return goal_table(kr_heading(card), KR_HEADERS, rows, width)
