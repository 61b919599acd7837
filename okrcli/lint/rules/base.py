"""What every rule module shares: the finding it yields and the walks over a workspace.

A rule module defines `ID`, `LEVEL` (its default), `Options` (a `RuleOptions` model, empty
when the rule has none) and `check(context, options)`, which yields `Finding`s. The engine
in `okrcli.lint.engine` stamps the configured level and applies the suppression comments, so a
rule never knows its own severity. The module docstring is the rule's documentation:
what it catches, why it matters, an example and what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from okrcli.lint.wording import literal_column
from okrcli.load.reader import Path
from okrcli.load.validate import SheetDoc
from okrcli.model.sheet import KPI, KeyResult, Objective

if TYPE_CHECKING:
    from okrcli.load.index import Index
    from okrcli.repo.config import Settings
    from okrcli.repo.workspace import Workspace


MAX_COUNT = 1000  # the most any count option may say: far above any sheet, far below overflow


class RuleOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class NoOptions(RuleOptions):
    """For rules without options of their own (`level` is every rule's)."""


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


def at(doc: SheetDoc, path: Path, message: str, *, key: bool = False, involves: Iterable[SheetDoc] | Sheets = ()) -> Finding:
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


def in_text(context: Context, doc: SheetDoc, path: Path, text: str, offset: int, message: str) -> Finding:
    """A finding at `text[offset]` (a word inside a title) when the source line shows where it
    is, else at the text's node. The loader keeps node positions, not scalar styles, so the
    line is read back, and only for the few texts that have a finding."""
    line, column = doc.position(path)
    source = context.source_line(doc, line)
    exact = literal_column(source, column, text, offset) if source is not None else None
    return Finding(doc.path, line, column if exact is None else exact, message)


class Context:
    """What a rule may look at: the workspace, the settings, the as-of date, today's date
    (the calendar's, whatever `--as-of` says), an index, and the source lines of a sheet."""

    def __init__(self, workspace: Workspace, as_of: dt.date, today: dt.date | None = None) -> None:
        self.workspace = workspace
        self.as_of = as_of
        self.today = today if today is not None else dt.date.today()
        self._sources: dict[str, list[str] | None] = {}

    def source_line(self, doc: SheetDoc, line: int) -> str | None:
        """Line `line` (1-based) of the sheet as libyaml counts lines, or None."""
        if doc.path not in self._sources:
            self._sources[doc.path] = _read_lines(doc)
        lines = self._sources[doc.path]
        return lines[line - 1] if lines is not None and 0 < line <= len(lines) else None

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def sheets(self) -> list[SheetDoc]:
        return self.workspace.sheets

    @cached_property
    def index(self) -> Index:
        from okrcli.load.index import Index

        return Index(self.workspace.sheets)

    def objectives(self) -> Iterator[tuple[SheetDoc, Objective]]:
        for doc in self.sheets:
            for objective in doc.objectives:
                yield doc, objective

    def key_results(self) -> Iterator[tuple[SheetDoc, Objective, KeyResult]]:
        for doc, objective in self.objectives():
            for kr in objective.key_results:
                yield doc, objective, kr

    def kpis(self) -> Iterator[tuple[SheetDoc, KPI]]:
        for doc in self.sheets:
            for kpi in doc.kpis:
                yield doc, kpi

    def raw(self, doc: SheetDoc, path: Path) -> Any:
        """The loaded (pre-validation) data at `path`, for rules that count what was written."""
        node = doc.loaded.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node


def found_while_loading(context: Context, options: RuleOptions) -> Iterator[Finding]:
    """The check of a rule whose problems the loader and the validation report (YAML
    syntax and safety, duplicate keys, schema, not-a-sheet): the engine takes those from
    the documents, so the rule module only documents and configures them."""
    return iter(())


# The line breaks of libyaml, which positions count (str.splitlines knows more of them).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _read_lines(doc: SheetDoc) -> list[str] | None:
    # The text the loader parsed (BOM dropped, so columns count without it): reading the
    # file again could meet other bytes, or something that is no longer a file.
    return _LINE_BREAK.split(doc.loaded.text)
