"""`okr rollover`'s lines: each new sheet (or the sheet it would write), what it carries, and
the parents it dropped."""

from __future__ import annotations

from okrcli.edit.rollover import RolledOver
from okrcli.reporters.terminal import printable


def text(result: RolledOver) -> None:
    verb = "would write" if result.dry_run else "wrote"
    if not result.sheets:
        print(printable(f"nothing to carry from {result.source} to {result.target}"))
    for sheet in result.sheets:
        print(printable(f"{verb} {sheet.path}: {', '.join(sheet.carried)}"))
        for dropped in sheet.dropped:
            print(printable(f"  dropped {dropped} (it does not resolve in {result.target})"))
