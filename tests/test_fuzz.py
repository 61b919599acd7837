"""Damaged sheets never produce a traceback: randomly mutated copies of the example repos go
through every reading command, and each run ends with a message and a documented exit code."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_okr

DEBRIS = [
    b"", b"\n", b" ", b"\t", b":", b"- ", b"[", b"]", b"{", b"}", b'"', b"'", b"&a ", b"*a", b"!!str ",
    b"!!python/object ", b"#", b"0", b"-1", b"1e999", b".nan", b"%", b"\xff", b"null", b"true",
    b"1.000.000", b">=", b"..", b"\xe1\xba\xa1", b"\r\n", b"\x00",
]
COMMANDS = [
    ["check", "-f", "json"],
    ["score", "Q3", "-f", "json"],
    ["scorecard", "lan", "Q3"],
    ["tree", "Q3"],
    ["report", "Q3", "--format", "html"],
]
SHEETS = sorted(p for name in ("acme-vi", "startup-en") for p in (EXAMPLES / name).rglob("*.yaml") if not p.name.startswith("."))


def damaged_repo(seed: int, tmp_path: Path) -> Path:
    rng = random.Random(seed)
    sheet = rng.choice(SHEETS)
    source = next(p for p in sheet.parents if (p / ".okr.yaml").exists())
    repo = tmp_path / "repo"
    shutil.copytree(source, repo)
    target = repo / sheet.relative_to(source)
    data = bytearray(target.read_bytes())
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data))
        if rng.random() < 0.7:
            data[at : at + rng.randint(0, 8)] = rng.choice(DEBRIS)
        else:
            start = rng.randrange(len(data))
            data[at:at] = data[start : start + rng.randint(1, 40)]
    target.write_bytes(bytes(data))
    return repo


@pytest.mark.parametrize("seed", range(40))
def test_damaged_repos_get_answers_not_tracebacks(seed: int, tmp_path: Path) -> None:
    repo = damaged_repo(seed, tmp_path)
    for command in COMMANDS:
        result = run_okr(*command, "--as-of", "2025-08-15", cwd=repo)
        assert result.code in (0, 1, 2), (command, result.err)
        assert "internal error" not in result.err and "Traceback" not in result.err, (command, result.err)
