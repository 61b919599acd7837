"""An open key result of the current period with no update for `stale_after_days`.

**What it does**: for every key result of a sheet whose period holds the as-of date, finds
its latest update: the latest check-in (on or before the as-of date), or, with no check-in,
the last git commit that changed its `current` (a milestone's `done`). When that is more
than `stale_after_days` days ago (top-level setting in `.okr.yaml`, default 14), the key
result is reported. Done key results (score 1, `done: true`) and key results with no value
yet are left alone, and so is a key result with no check-in outside a git repository.

**Why it matters**: a weekly or bi-weekly check-in is what turns OKRs from a planning
document into a steering tool. A number nobody has looked at for weeks hides a key result
that is drifting off track until the review meeting, when it is too late to act.

**Example** (as of 2025-08-15):

```yaml
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        check_ins:
          - {date: 2025-07-14, value: 1640}   # 32 days ago
```

**Use instead**: record where it stands now, even when nothing moved:

```sh
okr checkin growth/O1/KR1 1710 --confidence 0.6 --note "no change: campaign delayed"
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from okrcli.history.timeline import KRItem, kr_key, last_check_in, last_updates
from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.model.sheet import KeyResult
from okrcli.problem import Level

ID = "stale-check-in"
LEVEL: Level = "warning"
Options = NoOptions
# No options of its own: the threshold is the top-level `stale_after_days`, shared with `okr score`.


def check(context: Context, options: Options) -> Iterator[Finding]:
    as_of = context.as_of
    config = context.settings.config
    open_krs = [
        (doc, objective, kr) for doc, objective, kr in context.key_results()
        if doc.period is not None and doc.period.contains_date(as_of) and is_open(kr)
    ]
    if not open_krs:
        return
    updates = last_updates(context.facts, open_krs, as_of=as_of, locale=config.number_locale)
    for doc, objective, kr in open_krs:
        day = updates.get(kr_key(doc, objective, kr))
        if day is not None and (as_of - day).days > config.stale_after_days:
            yield at(doc, kr.path, _message((doc, objective, kr), day, as_of, config.stale_after_days))


def is_open(kr: KeyResult) -> bool:
    """Has a value and is not done: the KRs a check-in is still expected for. The one place
    this rule asks the scoring engine."""
    from okrcli.score.key_results import FormulaError, kr_progress, kr_value, reaches

    value = kr_value(kr)
    if value is None:
        return False
    try:
        return not reaches(kr_progress(kr, value), 1.0)
    except FormulaError:
        return True  # unscoreable, but still owes an update (another rule names the formula)


def _message(found: KRItem, day: dt.date, as_of: dt.date, limit: int) -> str:
    doc, objective, kr = found
    ref = f"{doc.owner}/{objective.id}/{kr.id}"
    age = (as_of - day).days
    if last_check_in(kr, as_of) is not None:
        message = _(
            "key result '{ref}' has had no check-in since {day} ({age} days, more than "
            "stale_after_days {limit}); record where it stands: okr checkin {ref} VALUE"
        )
    else:
        message = _(
            "key result '{ref}' has had no check-in and no commit changing its value since {day} ({age} days, more than "
            "stale_after_days {limit}); record where it stands: okr checkin {ref} VALUE"
        )
    return message.format(ref=ref, day=day.isoformat(), age=age, limit=limit)
