"""What every rule module shares: the finding it yields and the walks over a workspace.

A rule module defines `ID`, `LEVEL` (its default), `Options` (a `RuleOptions` model, empty
when the rule has none) and `check(context, options)`, which yields `Finding`s. The engine
in `okrcli.lint` stamps the configured level and applies the suppression comments, so a
rule never knows its own severity. The module docstring is the rule's documentation:
what it catches, why it matters, an example and what to write instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterator

from pydantic import BaseModel, ConfigDict

from okrcli.loader import Path
from okrcli.models import KPI, KeyResult, Objective
from okrcli.validate import SheetDoc

if TYPE_CHECKING:
    import datetime as dt

    from okrcli.config import Settings
    from okrcli.refs import Index
    from okrcli.workspace import Workspace


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


def at(doc: SheetDoc, path: Path, message: str, *, key: bool = False) -> Finding:
    """A finding at the YAML node of `path` in `doc` (its key with key=True)."""
    line, column = doc.key_position(path) if key else doc.position(path)
    return Finding(doc.path, line, column, message)


class Context:
    """What a rule may look at: the workspace, the settings, the as-of date, an index."""

    def __init__(self, workspace: Workspace, as_of: dt.date) -> None:
        self.workspace = workspace
        self.as_of = as_of

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def sheets(self) -> list[SheetDoc]:
        return self.workspace.sheets

    @cached_property
    def index(self) -> Index:
        from okrcli.refs import Index

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
