"""`okr score --format text`: Rich tables per owner on a terminal, plain aligned lines when
piped. Fixed-width fields come first and free text last, so a plain line never wraps into
the next column and stays greppable. Also the bars and colours scorecard and tree share.
"""

from __future__ import annotations

import math
from typing import Any

from okrcli.model.values import Locale
from okrcli.reporters.outline import groups, summary
from okrcli.reporters.terminal import console, printable_data, wants_rich, write
from okrcli.reporters.values import fixed, kpi_values, kr_values, weight_note, with_weight
from okrcli.score.records import KPIScore, KRScore, ObjectiveScore, ScoreReport

BAR_WIDTH = 10
WIDE = 120  # from this many columns on, the Rich tables also show "now / target"
GRADE_STYLE = {"green": "green", "yellow": "yellow", "red": "red"}
STATUS_STYLE = {"done": "green", "on-track": "green", "at-risk": "yellow", "off-track": "red", "pending": "dim"}


def bar(score: float | None, plain: bool) -> str:
    # Cut like the numbers beside it, so a full bar always means the goal was reached.
    filled = math.floor(round(min(max(score or 0.0, 0.0), 1.0), 4) * BAR_WIDTH + 1e-6)
    full, empty = ("#", "-") if plain else ("█", "░")
    inside = full * filled + empty * (BAR_WIDTH - filled)
    return f"[{inside}]" if plain else inside


def kr_status(kr: KRScore) -> str:
    return f"{kr.status}, stale" if kr.stale else str(kr.status)


def kpi_status(kpi: KPIScore) -> str:
    return "no data" if kpi.met is None else "met" if kpi.met else "not met"


def objective_title(objective: ObjectiveScore) -> str:
    flag = ", too easy?" if objective.too_easy else ""
    weight = f", {weight_note(objective.weight)}" if weight_note(objective.weight) else ""
    return f"{objective.title} ({objective.kind}{weight}{flag})"


def kr_title(kr: KRScore) -> str:
    return with_weight(kr.title, kr.weight)


def kpi_title(kpi: KPIScore) -> str:
    return with_weight(kpi.title, kpi.weight)


def heading(report: ScoreReport) -> str:
    return f"Scores for {report.period} as of {report.as_of.isoformat()} ({report.elapsed:.0%} of the period gone)"


def text(report: ScoreReport) -> None:
    report = printable_data(report)
    if wants_rich():
        _rich(report)
    else:
        write(_plain(report))


# --- plain -----------------------------------------------------------------------------------


def _plain(report: ScoreReport) -> str:
    refs = [o.ref for o in report.objectives] + [kr.ref for o in report.objectives for kr in o.key_results]
    width = max([len(r) for r in refs + [k.ref for k in report.kpis]] + [4])
    lines = [heading(report), ""]
    for owner, owner_score, objectives, kpis in groups(report):
        lines.append(f"{owner}  score {fixed(owner_score)}" if objectives else owner)
        for o in objectives:
            lines.append(_plain_row(o.ref, width, o.score, o.grade or "—", o.status, objective_title(o)))
            lines += [_plain_row(kr.ref, width, kr.score, "", kr_status(kr), f"{kr_title(kr)}  [{kr_values(kr, report.locale)}]") for kr in o.key_results]
        for k in kpis:
            lines.append(_plain_row(k.ref, width, k.achievement, k.grade or "—", kpi_status(k), f"{kpi_title(k)}  [{kpi_values(k, report.locale)}]"))
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _plain_row(ref: str, width: int, score: float | None, grade: str, status: str, title: str) -> str:
    return f"  {ref:<{width}}  {bar(score, True)} {fixed(score):>5}  {grade:<6}  {status:<16}  {title}"


# --- rich ------------------------------------------------------------------------------------


def _rich(report: ScoreReport) -> None:
    from rich.text import Text

    out = console()
    out.print(Text(heading(report), style="bold"))
    for owner, owner_score, objectives, kpis in groups(report):
        out.print()
        title = f"{owner} · score {fixed(owner_score)}" if objectives else owner
        if objectives:
            out.print(_objective_table(title, objectives, out.width >= WIDE, report.locale))
        if kpis:
            out.print(_kpi_table(f"{owner} · KPIs", kpis, out.width >= WIDE, report.locale))
    out.print()
    out.print(Text(summary(report), style="bold"))


def new_table(title: str, goal: str, wide: bool, value: str = "Now / target", score: str = "Score") -> Any:
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    table.add_column("Ref", no_wrap=True)
    table.add_column(goal, overflow="fold", ratio=1)
    if wide:
        table.add_column(value, overflow="fold", max_width=36)
    table.add_column("Progress", no_wrap=True)
    table.add_column(score, justify="right", no_wrap=True)
    table.add_column("Grade", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    return table


def styled(text: str, style: str | None) -> Any:
    from rich.text import Text

    return Text(text, style=style or "")


def _objective_table(title: str, objectives: list[ObjectiveScore], wide: bool, locale: Locale) -> Any:
    table = new_table(title, "Objective / key result", wide)
    for o in objectives:
        style = GRADE_STYLE.get(o.grade or "")
        row = [styled(o.ref, "bold"), styled(objective_title(o), "bold")] + ([styled("", None)] if wide else [])
        table.add_row(*row, styled(bar(o.score, False), style), styled(fixed(o.score), "bold"),
                      styled(o.grade or "—", style), styled(o.status, STATUS_STYLE.get(o.status)))
        for kr in o.key_results:
            value = [styled(kr_values(kr, locale), None)] if wide else []
            table.add_row(styled("  " + kr.ref.rsplit("/", 1)[-1], "dim"), styled(kr_title(kr), None), *value,
                          styled(bar(kr.score, False), GRADE_STYLE.get(kr.grade or "")), styled(fixed(kr.score), None),
                          styled("", None), styled(kr_status(kr), STATUS_STYLE.get(kr.status or "")))
    return table


def _kpi_table(title: str, kpis: list[KPIScore], wide: bool, locale: Locale) -> Any:
    table = new_table(title, "KPI", wide, "Actual / target", "a")
    for k in kpis:
        style = GRADE_STYLE.get(k.grade or "")
        value = [styled(kpi_values(k, locale), None)] if wide else []
        table.add_row(styled(k.ref, None), styled(kpi_title(k), None), *value, styled(bar(k.achievement, False), style),
                      styled(fixed(k.achievement), None), styled(k.grade or "—", style), styled(kpi_status(k), style))
    return table
