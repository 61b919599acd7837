"""The one record every check produces: where, which rule, how bad, and what to write instead."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A problem located in a file; positions are 1-based and come from the YAML node.
    `involves` names the other sheets a cross-file problem depends on (where a dangling
    parent could resolve, the other definition of an ID, the sheets counted together): a
    change to any of them may cause or cure it, so `okr check FILE` reports it for them. (A
    set many problems may share: its own path may be among them.)"""

    path: str
    line: int
    column: int
    rule: str
    level: Level
    message: str
    involves: frozenset[str] = field(default=frozenset(), compare=False)
    # The ref or key it concerns (`O1/KR2/target`; see okrcli.lint.subjects): what a baseline
    # matches it by, since its line moves with every edit above it.
    subject: str = field(default="", compare=False)

    def concerns(self, paths: Collection[str]) -> bool:
        """Located in one of `paths`, or involving one of them."""
        return self.path in paths or not self.involves.isdisjoint(paths)
