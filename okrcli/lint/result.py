"""What `okr check` found, ready for a reporter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from okrcli.errors import EXIT_OK, EXIT_PROBLEMS
from okrcli.problem import Problem


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A problem a `# okr: disable` comment hides, with the reason the comment gives (None for none)."""

    problem: Problem
    reason: str | None


@dataclass(slots=True)
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    suppressed: list[Suppressed] = field(default_factory=list)
    checked: tuple[str, ...] = ()  # the paths of the files checked (a JUnit test case each)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == "warning")

    def statistics(self) -> list[tuple[str, int]]:
        """(rule, count) of the problems found, the most frequent first, then by rule."""
        counts = Counter(p.rule for p in self.problems)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def exit_code(self, strict: bool) -> int:
        """1 when an error was found (with `strict`, a warning too), else 0."""
        failed = self.errors > 0 or (strict and self.warnings > 0)
        return EXIT_PROBLEMS if failed else EXIT_OK
