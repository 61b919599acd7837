"""A plain YAML float written like a thousands-grouped number (`308.000`).

**What it does**: reports every unquoted number written as `d.ddd` groups, such as
`308.000` or `1.250.000`. It is an error under `number_locale: vi` and a warning under `en`.

**Why it matters**: YAML reads an unquoted `308.000` as the float 308.0, so a Vietnamese
"308 nghìn" silently becomes 308, a thousand times too small, and every score built on it is
wrong. Quoting the text lets okr read it with the repo's `number_locale`.

**Fix**: safe, under `number_locale: vi`: `okr check --fix` quotes the number
(`308.000` → `"308.000"`), which the locale reads as the 308000 it means. Under `en` the
meaning is not clear (308 or 308 thousand?), so the fix is left to you.

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

from collections.abc import Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules.base import Finding, NoOptions
from okrcli.model.values import Locale, format_number
from okrcli.problem import Level
from okrcli.repo.config import Config

ID = "ambiguous-number"
LEVEL: Level = "error"
FIX = "safe"
Options = NoOptions


def default_level(config: Config) -> Level:
    return "error" if config.number_locale == "vi" else "warning"


def check(context: Context, options: Options) -> Iterator[Finding]:
    locale = context.settings.config.number_locale
    for doc in context.workspace.docs:
        for (line, column), text in doc.loaded.grouped_floats:
            yield Finding(doc.path, line, column, _message(text, locale))


def _message(text: str, locale: Locale) -> str:
    """Every number in the message written as the repo's readers read numbers: under vi
    "281,000" would read as 281, so the thousands it means are written "281.000"."""
    digits = text.replace(".", "")
    grouped, read = format_number(float(digits), locale), format_number(float(text), locale)
    if locale == "vi":
        meaning = _("quote it to mean {grouped} (\"{text}\"), or write {digits}").format(grouped=grouped, text=text, digits=digits)
    else:
        comma = text.replace(".", ",")
        meaning = _("write {digits} (or \"{comma}\") if you mean {grouped}, or {read} if you mean that").format(
            digits=digits, comma=comma, grouped=grouped, read=read
        )
    return _("YAML reads the unquoted {text} as {read}; {meaning}").format(text=text, read=read, meaning=meaning)
