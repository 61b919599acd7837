"""Periods: `2025`, `2025-H2`, `2025-Q3`, `2025-09`, and the date arithmetic on them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["year", "half", "quarter", "month"]
_PERIOD = re.compile(r"^(\d{4})(?:-(?:([Hh])([12])|([Qq])([1-4])|(0[1-9]|1[0-2])))?$")
FORMS = "YYYY-Qn (2025-Q3), YYYY-Hn (2025-H2), YYYY (2025) or YYYY-MM (2025-09)"


class PeriodError(ValueError):
    """A period that cannot be read; the message names the accepted forms."""


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
        raise PeriodError(f"cannot read {raw!r} as a period; write {FORMS}")
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
        raise PeriodError(f"year {year} is out of range; write {FORMS}")
    start = dt.date(year, first_month, 1)
    last_month = first_month + months - 1
    following = dt.date(year + 1, 1, 1) if last_month == 12 else dt.date(year, last_month + 1, 1)
    return Period(text, kind, start, following - dt.timedelta(days=1))
