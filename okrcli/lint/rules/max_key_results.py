"""More than 3 key results in one objective.

**What it does**: counts the key results written under each objective, including any that
fail schema validation, and reports every one past the limit (`max`, default 3) at its item.

**Why it matters**: an objective is reached when a few outcomes move. Beyond three key
results the team loses sight of which ones matter, and the list usually hides tasks or a
second objective.

**Example**:

```yaml
key_results:
  - id: KR1
  - id: KR2
  - id: KR3
  - id: KR4   # the fourth key result
```

**Use instead**: keep the three that best show the objective is reached; move the rest to
`initiatives`, or to an objective of their own. A team that wants four sets
`rules: {max-key-results: {max: 4}}` in `.okr.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import written_items, written_key_results
from okrcli.lint.rules.base import MAX_COUNT, Finding, RuleOptions, at
from okrcli.problem import Level

ID = "max-key-results"
LEVEL: Level = "error"


class Options(RuleOptions):
    max: int = Field(default=3, ge=1, le=MAX_COUNT)


def check(context: Context, options: Options) -> Iterator[Finding]:
    for objective in written_items(context, "objectives"):
        key_results = written_key_results(context, objective)
        count = len(key_results)
        name = _("objective '{ref}'").format(ref=objective.ref) if objective.id else _("this objective")
        for kr in key_results[options.max :]:
            yield at(
                kr.doc, kr.path,
                _(
                    "{name} has {count} key results, more than {max}; keep the "
                    "{max} that best show it is reached and move this one to `initiatives` "
                    "or to an objective of its own"
                ).format(name=name, count=count, max=options.max),
            )
