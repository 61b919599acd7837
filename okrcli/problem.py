"""The one record every check produces: where, which rule, how bad, and what to write instead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A problem located in a file; positions are 1-based and come from the YAML node."""

    path: str
    line: int
    column: int
    rule: str
    level: Level
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == "error"
