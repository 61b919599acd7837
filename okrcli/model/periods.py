"""Periods: `2025`, `2025-H2`, `2025-Q3`, `2025-09`, and the date arithmetic on them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from okrcli.i18n import N_, _
from okrcli.model.core_schema import show

Kind = Literal["year", "half", "quarter", "month"]
_PERIOD = re.compile(r"^(\d{4})(?:-(?:([Hh])([12])|([Qq])([1-4])|(0[1-9]|1[0-2])))?$")
NO_SHEETS = N_("the repository has no goal sheets with a period yet; run `okr init` to add one")
FORMS = N_("YYYY-Qn (2025-Q3), YYYY-Hn (2025-H2), YYYY (2025) or YYYY-MM (2025-09)")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class PeriodError(ValueError):
    """A period that cannot be read; the message names the accepted forms."""


def parse_day(text: str) -> dt.date:
    """A day written exactly YYYY-MM-DD; ValueError otherwise. (`date.fromisoformat` alone
    also takes 20250815 and 2025-W33-5, forms nobody means as a date in a sheet or option.)"""
    day = text.strip()
    if not _DAY.fullmatch(day):
        raise ValueError(f"not a YYYY-MM-DD date: {day}")
    return dt.date.fromisoformat(day)


@dataclass(frozen=True, slots=True)
class Period:
    text: str
    kind: Kind
    start: dt.date
    end: dt.date  # inclusive

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def contains_date(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def elapsed(self, as_of: dt.date) -> float:
        """Fraction of the period gone by the start of `as_of`, 0..1 (2025-08-15 in Q3: 45/92)."""
        gone = (as_of - self.start).days
        return min(max(gone / self.days, 0.0), 1.0)

    def __str__(self) -> str:
        return self.text


def parse_period(raw: object) -> Period:
    text = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else None
    match = _PERIOD.match(text) if text else None
    if match is None:
        raise PeriodError(_("cannot read {text} as a period; write {forms}").format(text=show(raw), forms=_(FORMS)))
    return _period(match.group())


@lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    """The period `text` (matched by `_PERIOD`) names: made once per run, shared by every
    sheet and ref that names it (it is immutable). An error is raised anew each time, in
    the language then spoken."""
    match = _PERIOD.match(text)
    assert match is not None
    year = int(match.group(1))
    if match.group(3):
        half = int(match.group(3))
        return _span(f"{year}-H{half}", "half", year, 6 * half - 5, 6)
    if match.group(5):
        quarter = int(match.group(5))
        return _span(f"{year}-Q{quarter}", "quarter", year, 3 * quarter - 2, 3)
    if match.group(6):
        return _span(f"{year}-{match.group(6)}", "month", year, int(match.group(6)), 1)
    return _span(str(year), "year", year, 1, 12)


def _span(text: str, kind: Kind, year: int, first_month: int, months: int) -> Period:
    if year < 1900 or year > 2999:
        raise PeriodError(_("year {year} is out of range; write {forms}").format(year=year, forms=_(FORMS)))
    start = dt.date(year, first_month, 1)
    last_month = first_month + months - 1
    following = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
    return Period(text, kind, start, following - dt.timedelta(days=1))


# --- Choosing the period a command works on (SPEC 3 "Period names") ----------------------

_SHORT = re.compile(r"^([QqHh])([1-4])$")
# With no period named, the cycle teams review most often wins among those containing the day.
_PREFERENCE: dict[Kind, int] = {"quarter": 0, "half": 1, "month": 2, "year": 3}


class UnknownPeriodError(PeriodError):
    """A period name that matches no sheet; the message lists the periods present."""


def resolve_period(text: str | None, present: list[Period], as_of: dt.date) -> Period:
    """The period `text` names (`2025-Q3`, `Q3`, `H2`, `2025`), or the default one.

    `present` are the periods of the repo's sheets. A named period is known when some
    sheet's period lies inside it, so `2025` works with quarterly sheets only."""
    if not present:
        raise UnknownPeriodError(_(NO_SHEETS))
    if text is None or not text.strip():
        return default_period(present, as_of)
    short = _SHORT.match(text.strip())
    if short is not None:
        return _most_recent(short.group(1).upper(), int(short.group(2)), present, as_of, text)
    try:
        chosen = parse_period(text)
    except PeriodError:
        raise _unknown(text, present, _("write {forms}, or Q3 / H2 for the most recent one").format(forms=_(FORMS))) from None
    if not periods_within(chosen, present):
        raise _unknown(text, present)
    return chosen


def default_period(present: list[Period], as_of: dt.date) -> Period:
    """The period holding `as_of` (a quarter first), else the latest period present."""
    holding = [p for p in present if p.contains_date(as_of)]
    if holding:
        return min(holding, key=lambda p: _PREFERENCE[p.kind])
    return max(present, key=lambda p: (p.start, -_PREFERENCE[p.kind]))


def periods_within(selected: Period, present: list[Period]) -> list[Period]:
    """The periods present that `selected` covers: itself and the halves, quarters, months inside."""
    return [p for p in present if selected.contains(p)]


def _most_recent(letter: str, number: int, present: list[Period], as_of: dt.date, text: str) -> Period:
    if letter == "H" and number > 2:
        raise _unknown(text, present, _("a half is H1 or H2"))
    years = sorted({p.start.year for p in present}, reverse=True)
    known = [c for c in (parse_period(f"{y}-{letter}{number}") for y in years) if periods_within(c, present)]
    for candidate in known:
        if candidate.start <= as_of:
            return candidate
    # Only later ones exist (planning ahead): SPEC says "not after the as-of date", so name it.
    hint = _("no {period} on or before {day} has sheets").format(period=f"{letter}{number}", day=as_of.isoformat())
    hint += _("; write {period} for the coming one").format(period=known[-1].text) if known else ""
    raise _unknown(text, present, hint)


def _unknown(text: str, present: list[Period], hint: str = "") -> UnknownPeriodError:
    listed = ", ".join(p.text for p in sorted(present, key=lambda p: (p.start, -p.days)))
    reason = f"; {hint}" if hint else ""
    return UnknownPeriodError(_("unknown period {text}{reason}; periods present: {listed}").format(text=repr(text.strip()), reason=reason, listed=listed))
