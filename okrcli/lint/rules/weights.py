"""Negative weights, weights that are all zero, or key-result weights written as percentages that do not sum to 100.

**What it does**: reports a negative `weight` on an objective, a key result or a KPI, at
the weight. When every key result of an objective weighs 0 (or less), it reports that the
objective has no score, at the first key result's weight; likewise when every objective of
an owner in a period weighs 0, for the owner's score. When the key results of one
objective give their weights as percentages (`weight: "40%"`), it reports, at the first
percentage, percentages that do not add up to 100 and key results of that objective left
without a percentage (they would weigh 1, that is 1 %).

**Why it matters**: a negative weight turns progress into a penalty and can push a score
outside 0..1. A weighted mean with no weight has no value: an objective whose key results
all weigh 0 shows no score and stays `pending` however far its key results got.
Percentages that add up to 90 or 110 usually mean a key result was added or dropped
without rebalancing the others, so the weights no longer say what the team agreed.

**Example**:

```yaml
key_results:
  - id: KR1
    weight: "50%"
  - id: KR2
    weight: "40%"
```

**Use instead**: make the percentages add up to 100, or write plain numbers, which need not:

```yaml
key_results:
  - id: KR1
    weight: "60%"
  - id: KR2
    weight: "40%"
```
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from okrcli.i18n import N_, _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import (
    Written,
    by_owner,
    written_items,
    written_key_results,
)
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.model.values import Locale, format_number
from okrcli.problem import Level

ID = "weights"
LEVEL: Level = "warning"
Options = NoOptions

_WHAT = {
    "objectives": N_("objective weight {weight} is negative; write a positive weight such as 1, or 0 to leave it out of the score"),
    "key_results": N_("key result weight {weight} is negative; write a positive weight such as 1, or 0 to leave it out of the score"),
    "kpis": N_("KPI weight {weight} is negative; write a positive weight such as 1, or 0 to leave it out of the score"),
}


@dataclass(frozen=True, slots=True)
class _Weight:
    value: float
    percent: bool


def check(context: Context, options: Options) -> Iterator[Finding]:
    locale = context.settings.config.number_locale
    for key in ("objectives", "kpis"):
        for item in written_items(context, key):
            yield from _negative(item, locale)
    for objective in written_items(context, "objectives"):
        key_results = written_key_results(context, objective)
        for kr in key_results:
            yield from _negative(kr, locale)
        yield from _percentages(objective, key_results, locale)
        name = _("objective '{ref}'").format(ref=objective.ref) if objective.id else _("this objective")
        yield from _no_weight(key_results, _("every key result of {name} weighs 0 or less, so the objective has no score").format(name=name))
    for (period, owner), objectives in by_owner(written_items(context, "objectives")).items():
        what = _("every objective of owner '{owner}' in {period} weighs 0 or less, so the owner has no score")
        yield from _no_weight(objectives, what.format(owner=owner, period=period))


def _no_weight(items: list[Written], what: str) -> Iterator[Finding]:
    """Items whose weights are all written, none above 0 and one exactly 0 (negative ones
    are reported one by one): their weighted mean has no value."""
    written = [item for item in items if isinstance(item.data, dict)]
    weights = [_written_weight(item) for item in written]
    if not written or any(w is None or w.value > 0 or w.percent for w in weights):
        return  # a default weight (1) counts; percentages have their own check
    if all(w is not None and w.value < 0 for w in weights):
        return
    yield at(
        written[0].doc, written[0].path + ("weight",),
        _("{what} (a weighted mean needs some weight); give them weights such as 1, or remove `weight:` (it defaults to 1)").format(what=what),
    )


def _negative(item: Written, locale: Locale) -> Iterator[Finding]:
    weight = _written_weight(item)
    if weight is not None and weight.value < 0:
        what = _WHAT[next(p for p in reversed(item.path) if isinstance(p, str))]
        shown = format_number(weight.value, locale) + ("%" if weight.percent else "")
        yield at(
            item.doc, item.path + ("weight",),
            _(what).format(weight=shown),
        )


def _percentages(objective: Written, key_results: list[Written], locale: Locale) -> Iterator[Finding]:
    """Percent KR weights must cover every KR of the objective and add up to 100."""
    written = [kr for kr in key_results if isinstance(kr.data, dict)]
    if not all(_has_readable_weight(kr) for kr in written):
        return  # a sum missing an unreadable weight would be wrong; the schema rule reports it
    weights = [(kr, _written_weight(kr)) for kr in written]
    percent = [(kr, w) for kr, w in weights if w is not None and w.percent]
    if not percent:
        return
    plain = [_kr_name(objective, kr) for kr, w in weights if w is None or not w.percent]
    name = _("objective '{ref}'").format(ref=objective.ref) if objective.id else _("this objective")
    message = _percent_message(name, plain, sum(w.value for _, w in percent), locale)
    if message is not None:
        first = percent[0][0]
        yield at(first.doc, first.path + ("weight",), message)


def _percent_message(name: str, plain: list[str], total: float, locale: Locale) -> str | None:
    if plain:
        return (
            _(
                "key-result weights of {name} mix percentages with plain ones "
                "({plain} without a percentage); give every key result a percentage, "
                "adding up to 100%"
            ).format(name=name, plain=", ".join(plain))
        )
    if abs(total - 100) > 1e-6:
        return (
            _(
                "key-result weights of {name} add up to {total}%, not 100%; "
                "rebalance them to add up to 100%, or write plain weights such as 1 and 2"
            ).format(name=name, total=format_number(round(total, 4), locale))
        )
    return None


def _kr_name(objective: Written, kr: Written) -> str:
    if kr.id is None:
        return _("a key result")
    return f"{objective.ref}/{kr.id}" if objective.id else kr.id


def _has_readable_weight(item: Written) -> bool:
    """No weight (the default 1) or one that can be read; an unreadable one is a schema error."""
    return item.data.get("weight") is None or _written_weight(item) is not None


def _written_weight(item: Written) -> _Weight | None:
    """The weight as written: a number, or a percentage like "40%" (read as 40)."""
    written: Any = item.data.get("weight") if isinstance(item.data, dict) else None
    if isinstance(written, str) and written.strip().endswith("%"):
        try:
            value = float(written.strip()[:-1].replace(",", "."))
        except ValueError:
            return None
        return _Weight(value, True) if math.isfinite(value) else None
    if isinstance(written, (int, float)) and not isinstance(written, bool) and math.isfinite(written):
        return _Weight(float(written), False)
    return None
