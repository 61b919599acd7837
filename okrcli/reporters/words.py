"""The words for levels, statuses and grades as people read them (SPEC 9). The values
themselves (`error`, `on-track`, `green`) stay English in JSON and in line-based formats
made for tools; only the words shown to people follow the language."""

from __future__ import annotations

from okrcli.i18n import N_, _

_LEVELS = {"error": N_("error"), "warning": N_("warning")}


def level_word(level: str) -> str:
    return _(_LEVELS[level]) if level in _LEVELS else level
