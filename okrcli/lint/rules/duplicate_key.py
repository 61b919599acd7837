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

from okrcli.lint.rules.base import NoOptions as Options
from okrcli.lint.rules.base import found_while_loading as check
from okrcli.problem import Level

ID = "duplicate-key"
LEVEL: Level = "error"

__all__ = ["ID", "LEVEL", "Options", "check"]
