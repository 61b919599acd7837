"""Each rule's level and options from the `rules:` of `.okr.yaml`: defaults filled in one place
(a rule's own `LEVEL`, or its `default_level(config)`), and errors that name the rule and
the option, as yamllint's do. An unknown rule ID fails loudly, with a guess."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from okrcli.errors import ConfigError
from okrcli.i18n import _
from okrcli.lint.rules import RULES
from okrcli.lint.rules.base import Rule
from okrcli.model.core_schema import show
from okrcli.problem import Level
from okrcli.repo.config import Config, RuleSetting, pydantic_message
from okrcli.repo.root import CONFIG_NAME


def resolve_rules(config: Config, where: str = CONFIG_NAME) -> dict[str, RuleSetting]:
    raw = config.rules
    for rule_id in raw:
        if rule_id not in RULES:
            guess = difflib.get_close_matches(str(rule_id), list(RULES), n=1)
            hint = _("did you mean '{guess}'?").format(guess=guess[0]) if guess else _("run `okr rules` for the list")
            raise ConfigError(_("{where}: unknown rule '{rule}' under `rules:`; {hint}").format(where=where, rule=rule_id, hint=hint))
    return {rule_id: _rule_setting(rule_id, module, raw.get(rule_id), where, config) for rule_id, module in RULES.items()}


def _rule_setting(rule_id: str, module: Rule, raw: Any, where: str, config: Config) -> RuleSetting:
    """A rule's level (its module's default, which may depend on the config) and options."""
    level: Level | None = module.default_level(config) if hasattr(module, "default_level") else module.LEVEL
    options: dict[str, Any] = {}
    if raw in ("disable", False):
        level = None
    elif raw in ("enable", True, None):
        pass
    elif isinstance(raw, dict):
        options = dict(raw)
        level = _level(rule_id, options.pop("level", level), where)
    else:
        message = _("{where}: rule '{rule}' takes `disable`, `enable` or a mapping of options, got {given}")
        raise ConfigError(message.format(where=where, rule=rule_id, given=show(raw)))
    try:
        return RuleSetting(level, module.Options.model_validate(options))
    except ValidationError as err:
        error = err.errors(include_url=False)[0]
        option = ".".join(str(p) for p in error["loc"])
        if error["type"] == "extra_forbidden":
            known = ", ".join(["level", *module.Options.model_fields]) or "level"
            raise ConfigError(_("{where}: rule '{rule}' has no option '{option}'; options: {known}").format(
                where=where, rule=rule_id, option=option, known=known)) from None
        raise ConfigError(_("{where}: rule '{rule}', option '{option}': {message} (got {given})").format(
            where=where, rule=rule_id, option=option, message=pydantic_message(error), given=show(error.get("input")))) from None


def _level(rule_id: str, raw: Any, where: str) -> Level | None:
    if raw in ("error", "warning"):
        return raw  # type: ignore[no-any-return]
    if raw == "disable":
        return None
    message = _("{where}: rule '{rule}', option 'level' must be error, warning or disable, got {given}")
    raise ConfigError(message.format(where=where, rule=rule_id, given=show(raw)))
