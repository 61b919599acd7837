"""A `# okr: disable=` comment that suppresses nothing.

**What it does**: reports each rule named in a suppression comment that hid no problem of
that rule (where the comment stands: its line, the next line, or the file), a rule name
that does not exist (with a did-you-mean), a rule the config disables already, a bare
`# okr: disable` that hid nothing, and a `disable-file` outside the file's first comment
block, where it does nothing. A comment that names `unused-suppression` itself is never
reported for that name.

**Why it matters**: a suppression outlives the problem it hid; left behind, it silently
hides the next, real problem on that line. A misspelt rule name suppresses nothing at all.

**Fix**: safe: `okr check --fix` removes each rule name that suppresses nothing
(`# okr: disable=a,b` → `# okr: disable=a`, the reason kept), and the whole comment when
it hides nothing at all or would be left naming none.

**Example**:

```yaml
objectives:
  - id: O1
    title: Grow sustainable traffic  # okr: disable=vauge-wording -- legacy title
```

**Use instead**: no comment where nothing needs hiding, and the exact rule ID where something does:

```yaml
objectives:
  - id: O1
    title: Grow sustainable traffic
```
"""

from __future__ import annotations

from okrcli.lint.rules.base import NoOptions as Options
from okrcli.lint.rules.base import found_while_loading as check
from okrcli.problem import Level

ID = "unused-suppression"
LEVEL: Level = "warning"
FIX = "safe"

__all__ = ["FIX", "ID", "LEVEL", "Options", "check"]
