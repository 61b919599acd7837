"""What `okr check` found, ready for a reporter, and as the cache entry of a run holds it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from okrcli.errors import EXIT_OK, EXIT_PROBLEMS
from okrcli.problem import Problem
from okrcli.repo.cache_entries import are_texts, decode_problem, encode_problem, is_int


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


def encode_result(result: CheckResult) -> dict[str, Any]:
    return {
        "files": result.files,
        "problems": [encode_problem(p) for p in result.problems],
        "suppressed": [[encode_problem(s.problem), s.reason] for s in result.suppressed],
        "checked": list(result.checked),
    }


def decode_result(value: Any) -> CheckResult | None:
    """The cached run, or None unless the entry has exactly the shape `encode_result` writes."""
    if not isinstance(value, dict) or set(value) != {"files", "problems", "suppressed", "checked"}:
        return None
    files, problems, checked = value["files"], value["problems"], value["checked"]
    if not is_int(files) or files < 0 or not isinstance(problems, list) or not are_texts(checked):
        return None
    decoded = [decode_problem(p) for p in problems]
    suppressed = _suppressed(value["suppressed"])
    if None in decoded or suppressed is None:
        return None
    return CheckResult(decoded, files, suppressed, tuple(checked))  # type: ignore[arg-type]


def _suppressed(value: Any) -> list[Suppressed] | None:
    if not isinstance(value, list):
        return None
    found = []
    for item in value:
        if not isinstance(item, list) or len(item) != 2 or not isinstance(item[1], (str, type(None))):
            return None
        problem = decode_problem(item[0])
        if problem is None:
            return None
        found.append(Suppressed(problem, item[1]))
    return found
