"""Unit texts that disagree within one key result or KPI.

**What it does**: compares the unit texts written in the values of one key result or KPI
(`start`, `target`, `current` or `actual`, check-in values, readings) and its `unit:`, without
case and diacritics (`VND` is `vnd`, `dong` is `đồng`), a currency symbol being its code
(`$` is `USD`, `€` is `EUR`, `£` is `GBP`, `¥` is `JPY`, `₫` and `đ` are `VND`); a value
without unit text agrees with any. Among the values, one without `%` beside a percent
disagrees too, except a bare fraction such as 0.36, which the `schema` rule reports. (`unit:`
is text only: `unit: "% of plan"` beside `97` says what 97 counts.) Each disagreeing value is
reported at its position, naming the text it disagrees with: the `unit:` when it is written,
else the target's, else the first value written with one.

**Why it matters**: okr scores the numbers, not the units: `actual: "950 VND"` against
`target: ">= 1.000 USD"` reads as 95 % of the target, and `actual: 308` beside
`target: ">= 95%"` scores a count as a percent. A sheet with this error is left out of the
scores until the values agree.

**Example**:

```yaml
kpis:
  - id: K1
    title: Giá trị đơn hàng trung bình
    target: ">= 40 USD"
    actual: "950.000 VND"
```

**Use instead**: one unit in every value of the item (a currency is converted, not renamed):

```yaml
kpis:
  - id: K1
    title: Giá trị đơn hàng trung bình
    target: ">= 40 USD"
    actual: "38 USD"
```
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.load.reader import YamlPath
from okrcli.load.validate import SheetDoc
from okrcli.model.core_schema import show
from okrcli.model.values import Locale, Value, fold
from okrcli.problem import Level

ID = "unit-mismatch"
LEVEL: Level = "error"
Options = NoOptions


@dataclass(frozen=True, slots=True)
class _Written:
    """A value (or the `unit:`) of one item, with the unit it is written in."""

    name: str  # "current", "the check-in of 2025-07-14", "`unit:`"
    path: YamlPath
    unit: str | None  # the unit text as written, without the %
    percent: bool
    value: Value | None  # None for `unit:`
    field: bool = False  # a field of the item (`current`), not a check-in or a reading

    @property
    def shown(self) -> str:
        """How a message names it: `current: "950 VND"`, `the check-in of 2025-07-14 (value: 94)`,
        `unit: "VND"` (made only for a message: most values never need it)."""
        if self.value is None:
            return f"unit: {show(self.unit or '')}"
        if self.field:
            return f"{self.name}: {self.value.written}"
        return _("{label} (value: {value})").format(label=self.name, value=self.value.written)


def check(context: Context, options: Options) -> Iterator[Finding]:
    locale = context.settings.config.number_locale
    for doc, _objective, kr in context.key_results():
        named = [("start", kr.start), ("target", kr.target), ("current", kr.current)]
        yield from _item(doc, kr.path, _written(kr.path, named, kr.check_ins, []), kr.unit, locale)
    for doc, kpi in context.kpis():
        named = [("target", kpi.target), ("actual", kpi.actual)]
        yield from _item(doc, kpi.path, _written(kpi.path, named, kpi.check_ins, kpi.readings), kpi.unit, locale)


def _written(path: YamlPath, named: list[tuple[str, Value | None]], check_ins: Sequence[Any], readings: Sequence[Any]) -> list[_Written]:
    """The item's values in the order they are written: fields, check-ins, readings."""
    found = [_Written(name, path + (name,), value.unit, value.percent, value, True) for name, value in named if isinstance(value, Value)]
    for key, items, label in (("check_ins", check_ins, _check_in_label), ("readings", readings, _reading_label)):
        for i, item in enumerate(items):
            if isinstance(item.value, Value):
                found.append(_Written(label(item), path + (key, i, "value"), item.value.unit, item.value.percent, item.value))
    return found


def _check_in_label(check_in: Any) -> str:
    return _("the check-in of {date}").format(date=check_in.date.isoformat())


def _reading_label(reading: Any) -> str:
    when = str(reading.period) if reading.period is not None else reading.date.isoformat()
    return _("the reading of {when}").format(when=when)


def _item(doc: SheetDoc, path: YamlPath, values: list[_Written], unit: str | None, locale: Locale) -> Iterator[Finding]:
    declared = _declared(path, unit)
    written = [declared, *values] if declared is not None else values
    text_reference = _reference([w for w in written if w.unit])
    percent_reference = _reference([w for w in values if w.percent])
    for value in values:
        if text_reference is not None and value.unit and _same(value.unit) != _same(text_reference.unit or ""):
            yield at(doc, value.path, _text_message(value, text_reference))
        elif percent_reference is not None and not value.percent and not _fraction(value):
            yield at(doc, value.path, _percent_message(value, percent_reference, locale))


def _declared(path: YamlPath, unit: str | None) -> _Written | None:
    """The `unit:` is unit text only: `unit: "% of plan"` beside `97` is a way to say what the
    number counts, not a claim that 97 is written as a percent."""
    text = (unit or "").strip()
    return _Written("`unit:`", path + ("unit",), text, False, None) if text else None


def _reference(candidates: list[_Written]) -> _Written | None:
    """What the others must agree with: the `unit:`, else the target, else the first written."""
    if not candidates:
        return None
    target = next((w for w in candidates if w.name == "target"), None)
    return candidates[0] if candidates[0].value is None or target is None else target


def _same(unit: str) -> str:
    """A unit text as compared: no case, no diacritics, one space, a currency as its code."""
    text = " ".join(unicodedata.normalize("NFC", unit).casefold().split())
    folded = fold(_CURRENCIES.get(text, text))
    return _CURRENCIES.get(folded, folded)


# Sheets write money both ways ("$180k" beside `unit: USD`, "120.000₫" beside "150.000 VND").
_CURRENCIES = {
    "$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₫": "vnd", "đ": "vnd", "vnđ": "vnd", "đồng": "vnd", "dong": "vnd",
}


def _fraction(value: _Written) -> bool:
    """A bare 0 < |x| <= 1 beside a percent: the schema's percent-mix error, not this rule's."""
    number = value.value.number if value.value is not None else None
    return number is not None and 0 < abs(number) <= 1


def _text_message(value: _Written, reference: _Written) -> str:
    correct = "`unit:`" if reference.value is None else _("the unit of {name}").format(name=reference.name)
    return (
        _(
            "{shown} is in {unit}, but {reference} is in {reference_unit}; "
            "write {name} in {reference_unit} too (converted, if it was measured in {unit}), or correct {correct}"
        ).format(shown=value.shown, unit=value.unit, reference=reference.shown, reference_unit=reference.unit, name=value.name, correct=correct)
    )


def _percent_message(value: _Written, reference: _Written, locale: Locale) -> str:
    assert value.value is not None
    as_percent = replace(value.value, percent=True, unit=None).display(locale)  # ">= 95" → ">= 95%"
    return (
        _(
            "{shown} has no %, but {reference} is a percent; "
            "write {name} as a percent (\"{as_percent}\") if it is one, or give {reference_name} in the unit of {name}"
        ).format(shown=value.shown, reference=reference.shown, name=value.name, as_percent=as_percent, reference_name=reference.name)
    )
