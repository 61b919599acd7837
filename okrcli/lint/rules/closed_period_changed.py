"""A value of a closed period changed after `okr close`.

**What it does**: for every objective and KPI that carries `final:` (written by `okr close`),
computes its score (a KPI's achievement) again from the sheet's values, read at the day in
the header's `closed:` (check-ins dated after it ignored; without `closed:`, at the as-of
date), and reports, at `final:`, each one whose number differs from the frozen one at 4
decimals.

**Why it matters**: a closed period's grades are final: every command shows the frozen
`final:` in place of the live score. A `current`, a check-in or a target edited afterwards
would silently tell the next review one story and the sheet another.

**Example**:

```yaml
period: 2025-Q3
closed: 2025-10-03
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    final: {score: 0.4333, grade: yellow}
    key_results:
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: 2100   # was 1980 when the period was closed
```

**Use instead**: the values the period closed with; a real correction is a new close:
remove `closed:` and every `final:`, fix the value, and run `okr close 2025-Q3` again.

```yaml
        current: 1980
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.load.validate import SheetDoc
from okrcli.model.sheet import KPIFinal, ObjectiveFinal
from okrcli.problem import Level
from okrcli.score.finals import Frozen, frozen_values

ID = "closed-period-changed"
LEVEL: Level = "error"
Options = NoOptions


def check(context: Context, options: Options) -> Iterator[Finding]:
    for doc in context.sheets:
        finals = _finals(doc)
        if not finals or doc.period is None or doc.has_errors:
            continue  # numbers a schema error hides are the schema rule's to report
        day = doc.header.closed if doc.header is not None and doc.header.closed is not None else context.as_of
        for item in frozen_values(doc, day, context.settings.config):
            final = finals.get(item.path)
            if final is not None and item.number is not None and _differs(item, final):
                yield at(doc, item.path + ("final",), _message(item, final, day.isoformat()), key=True)


def _finals(doc: SheetDoc) -> dict[tuple[object, ...], ObjectiveFinal | KPIFinal]:
    found: dict[tuple[object, ...], ObjectiveFinal | KPIFinal] = {o.path: o.final for o in doc.objectives if o.final is not None}
    found.update({k.path: k.final for k in doc.kpis if k.final is not None})
    return found


def _number(final: ObjectiveFinal | KPIFinal) -> float:
    return final.score if isinstance(final, ObjectiveFinal) else final.achievement


def _differs(item: Frozen, final: ObjectiveFinal | KPIFinal) -> bool:
    return f"{item.number:.4f}" != f"{_number(final):.4f}"


def _message(item: Frozen, final: ObjectiveFinal | KPIFinal, day: str) -> str:
    return _(
        "{ref} was closed with {key} {final} (`final:`), but its values as of {day} now give "
        "{now}: a closed period's values are final; restore them, or remove `closed:` and every "
        "`final:` and run `okr close` again"
    ).format(ref=item.ref, key=item.key, final=f"{_number(final):.4f}", day=day, now=f"{item.number:.4f}")
