"""`okr scorecard --format text`: the formula, then the KPIs and key results it counts."""

from __future__ import annotations

from typing import Any

from okrcli.model.values import Locale
from okrcli.reporters.terminal import console, printable_data, wants_rich, write
from okrcli.reporters.text.score import (
    KPI_HEADERS,
    KR_HEADERS,
    WIDE,
    bar,
    goal_table,
    kpi_row,
    kpi_status,
    kpi_title,
    kr_row,
    kr_status,
    kr_title,
    styled,
)
from okrcli.reporters.values import fixed, kpi_values, kr_values
from okrcli.score.records import Scorecard, ScoreReport


def formula(card: Scorecard) -> str:
    """`Score 0.74 = 0.60 × KPIs 0.91 + 0.40 × key results 0.49`, naming a part that handed over."""
    return f"Score {fixed(card.score)}" + terms(card)


def terms(card: Scorecard) -> str:
    """` = 0.60 × KPIs 0.91 + 0.40 × key results 0.49`, and the part that handed over."""
    parts = []
    if card.kpi_part is not None:
        parts.append(f"{card.weights[0]:.2f} × KPIs {fixed(card.kpi_part)}")
    if card.kr_part is not None:
        parts.append(f"{card.weights[1]:.2f} × key results {fixed(card.kr_part)}")
    text = " = " + " + ".join(parts) if parts else ""
    if len(parts) == 1:
        missing = "key results" if card.kr_part is None else "KPIs"
        text += f" (no {missing}: their weight moves to the other part)"
    return text


def kpi_heading(card: Scorecard) -> str:
    """`KPIs (60%, each achievement capped at 1.00)`: what the KPI part is the mean of."""
    empty = ", no value counts as 0" if any(k.achievement is None for k in card.kpis) else ""
    return f"KPIs ({card.weights[0]:.0%}, each achievement capped at {card.kpi_cap:.2f}{empty})"


def heading(card: Scorecard, report: ScoreReport) -> str:
    return f"Scorecard of {card.owner} for {card.period} as of {report.as_of.isoformat()} ({report.elapsed:.0%} of the period gone)"


def text(card: Scorecard, report: ScoreReport) -> None:
    card, report = printable_data(card), printable_data(report)
    if wants_rich():
        _rich(card, report)
        return
    width = max([len(k.ref) for k in card.kpis] + [len(kr.ref) for kr in card.key_results] + [4])
    lines = [heading(card, report), formula(card), ""]
    lines.append(kpi_heading(card) if card.kpis else "KPIs: none")
    lines += [_row(k.ref, width, k.achievement, k.grade or "—", kpi_status(k), f"{kpi_title(k)}  [{kpi_values(k, report.locale)}]") for k in card.kpis]
    lines.append(f"Key results ({card.weights[1]:.0%})" if card.key_results else "Key results: none")
    lines += [_row(kr.ref, width, kr.score, "", kr_status(kr), f"{kr_title(kr)}  [{kr_values(kr, report.locale)}]") for kr in card.key_results]
    write("\n".join(lines) + "\n")


def _row(ref: str, width: int, score: float | None, grade: str, status: str, title: str) -> str:
    return f"  {ref:<{width}}  {bar(score, True)} {fixed(score):>5}  {grade:<6}  {status:<16}  {title}"


def _rich(card: Scorecard, report: ScoreReport) -> None:
    out = console()
    out.print(styled(heading(card, report), "bold"))
    out.print(styled(formula(card), "bold"))
    if card.kpis:
        out.print()
        out.print(goal_table(kpi_heading(card), KPI_HEADERS, [kpi_row(k, report.locale, WIDE) for k in card.kpis], out.width))
    if card.key_results:
        out.print()
        out.print(_key_results(card, out.width, report.locale))


def _key_results(card: Scorecard, width: int, locale: Locale) -> Any:
    """Full refs: the key results come from every objective of the owner's, and others'."""
    rows = []
    for kr in card.key_results:
        row = kr_row(kr, locale)
        rows.append([styled(kr.ref, None), *row[1:]])
    return goal_table(f"Key results ({card.weights[1]:.0%})", KR_HEADERS, rows, width)
