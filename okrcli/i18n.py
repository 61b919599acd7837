"""The language of every human-facing text (SPEC 9): stdlib gettext over the catalogs shipped
in `okrcli/locale/<lang>/LC_MESSAGES/okr.mo`. English is the msgid itself.

The language is process state set once at the top of a command (`use_language`), like the
locale of a C program; the pure core calls `_()` when it builds a message. Messages with
values use named placeholders, formatted after translation:
`_("quote it to mean {value}").format(value=...)`. Texts defined at import time are marked
with `N_()` and translated where they are shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "okr"
LANGUAGES = ("en", "vi")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def use_language(language: str) -> None:
    """Speak `language` (one of LANGUAGES) from now on in this process."""
    global _active, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == "en":
        _active = gettext.NullTranslations()
    else:
        with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as catalog:
            _active = gettext.GNUTranslations(catalog)
    _language = language


def current_language() -> str:
    return _language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block only: for data kept in one language whatever the
    command's (a baseline's messages)."""
    before = _language
    use_language(language)
    try:
        yield
    finally:
        use_language(before)


def _(message: str) -> str:
    """`message` in the current language."""
    return _active.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks a text for translation where it is defined; `_()` translates it where shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the current language."""
    return _active.ngettext(singular, plural, count)
