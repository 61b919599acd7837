"""`okr checkin`'s lines: the notices on stderr, then where it was written and the score move."""

from __future__ import annotations

from okrcli.edit.checkin import CheckedIn, Movement
from okrcli.reporters.terminal import notice, printable


def text(result: CheckedIn) -> None:
    for line in result.notices:
        notice(line)
    print(printable(f"{result.path}: checked in {result.ref} on {result.day.isoformat()}"))
    print(printable(movement(result.movement)))


def movement(move: Movement) -> str:
    """`marketing/O1/KR1: 0.5345 → 0.6207 (current 281.000 → 290.000)`."""
    line = f"{move.ref}: {_score(move.old)} → {_score(move.new)} ({move.label} {move.old_text} → {move.new_text})"
    if move.by_readings:
        line += "; the KPI is scored on its monthly `readings`: add this month's reading to move it"
    return line


def _score(score: float | None) -> str:
    return "—" if score is None else f"{score:.4f}"
