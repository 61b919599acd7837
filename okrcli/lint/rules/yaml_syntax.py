"""Unparsable YAML, reported at the parser's position.

**What it does**: reports a file that is not valid YAML (bad indentation, tabs, an unclosed
bracket or quote, invalid UTF-8, a second `---` document), with the line and column where
the parser stopped.

**Why it matters**: nothing else in a file that does not parse can be checked or scored.

**Example**:

```yaml
objectives:
  - id: O1
	title: Tab-indented
```

**Use instead**: indent with spaces:

```yaml
objectives:
  - id: O1
    title: Space-indented
```
"""

from __future__ import annotations

from okrcli.lint.rules.base import NoOptions as Options
from okrcli.lint.rules.base import found_while_loading as check
from okrcli.problem import Level

ID = "yaml-syntax"
LEVEL: Level = "error"

__all__ = ["ID", "LEVEL", "Options", "check"]
