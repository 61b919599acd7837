"""The suite never goes green by skipping: `no_skips` (loaded by conftest.py) turns every kind
of skip into a failure that names what is missing, in a real pytest run."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import PROJECT

SKIPS = """
    import pytest

    @pytest.mark.skipif(True, reason="no chromium here")
    def test_marked():
        pass

    def test_skip_call():
        pytest.skip("no network")

    def test_import_or_skip():
        pytest.importorskip("no_such_module_for_okr")

    def test_runs():
        pass

    @pytest.mark.xfail(reason="a known bug", strict=True)
    def test_expected_failure():
        assert False
"""


def pytest_in(folder: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "tests")}
    command = [sys.executable, "-m", "pytest", "-p", "no_skips", "-p", "no:cacheprovider", "-q", "-rA", name]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_every_skip_is_a_failure_with_its_reason(tmp_path: Path) -> None:
    done = pytest_in(tmp_path, "test_skips.py", SKIPS)
    assert done.returncode == 1, done.stdout
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("2 failed, 1 passed, 1 xfailed, 1 error in ")
    prefix = "tests never skip; install what is missing (pip install -e '.[test]', apt-get install chromium): "
    assert prefix + "Skipped: no chromium here" in lines  # a skipif fails at set-up: an error
    assert prefix + "Skipped: no network" in lines
    assert prefix + "Skipped: could not import 'no_such_module_for_okr': No module named 'no_such_module_for_okr'" in lines
    assert "PASSED test_skips.py::test_runs" in lines and "XFAIL test_skips.py::test_expected_failure - a known bug" in lines
    assert " SKIPPED " not in done.stdout and "skipped" not in lines[-1]


def test_a_module_level_skip_fails_the_collection(tmp_path: Path) -> None:
    module = 'import pytest\npytest.skip("not on this platform", allow_module_level=True)\n\ndef test_never():\n    pass\n'
    done = pytest_in(tmp_path, "test_module.py", module)
    assert done.returncode == 2, done.stdout  # interrupted: errors during collection
    assert "tests never skip; install what is missing (pip install -e '.[test]', apt-get install chromium): Skipped: not on this platform" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("1 error in ")
