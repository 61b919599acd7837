"""A rule's documentation, read from its module docstring, in the language of the command.

The docstring is the English original, shown as written. For another language its prose is
translated a paragraph at a time: each paragraph is a message of the catalog (no `_()` marks a
docstring, so `scripts/catalog.py` adds them from `messages`), written on one line with its
section label (**What it does**, …) taken out, since the labels are messages of their own and
every rule names them alike. Fenced blocks (the YAML examples) are sheets and stay as written.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrcli.i18n import N_, _, current_language

if TYPE_CHECKING:
    from okrcli.lint.rules.base import Rule

SECTIONS = {
    "What it does": N_("What it does"),
    "Why it matters": N_("Why it matters"),
    "Fix": N_("Fix"),
    "Example": N_("Example"),
    "Use instead": N_("Use instead"),
}
WIDTH = 92  # a translated paragraph is wrapped as the docstrings are
_LABELLED = re.compile(r"\*\*(?P<label>[^*]+)\*\*(?P<rest>.*)", re.DOTALL)
_CODE = re.compile(r"`[^`]*`")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of a docstring: prose (its label split off) or a fenced block, as written."""

    text: str
    line: int  # 1-based, in the docstring
    code: bool
    label: str = ""  # "Example" for "**Example**: …"
    separator: str = ""  # what stands between the label and the body: ": ", " " or ""
    body: str = ""  # the prose after the label, on one line: the message


def paragraphs(doc: str) -> Iterator[Paragraph]:
    """The blocks of a cleaned docstring: paragraphs end at a blank line; a fence opens a
    block that ends at its closing fence."""
    lines = doc.splitlines()
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        if lines[index].startswith("```"):
            index += 1
            while index < len(lines) and not lines[index].startswith("```"):
                index += 1
            index += 1
            yield Paragraph("\n".join(lines[start:index]), start + 1, True)
            continue
        while index < len(lines) and lines[index].strip() and not lines[index].startswith("```"):
            index += 1
        yield _prose("\n".join(lines[start:index]), start + 1)


def _prose(text: str, line: int) -> Paragraph:
    labelled = _LABELLED.fullmatch(text)
    if labelled is None or labelled.group("label") not in SECTIONS:
        return Paragraph(text, line, False, body=" ".join(text.split()))
    rest = labelled.group("rest")
    if rest.startswith(":"):  # "**Fix**: safe, …", or a bare "**Example**:"
        body = " ".join(rest[1:].split())
        return Paragraph(text, line, False, labelled.group("label"), ": " if body else ":", body)
    body = " ".join(rest.split())  # "**Example** (as of 2025-08-15):"
    return Paragraph(text, line, False, labelled.group("label"), " " if body else "", body)


def docstring(module: Rule) -> str:
    return inspect.cleandoc(module.__doc__ or "")


def messages(module: Rule) -> Iterator[tuple[str, int]]:
    """Each message of the rule's documentation and its line in the docstring."""
    for paragraph in paragraphs(docstring(module)):
        if not paragraph.code and paragraph.body:
            yield paragraph.body, paragraph.line


def summary_line(module: Rule) -> str:
    """What the rule catches, in one sentence: the docstring's first line, translated."""
    first = docstring(module).split("\n", 1)[0].strip()
    return _(first) if first else ""


def documentation(module: Rule) -> str:
    """The rule's documentation in the current language: the docstring itself in English."""
    doc = docstring(module)
    if current_language() == "en":
        return doc
    return "\n\n".join(_translated(paragraph) for paragraph in paragraphs(doc))


def _translated(paragraph: Paragraph) -> str:
    if paragraph.code:
        return paragraph.text
    head = f"**{_(SECTIONS[paragraph.label])}**{paragraph.separator}" if paragraph.label else ""
    text = head + (_(paragraph.body) if paragraph.body else "")
    # A `code span` is kept on one line: `tối ưu hóa` reads as one thing.
    kept = _CODE.sub(lambda span: span.group().replace(" ", "\0"), text)
    return textwrap.fill(kept, WIDTH, break_long_words=False, break_on_hyphens=False).replace("\0", " ")
