"""Splices, the one way okr changes a sheet's text, and their line-level check.

A splice replaces `text[start:end]` with a string (an insertion when start == end). Nothing
a YAML dump would normalise (quotes, indentation, flow style, comments, blank lines, line
endings, BOM) is ever rewritten: only the spliced characters change, and
`unchanged_outside` proves it line by line before anything is written.
"""

from __future__ import annotations

from okrcli.errors import EditRefused
from okrcli.i18n import _

Splice = tuple[int, int, str]  # replace text[start:end] with the string


def apply_splices(text: str, splices: list[Splice]) -> str:
    for start, end, replacement in sorted(splices, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def unchanged_outside(old: str, new: str, splices: list[Splice], name: str) -> None:
    """Refuse unless the lines no splice touches are byte-identical and in the same order."""
    shifted: list[tuple[int, int]] = []
    shift = 0
    for start, end, replacement in sorted(splices):
        shifted.append((start + shift, start + shift + len(replacement)))
        shift += len(replacement) - (end - start)
    kept_old = _untouched(old, [(s, e) for s, e, _ in splices])
    kept_new = _untouched(new, shifted)
    if kept_old != kept_new:
        raise EditRefused(_("{path}: the edit would change lines it should not touch; the file was left as it was").format(path=name))


def _untouched(text: str, spans: list[tuple[int, int]]) -> list[str]:
    kept = []
    start = 0
    for line in _lines(text):
        end = start + len(line)
        if not any(_touches(start, end, a, b, text) for a, b in spans):
            kept.append(line)
        start = end
    return kept


def _lines(text: str) -> list[str]:
    """Lines with their endings; only LF ends a line (CRLF ends in LF too)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def _touches(line_start: int, line_end: int, a: int, b: int, text: str) -> bool:
    if a < b:
        return a < line_end and b > line_start
    # An insertion touches the line it lands inside, or an unterminated last line it extends.
    return line_start < a < line_end or (a == line_end == len(text) and not text.endswith("\n"))
