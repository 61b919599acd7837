"""A YAML file under the root that is not a goal sheet.

**What it does**: reports a `.yaml`/`.yml` file whose top level is not a mapping with at
least one of `period`, `owner`, `objectives`, `kpis`. Such files are reported, never skipped
silently.

**Why it matters**: a sheet whose top level was mangled would otherwise vanish from every
score without anyone noticing.

**Example**:

```yaml
- id: O1
  title: A list instead of a sheet
```

**Use instead**: a sheet, or list the file under `exclude:` in `.okr.yaml`:

```yaml
period: 2025-Q3
owner: marketing
objectives:
  - id: O1
    title: Grow sustainable traffic
```
"""

from __future__ import annotations

from okrcli.lint.rules.base import NoOptions as Options
from okrcli.lint.rules.base import found_while_loading as check
from okrcli.problem import Level

ID = "not-a-sheet"
LEVEL: Level = "warning"

__all__ = ["ID", "LEVEL", "Options", "check"]
