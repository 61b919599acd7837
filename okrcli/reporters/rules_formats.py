"""The formats of `okr rules`: text, json and markdown, for the list and for one rule.

The markdown list is the rule table of the README, byte for byte (tests/test_docs.py).
"""

from __future__ import annotations

import json as _json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from okrcli.i18n import N_, _
from okrcli.reporters.terminal import console, json_text, wants_rich, write
from okrcli.reporters.words import level_word


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """What `okr rules` shows of one rule; filled from the rule's module by the command."""

    id: str
    levels: dict[str, str]  # number_locale → default level (ambiguous-number differs)
    options: dict[str, Any]  # option → default, as JSON data
    summary: str
    doc: str
    applies: str | None = None  # the level in the repository at hand, its config read; disable
    fix: str | None = None  # "safe" (`okr check --fix`), "unsafe" (`--unsafe-fixes`) or None: by hand

    @property
    def shown_level(self) -> str:
        return self.applies or self.level

    @property
    def level(self) -> str:
        """The default level as SPEC writes it: "error", or "error (vi) / warning (en)"."""
        return self.level_in(str)

    def level_in(self, word: Callable[[str], str]) -> str:
        """The default level, each level written as `word` gives it."""
        distinct = sorted(set(self.levels.values()))
        if len(distinct) == 1:
            return word(distinct[0])
        ordered = sorted(self.levels.items(), key=lambda item: (item[1], item[0]))
        return " / ".join(f"{word(level)} ({locale})" for locale, level in ordered)


_DISABLE = N_("disable")


def shown_word(level: str) -> str:
    """A level as people read it, in the language of the command: `disable` too."""
    return _(_DISABLE) if level == "disable" else level_word(level)


def option_text(name: str, value: Any) -> str:
    # JSON's flow style is also YAML, so the default reads as it is written in .okr.yaml.
    return f"{name}: {_json.dumps(value, ensure_ascii=False)}"


def options_text(doc: RuleDoc, none: str = "") -> str:
    return ", ".join(option_text(name, value) for name, value in doc.options.items()) or none


def config_snippet(doc: RuleDoc) -> str:
    """The rule's entry in .okr.yaml with every default written out."""
    parts = [option_text(name, value) for name, value in doc.options.items()]
    if len(set(doc.levels.values())) == 1:
        parts.insert(0, f"level: {doc.level}")
    return f"rules:\n  {doc.id}: {{{', '.join(parts)}}}" if parts else f"rules:\n  {doc.id}: enable"


# --- the list -------------------------------------------------------------------------------

_HEADERS = (N_("rule"), N_("level"), N_("options"), N_("what it catches"))


def _headers() -> tuple[str, ...]:
    return tuple(_(header) for header in _HEADERS)


def _row(doc: RuleDoc) -> tuple[str, ...]:
    return (doc.id, shown_word(doc.shown_level), options_text(doc), doc.summary)


def text_list(docs: list[RuleDoc]) -> None:
    if wants_rich():
        _rich_list(docs)
        return
    rows = [_headers(), *(_row(d) for d in docs)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[3]]).rstrip() for row in rows]
    write("\n".join(lines) + "\n")


def _rich_list(docs: list[RuleDoc]) -> None:
    """Three columns that read at 80: the options go under what the rule catches."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    headers = _headers()
    table = Table(headers[0], headers[1], headers[3], box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  padding=(0, 1, 0, 0), header_style="bold")
    table.columns[0].no_wrap = table.columns[1].no_wrap = True
    for doc in docs:
        what = Text(doc.summary)
        if doc.options:
            what.append("\n" + options_text(doc), style="dim")
        style = "red" if doc.shown_level == "error" else "dim" if doc.shown_level == "disable" else None
        table.add_row(Text(doc.id, style=style or ""), Text(shown_word(doc.shown_level), style=style or ""), what)
    console().print(table)


def json_list(docs: list[RuleDoc]) -> None:
    write(json_text({"rules": [_record(d) for d in docs]}))


def markdown_list(docs: list[RuleDoc]) -> None:
    lines = ["| " + " | ".join(_headers()) + " |", "|---|---|---|---|"]
    for doc in docs:
        options = ", ".join(f"`{option_text(n, v)}`" for n, v in doc.options.items()) or "—"
        cells = (f"`{doc.id}`", doc.level_in(shown_word), options, doc.summary)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    write("\n".join(lines) + "\n")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _record(doc: RuleDoc) -> dict[str, Any]:
    return {"id": doc.id, "level": doc.levels["en"], "levels": doc.levels, "options": doc.options, "summary": doc.summary, "fix": doc.fix}


# --- one rule ---------------------------------------------------------------------------------


def text_rule(doc: RuleDoc) -> None:
    snippet = "\n".join("  " + line for line in config_snippet(doc).splitlines())
    head = [
        _("level: {level}").format(level=doc.level_in(shown_word)),
        _("options: {options}").format(options=options_text(doc, _("none"))),
        _("fix: {fix}").format(fix=_fix_text(doc)),
    ]
    configure = _("Configure it in .okr.yaml (defaults shown):")
    write(f"{doc.id}\n" + "\n".join(head) + f"\n\n{doc.doc}\n\n{configure}\n\n{snippet}\n")


def json_rule(doc: RuleDoc) -> None:
    write(json_text({**_record(doc), "doc": doc.doc}))


def markdown_rule(doc: RuleDoc) -> None:
    options = ", ".join(f"`{option_text(n, v)}`" for n, v in doc.options.items()) or _("none")
    line = _("Level: {level}. Options: {options}. Fix: {fix}.").format(level=doc.level_in(shown_word), options=options, fix=_fix_text(doc))
    write(f"## `{doc.id}`\n\n{line}\n\n{doc.doc}\n\n```yaml\n{config_snippet(doc)}\n```\n")


_FIXES = {"safe": N_("safe (okr check --fix)"), "unsafe": N_("unsafe (okr check --unsafe-fixes)")}
_BY_HAND = N_("by hand")


def _fix_text(doc: RuleDoc) -> str:
    return _(_FIXES.get(doc.fix or "", _BY_HAND))
