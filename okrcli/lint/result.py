"""What `okr check` found, ready for a reporter."""

from __future__ import annotations

from dataclasses import dataclass, field

from okrcli.problem import Problem


@dataclass(slots=True)
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == "warning")
