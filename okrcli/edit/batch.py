"""Writing the files of one command that edits several sheets (`okr close`, `okr rollover`):
every edit is planned and verified first, so a refusal writes nothing; then each file is
written atomically, and if one write fails the message names the files already written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from okrcli.errors import EditRefused
from okrcli.i18n import _


@dataclass(frozen=True, slots=True)
class Planned:
    path: Path  # the real path to write
    shown: str  # as the user sees it
    raw: bytes  # the new bytes
    old: bytes | None  # the bytes read, for a sheet edited in place; None for a new file


def write_all(planned: Sequence[Planned]) -> None:
    """Write every planned file in order; EditRefused naming what was written when one fails."""
    from okrcli.edit.atomic import write_atomic

    written: list[str] = []
    for plan in planned:
        try:
            if plan.old is None:
                plan.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(plan.path, plan.raw, plan.old, new_only=plan.old is None)
        except (OSError, EditRefused) as err:
            reason = err.strerror or str(err) if isinstance(err, OSError) else str(err)
            done = _("written before it: {paths}").format(paths=", ".join(written)) if written else _("nothing was written")
            raise EditRefused(_("{path}: cannot write it ({reason}); {done}").format(path=plan.shown, reason=reason, done=done)) from None
        written.append(plan.shown)
