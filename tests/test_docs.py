"""Every rule and command is documented, and the README's rule table is `okr rules`' output."""

from __future__ import annotations

import inspect

import click
import pytest
import typer
from conftest import PROJECT, run_okr
from ruamel.yaml import YAML

from okrcli.cli import app
from okrcli.lint.rules import RULES
from okrcli.lint.rules.base import Rule
from okrcli.lint.settings import resolve_rules
from okrcli.repo.config import Config

SECTIONS = ("**What it does**", "**Why it matters**", "**Example**", "**Use instead**")
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


@pytest.mark.parametrize("module", RULES.values(), ids=list(RULES))
def test_rule_docstring_has_every_section_in_order(module: Rule) -> None:
    doc = inspect.cleandoc(module.__doc__ or "")
    summary = doc.splitlines()[0] if doc else ""
    assert summary.endswith(".") and not summary.startswith("TODO"), f"{module.ID}: first line must say what the rule catches"
    where = [doc.find(section) for section in SECTIONS]
    assert -1 not in where, f"{module.ID}: docstring lacks {[s for s, i in zip(SECTIONS, where, strict=False) if i < 0]}"
    assert where == sorted(where), f"{module.ID}: sections must come in the order {SECTIONS}"
    assert "```yaml" in doc[where[2]:], f"{module.ID}: the Example needs a ```yaml block"


def test_readme_rule_table_is_generated() -> None:
    readme = PROJECT / "README.md"
    table = run_okr("rules", "--format", "markdown").out
    hint = f"paste the output of `okr rules --format markdown` between {START} and {END} in README.md"
    assert readme.is_file(), f"README.md is missing; {hint}"
    text = readme.read_text(encoding="utf-8")
    assert START in text and END in text, f"README.md has no rule-table markers; {hint}"
    between = text.split(START, 1)[1].split(END, 1)[0]
    assert between.strip("\n") == table.strip("\n"), f"README.md's rule table is out of date; {hint}"


def test_markdown_table_has_one_row_per_rule() -> None:
    lines = run_okr("rules", "--format", "markdown").out.splitlines()
    assert lines[:2] == ["| rule | level | options | what it catches |", "|---|---|---|---|"]
    assert [line.split(" | ")[0] for line in lines[2:]] == [f"| `{rule}`" for rule in RULES]
    rows = {line.split(" | ")[0][3:-1]: line for line in lines[2:]}
    assert rows["max-objectives"] == (
        "| `max-objectives` | error | `max: 3` | More than 3 objectives for one owner in one period. |"
    )
    assert rows["ambiguous-number"].split(" | ")[1:3] == ["error (vi) / warning (en)", "—"]


def test_text_list() -> None:
    result = run_okr("rules")
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0].split() == ["rule", "level", "options", "what", "it", "catches"]
    assert [line.split()[0] for line in lines[1:]] == list(RULES)
    assert [line for line in lines if line.startswith("kpi-count ")] == [
        "kpi-count                warning  min: 3, max: 5        "
        "An owner with KPIs in a period has fewer than 3 or more than 5 of them."
    ]


def test_json_list() -> None:
    result = run_okr("rules", "--format", "json")
    rules = {rule["id"]: rule for rule in result.json()["rules"]}  # type: ignore[index]
    assert list(rules) == list(RULES)
    assert rules["ambiguous-number"] == {
        "id": "ambiguous-number",
        "level": "warning",
        "levels": {"en": "warning", "vi": "error"},
        "options": {},
        "summary": "A plain YAML float written like a thousands-grouped number (`308.000`).",
        "fix": "safe",
    }
    assert rules["kpi-count"]["options"] == {"min": 3, "max": 5}
    assert {rule: record["fix"] for rule, record in rules.items() if record["fix"]} == {
        "schema": "unsafe", "ambiguous-number": "safe", "unused-suppression": "safe",
    }


@pytest.mark.parametrize("rule", list(RULES))
def test_a_fixable_rule_documents_its_fix_and_only_it_does(rule: str) -> None:
    module = RULES[rule]
    assert ("**Fix**:" in (module.__doc__ or "")) == (getattr(module, "FIX", None) is not None)


def test_one_rule_in_full() -> None:
    result = run_okr("rules", "max-objectives")
    assert (result.code, result.err) == (0, "")
    doc = inspect.cleandoc(RULES["max-objectives"].__doc__ or "")
    assert result.out == (
        f"max-objectives\nlevel: error\noptions: max: 3\nfix: by hand\n\n{doc}\n\n"
        "Configure it in .okr.yaml (defaults shown):\n\n"
        "  rules:\n"
        "    max-objectives: {level: error, max: 3}\n"
    )


def test_one_rule_as_json_and_markdown() -> None:
    doc = inspect.cleandoc(RULES["ambiguous-number"].__doc__ or "")
    assert run_okr("rules", "ambiguous-number", "--format", "json").json() == {
        "id": "ambiguous-number",
        "level": "warning",
        "levels": {"en": "warning", "vi": "error"},
        "options": {},
        "summary": doc.splitlines()[0],
        "fix": "safe",
        "doc": doc,
    }
    assert run_okr("rules", "ambiguous-number", "--format", "markdown").out == (
        f"## `ambiguous-number`\n\nLevel: error (vi) / warning (en). Options: none. Fix: safe (okr check --fix).\n\n{doc}\n\n"
        "```yaml\nrules:\n  ambiguous-number: enable\n```\n"
    )


@pytest.mark.parametrize("rule", list(RULES))
def test_config_snippet_is_a_valid_config_of_the_defaults(rule: str) -> None:
    out = run_okr("rules", rule).out
    snippet = out.split("(defaults shown):\n\n", 1)[1]
    config = Config.model_validate(YAML(typ="safe").load(snippet))
    assert resolve_rules(config)[rule] == resolve_rules(Config())[rule]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("vage-wording", "okr: unknown rule 'vage-wording'; did you mean 'vague-wording'?\n"),
        ("zzz", "okr: unknown rule 'zzz'; run `okr rules` for the list\n"),
    ],
)
def test_unknown_rule(name: str, message: str) -> None:
    result = run_okr("rules", name)
    assert (result.code, result.out, result.err) == (2, "", message)


def test_unknown_format() -> None:
    result = run_okr("rules", "--format", "csv")
    assert (result.code, result.err) == (2, "okr: --format 'csv': choose one of text, json, markdown\n")


def test_every_command_of_the_spec_exists_and_has_help() -> None:
    group = typer.main.get_command(app)
    context = click.Context(group)
    names = group.list_commands(context)  # type: ignore[attr-defined]
    assert sorted(names) == sorted([
        "init", "check", "score", "scorecard", "tree", "checkin", "history", "report", "close", "rollover", "diff", "due", "schema", "rules",
    ])
    commands = {name: group.get_command(context, name) for name in names}  # type: ignore[attr-defined]
    undocumented = sorted(name for name, command in commands.items() if command is None or not (command.help or "").strip())
    assert undocumented == []


def test_precommit_hook_is_declared() -> None:
    hooks = YAML(typ="safe").load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [{
        "id": "okr-check",
        "name": "okr check",
        "description": "Validate and lint OKR and KPI goal sheets: schema, focus, measurable key results, wording.",
        "entry": "okr check",
        "language": "python",
        "files": r"\.ya?ml$",
        "require_serial": True,
    }]
