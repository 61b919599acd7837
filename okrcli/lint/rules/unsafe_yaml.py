"""YAML features a goal sheet never needs and an attacker could abuse.

**What it does**: reports non-core tags (`!!python/object`, `!custom`), more than a small
number of aliases, an alias that contains itself, nesting deeper than 32 levels, more than
200,000 values and files over 2 MiB. Nothing in a file is ever constructed or executed; the
file is rejected at the first such feature.

**Why it matters**: `okr check` runs on every commit and in CI on files from pull requests;
an alias bomb or a deep nest must not hang or exhaust the machine.

**Example**:

```yaml
owner: !!python/object/apply:os.system ["echo hi"]
```

**Use instead**: plain values:

```yaml
owner: marketing
```
"""

from __future__ import annotations

from okrcli.lint.rules.base import NoOptions as Options
from okrcli.lint.rules.base import found_while_loading as check
from okrcli.problem import Level

ID = "unsafe-yaml"
LEVEL: Level = "error"

__all__ = ["ID", "LEVEL", "Options", "check"]
