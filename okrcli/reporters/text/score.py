"""`okr score --format text`: Rich tables per owner on a terminal, plain aligned lines when
piped. Fixed-width fields come first and free text last, so a plain line never wraps into
the next column and stays greppable. Also the bars and colours scorecard and tree share.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from okrcli.i18n import N_, _
from okrcli.model.values import Locale
from okrcli.reporters.outline import groups, summary
from okrcli.reporters.terminal import console, printable_data, wants_rich, write
from okrcli.reporters.values import (
    fixed,
    kpi_values,
    kr_status_note,
    kr_values,
    objective_grade,
    objective_status,
    weight_note,
    with_unit,
    with_weight,
)
from okrcli.reporters.words import grade_word, kind_word, status_word
from okrcli.score.records import KPIScore, KRScore, ObjectiveScore, ScoreReport

BAR_WIDTH = 10
WIDE = 120  # from this many columns on, objective rows show their full ref
GRADE_STYLE = {"green": "green", "yellow": "yellow", "red": "red"}
STATUS_STYLE = {"done": "green", "on-track": "green", "at-risk": "yellow", "off-track": "red", "pending": "dim", "closed": "dim"}


@lru_cache(maxsize=4096)  # a report draws the same bars on many rows
def bar(score: float | None, plain: bool) -> str:
    # Cut like the numbers beside it, so a full bar always means the goal was reached.
    filled = math.floor(round(min(max(score or 0.0, 0.0), 1.0), 4) * BAR_WIDTH + 1e-6)
    full, empty = ("#", "-") if plain else ("█", "░")
    inside = full * filled + empty * (BAR_WIDTH - filled)
    return f"[{inside}]" if plain else inside


def kr_status(kr: KRScore) -> str:
    return _("{status}, stale").format(status=status_word(kr.status)) if kr.stale else status_word(kr.status)


def kpi_status(kpi: KPIScore) -> str:
    return _("no data") if kpi.met is None else _("met") if kpi.met else _("not met")


def objective_title(objective: ObjectiveScore, locale: Locale) -> str:
    flag = _(", too easy?") if objective.too_easy else ""
    note = weight_note(objective.weight, locale)
    return f"{objective.title} ({kind_word(objective.kind)}{', ' + note if note else ''}{flag})"


def kr_title(kr: KRScore, locale: Locale) -> str:
    return with_weight(kr.title, kr.weight, locale)


def kpi_title(kpi: KPIScore, locale: Locale) -> str:
    return with_weight(kpi.title, kpi.weight, locale)


def heading(report: ScoreReport) -> str:
    return _("Scores for {period} as of {as_of} ({elapsed} of the period gone)").format(
        period=report.period, as_of=report.as_of.isoformat(), elapsed=f"{report.elapsed:.0%}"
    )


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
    grades = [objective_grade(o) for o in report.objectives] + [grade_word(k.grade) for k in report.kpis]
    grade_width = max([len(g) for g in grades] + [GRADE_WIDTH])
    lines = [heading(report), ""]
    locale = report.locale
    for owner, owner_score, objectives, kpis in groups(report):
        lines.append(_("{owner}  score {score}").format(owner=owner, score=fixed(owner_score, locale)) if objectives else owner)
        for o in objectives:
            lines.append(plain_row(o.ref, width, o.score, objective_grade(o), objective_status(o, locale), objective_title(o, locale), locale, grade_width))
            lines += [plain_row(kr.ref, width, kr.score, "", kr_status_note(kr, o.goal, locale), kr_line(kr, locale), locale, grade_width)
                      for kr in o.key_results]
        for k in kpis:
            lines.append(plain_row(k.ref, width, k.achievement, grade_word(k.grade), kpi_status(k), kpi_line(k, locale), locale, grade_width))
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def kr_line(kr: KRScore, locale: Locale) -> str:
    """The title, then the values with their unit: `Visits (weight 2)  [250 / 300 k visits]`."""
    return f"{kr_title(kr, locale)}  [{with_unit(kr_values(kr, locale), kr.unit)}]"


def kpi_line(kpi: KPIScore, locale: Locale) -> str:
    return f"{kpi_title(kpi, locale)}  [{kpi_values(kpi, locale, kpi.unit)}]"


GRADE_WIDTH = 6  # `yellow`; a projected `~yellow` widens the column for the whole report


def plain_row(
    ref: str, width: int, score: float | None, grade: str, status: str, title: str, locale: Locale, grade_width: int = GRADE_WIDTH,
) -> str:
    return f"  {ref:<{width}}  {bar(score, True)} {fixed(score, locale):>5}  {grade:<{grade_width}}  {status:<16}  {title}"


# --- rich ------------------------------------------------------------------------------------


def _rich(report: ScoreReport) -> None:
    from rich.text import Text

    out = console()
    out.print(Text(heading(report), style="bold"))
    for owner, owner_score, objectives, kpis in groups(report):
        out.print()
        title = _("{owner} · score {score}").format(owner=owner, score=fixed(owner_score, report.locale)) if objectives else owner
        if objectives:
            out.print(_objective_table(title, objectives, out.width, report.locale))
        if kpis:
            if objectives:
                out.print()
            out.print(_kpi_table(_("{owner} · KPIs").format(owner=owner), kpis, out.width, report.locale))
    out.print()
    out.print(Text(summary(report), style="bold"))


# A row's numbers always stand on its first line. Its title takes what they leave, cut with
# …; the bars come only when the title keeps MIN_TITLE cells beside them, and when even the
# title does not, it goes on a line of its own under the row. Widths are terminal cells
# (Rich's), so CJK titles and Vietnamese written with combining marks line up.
MIN_TITLE = 16
_GAP = 2  # cells between two columns: a padding and the rule's divider
TITLE, VALUES, BAR = 1, 2, 3  # the columns of every goal table: ref, title, values, bar, score, …


def goal_table(title: str, headers: list[str], rows: list[list[Any]], width: int, justify: str = "right") -> Any:
    """A table of goals (rows of Rich `Text`s, in the order of TITLE, VALUES and BAR) that
    fits `width` without ever cutting or wrapping a number."""
    from rich import box
    from rich.table import Table

    headers = [_(header) for header in headers]  # as the reader reads them: before any width
    room = width - _fixed_cells(headers, rows)
    drop = set() if room >= BAR_WIDTH + _GAP + MIN_TITLE else {BAR} if room >= MIN_TITLE else {BAR, TITLE}
    keep = [i for i in range(len(headers)) if i not in drop]
    under = room if TITLE in drop else None
    columns = [_column(i, headers, rows, under, justify) for i in keep]
    table = Table(*columns, title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, 1, 0, 0), expand=False)
    for row in rows:
        table.add_row(*(row[i] for i in keep))
        if under is not None:  # under the values: the widest column, and the one the title is about
            table.add_row(*(row[TITLE] if i == VALUES else styled("", None) for i in keep))
    return table


def _column(i: int, headers: list[str], rows: list[list[Any]], under: int | None, justify: str) -> Any:
    """Column `i`; `under`: the cells the values column gains when the titles go under them."""
    from rich.table import Column

    if i == TITLE:
        return Column(cut(headers[i]), ratio=1, min_width=MIN_TITLE)
    if i == VALUES and under is not None:
        return Column(headers[i], no_wrap=True, width=_widest(headers, rows, i) + max(under, 0))
    return Column(headers[i], no_wrap=True, justify="right" if i == BAR + 1 and justify == "right" else "left")


def _fixed_cells(headers: list[str], rows: list[list[Any]]) -> int:
    """The cells every column but the title's and the bars' needs, gaps included."""
    return sum(_widest(headers, rows, i) + _GAP for i in range(len(headers)) if i not in (TITLE, BAR))


def _widest(headers: list[str], rows: list[list[Any]], column: int) -> int:
    from rich.cells import cell_len

    return max(cell_len(cell) for cell in [headers[column], *(row[column].plain for row in rows)])


def styled(text: str, style: str | None) -> Any:
    from rich.text import Text

    return Text(text, style=style or "")


def cut(text: str, style: str | None = None) -> Any:
    """A title on one line, cut with … where its column ends."""
    from rich.text import Text

    return Text(text, style=style or "", no_wrap=True, overflow="ellipsis")


_GOAL_HEADERS = [N_("Ref"), N_("Objective / key result"), N_("Now / target"), N_("Progress"), N_("Score"), N_("Status")]


def _objective_table(title: str, objectives: list[ObjectiveScore], width: int, locale: Locale) -> Any:
    """An objective's row says its grade beside its score; its KRs' rows are coloured by theirs."""
    rows = []
    for o in objectives:
        style = GRADE_STYLE.get(o.standing_grade or "")  # the colour of the grade worded: projected while the period runs
        rows.append([styled(shown_ref(o.ref, width), "bold"), cut(objective_title(o, locale), "bold"),
                     styled("", None), styled(bar(o.score, False), style), styled(f"{fixed(o.score, locale)} {objective_grade(o)}", style),
                     styled(status_word(o.status), STATUS_STYLE.get(o.status))])  # the status alone: 80 columns hold every number
        rows += [kr_row(kr, locale) for kr in o.key_results]
    return goal_table(title, _GOAL_HEADERS, rows, width, justify="left")


def kr_row(kr: KRScore, locale: Locale) -> list[Any]:
    style = GRADE_STYLE.get(kr.grade or "")
    status = kr_status(kr)
    return [styled("  " + kr.ref.rsplit("/", 1)[-1], "dim"), cut(kr_title(kr, locale)), styled(with_unit(kr_values(kr, locale), kr.unit), None),
            styled(bar(kr.score, False), style), styled(fixed(kr.score, locale), None), styled(status, STATUS_STYLE.get(kr.status or ""))]


KR_HEADERS = [N_("Ref"), N_("Key result"), N_("Now / target"), N_("Progress"), N_("Score"), N_("Status")]
KPI_HEADERS = [N_("Ref"), N_("KPI"), N_("Actual / target"), N_("Progress"), N_("a"), N_("Grade"), N_("Status")]


def shown_ref(ref: str, width: int) -> str:
    """An objective's or KPI's ref; on a narrow terminal without the owner the table's title names."""
    return ref if width >= WIDE else ref.rsplit("/", 1)[-1]


def kpi_row(k: KPIScore, locale: Locale, width: int) -> list[Any]:
    style = GRADE_STYLE.get(k.grade or "")
    return [styled(shown_ref(k.ref, width), None), cut(kpi_title(k, locale)), styled(kpi_values(k, locale, k.unit), None),
            styled(bar(k.achievement, False), style), styled(fixed(k.achievement, locale), None), styled(grade_word(k.grade), style),
            styled(kpi_status(k), style)]


def _kpi_table(title: str, kpis: list[KPIScore], width: int, locale: Locale) -> Any:
    return goal_table(title, KPI_HEADERS, [kpi_row(k, locale, width) for k in kpis], width)
