"""The `okr-check` pre-commit hook, end to end: real pre-commit, real git, real commits.

pre-commit clones the hook repository and pip-installs it into a virtualenv of its own, so
the hook repository is this project's working tree (uncommitted changes included) copied
into a temporary git repository. Building that virtualenv needs the package index and takes
a while, so it is built once per module, in a PRE_COMMIT_HOME of its own.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PROJECT, run_okr

# What `pip install` of the hook repository needs (pyproject's `readme` included).
PROJECT_FILES = ("okrcli", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")

CONFIG = "# Settings of the goals repo.\nnumber_locale: en\n"

SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Turn visitors into paying customers
    key_results:
      - id: KR1
        title: {title}
        start: 2%
        target: 3%
      - id: KR2
        title: Trial signups reach 2,400 (from 1,500)
        start: "1,500"
        target: "2,400"
"""
VAGUE_TITLE = "Cải thiện tỷ lệ chuyển đổi"
FIXED_TITLE = "Tỷ lệ chuyển đổi đạt 3% (từ 2%)"
SHEET_PATH = "2025-Q3/growth.yaml"


@dataclass(frozen=True)
class Hooks:
    env: dict[str, str]
    repo: Path
    rev: str
    install_seconds: float


def run(*args: str, cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def isolated_env(base: Path) -> dict[str, str]:
    """No user or system git config (hooksPath, signing), no GIT_* of an enclosing hook."""
    (base / "gitconfig").write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return env | {
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "GIT_CONFIG_GLOBAL": str(base / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
    }


def hook_repository(folder: Path, env: dict[str, str]) -> str:
    """This project's working tree as a git repository pre-commit can clone; its commit."""
    missing = [name for name in PROJECT_FILES if not (PROJECT / name).exists()]
    assert missing == [], f"pip cannot install okrcli without {missing}"
    folder.mkdir()
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            # Dot files are editors' temporary files, which may vanish while being copied.
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        else:
            shutil.copy2(source, folder / name)
    for command in (("git", "init", "-q", "-b", "main"), ("git", "add", "-A"), ("git", "commit", "-q", "-m", "okr hooks")):
        assert run(*command, cwd=folder, env=env).returncode == 0
    return run("git", "rev-parse", "HEAD", cwd=folder, env=env).stdout.strip()


def goals_repository(folder: Path, hooks: Hooks, sheet: str, args: str = "") -> None:
    """A goals repo using the hook (with `args`, a line of YAML), with pre-commit installed as its git hook."""
    folder.mkdir(exist_ok=True)
    assert run("git", "init", "-q", "-b", "main", cwd=folder, env=hooks.env).returncode == 0
    (folder / "2025-Q3").mkdir()
    (folder / SHEET_PATH).write_text(sheet, encoding="utf-8")
    (folder / ".okr.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / ".pre-commit-config.yaml").write_text(textwrap.dedent(f"""\
        repos:
          - repo: {hooks.repo}
            rev: {hooks.rev}
            hooks:
              - id: okr-check
    """) + (f"        args: {args}\n" if args else ""), encoding="utf-8")
    installed = run(sys.executable, "-m", "pre_commit", "install", cwd=folder, env=hooks.env)
    assert (installed.returncode, installed.stdout) == (0, "pre-commit installed at .git/hooks/pre-commit\n")


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Hooks:
    base = tmp_path_factory.mktemp("pre-commit")
    env = isolated_env(base)
    rev = hook_repository(base / "okr-hooks", env)
    hooks = Hooks(env, base / "okr-hooks", rev, 0.0)
    # Build the hook's virtualenv once; the tests' repos reuse it from PRE_COMMIT_HOME.
    goals_repository(base / "seed", hooks, SHEET.format(title=FIXED_TITLE))
    started = time.monotonic()
    built = run(sys.executable, "-m", "pre_commit", "install-hooks", cwd=base / "seed", env=env, timeout=900)
    assert built.returncode == 0, built.stdout + built.stderr
    return Hooks(env, hooks.repo, rev, time.monotonic() - started)


def commit(repo: Path, hooks: Hooks, message: str) -> subprocess.CompletedProcess[str]:
    assert run("git", "add", "-A", cwd=repo, env=hooks.env).returncode == 0
    return run("git", "commit", "-m", message, cwd=repo, env=hooks.env)


def expected_report(repo: Path) -> str:
    """What `okr check` prints for the files pre-commit passes it (every staged YAML file)."""
    staged = [".okr.yaml", ".pre-commit-config.yaml", SHEET_PATH]
    return run_okr("check", *staged, cwd=repo, env={"NO_COLOR": "1"}).out


def test_vague_key_result_blocks_the_commit_until_fixed(tmp_path: Path, hooks: Hooks) -> None:
    print(f"pre-commit built the okr hook environment in {hooks.install_seconds:.1f} s")
    goals_repository(tmp_path, hooks, SHEET.format(title=VAGUE_TITLE))

    blocked = commit(tmp_path, hooks, "Add Q3 goals")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    assert re.findall(r"^okr check\.+(\w+)$", output, re.MULTILINE) == ["Failed"]
    assert "- hook id: okr-check\n- exit code: 1\n" in output
    report = expected_report(tmp_path)
    assert report in output
    # The file, then line:column, level, message and rule of the one problem.
    assert re.findall(r"^(\S.*)$\n^  (\d+:\d+) +(\w+) +.*\((\S+)\)$", report, re.MULTILINE) == [
        (SHEET_PATH, "8:16", "error", "vague-wording"),
    ]
    assert run("git", "rev-parse", "--verify", "-q", "HEAD", cwd=tmp_path, env=hooks.env).returncode == 1

    fixed = SHEET.format(title=FIXED_TITLE)
    (tmp_path / SHEET_PATH).write_text(fixed, encoding="utf-8")
    passed = commit(tmp_path, hooks, "Add Q3 goals")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # git hands a hook's output to stderr.
    assert re.findall(r"^okr check\.+(\w+)$", passed.stderr, re.MULTILINE) == ["Passed"]
    assert run("git", "log", "--format=%s", cwd=tmp_path, env=hooks.env).stdout == "Add Q3 goals\n"
    assert run("git", "show", f"HEAD:{SHEET_PATH}", cwd=tmp_path, env=hooks.env).stdout == fixed


FOURTH_OBJECTIVE = SHEET.format(title=FIXED_TITLE) + "".join(
    f"  - id: O{n}\n    title: Objective number {word}\n    key_results:\n"
    f"      - {{id: KR1, title: Demo requests reach 120 (from 80), start: 80, target: 120}}\n"
    f"      - {{id: KR2, title: Paid accounts reach 300 (from 200), start: 200, target: 300}}\n"
    for n, word in ((2, "two"), (3, "three"), (4, "four"))
)
BROKEN = SHEET.format(title=FIXED_TITLE).replace("        start: 2%\n", "        start: [2%\n")


@pytest.mark.parametrize(
    ("sheet", "problem"),
    [
        (FOURTH_OBJECTIVE, (SHEET_PATH, "25:5", "error", "max-objectives")),
        (BROKEN, (SHEET_PATH, "10:15", "error", "yaml-syntax")),
    ],
    ids=["fourth-objective", "broken-yaml"],
)
def test_other_problems_block_the_commit(tmp_path: Path, hooks: Hooks, sheet: str, problem: tuple[str, ...]) -> None:
    goals_repository(tmp_path, hooks, sheet)
    blocked = commit(tmp_path, hooks, "Add Q3 goals")
    assert blocked.returncode == 1
    report = expected_report(tmp_path)
    assert report in blocked.stdout + blocked.stderr
    assert re.findall(r"^(\S.*)$\n^  (\d+:\d+) +(\w+) +.*\((\S+)\)$", report, re.MULTILINE) == [problem]


PRIYA = """\
period: 2025-Q3
owner: priya
level: individual
objectives:
  - id: O1
    title: Turn visitors into paying customers through the blog
    parent: growth/O1
    key_results:
      - id: KR1
        title: Blog signups reach 400 (from 150)
        start: 150
        target: 400
      - id: KR2
        title: Blog visitors reach 20,000 (from 8,000)
        start: "8,000"
        target: "20,000"
"""
PRIYA_PATH = "2025-Q3/growth/priya.yaml"


def test_a_change_that_breaks_another_sheet_blocks_the_commit(tmp_path: Path, hooks: Hooks) -> None:
    goals_repository(tmp_path, hooks, SHEET.format(title=FIXED_TITLE))
    (tmp_path / PRIYA_PATH).parent.mkdir()
    (tmp_path / PRIYA_PATH).write_text(PRIYA, encoding="utf-8")
    first = commit(tmp_path, hooks, "Add Q3 goals")
    assert first.returncode == 0, first.stdout + first.stderr

    # Renaming growth's O1 leaves priya's `parent: growth/O1` dangling; only growth.yaml is staged.
    (tmp_path / SHEET_PATH).write_text(SHEET.format(title=FIXED_TITLE).replace("id: O1", "id: O2"), encoding="utf-8")
    assert run("git", "add", SHEET_PATH, cwd=tmp_path, env=hooks.env).returncode == 0
    blocked = run("git", "commit", "-m", "Renumber growth's objective", cwd=tmp_path, env=hooks.env)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    report = run_okr("check", SHEET_PATH, cwd=tmp_path, env={"NO_COLOR": "1"}).out
    assert report in output
    assert re.findall(r"^(\S.*)$\n^  (\d+:\d+) +(\w+) +(.*)\((\S+)\)$", report, re.MULTILINE) == [
        (PRIYA_PATH, "7:13", "error", "parent 'growth/O1' matches no objective in 2025-Q3; did you mean 'growth/O2'?  ", "unknown-ref"),
    ]
    assert run("git", "log", "--format=%s", cwd=tmp_path, env=hooks.env).stdout == "Add Q3 goals\n"


def test_the_fixing_hook_fixes_the_file_and_fails_the_commit_until_it_is_staged(tmp_path: Path, hooks: Hooks) -> None:
    clean = SHEET.format(title=FIXED_TITLE)
    suppressed = clean.replace("  - id: O1\n", "  - id: O1  # okr: disable=vague-wording -- legacy\n")
    goals_repository(tmp_path, hooks, suppressed, args="[--fix]")
    blocked = commit(tmp_path, hooks, "Add Q3 goals")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1, output
    assert re.findall(r"^okr check\.+(\w+)$", output, re.MULTILINE) == ["Failed"]
    assert "- hook id: okr-check\n- exit code: 1\n- files were modified by this hook\n" in output
    assert "okr: fixed 1 problem in 1 file\n" in output
    assert (tmp_path / SHEET_PATH).read_text(encoding="utf-8") == clean
    assert run("git", "rev-parse", "--verify", "-q", "HEAD", cwd=tmp_path, env=hooks.env).returncode == 1

    passed = commit(tmp_path, hooks, "Add Q3 goals")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert run("git", "show", f"HEAD:{SHEET_PATH}", cwd=tmp_path, env=hooks.env).stdout == clean
