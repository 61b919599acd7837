"""Suppression comments: `# okr: disable=rule-a,rule-b` and `# okr: disable-file=rule-a`.

Read from the raw text, since the YAML event stream carries no comments. A directive at the
end of a line covers that line; alone on a line it covers the next line; `disable-file` in
the file's first comment block covers the whole file. No rule list means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALL = "all"
# A directive is read in steps: one regex for all of it backtracked quadratically on a long
# run of spaces after the rule list.
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*okr:\s*(disable-file|disable)")
_NOTHING_MORE = re.compile(r"\s*")
_RULE_LIST = re.compile(r"\s*=([\w\-,\s]+)")


@dataclass(slots=True)
class Suppressions:
    lines: dict[int, frozenset[str]] = field(default_factory=dict)
    file: frozenset[str] = frozenset()

    def covers(self, line: int, rule: str) -> bool:
        for rules in (self.file, self.lines.get(line, frozenset())):
            if rule in rules or ALL in rules:
                return True
        return False


def read_suppressions(text: str) -> Suppressions:
    found = Suppressions()
    if "okr:" not in text:
        return found
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        in_header = in_header and (not stripped or stripped.startswith("#"))
        directive = _directive(line)
        if directive is None:
            continue
        kind, listed = directive
        rules = _rules(listed)
        if kind == "disable-file":
            if in_header:
                found.file = found.file | rules
            continue
        target = number + 1 if stripped.startswith("#") else number
        found.lines[target] = found.lines.get(target, frozenset()) | rules
    return found


def _directive(line: str) -> tuple[str, str | None] | None:
    """The first directive that ends the line: its kind, and its rule list if it has one."""
    for match in _DIRECTIVE.finditer(line):
        if _NOTHING_MORE.fullmatch(line, match.end()):
            return match.group(1), None
        listed = _RULE_LIST.fullmatch(line, match.end())
        if listed is not None:
            return match.group(1), listed.group(1)
    return None


def _rules(listed: str | None) -> frozenset[str]:
    if not listed:
        return frozenset({ALL})
    return frozenset(name.strip() for name in listed.split(",") if name.strip())
