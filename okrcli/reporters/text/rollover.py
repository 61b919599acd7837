"""`okr rollover`'s lines: each new sheet (or the sheet it would write), what it carries, and
the parents it dropped."""

from __future__ import annotations

from okrcli.edit.rollover import RolledOver
from okrcli.i18n import _
from okrcli.reporters.terminal import printable


def text(result: RolledOver) -> None:
    if not result.sheets:
        print(printable(_("nothing to carry from {source} to {target}").format(source=result.source, target=result.target)))
    for sheet in result.sheets:
        wrote = _("would write {path}: {refs}") if result.dry_run else _("wrote {path}: {refs}")
        print(printable(wrote.format(path=sheet.path, refs=", ".join(sheet.carried))))
        for ref, parent in sheet.dropped:
            print(printable("  " + _("dropped {ref}: parent {parent} (it does not resolve in {target})").format(ref=ref, parent=parent, target=result.target)))
