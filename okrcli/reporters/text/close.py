"""`okr close`'s lines: each sheet closed, and what it froze."""

from __future__ import annotations

from okrcli.edit.close import Closed
from okrcli.reporters.terminal import printable
from okrcli.score.finals import Frozen


def text(result: Closed) -> None:
    for sheet in result.sheets:
        print(printable(f"{sheet.path}: closed {result.period} on {result.day.isoformat()}"))
        for item in sheet.frozen:
            print(printable(f"  {frozen(item)}"))


def frozen(item: Frozen) -> str:
    """`marketing/O1: final score 0.6200 (green)`."""
    if item.number is None:
        return f"{item.ref}: no {item.key} to freeze (no value yet)"
    return f"{item.ref}: final {item.key} {item.number:.4f} ({item.grade})"
