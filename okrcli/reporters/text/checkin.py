"""`okr checkin`'s lines: the notices on stderr, then where it was written and the score move."""

from __future__ import annotations

from okrcli.edit.checkin import CheckedIn, Movement
from okrcli.i18n import N_, _
from okrcli.model.values import Locale
from okrcli.reporters.terminal import notice, printable
from okrcli.reporters.values import NOTHING, in_locale, written_value

# The field that moved, as people read it (the sheet's keys are `current`, `actual`, `done`).
_LABELS = {"current": N_("current"), "actual": N_("actual"), "done": N_("done"), "value": N_("value")}


def text(result: CheckedIn) -> None:
    for line in result.notices:
        notice(line)
    print(printable(_("{path}: checked in {ref} on {day}").format(path=result.path, ref=result.ref, day=result.day.isoformat())))
    print(printable(movement(result.movement, result.locale)))


def movement(move: Movement, locale: Locale = "en") -> str:
    """`marketing/O1/KR1: 0.5345 → 0.6207 (current 281.000 → 290.000)`."""
    label = _(_LABELS[move.label]) if move.label in _LABELS else move.label
    values = f"{written_value(move.old_text)} → {written_value(move.new_text)}" if move.label == "done" else f"{label} {move.old_text} → {move.new_text}"
    line = f"{move.ref}: {score_text(move.old, locale)} → {score_text(move.new, locale)} ({values})"
    if move.by_readings:
        line += _("; the KPI is scored on its monthly `readings`: add this month's reading to move it")
    return line


def score_text(score: float | None, locale: Locale) -> str:
    """A score to 4 decimals with the repo's decimal mark: `0.6207`, `0,6207` under vi."""
    return NOTHING if score is None else in_locale(f"{score:.4f}", locale)
