"""References between goals: `owner/O1`, `owner/O1/KR2`, `owner/K1`, `2025-Q3:owner/O1`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from okrcli.i18n import _
from okrcli.model.periods import Period, PeriodError, parse_period


@dataclass(frozen=True, slots=True)
class Ref:
    period: Period | None
    owner: str
    parts: tuple[str, ...]  # ("O1",), ("O1", "KR2") or ("K1",)

    def __str__(self) -> str:
        prefix = f"{self.period.text}:" if self.period else ""
        return prefix + "/".join((self.owner, *self.parts))


class RefError(ValueError):
    """A reference that cannot be read."""


def parse_ref(text: str) -> Ref:
    period: Period | None = None
    body = text.strip()
    if ":" in body:
        head, body = body.split(":", 1)
        try:
            period = parse_period(head)
        except PeriodError as err:
            raise RefError(f"{text!r}: {err}") from None
    parts = tuple(unicodedata.normalize("NFC", part.strip()) for part in body.split("/"))  # as ids and owners are read
    if len(parts) not in (2, 3) or not all(parts):
        raise RefError(
            _("cannot read {text} as a reference; write owner/O1, owner/O1/KR2 or owner/K1 (optionally 2025-Q3:owner/O1)").format(text=repr(text))
        )
    return Ref(period, parts[0], parts[1:])
