"""More than 3 objectives for one owner in one period.

**What it does**: counts the objectives of each owner in each period, across every sheet
of that owner and period, and reports the first one past the limit (`max`, default 3).

**Why it matters**: focus is the point of OKRs. Three objectives with three key results each
is the rule of thumb the method is taught with; a fourth objective dilutes the team's
attention and usually means a task list has crept in.

**Example**:

```yaml
objectives:
  - id: O1
  - id: O2
  - id: O3
  - id: O4   # the fourth objective
```

**Use instead**: keep the three that matter most this period; move the rest to the next
period or to `initiatives` of an objective you keep.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pydantic import Field

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import sheets_by_owner
from okrcli.lint.rules.base import MAX_COUNT, Finding, RuleOptions, at, paths_of
from okrcli.load.validate import SheetDoc
from okrcli.problem import Level

ID = "max-objectives"
LEVEL: Level = "error"


class Options(RuleOptions):
    max: int = Field(default=3, ge=1, le=MAX_COUNT)


def check(context: Context, options: Options) -> Iterator[Finding]:
    by_owner: dict[tuple[str, str], list[tuple[SheetDoc, int]]] = defaultdict(list)
    for doc in context.sheets:
        written = context.raw(doc, ("objectives",))
        if doc.period is None or not isinstance(written, list):
            continue
        for index in range(len(written)):
            by_owner[(doc.period.text, doc.owner)].append((doc, index))
    sheets = sheets_by_owner(context)
    for (period, owner), objectives in by_owner.items():
        count = len(objectives)
        merged = paths_of(sheets[(period, owner)])  # an objective added to any of them may push this one past the limit
        for doc, index in objectives[options.max :]:
            yield at(
                doc, ("objectives", index),
                _(
                    "owner '{owner}' has {count} objectives in {period}, more than {max}; "
                    "keep the ones that matter most and move the rest to initiatives or the next period"
                ).format(owner=owner, count=count, period=period, max=options.max),
                involves=merged,
            )
