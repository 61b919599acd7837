"""A plain YAML float written like a thousands-grouped number (`308.000`).

**What it does**: reports every unquoted number written as `d.ddd` groups, such as
`308.000` or `1.250.000`. It is an error under `number_locale: vi` and a warning under `en`.

**Why it matters**: YAML reads an unquoted `308.000` as the float 308.0, so a Vietnamese
"308 nghìn" silently becomes 308, a thousand times too small, and every score built on it is
wrong. Quoting the text lets okr read it with the repo's `number_locale`.

**Example**:

```yaml
target: 308.000
```

**Use instead**: quote it (read by `number_locale`), or write the plain number:

```yaml
target: "308.000"   # number_locale: vi
target: 308000
```
"""

from __future__ import annotations

from typing import Iterator

from okrcli.config import Config
from okrcli.problem import Level
from okrcli.rules.base import Context, Finding, NoOptions as Options

ID = "ambiguous-number"
LEVEL = "error"


def default_level(config: Config) -> Level:
    return "error" if config.number_locale == "vi" else "warning"


def check(context: Context, options: Options) -> Iterator[Finding]:
    vi = context.settings.config.number_locale == "vi"
    for doc in context.workspace.docs:
        for (line, column), text in doc.loaded.grouped_floats:
            digits = text.replace(".", "")
            if vi:
                meaning = f"quote it to mean {int(digits):,} (\"{text}\"), or write {digits}"
            else:
                meaning = f"write {digits} (or \"{text.replace('.', ',')}\") if you mean {int(digits):,}, or {float(text):g} if you mean that"
            yield Finding(doc.path, line, column, f"YAML reads the unquoted {text} as {float(text):g}; {meaning}")
