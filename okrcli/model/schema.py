"""The JSON Schema of a goal sheet, for editors (`okr schema`, `okr init`).

Built from the Pydantic models, so a key added to a model shows up here, then adjusted by
hand where JSON Schema needs help:

* Draft 7, the draft editors and yaml-language-server support best: `definitions`, not
  `$defs`.
* The numeric fields are read by `values.parse_value` (a PlainValidator with no schema of
  its own); here they are a YAML number or a *number-ish* string. The patterns are
  deliberately looser than the parser (the schema must never reject a sheet `okr check`
  accepts); `okr check` gives the precise message.
* `start` and its alias `baseline` are both accepted, as the model accepts both.
* `objectives`, `kpis` and `key_results` may be empty (null), as the validator allows.
* A KPI needs `target` or `done`, a reading `period` or `date` (the models' own checks).
* Pydantic's generated field titles ("Check Ins") give way to descriptions an editor can show,
  and its unused definitions (the dataclasses behind the PlainValidators) are dropped.
"""

from __future__ import annotations

import copy
import json
import re
import typing
from collections.abc import Callable
from typing import Any

from pydantic import PlainValidator
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from okrcli.model import sheet as models
from okrcli.model.periods import FORMS

Schema = dict[str, Any]

DRAFT_7 = "http://json-schema.org/draft-07/schema#"

# One quantity: an optional currency, a sign, digits whose '.' and ',' marks are each
# followed by digits (so "95..99" is not one number), then scale words, % or unit text.
_QUANTITY = r"[$€£¥₫]?\s*[-+−]?\s*[$€£¥₫]?\s*[0-9]+(?:[.,][0-9]+)*[^0-9]*"
NUMBER_PATTERN = rf"^\s*{_QUANTITY}$"
TARGET_PATTERN = rf"^\s*(?:(?:>=|<=|≥|≤|>|<)\s*)?{_QUANTITY}(?:(?:\.\.|[–—])\s*{_QUANTITY})?$"
PERIOD_PATTERN = r"^\s*(?:19|2[0-9])[0-9]{2}(?:-(?:[Hh][12]|[Qq][1-4]|0[1-9]|1[0-2]))?\s*$"
WEIGHT_PATTERN = r"^\s*[-+]?[.,]?[0-9][0-9_.,eE+-]*\s*%\s*$"


def _number_or_text(pattern: str, description: str) -> Schema:
    return {
        "description": description,
        "anyOf": [{"type": "number"}, {"type": "string", "pattern": pattern}],
    }


NUMBER = _number_or_text(
    NUMBER_PATTERN,
    'A YAML number or a string read with the repo\'s number_locale: "120.000", "1,33 triệu", "8.5%", "$400".',
)
TARGET = _number_or_text(
    TARGET_PATTERN,
    'The level to reach: a number, a threshold such as ">= 40%" or "<= 10%", or a band "95..99".',
)
WEIGHT = _number_or_text(WEIGHT_PATTERN, 'A number (default 1) or a percentage such as "40%".')
PERIOD: Schema = {
    "description": f"The period: {FORMS}.",
    "anyOf": [
        {"type": "integer", "minimum": 1900, "maximum": 2999},
        {"type": "string", "pattern": PERIOD_PATTERN},
    ],
}
CHECK_IN_VALUE: Schema = {
    "description": "The value measured: a number as in `current`, or true / false for a milestone.",
    "anyOf": [{"type": "boolean"}, *NUMBER["anyOf"]],
}
INITIATIVE: Schema = {
    "description": "What we will do: a line of text, or {title, owner, status}.",
    "anyOf": [{"type": "string", "pattern": r"\S"}, {"$ref": "#/definitions/Initiative"}],
}

_DESCRIPTIONS = {
    ("KeyResult", "start"): "The baseline the key result starts from (alias `baseline`).",
    ("KeyResult", "baseline"): "The baseline the key result starts from (alias of `start`).",
    ("KeyResult", "current"): "The latest value; if absent, the latest check-in's value.",
    ("KeyResult", "done"): "A milestone key result: true or false, and no `target`.",
    ("Objective", "parent"): "The objective this one aligns to: owner/O1, or 2025:company/O1.",
    ("CheckIn", "confidence"): "How sure the owner is of reaching the target, 0..1.",
    ("", "closed"): "Written by `okr close`: the day the period's values became final.",
    ("Objective", "carried_from"): "Written by `okr rollover`: the objective this one continues, e.g. 2025-Q2:marketing/O2.",
    ("Objective", "retro"): "What we learned, shown in the report.",
    ("Objective", "final"): "Written by `okr close`: the objective's final score and grade.",
    ("KeyResult", "links"): "Evidence: dashboards, issues, documents.",
    ("KPI", "final"): "Written by `okr close`: the KPI's final achievement and grade.",
}


def sheet_schema() -> Schema:
    """The Draft-7 JSON Schema of one goal sheet."""
    definitions = _model_definitions()
    header = definitions.pop("SheetHeader")
    _adjust(definitions)
    properties = {**_plain_properties(header), "objectives": _list_of("Objective"), "kpis": _list_of("KPI")}
    return _without_unused({
        "$schema": DRAFT_7,
        "title": "okr goal sheet",
        "description": "Objectives, key results and KPIs of one owner for one period; see `okr rules`.",
        "type": "object",
        "additionalProperties": False,
        "required": header["required"],
        "properties": properties,
        "definitions": dict(sorted(definitions.items())),
    })


def _model_definitions() -> dict[str, Schema]:
    top = [(model, "validation") for model in (models.SheetHeader, models.Objective, models.KPI)]
    _, schema = models_json_schema(top, ref_template="#/definitions/{model}", schema_generator=_SheetSchemaGenerator)  # type: ignore[arg-type]
    return dict(schema["$defs"])


class _SheetSchemaGenerator(GenerateJsonSchema):
    """Gives each PlainValidator of the models its schema; an unknown one is a bug here."""

    def function_plain_schema(self, schema: core_schema.PlainValidatorFunctionSchema) -> JsonSchemaValue:
        function = schema["function"]["function"]
        for known, value in _plain_schemas():
            if function is known:
                return copy.deepcopy(value)
        raise TypeError(f"okrcli.model.schema has no JSON schema for the validator {getattr(function, '__qualname__', function)}")


def _plain_schemas() -> list[tuple[Callable[..., Any], Schema]]:
    initiative_item = typing.get_args(models.Objective.model_fields["initiatives"].annotation)[0]
    return [
        (_plain(models.Number), NUMBER),
        (_plain(models.Target), TARGET),
        (_plain(models.Weight), WEIGHT),
        (_plain(models.PeriodField), PERIOD),
        (_plain(initiative_item), INITIATIVE),
        (_field_plain(models.CheckIn, "value"), CHECK_IN_VALUE),
    ]


def _plain(annotated: Any) -> Callable[..., Any]:
    """The function of the PlainValidator in `Annotated[T, PlainValidator(f)]`."""
    return _first_plain(typing.get_args(annotated)[1:])


def _field_plain(model: type[models.Model], name: str) -> Callable[..., Any]:
    return _first_plain(model.model_fields[name].metadata)


def _first_plain(metadata: typing.Iterable[Any]) -> Callable[..., Any]:
    return next(m.func for m in metadata if isinstance(m, PlainValidator))


def _adjust(definitions: dict[str, Schema]) -> None:
    """The hand adjustments the module docstring lists."""
    key_result = definitions["KeyResult"]
    key_result["properties"] = _with_start(key_result["properties"])
    definitions["Objective"]["properties"]["key_results"] = _list_of("KeyResult")
    # A KPI is scored against a target or a done flag; a reading is dated one way.
    definitions["KPI"]["anyOf"] = [{"required": ["target"]}, {"required": ["done"]}]
    definitions["Reading"]["anyOf"] = [{"required": ["period"]}, {"required": ["date"]}]
    for name, definition in definitions.items():
        definition["properties"] = _plain_properties(definition, name)


def _with_start(properties: Schema) -> Schema:
    """`start` beside its alias `baseline`, in the order a sheet writes them."""
    adjusted: Schema = {}
    for key, value in properties.items():
        if key == "baseline":
            adjusted["start"] = copy.deepcopy(value)
        adjusted[key] = value
    return adjusted


def _plain_properties(definition: Schema, name: str = "") -> Schema:
    """Properties without Pydantic's generated titles ("Check Ins"), with our descriptions."""
    properties: Schema = {}
    for key, value in definition["properties"].items():
        value = _lift_description(_simple_nullable({k: v for k, v in value.items() if k != "title"}))
        description = _DESCRIPTIONS.get((name, key))
        properties[key] = {**value, "description": description} if description else value
    return properties


def _simple_nullable(value: Schema) -> Schema:
    """`anyOf: [{type: boolean}, {type: null}]` as `type: [boolean, null]`, so that a wrong
    value is reported as "not of type 'boolean'" rather than "not valid under any schema"."""
    branches = value.get("anyOf", [])
    if len(branches) == 2 and branches[1] == {"type": "null"} and list(branches[0]) == ["type"]:
        rest = {k: v for k, v in value.items() if k != "anyOf"}
        return {"type": [branches[0]["type"], "null"], **rest}
    return value


def _lift_description(value: Schema) -> Schema:
    """Editors show the description of the property, not of a branch inside its `anyOf`."""
    for branch in value.get("anyOf", []):
        if "description" in branch:
            inner = {k: v for k, v in branch.items() if k != "description"}
            others = [b if b is not branch else inner for b in value["anyOf"]]
            return {"description": branch["description"], **value, "anyOf": others}
    return value


def _without_unused(schema: Schema) -> Schema:
    """Drop definitions nothing refers to: pydantic also emits the dataclasses (Value,
    Period) that sit behind the PlainValidators, which a sheet never spells out."""
    used: set[str] = set()
    pending = [{k: v for k, v in schema.items() if k != "definitions"}]
    while pending:
        node = pending.pop()
        for name in _refs(node) - used:
            used.add(name)
            pending.append(schema["definitions"][name])
    schema["definitions"] = {k: v for k, v in schema["definitions"].items() if k in used}
    return schema


def _refs(node: Any) -> set[str]:
    """The definition names a schema refers to, at any depth."""
    text = json.dumps(node)
    return set(re.findall(r'"\$ref": "#/definitions/([^"]+)"', text))


def _list_of(definition: str) -> Schema:
    """A list of items, or nothing at all (`objectives:` left empty is not an error).

    A type list rather than `anyOf`, so that a bad item is reported at the item itself."""
    return {"type": ["array", "null"], "items": {"$ref": f"#/definitions/{definition}"}}


def schema_text() -> str:
    """The schema as `okr schema` prints it and `okr init` writes it."""
    return json.dumps(sheet_schema(), ensure_ascii=False, indent=2) + "\n"
