"""A sheet path okr cannot read safely: a symlink out of the root or in a loop, a FIFO, a device, no permission.

**What it does**: reports, at line 1 column 1, every `*.yaml` / `*.yml` path under the root
that is not a regular file okr may read: a symlink that loops, dangles, leads out of the
repository or into a dot folder; a FIFO, a device node or a socket; a file or folder whose
permissions keep okr out. The path is never opened: okr looks at it without following it
and reads only regular files inside the repository. A symlink to a sheet inside the
repository is fine. The sheet is left out of scores.

**Why it matters**: a goals repository arrives from pull requests and CI caches. A committed
link to `/etc/passwd` or `~/.ssh/id_rsa` must not be read and printed by `okr score`, a FIFO
must not hang the pre-commit hook, `/dev/zero` must not fill memory, and a sheet nobody can
read must not drop out of the scores without a word.

**Example**: a committed symlink that leads out of the repository:

```yaml
# 2025-Q3/growth.yaml -> ../../shared/growth.yaml   (git stores the link, not the file)
```

**Use instead**: the sheet itself, committed inside the repository:

```yaml
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow sustainable traffic
```
"""

from __future__ import annotations

from okrcli.lint.rules.base import NoOptions as Options
from okrcli.lint.rules.base import found_while_loading as check
from okrcli.problem import Level

ID = "unreadable-file"
LEVEL: Level = "error"

__all__ = ["ID", "LEVEL", "Options", "check"]
