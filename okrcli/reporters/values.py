"""Values and numbers as the user reads them. Every number a person reads is in the repo's
locale: values (`1.234,5` under `number_locale: vi`), and scores, confidences, weights and
paces, cut to two decimals (`0,54`); a milestone as done / not done, nothing yet as —. JSON
and CSV numbers are for machines: rounded to four, with `.`. Every format writes them
through here.

Scores, ratios and weights are rounded to 4 decimals in JSON and CSV (whole numbers are
written without `.0`); values (start, target, current, actual, a month's value) are
written exactly as the number read, every digit and no exponent, the same number text,
Markdown and HTML show (`exact`, `plain_number`). A target is its number T without the comparator (`">= 40%"` → 40, percents in percent points, the
comparator is implied by the KR's `kind`), a band is `[low, high]`, a milestone's target is 1
and its current 1 (done) or 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from okrcli.i18n import _, ngettext
from okrcli.model.kinds import Kind
from okrcli.model.values import Locale, Value, format_number, plain_number
from okrcli.reporters.words import grade_word, status_word
from okrcli.score.records import KPIScore, KRScore, ObjectiveScore, Target

NOTHING = "—"
_SIGNS = ((">=", "≥"), ("<=", "≤"))


def target_text(target: Value | None, kind: Kind | None, locale: Locale) -> str:
    if kind == "milestone":
        return _("done")
    return NOTHING if target is None else target.display(locale)  # no target written: nothing to show


def done_text(done: bool) -> str:
    return _("done") if done else _("not done")


def written_value(text: str) -> str:
    """A value as written, but a milestone's `true`/`false` in words: `done`, `not done`."""
    lowered = text.lower()
    return done_text(lowered == "true") if lowered in ("true", "false") else text


def kr_target(kr: KRScore, locale: Locale) -> str:
    return target_text(kr.target_written, kr.kind, locale)


def kr_current(kr: KRScore, locale: Locale) -> str:
    """`current` (or the latest check-in) as written; a number as computed when none is."""
    if kr.current is None:
        return kr.current_written.display(locale) if kr.current_written is not None else NOTHING
    if kr.kind == "milestone":
        return done_text(bool(kr.current))
    written = kr.current_written
    return written.display(locale) if written is not None else format_number(kr.current, locale)


def kpi_target(kpi: KPIScore, locale: Locale) -> str:
    return target_text(kpi.target_written, kpi.kind, locale)


def kpi_actual(kpi: KPIScore, locale: Locale) -> str:
    if kpi.kind == "milestone":
        return NOTHING if kpi.actual is None else done_text(bool(kpi.actual))
    return kpi.actual_written.display(locale) if kpi.actual_written is not None else NOTHING


def kpi_months(kpi: KPIScore, locale: Locale) -> str:
    """The monthly readings a KPI's achievement is the mean of: `90 · 120`."""
    return " · ".join(m.written.display(locale) for m in kpi.readings)


def signs(text: str) -> str:
    """Comparators written as signs (`≥ 40%`), as the review report shows them."""
    for ascii_sign, sign in _SIGNS:
        text = text.replace(ascii_sign, sign)
    return text



def kr_values(kr: KRScore, locale: Locale) -> str:
    """`1,980 / 2,400`: now and the target."""
    return f"{kr_current(kr, locale)} / {kr_target(kr, locale)}"


def with_unit(values: str, unit: str | None) -> str:
    """`5,8 tỷ / 7 tỷ đồng/tháng`: the unit after the values, as the report writes it, unless
    the values already say it."""
    return f"{values} {unit}" if unit and unit not in values else values


def kpi_values(kpi: KPIScore, locale: Locale, unit: str | None = None) -> str:
    """`110 / 100` (`110 / 100 orders` with a `unit`); scored on monthly readings, the
    readings instead of the actual, and how they make the achievement:
    `90 · 120 / 100, mean of 2 months`."""
    if not kpi.readings:
        return with_unit(f"{kpi_actual(kpi, locale)} / {kpi_target(kpi, locale)}", unit)
    return f"{with_unit(f'{kpi_months(kpi, locale)} / {kpi_target(kpi, locale)}', unit)}, {months_note(kpi.months)}"


def months_note(count: int) -> str:
    return ngettext("mean of {count} month", "mean of {count} months", count).format(count=count)


def in_locale(text: str, locale: Locale) -> str:
    """A number okr wrote with `.` (`0.54`, `+0.15`, `1.5`), with the repo's decimal mark:
    `0,54` under vi. For numbers okr computes, which it never writes with grouping."""
    return text.replace(".", ",") if locale == "vi" else text


def cut(value: float, digits: int = 2) -> float:
    """Cut, not rounded, after the 4-decimal score grades use: a shown 0.60 is always green,
    and 0.5967 (yellow) shows as 0.59, not 0.60."""
    scale: int = 10**digits
    return math.floor(round(value, 4) * scale + 1e-6) / scale


@lru_cache(maxsize=4096)  # a report shows the same scores on many rows
def fixed(value: float | None, locale: Locale, digits: int = 2) -> str:
    """A score, achievement, confidence or weight as shown: `cut` to two decimals, in the
    repo's locale (`0.59`; `0,59` under vi)."""
    if value is None:
        return NOTHING
    return in_locale(f"{cut(value, digits):.{digits}f}", locale)


def signed_change(change: float, locale: Locale) -> str:
    """A difference of two shown scores: `+0.15`, `−0.05`, `0.00` (`+0,15` under vi)."""
    if change == 0:
        return in_locale("0.00", locale)
    return in_locale(f"{'+' if change > 0 else '−'}{abs(change):.2f}", locale)


_SCALES = ((1e9, {"en": "B", "vi": "tỷ"}), (1e6, {"en": "M", "vi": "triệu"}))


def short_number(value: float | None, locale: Locale) -> str:
    """A computed value (a pace, a projection, a chart's scale) in the repo's locale, as a
    person writes it: `1,25 tỷ` (vi), `1.25B` (en), two decimals at most; sheets read it back."""
    if value is None:
        return NOTHING
    for scale, words in _SCALES:
        if abs(value) >= scale:
            text = format_number(round(value / scale, 2) + 0.0, locale)
            return f"{text} {words['vi']}" if locale == "vi" else f"{text}{words['en']}"
    return format_number(round(value, 2) + 0.0, locale)


PACE = ("on-track", "at-risk", "off-track")


def objective_grade(objective: ObjectiveScore) -> str:
    """The grade as text and Markdown show it: final once the period has ended; while it
    runs, the projected grade, marked `~` as a projection (SPEC 3.1), never the current one."""
    if objective.ended:
        return grade_word(objective.grade)
    return f"~{grade_word(objective.projected_grade)}" if objective.projected_grade is not None else NOTHING


def objective_status(objective: ObjectiveScore, locale: Locale) -> str:
    """The pace status, explained by the projection: `at-risk: projected 0.52, needs 0.60`."""
    shown = status_word(objective.status)
    if objective.ended or objective.status not in PACE or objective.projected_score is None:
        return shown
    return _("{status}: projected {projected}, needs {goal}").format(
        status=shown, projected=fixed(objective.projected_score, locale), goal=fixed(objective.goal, locale))


def kr_status_note(kr: KRScore, goal: float, locale: Locale) -> str:
    """A key result's status (`, stale` when it is), explained by its forecast while on pace
    or behind it: `at-risk: projected 0.52, needs 0.60, reaches the target 2025-09-12`."""
    status = _("{status}, stale").format(status=status_word(kr.status)) if kr.stale else status_word(kr.status)
    if kr.forecast is None or kr.status not in PACE:
        return status
    shown = _("{status}: projected {projected}, needs {goal}").format(
        status=status, projected=fixed(kr.forecast.score, locale), goal=fixed(goal, locale))
    eta = kr.forecast.eta
    return shown + (_(", reaches the target {day}").format(day=eta.isoformat()) if eta is not None else "")


def forecast_number(value: float, locale: Locale) -> str:
    """A forecast value precise enough to derive the score beside it: up to 4 decimals and 6
    digits (0.0001, 94.996, 240.809, 314.012), never cut to 2 decimals (0, 95: values that
    would score otherwise); from a million on, with its scale word (`1,25 tỷ`)."""
    if abs(value) >= 1e6:
        return short_number(value, locale)
    whole = len(str(int(abs(value)))) if abs(value) >= 1 else 0
    return format_number(round(value, max(0, min(4, 6 - whole))) + 0.0, locale)  # six digits at most, four decimals


def forecast_text(kr: KRScore, locale: Locale) -> str:
    """A key result's forecast (SPEC 3.1) beside its row: `100 at the period's end (score 1.00),
    reaches the target 2025-09-27`; a milestone's value is done or not done (the line
    reaches 1 or not); — without a forecast (an ended period, fewer than two points)."""
    found = kr.forecast
    if found is None:
        return NOTHING
    percent = "%" if kr.target_written is not None and kr.target_written.percent else ""  # in percent points, as the target
    value = done_text(found.score >= 1) if kr.kind == "milestone" else forecast_number(found.value, locale) + percent
    shown = _("{value} at the period's end (score {score})").format(value=value, score=fixed(found.score, locale))
    return shown + (_(", reaches the target {day}").format(day=found.eta.isoformat()) if found.eta is not None else "")


def weight_note(weight: float, locale: Locale) -> str:
    """`weight 2` beside a goal whose weight is not 1: means are weighted, and a mean is
    derivable only from the weights that made it. A negative weight counts as 0."""
    if weight == 1:
        return ""
    shown = in_locale(f"{weight:g}", locale)
    return _("weight {weight}, counted as 0").format(weight=shown) if weight < 0 else _("weight {weight}").format(weight=shown)


def with_weight(text: str, weight: float, locale: Locale) -> str:
    note = weight_note(weight, locale)
    return f"{text} ({note})" if note else text


def number(value: float | None) -> float | int | None:
    if value is None:
        return None
    rounded = round(value, 4) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def exact(value: Decimal | None) -> Decimal | None:
    """A value as read: `json_text` writes a Decimal with all its digits, never rounded."""
    return value


def target(value: Target) -> Decimal | list[Decimal] | None:
    if isinstance(value, tuple):
        return [value[0], value[1]]
    return value


def value_cell(value: Decimal | None) -> str:
    """A value in a CSV cell: every digit, no exponent; empty when there is none."""
    return "" if value is None else plain_number(value)


@dataclass(frozen=True, slots=True)
class Shown:
    """A goal's values as the review report shows them, comparators as signs (`≥ 40%`)."""

    current: str  # a KPI's actual, or the monthly readings its achievement is the mean of
    target: str
    start: str | None = None  # None: no baseline (a threshold or a milestone)
    unit: str = ""  # the KR's `unit:` when its values do not already say it
    basis: str = ""  # what a KPI's achievement is computed from when not the actual


def kr_shown(kr: KRScore, start: Value | None, unit: str | None, locale: Locale) -> Shown:
    current, target = signs(kr_current(kr, locale)), signs(kr_target(kr, locale))
    return Shown(current, target, start.display(locale) if start is not None else None, _unsaid(unit, current + target))


def kpi_shown(kpi: KPIScore, locale: Locale) -> Shown:
    target = signs(kpi_target(kpi, locale))
    current = signs(kpi_months(kpi, locale) if kpi.readings else kpi_actual(kpi, locale))
    basis = months_note(kpi.months) if kpi.readings else ""
    return Shown(current, target, unit=_unsaid(kpi.unit, current + target), basis=basis)


def _unsaid(unit: str | None, values: str) -> str:
    """The unit, unless the values already say it."""
    return unit if unit and unit not in values else ""
