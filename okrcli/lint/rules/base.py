"""What every rule module shares: the `Rule` it is, the finding it yields, where a finding is.

A rule module defines `ID`, `LEVEL` (its default), `Options` (a `RuleOptions` model, empty
when the rule has none) and `check(context, options)`, which yields `Finding`s (see `Rule`;
mypy checks each module of the registry against it). The engine in `okrcli.lint.engine`
stamps the configured level and applies the suppression comments, so a rule never knows its
own severity. The module docstring is the rule's documentation: what it catches, why it
matters, an example and what to write instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from okrcli.lint.context import Context
from okrcli.lint.wording import literal_column
from okrcli.load.reader import YamlPath
from okrcli.load.validate import SheetDoc
from okrcli.problem import Level

MAX_COUNT = 1000  # the most any count option may say: far above any sheet, far below overflow


class RuleOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class NoOptions(RuleOptions):
    """For rules without options of their own (`level` is every rule's)."""


class Rule(Protocol):
    """A rule module. A rule whose default level depends on the config (`ambiguous-number`)
    also defines `default_level(config)`; the settings use it when it is there."""

    __doc__: str | None

    @property
    def ID(self) -> str: ...  # noqa: N802 - a module constant

    @property
    def LEVEL(self) -> Level: ...  # noqa: N802

    @property
    def Options(self) -> type[RuleOptions]: ...  # noqa: N802

    def check(self, context: Context, options: Any) -> Iterator[Finding]: ...


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    message: str
    involves: frozenset[str] = frozenset()  # the other sheets a cross-file finding depends on


class Sheets(frozenset[str]):
    """The paths of a group of sheets, made once and shared by every finding of the group
    (`paths_of`): a copy in each finding would cost the group's size per finding."""


def paths_of(docs: Iterable[SheetDoc]) -> Sheets:
    return Sheets(doc.path for doc in docs)


def at(doc: SheetDoc, path: YamlPath, message: str, *, key: bool = False, involves: Iterable[SheetDoc] | Sheets = ()) -> Finding:
    """A finding at the YAML node of `path` in `doc` (its key with key=True); `involves`:
    the other sheets whose content decides it (see `Problem.involves`)."""
    line, column = doc.key_position(path) if key else doc.position(path)
    return Finding(doc.path, line, column, message, involved(doc, involves))


def involved(doc: SheetDoc, others: Iterable[SheetDoc] | Sheets) -> frozenset[str]:
    """The paths of `others` but `doc`'s own; a shared group is kept as it is (its own path
    among them changes nothing: a problem concerns its own sheet anyway)."""
    if isinstance(others, Sheets):
        return others
    return frozenset(other.path for other in others) - {doc.path}


def in_text(context: Context, doc: SheetDoc, path: YamlPath, text: str, offset: int, message: str) -> Finding:
    """A finding at `text[offset]` (a word inside a title) when the source line shows where it
    is, else at the text's node. The loader keeps node positions, not scalar styles, so the
    line is read back, and only for the few texts that have a finding."""
    line, column = doc.position(path)
    source = context.source_line(doc, line)
    exact = literal_column(source, column, text, offset) if source is not None else None
    return Finding(doc.path, line, column if exact is None else exact, message)


def found_while_loading(context: Context, options: RuleOptions) -> Iterator[Finding]:
    """The check of a rule whose problems the loader and the validation report (YAML
    syntax and safety, duplicate keys, schema, not-a-sheet): the engine takes those from
    the documents, so the rule module only documents and configures them."""
    return iter(())
