"""Suppression comments: `# okr: disable=rule-a,rule-b` and `# okr: disable-file=rule-a`,
either may end with ` -- reason`.

Read from the raw text, since the YAML event stream carries no comments. A directive at the
end of a line covers that line; alone on a line it covers the next line; `disable-file` in
the file's first comment block covers the whole file (elsewhere it covers nothing, and
`unused-suppression` says so). No rule list means every rule. Each directive keeps where it
is and where each rule name in it is, so an unused one can be reported and removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALL = "all"
# A directive is read in steps: one regex for all of it backtracked quadratically on a long
# run of spaces after the rule list.
_DIRECTIVE = re.compile(r"(?:^|\s)(#\s*okr:\s*(disable-file|disable))")
# Rule IDs never hold two dashes in a row: `--` ends the list, the rest of the line is the reason.
_RULE_LIST = re.compile(r"\s*=((?:[\w,\s]|-(?!-))+)")
_TAIL = re.compile(r"\s*(?:--(.*))?")
_NAME = re.compile(r"[^,\s]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True, slots=True)
class Listed:
    """A rule named in a directive, and its 1-based column on the directive's line."""

    name: str
    column: int


@dataclass(frozen=True, slots=True)
class Directive:
    line: int  # the comment's line
    column: int  # the column of its `#`
    kind: str  # "disable" or "disable-file"
    rules: tuple[Listed, ...]  # () names every rule
    reason: str | None
    covers: int | None  # the line a `disable` covers; None for `disable-file`
    in_header: bool  # a `disable-file` in the first comment block, the only place it works
    alone: bool  # the comment is all its line holds

    def names(self, rule: str, explicit: bool = False) -> bool:
        """Whether the directive names `rule`; `explicit`: by its ID (not as `all`, nor bare)."""
        if explicit:
            return any(listed.name == rule for listed in self.rules)
        return not self.rules or any(listed.name in (rule, ALL) for listed in self.rules)


@dataclass(slots=True)
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    lines: dict[int, list[int]] = field(default_factory=dict)  # covered line → its directives' indexes
    file: list[int] = field(default_factory=list)  # the indexes of the working `disable-file`s

    def covering(self, line: int, rule: str, explicit: bool = False) -> int | None:
        """The index of the first directive that suppresses `rule` on `line`, if any."""
        indexes: list[int] = [*self.file, *self.lines.get(line, [])]
        for index in indexes:
            if self.directives[index].names(rule, explicit):
                return index
        return None

    def covers(self, line: int, rule: str) -> bool:
        return self.covering(line, rule) is not None


def read_suppressions(text: str) -> Suppressions:
    found = Suppressions()
    if "okr:" not in text:
        return found
    in_header = True
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group().rstrip("\r\n")
        stripped = line.strip()
        in_header = in_header and (not stripped or stripped.startswith("#"))
        directive = _directive(line, number, in_header)
        if directive is None:
            continue
        index = len(found.directives)
        found.directives.append(directive)
        if directive.covers is not None:
            found.lines.setdefault(directive.covers, []).append(index)
        elif directive.in_header:
            found.file.append(index)
        if match.end() == len(text):
            break
    return found


def _directive(line: str, number: int, in_header: bool) -> Directive | None:
    """The first directive that ends the line (each step scans only its own stretch)."""
    for match in _DIRECTIVE.finditer(line):
        names = _RULE_LIST.match(line, match.end())
        tail = _TAIL.fullmatch(line, names.end() if names else match.end())
        if tail is None:
            continue
        listed = () if names is None else _listed(names)
        if names is not None and not listed:  # `disable=` and nothing: no rule named
            continue
        kind = match.group(2)
        alone = not line[: match.start(1)].strip()
        covers = None if kind == "disable-file" else number + 1 if alone else number
        reason = (tail.group(1) or "").strip() or None
        return Directive(number, match.start(1) + 1, kind, listed, reason, covers, in_header, alone)
    return None


def _listed(names: re.Match[str]) -> tuple[Listed, ...]:
    offset = names.start(1) + 1
    return tuple(Listed(m.group(), offset + m.start()) for m in _NAME.finditer(names.group(1)))
