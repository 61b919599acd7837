"""A check-in dated after today.

**What it does**: reports, at its `date`, every check-in of a key result or KPI dated after
today: the calendar's today, whatever `--as-of` says. `--as-of` moves the point of view (the
pace, staleness, which check-ins count); it does not move the calendar. A check-in dated
after the as-of date but on or before today was real when it was written, and reproducing
last week's review must not turn this week's check-ins into errors; a check-in dated after
today cannot have been seen by anyone, whatever date the report is drawn up for.

**Why it matters**: a check-in records a value someone has seen. A date in the future is a
typo (2026 for 2025, 12 for 02), and because it sorts after every real check-in, it decides
the value and the confidence the scores show, and makes `okr checkin` leave `current`
alone ("the check-in of 2026-08-04 is later") for every real update until that day comes.

**Example** (today being in 2025):

```yaml
period: 2025-Q3
...
        check_ins:
          - date: 2025-07-14
            value: 262000
          - date: 2026-08-04   # meant 2025-08-04
            value: 274000
```

**Use instead**: the day the value was seen:

```yaml
          - date: 2025-08-04
            value: 274000
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import measured_items, written_date, written_list
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.problem import Level

ID = "check-in-in-future"
LEVEL: Level = "error"
Options = NoOptions


def check(context: Context, options: Options) -> Iterator[Finding]:
    for item in measured_items(context):
        for index, check_in in written_list(context, item.doc, item.path + ("check_ins",)):
            day = written_date(check_in)
            if day is not None and day > context.today:
                yield at(item.doc, item.path + ("check_ins", index, "date"), _message(day))


def _message(day: dt.date) -> str:
    # Today's date stays out of the message: the same sheet gives the same words every day.
    return _(
        "check-in dated {day} is in the future; a check-in records a value already "
        "seen: date it the day the value was seen (a mistyped year or month?)"
    ).format(day=day.isoformat())
