"""Wrong types, missing required fields, unknown keys and unreadable values.

**What it does**: validates every sheet against the format of the sheet (period, owner,
objectives, key results, KPIs, check-ins): unknown keys (with "did you mean"), missing
required keys, text where a number belongs, numbers that cannot be read in the repo's
`number_locale`, bad periods and dates, confidence outside 0..1, a percent mixed with a bare
fraction. An unknown key that is a near miss of a missing required key is one message.

**Why it matters**: a typo such as `taget:` would otherwise leave a key result without a
target, and a mis-read number scores a goal wrongly.

**Fix**: unsafe, as it changes what the sheet means: `okr check --unsafe-fixes` renames an
unknown key that has a single did-you-mean (`taget` → `target`), unless the renamed key
would bring a problem of its own. Every other schema problem is fixed by hand.

**Example**:

```yaml
key_results:
  - id: KR1
    titel: Organic share reaches 40%
    target: ">= 40%"
```

**Use instead**:

```yaml
key_results:
  - id: KR1
    title: Organic share reaches 40%
    target: ">= 40%"
```
"""

from __future__ import annotations

from okrcli.lint.rules.base import NoOptions as Options
from okrcli.lint.rules.base import found_while_loading as check
from okrcli.problem import Level

ID = "schema"
LEVEL: Level = "error"
FIX = "unsafe"

__all__ = ["FIX", "ID", "LEVEL", "Options", "check"]
