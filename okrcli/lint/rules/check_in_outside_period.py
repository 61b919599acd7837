"""A check-in dated outside the sheet's period.

**What it does**: reports, at its `date`, every check-in of a key result or KPI dated before
the first or after the last day of the sheet's `period`. A team that records the closing
check-in at a review meeting held just after the period can allow it with `grace_days`
(default 0): check-ins up to that many days after the end are accepted.

**Why it matters**: a check-in from another period usually means a sheet was copied
forward with its history, or a date was mistyped (2024 for 2025). Either way the value and
its date feed the score, the pace and the stale flag of the wrong period.

**Example**:

```yaml
period: 2025-Q3
...
        check_ins:
          - date: 2025-06-30
            value: 262000
```

**Use instead**: date it within the period (2025-07-01 to 2025-09-30), or move it to the
sheet of the period it belongs to:

```yaml
          - date: 2025-07-01
            value: 262000
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import measured_items, written_date, written_list
from okrcli.lint.rules.base import Finding, RuleOptions, at
from okrcli.model.periods import Period
from okrcli.problem import Level
from okrcli.repo.config import MAX_DAYS

ID = "check-in-outside-period"
LEVEL: Level = "warning"


class Options(RuleOptions):
    grace_days: int = Field(default=0, ge=0, le=MAX_DAYS)


def check(context: Context, options: Options) -> Iterator[Finding]:
    for item in measured_items(context):
        for index, check_in in written_list(context, item.doc, item.path + ("check_ins",)):
            day = written_date(check_in)
            if day is not None and not inside(item.period, day, options.grace_days):
                yield at(item.doc, item.path + ("check_ins", index, "date"), _message(item.period, day))


def inside(period: Period, day: dt.date, grace_days: int) -> bool:
    """Whether a check-in of `day` belongs to a sheet of `period`: `okr checkin` refuses
    what this rule would report."""
    return period.start <= day and (day - period.end).days <= grace_days  # no date arithmetic past 9999


def _message(period: Period, day: dt.date) -> str:
    return _(
        "check-in dated {day} is outside {period} ({start} to {end}); date it within the period, "
        "or move it to the sheet of the period it belongs to"
    ).format(day=day.isoformat(), period=period.text, start=period.start.isoformat(), end=period.end.isoformat())
