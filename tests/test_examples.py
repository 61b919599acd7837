"""The bundled repos: the examples check clean, and each broken repo shows its one rule."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_okr

BROKEN = sorted(p for p in (EXAMPLES / "broken").iterdir() if p.is_dir())


@pytest.mark.parametrize("name", ["acme-vi", "startup-en"])
def test_example_repos_check_clean(name: str) -> None:
    result = run_okr("check", "--strict", "--as-of", "2025-08-15", "--format", "parsable", cwd=EXAMPLES / name)
    assert (result.code, result.out, result.err) == (0, "", "")


def test_every_rule_has_a_broken_example() -> None:
    from okrcli.lint.rules import RULES

    assert sorted(p.name for p in BROKEN) == sorted(RULES)


@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_example_reports_exactly_its_rule(folder: Path, tmp_path: Path) -> None:
    expected = (folder / "expected.txt").read_text(encoding="utf-8")
    where = with_history(folder, tmp_path / folder.name) if (folder / "history.sh").is_file() else folder
    result = run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=where, env={"OKR_NO_CACHE": "1"})
    assert result.out == expected
    assert result.err == ""
    rules = {line.rsplit("(", 1)[-1].rstrip(")") for line in expected.splitlines()}
    assert rules == {folder.name}


def with_history(folder: Path, copy: Path) -> Path:
    """A copy of an example whose rule reads git history, with the history its
    `history.sh` builds (the project's own repository holds the example as one commit)."""
    shutil.copytree(folder, copy)
    subprocess.run(["sh", "history.sh"], cwd=copy, check=True, capture_output=True)
    return copy
