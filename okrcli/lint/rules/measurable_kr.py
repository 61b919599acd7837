"""A key result with no numeric target that is not a milestone.

**What it does**: reports a key result that has no `target` and no `done:` (nor true/false
check-ins, which also make it a milestone), so there is nothing to score it against. The
problem is placed at the start of the key result (its first key, normally `- id:`), where
the missing `target:` belongs.

**Why it matters**: a key result has to be measurable, by a number or at least by done/not
done; without a target its score is undefined and the objective's score silently ignores
what the team set out to do.

**Example**:

```yaml
key_results:
  - id: KR2
    title: Organic share of traffic
    current: 36%
```

**Use instead**: give it a target, with a `start` for a metric or a comparator for a
threshold; or make it a milestone with `done: false`.

```yaml
key_results:
  - id: KR2
    title: Organic share of traffic ≥ 40%
    target: ">= 40%"
    current: 36%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.examples import example, fits
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.problem import Level

ID = "measurable-kr"
LEVEL: Level = "error"
Options = NoOptions

EXAMPLE_EN = "Organic share of traffic reaches 40% (from 36%)"
EXAMPLE_VI = "Tỷ lệ khách hàng quay lại đạt 35% (từ 27%)"


def check(context: Context, options: Options) -> Iterator[Finding]:
    for doc, objective, kr in context.key_results():
        if kr.target is not None or kr.is_milestone:
            continue
        yield at(doc, kr.path, _message(f"{doc.owner}/{objective.id}/{kr.id}", kr.title))


def _message(ref: str, title: str) -> str:
    if not fits(title):  # no subject to go by: the forms a target takes
        return _(
            "key result '{ref}' has no target; add `target:` "
            "(e.g. target: 120 with `start:`, \">= 40%\" or a band \"95..99\"), "
            "or `done: false` if it is a milestone"
        ).format(ref=ref)
    return _(
        "key result '{ref}' has no target; add `target:` and `start:` for the outcome it should reach, "
        "e.g. '{example}', or `done: false` if it is a milestone"
    ).format(ref=ref, example=example(title, EXAMPLE_EN, EXAMPLE_VI))
