"""A KPI's monthly readings (SPEC 2.2): which reading stands for each month of a period. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from okrcli.model.periods import Period
from okrcli.model.sheet import Reading


def monthly_readings(readings: Sequence[Reading], period: Period) -> dict[str, Reading]:
    """One reading per month of `period` that has one, in month order; the latest reading of
    a month wins. Readings of a quarter or a year are not monthly and are left out."""
    months: dict[str, Reading] = {}
    for reading in sorted(readings, key=reading_day):
        if reading.period is not None and (reading.period.kind != "month" or not period.contains(reading.period)):
            continue
        if reading.date is not None and not period.contains_date(reading.date):
            continue
        month = reading.period.text if reading.period is not None else f"{reading.date:%Y-%m}"
        if reading.value.number is not None:
            months[month] = reading
    return dict(sorted(months.items()))


def reading_day(reading: Reading) -> dt.date:
    if reading.date is not None:
        return reading.date
    assert reading.period is not None
    return reading.period.end
