"""Two objectives, key results or KPIs with the same ref.

**What it does**: reports an objective whose `id` is already used by another objective of the
same owner in the same period, a key result whose `id` is already used in its objective, and
a KPI whose `id` is already used by another KPI of the same owner in the same period. Sheets
with the same `owner` and `period` merge, so IDs must stay unique across them. The second
(and every later) occurrence is reported at its `id`, naming the file and line of the first.
An item that fails schema validation still counts when its `id` can be read.

**Why it matters**: a ref such as `marketing/O1` or `marketing/O1/KR2` must name exactly one
goal; with two, check-ins, parents and scores silently go to whichever comes first.

**Example**:

```yaml
# 2025-Q3/marketing.yaml
objectives:
  - id: O1
    title: Grow organic traffic
# 2025-Q3/marketing-brand.yaml (owner: marketing, period: 2025-Q3)
objectives:
  - id: O1   # also defined in marketing.yaml
    title: Make the brand known in the south
```

**Use instead**: give the second one a free ID:

```yaml
objectives:
  - id: O2
    title: Make the brand known in the south
```
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from okrcli.i18n import N_, _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import (
    FreeIds,
    Written,
    by_id,
    written_items,
    written_key_results,
)
from okrcli.lint.rules.base import Finding, NoOptions, at, paths_of
from okrcli.problem import Level

ID = "duplicate-id"
LEVEL: Level = "error"
Options = NoOptions

_WHAT = {"objectives": N_("objective '{ref}' of {period}"), "kpis": N_("KPI '{ref}' of {period}")}


def check(context: Context, options: Options) -> Iterator[Finding]:
    for key in ("objectives", "kpis"):
        yield from _owner_duplicates(context, key)
    for objective in written_items(context, "objectives"):
        yield from _key_result_duplicates(context, objective)


def _owner_duplicates(context: Context, key: str) -> Iterator[Finding]:
    """Objectives or KPIs that share an id within one owner and period, across sheets."""
    groups = by_id(written_items(context, key))
    taken: dict[tuple[str, str], set[str]] = defaultdict(set)
    for period, owner, item_id in groups:
        taken[(period, owner)].add(item_id)
    free = {scope: FreeIds(ids) for scope, ids in taken.items()}
    for (period, owner, item_id), items in groups.items():
        yield from _later(items, _(_WHAT[key]).format(ref=f"{owner}/{item_id}", period=period), free[(period, owner)])


def _key_result_duplicates(context: Context, objective: Written) -> Iterator[Finding]:
    seen: dict[str, list[Written]] = {}
    for kr in written_key_results(context, objective):
        if kr.id is not None:
            seen.setdefault(kr.id, []).append(kr)
    free = FreeIds(seen)
    for kr_id, items in seen.items():
        if objective.id:
            what = _("key result '{ref}'").format(ref=f"{objective.ref}/{kr_id}")
        else:
            what = _("key result id '{id}' in this objective").format(id=kr_id)
        yield from _later(items, what, free)


def _later(items: list[Written], what: str, free: FreeIds) -> Iterator[Finding]:
    """Every occurrence after the first, pointing back at the first."""
    first = items[0]
    definitions = paths_of(item.doc for item in items)  # one set for the group, not one per finding
    for item in items[1:]:
        suggestion = free.take(item.id or "")
        yield at(
            item.doc, item.path + ("id",),
            _("{what} is also defined at {where}; IDs must be unique, give this one a free id such as '{suggestion}'").format(
                what=what, where=first.where(), suggestion=suggestion
            ),
            involves=definitions,
        )
