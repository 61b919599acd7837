"""A plain key-result target with no `start` (baseline).

**What it does**: reports a key result whose `target` is a plain number (no comparator such
as `>=`, not a band `95..99`) and that has no `start` (or `baseline`). The problem is placed
at the `target` value.

**Why it matters**: progress on a metric is measured from where it started: going from 250 000
to 281 000 visits against a target of 308 000 is 53 % of the way, not 91 %. Without a `start`
the key result can only be scored as a threshold `≥` (current ÷ target), which overstates
progress on every metric that does not start at zero (SPEC 2.2).

**Example**:

```yaml
- id: KR1
  title: Tổng traffic đạt 308.000 lượt/tháng
  target: "308.000"
```

**Use instead**: write the baseline, or a comparator if a threshold is really meant.

```yaml
- id: KR1
  title: Tổng traffic đạt 308.000 lượt/tháng (từ 250.000)
  start: "250.000"
  target: "308.000"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.problem import Level

ID = "missing-baseline"
LEVEL: Level = "warning"
Options = NoOptions


def check(context: Context, options: Options) -> Iterator[Finding]:
    for doc, _objective, kr in context.key_results():
        target = kr.target
        if target is None or kr.start is not None or target.comparator is not None or target.is_band:
            continue
        yield at(
            doc, kr.path + ("target",),
            _(
                "target {target} has no `start`, so it is scored as a threshold (current ÷ target); "
                "add `start:` with the baseline to score progress from it, or write "
                "target: \">= {target}\" if a threshold is meant"
            ).format(target=target.raw),
        )
