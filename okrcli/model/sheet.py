"""Pydantic models of a sheet. Pure: no I/O, no positions, no printing.

Validation is strict on purpose: `"yes"` is not a bool, `1` is not a title, `nan` is not a
number. Numeric fields go through `values.parse_value` with the repo's `number_locale`,
passed as the validation context: `Model.model_validate(data, context={"locale": "vi"})`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from okrcli.i18n import _
from okrcli.model.core_schema import LIMIT, show
from okrcli.model.periods import Period, PeriodError, parse_day, parse_period
from okrcli.model.values import Value, ValueSyntaxError, format_number, parse_value

Path = tuple[Any, ...]


def fail(kind: str, message: str, field: str | None = None) -> PydanticCustomError:
    """A validation error whose message is final; `field` points the problem at that key."""
    return PydanticCustomError(f"okr_{kind}", "{reason}", {"reason": message, "field": field})


def _value_validator(*, comparator: bool = False, band: bool = False) -> Callable[[object, ValidationInfo], Value]:
    def validate(raw: object, info: ValidationInfo) -> Value:
        locale = (info.context or {}).get("locale", "en")
        try:
            return parse_value(raw, locale=locale, allow_comparator=comparator, allow_band=band)
        except ValueSyntaxError as err:
            raise fail("value", str(err)) from None

    return validate


_NUMBER = _value_validator()


def _date(raw: object) -> object:
    if isinstance(raw, str):
        try:
            return parse_day(raw)
        except ValueError:
            raise fail("date", _("cannot read {given} as a date; write YYYY-MM-DD, e.g. 2025-07-14").format(given=show(raw))) from None
    return raw


def _period(raw: object) -> Period:
    if isinstance(raw, Period):
        return raw
    try:
        return parse_period(raw)
    except PeriodError as err:
        raise fail("period", str(err)) from None


class PercentWeight(float):
    """A weight written as a percentage ("40%"); its value is the number of percent."""


def _weight(raw: object) -> float:
    """A weight is a number, or a percentage such as "40%" (then KR weights should sum to 100),
    finite and below 10^18 in size like any value, so no sum of weights overflows."""
    weight, held = math.nan, False
    if isinstance(raw, str) and raw.strip().endswith("%"):
        try:
            weight = PercentWeight(raw.strip()[:-1].replace(",", "."))
        except ValueError:
            pass
        held = math.isfinite(weight) and abs(weight) < LIMIT
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        held = abs(raw) < LIMIT and math.isfinite(raw)  # in this order: a huge int is no float
        weight = float(raw) if held else weight
    if not held:
        raise fail("weight", _("cannot read {given} as a weight; write a number like 1 or 0.5, or a percentage like \"40%\"").format(given=show(raw)))
    return weight


def _slug(text: str, info: ValidationInfo) -> str:
    """An owner, team or id is a part of a ref (`owner/O1/KR2`, `2025-Q3:owner/K1`): letters
    (any script, with their accents), digits, `-`, `_` and `.`, so that `/` and `:` keep
    separating the parts and a space, a line break or a control character cannot hide in one."""
    if _WORDS.fullmatch(text):
        return text  # the common case, without a loop over the characters
    wrong = next((char for char in text if not _slug_char(char)), None)
    if wrong is None:
        return unicodedata.normalize("NFC", text)  # `Lành` typed as l-a-grave or a + combining grave: one owner
    name = info.field_name or "value"
    example = "-".join(part for part in "".join(c if _slug_char(c) else " " for c in text).split())
    hint = _(", e.g. '{example}'").format(example=example) if example else ""
    raise fail("slug", _(
        "{name} '{text}' holds {what}, which cannot be part of a ref like owner/O1/KR1; use letters, digits, '-', '_' and '.' only"
    ).format(name=name, text=text, what=_describe(wrong)) + hint)


_WORDS = re.compile(r"[\w.-]+")


def _slug_char(char: str) -> bool:
    return char.isalnum() or char in "-_." or unicodedata.category(char).startswith("M")


def _describe(char: str) -> str:
    if char in " \t":
        return _("a space") if char == " " else _("a tab")
    if char in "\n\r\x85\u2028\u2029":
        return _("a line break")
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return _("the invisible character U+{code}").format(code=f"{ord(char):04X}")
    return f"'{char}'"


# Looser than `_slug` (JSON Schema has no Unicode letter class), never stricter.
SLUG_PATTERN = r"^[^\s/:\x00-\x1f\x7f-\x9f]+$"
Slug = Annotated[str, Field(min_length=1, json_schema_extra={"pattern": SLUG_PATTERN}), AfterValidator(_slug)]

Number = Annotated[Value, PlainValidator(_NUMBER)]
Target = Annotated[Value, PlainValidator(_value_validator(comparator=True, band=True))]
Day = Annotated[dt.date, BeforeValidator(_date)]
PeriodField = Annotated[Period, PlainValidator(_period)]
Weight = Annotated[float, PlainValidator(_weight)]
Text = Annotated[str, Field(min_length=1)]
Fraction = Annotated[float, Field(ge=0, le=1)]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, populate_by_name=True, allow_inf_nan=False,
        arbitrary_types_allowed=True,
    )

    @property
    def path(self) -> Path:
        """Where this item sits in its sheet's YAML, e.g. ("objectives", 0, "key_results", 1)."""
        private = self.__pydantic_private__
        return private["path"] if private else ()

    def place(self, path: Path) -> None:
        """Record where the item sits. Kept in pydantic's private slot rather than in a
        declared PrivateAttr, whose per-instance set-up costs more than the validation."""
        object.__setattr__(self, "__pydantic_private__", {"path": path})


def _check_in_value(raw: object, info: ValidationInfo) -> bool | Value:
    """A check-in records a number, or true/false for a milestone."""
    if isinstance(raw, bool):
        return raw
    return _NUMBER(raw, info)


class CheckIn(Model):
    date: Day
    value: Annotated[bool | Value, PlainValidator(_check_in_value)]
    confidence: Fraction | None = None
    note: str | None = None


class Initiative(Model):
    title: Text
    owner: str | None = None
    status: str | None = None


def _initiative(raw: object, info: ValidationInfo) -> str | Initiative:
    """An initiative is a line of text or a mapping {title, owner, status}."""
    if isinstance(raw, str) and raw.strip():
        return raw
    if isinstance(raw, dict):
        return Initiative.model_validate(raw, context=info.context)
    raise fail("initiative", _("an initiative is a line of text or a mapping with `title:` (and `owner:`, `status:`); got {given}").format(given=show(raw)))


class KeyResult(Model):
    id: Slug
    title: Text
    start: Number | None = Field(default=None, alias="baseline")
    target: Target | None = None
    current: Number | None = None
    done: bool | None = None
    unit: str | None = None
    weight: Weight = 1.0
    owner: Slug | None = None
    check_ins: list[CheckIn] = Field(default_factory=list)
    links: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> KeyResult:
        if self.done is not None and self.target is not None:
            raise fail("kind", _("a key result has either a `target` or `done:` (a milestone), not both; remove one"), "done")
        _check_percent_mix(self.target, {"start": self.start, "current": self.current}, self.check_ins, "check_ins", info)
        return self

    @property
    def is_milestone(self) -> bool:
        return self.done is not None or (self.target is None and any(isinstance(c.value, bool) for c in self.check_ins))


class Reading(Model):
    period: PeriodField | None = None
    date: Day | None = None
    value: Number

    @model_validator(mode="after")
    def _when(self) -> Reading:
        if (self.period is None) == (self.date is None):
            raise fail("reading", _("a reading has a `period` (2025-07) or a `date` (2025-07-31); write one of them"))
        return self


Grade = Literal["green", "yellow", "red"]


class ObjectiveFinal(Model):
    """An objective's score and grade frozen by `okr close`."""

    score: Annotated[float, Field(ge=0, le=1)]
    grade: Grade


class KPIFinal(Model):
    """A KPI's achievement and grade frozen by `okr close`; an achievement may pass 1."""

    achievement: Annotated[float, Field(gt=-LIMIT, lt=LIMIT)]
    grade: Grade


class KPI(Model):
    id: Slug
    title: Text
    target: Target | None = None
    actual: Number | None = None
    done: bool | None = None
    unit: str | None = None
    weight: Weight = 1.0
    owner: Slug | None = None
    type: Literal["lag", "lead"] | None = None
    category: Literal["quantity", "quality", "time", "cost"] | None = None
    frequency: str | None = None
    readings: list[Reading] = Field(default_factory=list)
    check_ins: list[CheckIn] = Field(default_factory=list)
    final: KPIFinal | None = None

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> KPI:
        if self.target is None and self.done is None:
            raise fail("kind", _("a KPI needs a `target` (e.g. target: \">= 95%\") or `done: true/false`; add one"))
        # Which one would score it is a guess either way, so neither wins: as for a key result.
        if self.target is not None and self.done is not None:
            raise fail("kind", _("a KPI has either a `target` or `done:` (true/false), not both; remove one"), "done")
        _check_percent_mix(self.target, {"actual": self.actual}, self.readings, "readings", info)
        return self


class Objective(Model):
    id: Slug
    title: Text
    kind: Literal["aspirational", "committed"] = "aspirational"
    parent: str | None = None
    weight: Weight = 1.0
    owner: Slug | None = None
    key_results: list[KeyResult] = Field(default_factory=list)
    initiatives: list[Annotated[str | Initiative, PlainValidator(_initiative)]] = Field(default_factory=list)
    carried_from: Text | None = None  # the ref it continues, with its period: 2025-Q2:marketing/O2
    retro: Text | None = None
    final: ObjectiveFinal | None = None


class SheetHeader(Model):
    """The top-level fields; objectives and KPIs are validated one by one so that one bad
    item does not hide the problems of the others."""

    period: PeriodField
    owner: Slug
    level: Literal["company", "team", "individual"] = "team"
    team: Slug | None = None
    closed: Day | None = None  # written by `okr close`: the period's values are final

    @model_validator(mode="after")
    def _closed_after_the_end(self) -> SheetHeader:
        """A period is closed once it has ended (SPEC 3.1): a `closed:` day within it would
        freeze values the period may still change."""
        if self.closed is not None and self.closed <= self.period.end:
            raise fail("closed", _(
                "closed: {day} is not after {period} ends ({end}); okr close writes a day after the period's end: remove "
                "`closed:` and the `final:` entries, and run okr close once the period has ended"
            ).format(day=self.closed.isoformat(), period=self.period.text, end=self.period.end.isoformat()), "closed")
        return self


def _check_percent_mix(
    target: Value | None, fields: dict[str, Value | None], history: list[Any], key: str, info: ValidationInfo,
) -> None:
    """A percent beside a bare fraction (`40%` against `0.36`) is ambiguous: 0.36 % or 36 %?"""
    named: list[tuple[str, Any]] = [("target", target), *fields.items()]
    named += [(f"{key}.{i}.value", item.value) for i, item in enumerate(history)]
    values = [(name, v) for name, v in named if isinstance(v, Value)]
    percent = next((v for _, v in values if v.percent), None)
    if percent is None:
        return
    for name, value in values:
        if not value.percent and value.number is not None and 0 < abs(value.number) <= 1:
            hundredfold = value.number.scaleb(2)  # 0.07 → 7, exactly
            shown = format_number(hundredfold, (info.context or {}).get("locale", "en"))
            raise fail(
                "percent_mix",
                _("{value} is a bare fraction beside the percent {percent}; write it as a percent too: \"{shown}%\"").format(
                    value=value.written, percent=percent.written, shown=shown),
                name,
            )
