"""The words for levels, statuses and grades as people read them (SPEC 9). The values
themselves (`error`, `on-track`, `green`) stay English in JSON and in line-based formats
made for tools; only the words shown to people follow the language."""

from __future__ import annotations

from okrcli.i18n import N_, _

_LEVELS = {"error": N_("error"), "warning": N_("warning")}


def level_word(level: str) -> str:
    return _(_LEVELS[level]) if level in _LEVELS else level

_STATUSES = {
    "done": N_("done"),
    "on-track": N_("on-track"),
    "at-risk": N_("at-risk"),
    "off-track": N_("off-track"),
    "pending": N_("pending"),
    "closed": N_("closed"),
}
_GRADES = {"green": N_("green"), "yellow": N_("yellow"), "red": N_("red")}
_KINDS = {"aspirational": N_("aspirational"), "committed": N_("committed")}


STATUSES = tuple(_STATUSES)


def status_word(status: str | None) -> str:
    """A status as shown (`on-track` → "đúng tiến độ")."""
    if status is None:  # a key result without a target has no status to show
        return "—"
    return _(_STATUSES[status]) if status in _STATUSES else status


def grade_word(grade: str | None, absent: str = "—") -> str:
    if grade is None:
        return absent
    return _(_GRADES[grade]) if grade in _GRADES else grade


def kind_word(kind: str) -> str:
    return _(_KINDS[kind]) if kind in _KINDS else kind
