"""The same key twice in one mapping.

**What it does**: reports the second occurrence of a key in a mapping.

**Why it matters**: YAML keeps only the last value, so the first one is silently lost:
a `target` written twice means one of them was never the target.

**Example**:

```yaml
- id: KR1
  target: 100
  target: 120
```

**Use instead**: keep one:

```yaml
- id: KR1
  target: 120
```
"""

from __future__ import annotations

from typing import Iterator

from okrcli.rules.base import Context, Finding, RuleOptions

ID = "duplicate-key"
LEVEL = "error"
STAGE = True  # found while loading and validating; the engine takes them from the documents


class Options(RuleOptions):
    pass


def check(context: Context, options: Options) -> Iterator[Finding]:
    return iter(())
