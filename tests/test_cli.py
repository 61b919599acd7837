"""The command line's one place for failures: `run` turns an internal error into exit 3, and
shows its traceback only when `--debug` was given as okr's option (or OKR_DEBUG=1)."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest
from conftest import write_files

from okrcli.cli import run

SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    key_results:
      - {id: KR1, title: Trial signups reach 2400 (from 1500), start: 1500, target: 2400, current: 1500}
"""


def run_into_closed_stdout(root: Path, *args: str) -> tuple[int, str]:
    """Run okr in `root` with a stdout that fails on the first write: a real internal error,
    as a reporter meets one when its output vanishes."""
    closed, err = io.StringIO(), io.StringIO()
    closed.close()
    previous = os.getcwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(closed), contextlib.redirect_stderr(err):
            return run(list(args)), err.getvalue()
    finally:
        os.chdir(previous)


@pytest.mark.parametrize(
    "args",
    [
        ("checkin", "growth/O1/KR1", "1600", "--as-of", "2025-08-15", "--note", "--debug"),  # a note that reads --debug
        ("check", "--as-of", "2025-08-15", "--debug"),  # not okr's option here: check has none of that name
        ("score", "2025-Q3", "--as-of", "2025-08-15"),
    ],
)
def test_an_internal_error_is_exit_3_unless_okr_is_told_to_debug(tmp_path: Path, args: tuple[str, ...]) -> None:
    write_files(tmp_path, {".okr.yaml": "", "2025-Q3/growth.yaml": SHEET})
    code, err = run_into_closed_stdout(tmp_path, *args)
    if args[0] == "check":  # an unknown option is a usage error before anything runs
        assert (code, err.splitlines()[-1]) == (2, "Error: No such option '--debug'.")
        return
    assert code == 3
    # (the wording of the ValueError is io's, with or without a full stop)
    assert re.fullmatch(r"okr: internal error: ValueError: I/O operation on closed file\.?; rerun with --debug and report it\n", err), err


def test_the_debug_option_shows_the_traceback(tmp_path: Path) -> None:
    write_files(tmp_path, {".okr.yaml": "", "2025-Q3/growth.yaml": SHEET})
    with pytest.raises(ValueError, match="I/O operation on closed file"):
        run_into_closed_stdout(tmp_path, "--debug", "score", "2025-Q3", "--as-of", "2025-08-15")
