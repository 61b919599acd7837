"""A number in an objective title.

**What it does**: reports an objective whose title contains a number: a run of digits that
does not follow a letter, such as `300`, `8,5`, `2025` or the `40` of `40%`. Digits inside a
name (`B2B`, `Q3`, `Web3`, `P1`) are not numbers. The problem is placed at the first number
when the title is written on one line (plain, or quoted without escapes), else at the start of
the title; every number found is named in the message.

**Why it matters**: an objective states a direction people can rally behind; its key results
carry the numbers that say when it is reached. A number in the objective is a key result in
the wrong place, and it is not scored there.

**Example**:

```yaml
objectives:
  - id: O1
    title: Đạt 300 tỷ doanh thu năm 2025
```

**Use instead**: keep the direction in the objective and move the number to a key result.

```yaml
objectives:
  - id: O1
    title: Bứt phá doanh thu từ kênh online
    key_results:
      - id: KR1
        title: Doanh thu năm 2025 đạt 300 tỷ đồng
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules.base import Finding, NoOptions, in_text
from okrcli.problem import Level

ID = "objective-number"
LEVEL: Level = "warning"
Options = NoOptions

# Digits not glued to a letter before them (B2B, Q3 are names), with their grouping marks
# and a following percent sign.
NUMBER = re.compile(r"(?<![^\W\d_])\d+(?:[.,]\d+)*%?")


def check(context: Context, options: Options) -> Iterator[Finding]:
    for doc, objective in context.objectives():
        numbers = list(NUMBER.finditer(objective.title))
        if not numbers:
            continue
        shown = ", ".join(f"'{text}'" for text in dict.fromkeys(number.group() for number in numbers))
        message = _(
            "objective title has a number ({numbers}); an objective states a direction and its "
            "key results carry the numbers: move the number into a key result"
        ).format(numbers=shown)
        path = objective.path + ("title",)
        yield in_text(context, doc, path, objective.title, numbers[0].start(), message)
