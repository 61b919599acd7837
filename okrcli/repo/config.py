"""`.okr.yaml`: one model with every default in one place, and specific errors.

Each rule's options are validated by that rule's own `Options` model, so an unknown rule
or option is named in the error, as yamllint does.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from okrcli.errors import ConfigError
from okrcli.i18n import LANGUAGES, N_, _
from okrcli.load.limits import MAX_BYTES
from okrcli.load.reader import load_bytes
from okrcli.model.core_schema import OutOfRange, show
from okrcli.problem import Level
from okrcli.repo.root import CONFIG_NAME, Unreadable, read_config

MAX_DAYS = 3660  # ten years: any day count in a config is far below; far above, dates overflow
MAX_KPI_CAP = 10.0


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Bands(_Strict):
    green: float = Field(ge=0, le=2, allow_inf_nan=False)
    yellow: float = Field(ge=0, le=2, allow_inf_nan=False)

    @field_validator("yellow")
    @classmethod
    def _not_above_green(cls, value: float, info: ValidationInfo) -> float:
        # Out of order, the yellow band would be empty and green would start below yellow.
        green = info.data.get("green")
        if green is not None and value > green:
            raise ValueError(_("yellow {yellow} is above green {green}; lower yellow or raise green").format(yellow=f"{value:g}", green=f"{green:g}"))
        return value


class Grading(_Strict):
    aspirational: Bands = Bands(green=0.6, yellow=0.4)
    committed: Bands = Bands(green=1.0, yellow=0.7)


class Scorecard(_Strict):
    kpis: float = Field(default=0.6, ge=0, le=1, allow_inf_nan=False)
    key_results: float = Field(default=0.4, ge=0, le=1, allow_inf_nan=False)
    kpi_cap: float = Field(default=1.0, gt=0, le=MAX_KPI_CAP, allow_inf_nan=False)

    @model_validator(mode="after")
    def _some_weight(self) -> Scorecard:
        if self.kpis == 0 and self.key_results == 0:
            raise ValueError(_("kpis and key_results are both 0, so no score could be computed; give at least one a weight above 0"))
        return self


class Config(_Strict):
    number_locale: Literal["en", "vi"] = "en"
    language: Literal["en", "vi"] = "en"
    exclude: list[str] = Field(default_factory=list)
    stale_after_days: int = Field(default=14, ge=1, le=MAX_DAYS)
    grading: Grading = Grading()
    kpi: Bands = Bands(green=1.0, yellow=0.9)
    scorecard: Scorecard = Scorecard()
    rules: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleSetting:
    level: Level | None  # None: disabled
    options: Any  # the rule's own Options model


# Reads the `rules:` of a config (`okrcli.lint.settings.resolve_rules`): the rule registry is
# the lint's, so whoever opens a repository hands it in; `where` names the config in errors.
RuleResolver = Callable[[Config, str], dict[str, RuleSetting]]


@dataclass(frozen=True, slots=True)
class Settings:
    """The validated config and each rule's resolved level and options."""

    config: Config
    rules: dict[str, RuleSetting]
    source: str  # the config text, part of the cache key
    path: Path | None


def load_settings(path: Path | None, rules: RuleResolver, root: Path | None = None) -> Settings:
    """The settings of the config at `path` (the defaults when None), each rule's resolved
    by `rules`; `root` is the repository's, which a config link inside it may not lead out of."""
    text = ""
    config = Config()
    if path is not None:
        config, text = _read(path, root)
    return Settings(config, rules(config, _where(path)), text, path)


def _read(path: Path, root: Path | None) -> tuple[Config, str]:
    try:
        raw = read_config(path, root)
    except Unreadable as err:
        advice = (
            _("give the user running okr read access") if err.denied
            else _("okr reads a config only from a regular file, never through a link out of the repository")
        )
        raise ConfigError(_("{path}: cannot read the config: it is {what}; {advice}").format(path=path, what=err.shown(), advice=advice)) from None
    return parse_config(raw, str(path))


def settings_from_bytes(raw: bytes | None, label: str, rules: RuleResolver) -> Settings:
    """The settings of a config read elsewhere than from a file (a commit's `.okr.yaml`,
    named `label` in messages); the defaults when `raw` is None."""
    config, text = parse_config(raw, label) if raw is not None else (Config(), "")
    return Settings(config, rules(config, label), text, None)


def parse_config(raw: bytes, path: str) -> tuple[Config, str]:
    """A config's bytes validated; ConfigError (exit 2) naming `path` and the position."""
    if len(raw) > MAX_BYTES:
        raise ConfigError(_("{path}: the config is larger than the {size}-byte limit; a config needs a few lines").format(path=path, size=f"{MAX_BYTES:,}"))
    loaded = load_bytes(raw, str(path))
    if loaded.problems:
        first = loaded.problems[0]
        raise ConfigError(f"{path}:{first.line}:{first.column}: {first.message}")
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: " + _("the config must be a mapping of keys, e.g. `number_locale: vi`"))
    try:
        config = Config.model_validate(data)
    except ValidationError as err:
        error = err.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        line, column = loaded.key_position(loc) if error["type"] == "extra_forbidden" else loaded.position(loc)
        raise ConfigError(f"{path}:{line}:{column}: {_config_message(error)}") from None
    return config, raw.decode("utf-8", "replace")


def _config_message(error: Any) -> str:
    dotted = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        parent = _model_for(error["loc"][:-1])
        guess = difflib.get_close_matches(str(error["loc"][-1]), list(parent.model_fields), n=1)
        hint = _("did you mean '{guess}'?").format(guess=guess[0]) if guess else _("allowed: {keys}").format(keys=", ".join(parent.model_fields))
        return _("unknown option '{option}'; {hint}").format(option=dotted, hint=hint)
    if error["type"] == "literal_error":
        return must_be(dotted, error["ctx"]["expected"], error["input"])
    return _("'{option}': {message} (got {given})").format(option=dotted, message=pydantic_message(error), given=show(error.get("input")))


def must_be(option: str, expected: str, given: Any) -> str:
    """`option` must be one of the values pydantic lists as `expected` ("'en' or 'vi'")."""
    choices = expected.replace(" or ", " " + _("or") + " ")
    return _("'{option}' must be {expected}, got {given}").format(option=option, expected=choices, given=show(given))


# pydantic's messages (its own English, kept as it writes them) in the other languages.
_PYDANTIC = {
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "less_than": N_("Input should be less than {lt}"),
    "int_type": N_("Input should be a valid integer"),
    "float_type": N_("Input should be a valid number"),
    "finite_number": N_("Input should be a finite number"),
    "string_type": N_("Input should be a valid string"),
    "bool_type": N_("Input should be a valid boolean"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "string_too_short": N_("String should have at least {min_length} characters"),
    "value_error": N_("Value error, {error}"),
}


def pydantic_message(error: Any) -> str:
    """pydantic's message, in the language of the command (pydantic's own when the catalog
    has no other), unless YAML read a number too large or precise to be one."""
    if isinstance(error.get("input"), OutOfRange):
        return _("Input should be a number below 10^18 with at most 18 significant digits")
    template = _PYDANTIC.get(error["type"], "")
    translated = _(template) if template else ""
    if translated in ("", template):
        return str(error["msg"])
    return translated.format(**error.get("ctx", {}))


def _model_for(loc: tuple[Any, ...]) -> type[BaseModel]:
    model: type[BaseModel] = Config
    for part in loc:
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    return model


def configured_language(path: Path, root: Path) -> str:
    """The `language:` of the config at `path`, read before a command runs since every
    message depends on it: "en" when it is absent, and when the config cannot be read or
    parsed (the command then reports that, as it always does); an invalid value is a
    config error naming the file."""
    if not os.path.lexists(path):
        return "en"
    try:
        raw = read_config(path, root)
    except (Unreadable, OSError):
        return "en"
    if b"language" not in raw or len(raw) > MAX_BYTES:
        return "en"
    loaded = load_bytes(raw, str(path))
    data = loaded.data
    if loaded.problems or not isinstance(data, dict) or "language" not in data:
        return "en"
    value = data["language"]
    if not isinstance(value, str) or value not in LANGUAGES:
        line, column = loaded.position(("language",))
        raise ConfigError(f"{path}:{line}:{column}: " + must_be("language", "'en' or 'vi'", value))
    return value


def _where(path: Path | None) -> str:
    return str(path) if path is not None else CONFIG_NAME
