"""What `okr check` found, ready for a reporter."""

from __future__ import annotations

from dataclasses import dataclass, field

from okrcli.errors import EXIT_OK, EXIT_PROBLEMS
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

    def exit_code(self, strict: bool) -> int:
        """1 when an error was found (with `strict`, a warning too), else 0."""
        failed = self.errors > 0 or (strict and self.warnings > 0)
        return EXIT_PROBLEMS if failed else EXIT_OK
