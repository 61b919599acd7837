"""Fewer than 2 key results in one objective.

**What it does**: counts the key results written under each objective, including any that
fail schema validation, and reports an objective with fewer than `min` (default 2) at the
objective's item (the line of its first key, normally `id`).

**Why it matters**: one key result is usually the objective restated as a number, and
moving that one number can be gamed. Two or three outcomes that pull against each other
(volume and quality, speed and cost) show the objective is really reached.

**Example**:

```yaml
objectives:
  - id: O1
    title: Make onboarding effortless
    key_results:
      - id: KR1
        title: Activation rate reaches 60% (from 38%)
```

**Use instead**: add a key result that balances the first one:

```yaml
      - id: KR2
        title: Support tickets per new account fall to 0.2 (from 0.5)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from okrcli.i18n import _, ngettext
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import written_items, written_key_results
from okrcli.lint.rules.base import MAX_COUNT, Finding, RuleOptions, at
from okrcli.problem import Level

ID = "min-key-results"
LEVEL: Level = "warning"


class Options(RuleOptions):
    min: int = Field(default=2, ge=1, le=MAX_COUNT)


def check(context: Context, options: Options) -> Iterator[Finding]:
    for objective in written_items(context, "objectives"):
        if not isinstance(objective.data, dict) or _not_a_list(objective.data):
            continue  # the schema rule reports a malformed objective; counting it would repeat that
        count = len(written_key_results(context, objective))
        if count < options.min:
            name = _("objective '{ref}'").format(ref=objective.ref) if objective.id else _("this objective")
            if count == 0:
                written = _("no key results")
            else:
                written = ngettext("only {count} key result", "only {count} key results", count).format(count=count)
            yield at(
                objective.doc, objective.path,
                _(
                    "{name} has {written}; write at least {min} measurable "
                    "outcomes that together show it is reached (e.g. one for volume, one for quality)"
                ).format(name=name, written=written, min=options.min),
            )


def _not_a_list(objective: dict[object, object]) -> bool:
    written = objective.get("key_results")
    return written is not None and not isinstance(written, list)
