"""Where text goes: Rich on a colour terminal, plain unwrapped text otherwise."""

from __future__ import annotations

import os
import sys
from typing import Any


def wants_rich(stream: Any = None) -> bool:
    stream = stream if stream is not None else sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console(stream: Any = None) -> Any:
    """A Rich console that never reads user text as markup or guesses highlights."""
    from rich.console import Console

    return Console(file=stream or sys.stdout, markup=False, highlight=False, emoji=False, soft_wrap=False)


def write(text: str) -> None:
    sys.stdout.write(text)
