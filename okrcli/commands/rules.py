"""`okr rules [RULE]`: every rule of `okr check`, documented from its own module."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.commands.common import ConfigOption, RepoOption, choose, config_path, start_dir
from okrcli.errors import UsageError
from okrcli.i18n import _

if TYPE_CHECKING:
    from okrcli.lint.rules.base import Rule
    from okrcli.reporters.rules_formats import RuleDoc

FORMATS = ("text", "json", "markdown")



SUMMARY = 'List the rules of okr check; RULE documents one.'
EXAMPLES = (
    ('okr rules', 'Every rule, its level in this repository and its options.'),
    ('okr rules vague-wording', "One rule's documentation, with an example."),
)

def rules(
    rule: Annotated[str | None, typer.Argument(metavar="RULE", help="Show this rule's full documentation.", show_default=False)] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, json or markdown.", show_default=False)] = None,
    repo: RepoOption = None,
    config: ConfigOption = None,
) -> int:
    """List every rule with its level, options and what it catches; RULE documents one."""
    chosen = choose(format, FORMATS, "--format", "text")
    # Imported here: the rules pull in pydantic, which `okr check` loads only when it lints.
    from okrcli.lint.rules import RULES
    from okrcli.reporters import rules_formats

    if rule is None:
        docs = [describe(m) for m in RULES.values()]
        getattr(rules_formats, f"{chosen}_list")(_as_here(docs, repo, config) if chosen == "text" else docs)
    else:
        getattr(rules_formats, f"{chosen}_rule")(describe(_find(rule, RULES)))
    return 0


def _as_here(docs: list[RuleDoc], repo: Path | None, config: Path | None) -> list[RuleDoc]:
    """The rules with the level and options of the repository okr runs in (its .okr.yaml or
    --config read): what `okr check` there applies."""
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.root import find_root
    from okrcli.repo.workspace import settings_for

    base = start_dir(repo)
    settings = settings_for(find_root(base), config_path(config, base), resolve_rules).rules
    return [replace(d, applies=settings[d.id].level or "disable", options=settings[d.id].options.model_dump(mode="json")) for d in docs]


def _find(rule: str, registry: dict[str, Rule]) -> Rule:
    if rule in registry:
        return registry[rule]
    guess = difflib.get_close_matches(rule, list(registry), n=1)
    hint = _("did you mean '{guess}'?").format(guess=guess[0]) if guess else _("run `okr rules` for the list")
    raise UsageError(_("unknown rule '{rule}'; {hint}").format(rule=rule, hint=hint))


def describe(module: Rule) -> RuleDoc:
    """A rule's documentation record: default levels, option defaults and docstring."""
    from okrcli.lint.rules.docs import documentation, summary_line
    from okrcli.reporters.rules_formats import RuleDoc

    options = module.Options().model_dump(mode="json")
    fix = getattr(module, "FIX", None)  # only a fixable rule names how safely
    return RuleDoc(module.ID, _levels(module), options, summary_line(module), documentation(module), fix=fix)


def _levels(module: Rule) -> dict[str, str]:
    """The default level under each number_locale; only ambiguous-number's depends on it."""
    from okrcli.repo.config import Config

    if not hasattr(module, "default_level"):
        return {"en": module.LEVEL, "vi": module.LEVEL}
    return {locale: module.default_level(Config(number_locale=locale)) for locale in ("en", "vi")}
