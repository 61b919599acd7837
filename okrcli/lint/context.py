"""What a rule may look at, handed to it by the engine: the workspace as loaded, the settings,
the dates, an index, the source lines of a sheet (from the text the loader kept) and what git
says about the sheets' history, read at most once per command. Nothing here reads a file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from okrcli.history.facts import GitFacts
from okrcli.load.reader import YamlPath
from okrcli.load.validate import SheetDoc
from okrcli.model.sheet import KPI, KeyResult, Objective

if TYPE_CHECKING:
    from okrcli.load.index import Index
    from okrcli.repo.config import Settings
    from okrcli.repo.workspace import Workspace


class Context:
    """What a rule may look at: the workspace, the settings, the as-of date, today's date
    (the calendar's, whatever `--as-of` says), an index, the source lines of a sheet, and
    the git facts of the command (asked only by the rules that need history)."""

    def __init__(self, workspace: Workspace, as_of: dt.date, today: dt.date | None = None, facts: GitFacts | None = None) -> None:
        self.workspace = workspace
        self.facts = facts if facts is not None else GitFacts(workspace.root)
        self.as_of = as_of
        self.today = today if today is not None else dt.date.today()
        self._sources: dict[str, list[str]] = {}

    def source_line(self, doc: SheetDoc, line: int) -> str | None:
        """Line `line` (1-based) of the sheet as libyaml counts lines, or None."""
        if doc.path not in self._sources:
            # The text the loader parsed (BOM dropped, so columns count without it), never
            # the file again: it could hold other bytes by now, or be no file at all.
            self._sources[doc.path] = _LINE_BREAK.split(doc.loaded.text)
        lines = self._sources[doc.path]
        return lines[line - 1] if 0 < line <= len(lines) else None

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

    def raw(self, doc: SheetDoc, path: YamlPath) -> Any:
        """The loaded (pre-validation) data at `path`, for rules that count what was written:
        of a lean sheet, the keys `okrcli.load.written` keeps."""
        return doc.written(path)


# The line breaks of libyaml, which positions count (str.splitlines knows more of them).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

