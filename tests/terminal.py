"""`python -m okrcli` on a real pseudo-terminal, as a user sees it: the output with Rich's
escape sequences stripped, and the exit code."""

from __future__ import annotations

import os
import re
import select
import sys
from pathlib import Path

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def on_pty(cwd: Path, columns: int, *args: str, env: dict[str, str] | None = None, escapes: bool = False) -> tuple[int, str]:
    """Run `okr ARGS` in `cwd` with stdin, stdout and stderr on a pty `columns` wide
    (`escapes`: Rich's escape sequences kept, to see the colours)."""
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LINES")}
    full |= {"COLUMNS": str(columns), "TERM": "xterm-256color", **(env or {})}
    pid, main = os.forkpty()
    if pid == 0:  # the child: exec at once, nothing of pytest runs here
        try:
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "okrcli", *args], full)
        finally:
            os._exit(127)
    chunks = []
    while select.select([main], [], [], 60)[0]:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode("utf-8")
    text = (text if escapes else _ANSI.sub("", text)).replace("\r\n", "\n")
    return os.waitstatus_to_exitcode(status), text


def lines(text: str) -> list[str]:
    """The lines as read on screen: trailing blanks (Rich pads rows to the width) dropped."""
    return [line.rstrip() for line in text.splitlines()]
