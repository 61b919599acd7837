"""An owner with KPIs in a period has fewer than 3 or more than 5 of them.

**What it does**: counts the KPIs each owner has in each period, across every sheet of that
owner and period (including KPIs that fail schema validation), and reports an owner with
KPIs but fewer than `min` (default 3) or more than `max` (default 5). It is reported once,
at the owner's first KPI (in path order of the sheets). An owner without KPIs is fine.

**Why it matters**: KPIs watch the health of the ongoing work. One or two leave blind
spots; more than five and nobody looks at them, and the scorecard's KPI part becomes an
average of noise.

**Example**:

```yaml
kpis:
  - id: K1
    title: Cost per lead ≤ $45
    target: "<= $45"
```

**Use instead**: track three to five KPIs that cover quantity, quality, time and cost:

```yaml
kpis:
  - id: K1
    title: Cost per lead ≤ $45
    target: "<= $45"
  - id: K2
    title: Demo requests per month ≥ 120
    target: ">= 120"
  - id: K3
    title: Lead-to-demo rate ≥ 8%
    target: ">= 8%"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, ValidationInfo, field_validator

from okrcli.i18n import _, ngettext
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import by_owner, sheets_by_owner, written_items
from okrcli.lint.rules.base import MAX_COUNT, Finding, RuleOptions, at
from okrcli.problem import Level

ID = "kpi-count"
LEVEL: Level = "warning"


class Options(RuleOptions):
    min: int = Field(default=3, ge=1)  # at most max, which is bounded: checked even when max is left out
    max: int = Field(default=5, ge=1, le=MAX_COUNT, validate_default=True)

    @field_validator("max")
    @classmethod
    def _not_below_min(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is not None and value < low:
            raise ValueError(_("max {max} is below min {min}; raise max or lower min").format(max=value, min=low))
        return value


def check(context: Context, options: Options) -> Iterator[Finding]:
    sheets = sheets_by_owner(context)
    for (period, owner), kpis in by_owner(written_items(context, "kpis")).items():
        count = len(kpis)
        if options.min <= count <= options.max:
            continue
        if count < options.min:
            advice = _("fewer than {min}; track {min} to {max} KPIs that cover the health of the work (quantity, quality, time, cost)")
        else:
            advice = _("more than {max}; keep the {max} that matter most and watch the rest on a dashboard")
        has = ngettext("owner '{owner}' has {count} KPI in {period}, {advice}", "owner '{owner}' has {count} KPIs in {period}, {advice}", count)
        first = kpis[0]
        yield at(
            first.doc, first.path, has.format(owner=owner, count=count, period=period, advice=advice.format(min=options.min, max=options.max)),
            involves=sheets[(period, owner)],  # a KPI added to or removed from any of them changes the count
        )
