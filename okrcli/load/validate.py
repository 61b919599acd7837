"""Loaded YAML → validated models, and every validation error → a located Problem.

Objectives, key results and KPIs are validated one by one, so one bad item neither hides
the problems of its neighbours nor keeps the other rules from running on them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from okrcli.i18n import N_, _
from okrcli.load.reader import Loaded, Position, YamlPath
from okrcli.model.core_schema import OutOfRange, show
from okrcli.model.kinds import formula_problem, kpi_problem, kr_kind
from okrcli.model.periods import Period
from okrcli.model.sheet import KPI, KeyResult, KPIFinal, Objective, ObjectiveFinal, SheetHeader
from okrcli.model.values import format_number
from okrcli.problem import Problem


@dataclass(slots=True)
class SheetDoc:
    """One file: what was loaded, what validated, and the problems found on the way."""

    loaded: Loaded
    header: SheetHeader | None = None
    objectives: list[Objective] = field(default_factory=list)
    kpis: list[KPI] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.loaded.path

    @property
    def is_sheet(self) -> bool:
        return self.header is not None

    @property
    def owner(self) -> str:
        return self.header.owner if self.header else ""

    @property
    def period(self) -> Period | None:
        return self.header.period if self.header else None

    @property
    def has_errors(self) -> bool:
        return any(p.level == "error" for p in self.loaded.problems + self.problems)

    def raw(self, path: YamlPath) -> Any:
        """The loaded (pre-validation) data at `path`, None where nothing was written there."""
        return _at(self.loaded.data, path)

    def written(self, path: YamlPath) -> Any:
        """`raw`, of a lean sheet (`Loaded.lean`) only the keys `okrcli.load.written` keeps."""
        return _at(self.loaded.written, path)

    def position(self, path: YamlPath) -> Position:
        return self.loaded.position(path)

    def key_position(self, path: YamlPath) -> Position:
        return self.loaded.key_position(path)


def _at(node: Any, path: YamlPath) -> Any:
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def validate(loaded: Loaded, locale: str = "en") -> SheetDoc:
    doc = SheetDoc(loaded)
    data = loaded.data
    if data is None and loaded.problems:
        return doc
    if not isinstance(data, dict) or not any(key in data for key in ("period", "owner", "objectives", "kpis")):
        doc.problems.append(_not_a_sheet(loaded))
        return doc
    _Validator(doc, {"locale": locale}).run(data)
    _share_bookkeeping([doc.header] if doc.header is not None else [])
    _share_bookkeeping(doc.objectives)
    _share_bookkeeping(doc.kpis)
    return doc


def validate_lean(loaded: Loaded, locale: str = "en") -> SheetDoc:
    """`validate`, then a sheet without a problem keeps only what `okr check` reads of its
    data (`Loaded.lean`)."""
    doc = validate(loaded, locale)
    if doc.is_sheet and not doc.problems and not loaded.problems:
        loaded.lean()
    return doc


def _not_a_sheet(loaded: Loaded) -> Problem:
    line, column = loaded.position(())
    return Problem(
        loaded.path, line, column, "not-a-sheet", "warning",
        _(
            "not a goal sheet: the top level needs `period:` and `owner:` with `objectives:` or `kpis:`; "
            "fix it, or list the file under `exclude:` in .okr.yaml"
        ),
    )


M = TypeVar("M", bound=BaseModel)
# An unknown key and its one guess: `okr check --unsafe-fixes` reads them back (okrcli.lint.fix).
UNKNOWN_KEY = N_("unknown key '{key}' in {what}; {hint}")
DID_YOU_MEAN = N_("did you mean '{guess}'?")

_WHAT = {
    SheetHeader: N_("sheet"), Objective: N_("objective"), KeyResult: N_("key result"), KPI: N_("KPI"),
    ObjectiveFinal: N_("final"), KPIFinal: N_("final"),
}


class _Validator:
    def __init__(self, doc: SheetDoc, context: dict[str, Any]) -> None:
        self.doc = doc
        self.context = context

    def run(self, data: dict[Any, Any]) -> None:
        header = {k: v for k, v in data.items() if k not in ("objectives", "kpis")}
        self.doc.header = self._model(SheetHeader, header, ())
        for index, item in self._items(data, "objectives"):
            objective = self._objective(item, ("objectives", index))
            if objective is not None:
                self.doc.objectives.append(objective)
        for index, item in self._items(data, "kpis"):
            kpi = self._model(KPI, item, ("kpis", index))
            if kpi is not None:
                self._formula(kpi.path, kpi_problem(kpi, self.context["locale"]))
                self.doc.kpis.append(kpi)

    def _items(self, data: dict[Any, Any], key: str, base: YamlPath = ()) -> list[tuple[int, Any]]:
        items = data.get(key)
        if items is None:
            return []
        if not isinstance(items, list):
            self._problem(base + (key,), _("`{name}` must be a list, each item starting with '- ' on its own line").format(name=key))
            return []
        return list(enumerate(items))

    def _objective(self, item: Any, path: YamlPath) -> Objective | None:
        if not isinstance(item, dict):
            return self._model(Objective, item, path)
        fields = {k: v for k, v in item.items() if k != "key_results"}
        objective = self._model(Objective, fields, path)
        results = [self._model(KeyResult, kr, path + ("key_results", i)) for i, kr in self._items(item, "key_results", path)]
        for kr in results:
            if kr is not None and kr_kind(kr) is not None:  # no target at all is `measurable-kr`'s
                self._formula(kr.path, formula_problem(kr, self.context["locale"]))
        if objective is not None:
            objective.key_results = [kr for kr in results if kr is not None]
        return objective

    def _formula(self, path: YamlPath, problem: str | None) -> None:
        """A target no value could ever be scored against (a zero or negative denominator,
        a start on the wrong side) is a schema error: SPEC 2.2."""
        if problem is not None:
            self._problem(path + ("target",), _("this cannot be scored: {problem}").format(problem=problem))

    def _model(self, model: type[M], data: Any, path: YamlPath) -> M | None:
        try:
            validated = model.model_validate(data, context=self.context)
        except ValidationError as err:
            self._report(model, data, path, err)
            return None
        _set_paths(validated, path)
        return validated

    def _report(self, model: type[BaseModel], data: Any, path: YamlPath, err: ValidationError) -> None:
        errors = err.errors(include_url=False)
        missing = _missing_by_parent(errors)
        merged: set[tuple[Any, ...]] = set()
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                guess = _closest(str(loc[-1]), missing.get(loc[:-1], []))
                if guess is not None:
                    merged.add(loc[:-1] + (guess,))
                self._unknown_key(model, path, loc, guess)
        for error in errors:
            loc = tuple(error["loc"]) + _field(error)
            if error["type"] == "invalid_key":
                self._not_text_key(model, path, loc[:-1], error["input"])
            elif error["type"] != "extra_forbidden" and loc not in merged:
                self._problem(path + loc, _message(model, error, data), missing=error["type"] == "missing")

    def _unknown_key(self, model: type[BaseModel], path: YamlPath, loc: tuple[Any, ...], guess: str | None) -> None:
        key = loc[-1]
        owner = _model_at(model, loc[:-1])
        if guess is None:
            guess = _closest(str(key), _keys(owner))
        hint = _(DID_YOU_MEAN).format(guess=guess) if guess else _("allowed keys: {keys}").format(keys=", ".join(_keys(owner)))
        what = _(_WHAT[owner]) if owner in _WHAT else owner.__name__.lower()
        line, column = self.doc.key_position(path + loc)
        message = _(UNKNOWN_KEY).format(key=key, what=what, hint=hint)
        self.doc.problems.append(Problem(self.doc.path, line, column, "schema", "error", message))

    def _not_text_key(self, model: type[BaseModel], path: YamlPath, parent: tuple[Any, ...], key: Any) -> None:
        """A key YAML reads as a number, a bool, a date or null (`ScalarKey`), named as written."""
        owner = _model_at(model, parent)
        what = _(_WHAT[owner]) if owner in _WHAT else owner.__name__.lower()
        kind = _(_KEY_KINDS.get(type(getattr(key, "value", key)), _A_VALUE))
        line, column = self.doc.key_position(path + parent + (key,))
        self.doc.problems.append(Problem(
            self.doc.path, line, column, "schema", "error",
            _("unknown key '{key}' in {what}: YAML reads it as {kind}, not as text; allowed keys: {keys}").format(
                key=key, what=what, kind=kind, keys=", ".join(_keys(owner))
            ),
        ))

    def _problem(self, path: YamlPath, message: str, missing: bool = False) -> None:
        target = path[:-1] if missing else path
        line, column = self.doc.position(target)
        self.doc.problems.append(Problem(self.doc.path, line, column, "schema", "error", message))


_A_VALUE, _ITEM = N_("a value"), N_("item")
_KEY_KINDS: dict[type, str] = {
    bool: N_("true or false"), int: N_("a number"), float: N_("a number"), type(None): N_("null (no value)"),
    dt.date: N_("a date"),
}


def _field(error: Any) -> tuple[Any, ...]:
    """The key a whole-model check blames, e.g. ("check_ins", 2, "value")."""
    named = (error.get("ctx") or {}).get("field")
    if not named:
        return ()
    return tuple(int(part) if part.isdigit() else part for part in named.split("."))


def _set_paths(model: Any, path: YamlPath) -> None:
    model.place(path)
    for key in _CHILDREN.get(type(model), ()):
        for index, child in enumerate(model.__dict__[key]):
            _set_paths(child, path + (key, index))


def _share_bookkeeping(models: list[Any]) -> None:
    """Pydantic gives each model a set of the fields it was given and okr a record of its
    path; both repeat from sheet to sheet (the same keys, the same places), and at 68 models a
    sheet their copies weighed more than the data. Every model keeps equal, shared ones. Both
    stay what pydantic expects (a set, a dict): `model_copy` gives the copy its own, and
    nothing changes them in place (validation is over; `place` replaces the record)."""
    stack = list(models)
    while stack:
        model = stack.pop()
        given = model.__pydantic_fields_set__
        object.__setattr__(model, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozenset(given), given))
        record = model.__pydantic_private__
        if record is not None:
            object.__setattr__(model, "__pydantic_private__", _PLACES.setdefault(record["path"], record))
        for key in _CHILDREN.get(type(model), ()):
            stack.extend(model.__dict__[key])


_FIELD_SETS: dict[frozenset[str], set[str]] = {}
_PLACES: dict[YamlPath, dict[str, YamlPath]] = {}

_CHILDREN: dict[type[BaseModel], tuple[str, ...]] = {
    Objective: ("key_results",), KeyResult: ("check_ins",), KPI: ("readings", "check_ins"),
}


def _keys(model: type[BaseModel]) -> list[str]:
    names = []
    for name, info in model.model_fields.items():
        names.append(name)
        if info.alias:
            names.append(info.alias)
    return list(dict.fromkeys(names + _NESTED.get(model, [])))


_NESTED: dict[type[BaseModel], list[str]] = {Objective: ["key_results"], SheetHeader: ["objectives", "kpis"]}


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model class that owns the mapping at `loc` (e.g. ("check_ins", 2) → CheckIn)."""
    current = model
    for part in loc:
        info = current.model_fields.get(part) if isinstance(part, str) else None
        if info is None:
            continue
        inner = _inner_model(info.annotation)
        if inner is not None:
            current = inner
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _missing_by_parent(errors: list[Any]) -> dict[tuple[Any, ...], list[str]]:
    """The missing keys of each mapping (a misspelt key is matched against its own mapping's
    only: one pass, however many items have errors)."""
    found: dict[tuple[Any, ...], list[str]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and isinstance(loc[-1], str):
            found.setdefault(loc[:-1], []).append(loc[-1])
    return found


def _closest(word: str, options: list[str]) -> str | None:
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return found[0] if found else None


def _message(model: type[BaseModel], error: Any, data: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    name = next((p for p in reversed(loc) if isinstance(p, str)), "value")
    given = error.get("input")
    if kind.startswith("okr_"):
        return str(error["msg"])
    if kind == "missing":
        owner = _(_WHAT.get(_model_at(model, loc[:-1]), _ITEM))
        return _("missing required key `{name}` in this {owner}; add `{name}: …`").format(name=name, owner=owner)
    return _TEMPLATES.get(kind, _fallback)(name, given, error)


def _fallback(name: str, given: Any, error: Any) -> str:
    return _("`{name}`: {message} (got {given}); fix the value").format(name=name, message=error["msg"], given=show(given))


def _literal(name: str, given: Any, error: Any) -> str:
    expected = error.get("ctx", {}).get("expected") or _("one of the listed values")
    return _("`{name}` must be {expected}; got {given}").format(name=name, expected=expected, given=show(given))


def _not_text(name: str, given: Any, error: Any) -> str:
    """Text was expected: quoting the value as written makes it text."""
    if given is None:
        return _("`{name}` is empty (null); write the {name}").format(name=name)
    if isinstance(given, (list, dict)):
        return _("`{name}` must be text, got {given}; write it as one line of text").format(name=name, given=show(given))
    return _("`{name}` must be text, got {given}; write it in quotes: {name}: {quoted}").format(name=name, given=show(given), quoted=show(show(given)))


def _not_number(what: str) -> Callable[[str, Any, Any], str]:
    def message(name: str, given: Any, error: Any) -> str:
        hint = _(_CONFIDENCE) if name == "confidence" else ""
        if isinstance(given, OutOfRange):  # a number in YAML's eyes, just not one a value may be
            return _("`{name}` must be {what} below 10^18 with at most 18 significant digits, got {given}{hint}").format(
                name=name, what=_(what), given=show(given), hint=hint
            )
        return _("`{name}` must be {what}, got {given}{hint}").format(name=name, what=_(what), given=show(given), hint=hint)

    return message


def _bound(word: str, key: str) -> Callable[[str, Any, Any], str]:
    def message(name: str, given: Any, error: Any) -> str:
        hint = _(_CONFIDENCE) if name == "confidence" else ""
        return _(word).format(name=name, bound=format_number(float(error["ctx"][key])), given=show(given), hint=hint)

    return message


_CONFIDENCE = N_("; write a number between 0 and 1, e.g. 0.7 for 70 %")

_TEMPLATES: dict[str, Callable[[str, Any, Any], str]] = {
    "string_type": _not_text,
    "string_too_short": lambda n, g, e: _("`{name}` is empty; write a {name}").format(name=n),
    "bool_type": lambda n, g, e: _("`{name}` must be true or false, got {given}").format(name=n, given=show(g)),
    "float_type": _not_number(N_("a number")),
    "int_type": _not_number(N_("a whole number")),
    "finite_number": lambda n, g, e: _("`{name}` must be a finite number, got {given}").format(name=n, given=show(g))
    + (_(_CONFIDENCE) if n == "confidence" else ""),
    "greater_than_equal": _bound(N_("`{name}` must be at least {bound}, got {given}{hint}"), "ge"),
    "less_than_equal": _bound(N_("`{name}` must be at most {bound}, got {given}{hint}"), "le"),
    "list_type": lambda n, g, e: _("`{name}` must be a list, each item starting with '- ' on its own line").format(name=n),
    "model_type": lambda n, g, e: _("each item here must be a mapping of keys (id:, title:, …), got {given}").format(given=show(g)),
    "model_attributes_type": lambda n, g, e: _("each item here must be a mapping of keys (id:, title:, …), got {given}").format(given=show(g)),
    "dict_type": lambda n, g, e: _("`{name}` must be a mapping of keys, got {given}").format(name=n, given=show(g)),
    "date_type": lambda n, g, e: _("`{name}` must be a date written YYYY-MM-DD, got {given}").format(name=n, given=show(g)),
    "literal_error": _literal,
}
