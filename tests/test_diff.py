"""okr diff: goals added, removed and changed between two refs of a real repository, both
sides scored as of the same date."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import run_okr, write_files
from test_fuzz import damaged_repo

SHEET = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Make self-serve signups our main acquisition engine
        key_results:
          - {id: KR1, title: Trial signups reach 2400, start: 1500, target: 2400, current: 1800}
          - {id: KR2, title: Paid plans reach 300, start: 120, target: 300, current: 200}
    kpis:
      - {id: K1, title: Churn stays low, target: "<= 3%", actual: 2%}
"""
CHANGED = SHEET.replace("target: 2400, current", "target: 2000, current").replace(
    '      - {id: K1, title: Churn stays low, target: "<= 3%", actual: 2%}',
    '      - {id: K2, title: NPS stays high, target: ">= 40", actual: 45}',
)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def commit(root: Path, day: str = "2025-07-01", message: str = "goals") -> str:
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)
    return git(root, "rev-parse", "--short", "HEAD")


def okr_diff(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_okr("diff", *args, "--as-of", "2025-08-15", cwd=root)
    return result.code, result.out, result.err


def based(root: Path) -> str:
    write_files(root, {"2025-Q3/growth.yaml": SHEET})
    base = commit(root)
    git(root, "tag", "base")
    write_files(root, {"2025-Q3/growth.yaml": CHANGED})
    return base


def test_text(git_repo: Path) -> None:
    base = based(git_repo)
    assert okr_diff(git_repo, "base") == (0, (
        f"{base}..working tree, as of 2025-08-15: 1 added, 1 removed, 2 changed\n"
        "~ 2025-Q3:growth/O1  score 0.38 → 0.52 (+0.14) · grade ~red → ~yellow\n"  # projected: the period runs
        "~ 2025-Q3:growth/O1/KR1  score 0.33 → 0.60 (+0.27) · target 2,400 → 2,000\n"
        "+ 2025-Q3:growth/K2  NPS stays high · 45 / >= 40 · score 1.12\n"
        "- 2025-Q3:growth/K1  Churn stays low · 2% / <= 3% · score 1.50\n"
    ), "")


def test_markdown(git_repo: Path) -> None:
    base = based(git_repo)
    assert okr_diff(git_repo, "base", "--format", "markdown") == (0, (
        f"**Goals: 1 added, 1 removed, 2 changed** ({base} → working tree, as of 2025-08-15)\n"
        "\n"
        "#### growth\n"
        "\n"
        "| Goal | Change | Score | What changed |\n"
        "|---|---|---:|---|\n"
        "| 2025-Q3:growth/O1 Make self-serve signups our main acquisition engine | changed | 0.38 → 0.52 (+0.14) | grade \\~red → \\~yellow |\n"
        "| 2025-Q3:growth/O1/KR1 Trial signups reach 2400 | changed | 0.33 → 0.60 (+0.27) | target 2,400 → 2,000 |\n"
        "| 2025-Q3:growth/K2 NPS stays high | added | 1.12 | 45 / >= 40 |\n"
        "| 2025-Q3:growth/K1 Churn stays low | removed | 1.50 | 2% / <= 3% |\n"
    ), "")


def test_json_between_two_commits(git_repo: Path) -> None:
    base = based(git_repo)
    head = commit(git_repo, "2025-08-01")
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET})  # the working tree is not read
    result = run_okr("diff", base, "HEAD", "--format", "json", "--as-of", "2025-08-15", cwd=git_repo)
    assert (result.code, result.err) == (0, "")
    assert result.json() == {"base": base, "head": head, "changes": [
        {"ref": "2025-Q3:growth/O1", "kind": "objective", "change": "changed",
         "fields": {"score": [0.3889, 0.5222], "grade": ["red", "yellow"]}},
        {"ref": "2025-Q3:growth/O1/KR1", "kind": "key_result", "change": "changed",
         "fields": {"score": [0.3333, 0.6], "target": [2400, 2000]}},  # a key result has no grade (SPEC 3)
        {"ref": "2025-Q3:growth/K2", "kind": "kpi", "change": "added", "fields": {
            "score": [None, 1.125], "grade": [None, "green"], "target": [None, 40], "current": [None, 45],
            "title": [None, "NPS stays high"], "owner": [None, "growth"]}},
        {"ref": "2025-Q3:growth/K1", "kind": "kpi", "change": "removed", "fields": {
            "score": [1.5, None], "grade": ["green", None], "target": [3, None], "current": [2, None],
            "title": ["Churn stays low", None], "owner": ["growth", None]}},
    ]}


def test_same_as_of_date_on_both_sides(git_repo: Path) -> None:
    """Time alone changes nothing: an old commit is scored as of the date asked, not its own."""
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET})
    base = commit(git_repo, "2025-07-01")
    assert okr_diff(git_repo, base) == (0, f"{base}..working tree, as of 2025-08-15: no objective, key result or KPI changed\n", "")


def test_renamed_and_deleted_sheets(git_repo: Path) -> None:
    ops = "period: 2025-Q3\nowner: ops\nkpis:\n  - {id: K1, title: Uptime, target: '>= 99.9%', actual: 99.95%}\n"
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET, "2025-Q3/ops.yaml": ops})
    base = commit(git_repo)
    git(git_repo, "mv", "2025-Q3/growth.yaml", "2025-Q3/team-growth.yaml")
    git(git_repo, "rm", "-q", "2025-Q3/ops.yaml")
    code, out, err = okr_diff(git_repo, base)
    assert (code, err) == (0, "")
    assert out == f"{base}..working tree, as of 2025-08-15: 1 removed\n- 2025-Q3:ops/K1  Uptime · 99.95% / >= 99.9% · score 1.00\n"


def test_refs_that_do_not_resolve(git_repo: Path) -> None:
    based(git_repo)
    for ref in ("nope", "-x", "--output=/tmp/x", "base..HEAD", ""):
        code, out, err = okr_diff(git_repo, ref)
        assert (code, out) == (2, ""), ref
        assert "unknown git ref" in err or "no such option" in err.lower(), (ref, err)
    code, out, err = okr_diff(git_repo, "base", "nope")
    assert (code, out) == (2, "") and "unknown git ref 'nope'" in err


def test_outside_git(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET})
    code, out, err = okr_diff(tmp_path, "main")
    assert (code, out) == (2, "")
    assert "is not in a git repository" in err


def test_shallow_clone_without_the_base(git_repo: Path) -> None:
    based(git_repo)
    first = git(git_repo, "rev-parse", "HEAD")
    commit(git_repo, "2025-08-01")
    clone = Path(str(git_repo) + "-clone")
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo}", str(clone)], check=True)
    code, out, err = okr_diff(clone, first)
    assert (code, out) == (2, "")
    assert err == (
        f"okr: unknown git ref '{first}': no tag, branch or commit of that name; see `git tag`, `git branch` or "
        f"`git log`; this clone is shallow and may not have it: run `git fetch --unshallow` (or `git fetch origin {first}`)\n"
    )


def test_broken_sides_are_named_and_exit_1(git_repo: Path) -> None:
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET})
    base = commit(git_repo)
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET.replace("target: 300,", "target: [300],")})
    code, out, err = okr_diff(git_repo, base)
    assert code == 1
    assert err.startswith("okr: left out of the scores: 2025-Q3/growth.yaml:8:68: cannot read the list [300]")
    # unknown on one side: neither removed nor added
    assert out == f"{base}..working tree, as of 2025-08-15: no objective, key result or KPI changed\n"


def test_hostile_titles_are_escaped(git_repo: Path) -> None:
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET})
    base = commit(git_repo)
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET.replace("Churn stays low", '"Churn\\x1b[31m | low\\n::error::x"')})
    code, out, _ = okr_diff(git_repo, base, "--format", "markdown")
    assert code == 0
    assert "| title Churn stays low → Churn\\\\x1b\\[31m \\| low\\\\n::error::x |" in out
    assert "\x1b" not in out and "\n::error" not in out


@pytest.mark.parametrize("seed", range(12))
def test_damaged_sides_get_answers_not_tracebacks(seed: int, tmp_path: Path) -> None:
    """A damaged working tree against its clean commit, and the damage committed against a
    clean working tree: an answer or a message, never exit 3."""
    repo = damaged_repo(seed, tmp_path)
    for command in (["init", "-q", "-b", "main"], ["config", "user.email", "t@example.com"], ["config", "user.name", "T"]):
        git(repo, *command)
    commit(repo)
    for fmt in ("text", "markdown", "json"):
        result = run_okr("diff", "HEAD", "--format", fmt, "--as-of", "2025-08-15", cwd=repo)
        assert result.code in (0, 1, 2) and "internal error" not in result.err, (fmt, result.err)
    git(repo, "checkout", "-q", "--", ".")
    damaged = damaged_repo(seed + 100, tmp_path / "other")
    for sheet in damaged.rglob("*.yaml"):
        target = repo / sheet.relative_to(damaged)
        if target.exists():
            target.write_bytes(sheet.read_bytes())
    result = run_okr("diff", "HEAD", "--as-of", "2025-08-15", cwd=repo)
    assert result.code in (0, 1, 2) and "internal error" not in result.err, result.err


def test_a_key_result_shows_score_and_status_changes_never_a_grade(git_repo: Path) -> None:
    """SPEC 3 grades objectives and KPIs only: a key result added, or one whose score moves
    across the grade bands, shows its score and status, in every format."""
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET})
    base = commit(git_repo)
    changed = SHEET.replace("current: 1800", "current: 2400").replace(
        "          - {id: KR2, title: Paid plans reach 300, start: 120, target: 300, current: 200}\n",
        "          - {id: KR2, title: Paid plans reach 300, start: 120, target: 300, current: 200}\n"
        "          - {id: KR3, title: Demos reach 40, target: \">= 40\", current: 10}\n",
    )
    write_files(git_repo, {"2025-Q3/growth.yaml": changed})
    result = run_okr("diff", base, "--format", "json", "--as-of", "2025-08-15", cwd=git_repo)
    key_results = [c for c in result.json()["changes"] if c["kind"] == "key_result"]  # type: ignore[index]
    assert key_results == [
        {"ref": "2025-Q3:growth/O1/KR1", "kind": "key_result", "change": "changed",
         "fields": {"score": [0.3333, 1], "status": ["on-track", "done"], "current": [1800, 2400]}},
        {"ref": "2025-Q3:growth/O1/KR3", "kind": "key_result", "change": "added", "fields": {
            "score": [None, 0.25], "status": [None, "at-risk"], "target": [None, 40], "current": [None, 10],
            "title": [None, "Demos reach 40"], "owner": [None, "growth"]}},
    ]
    text = okr_diff(git_repo, base)[1]
    assert "~ 2025-Q3:growth/O1/KR1  score 0.33 → 1.00 (+0.67) · status on-track → done · current 1,800 → 2,400\n" in text
    markdown = okr_diff(git_repo, base, "--format", "markdown")[1]
    assert "| 2025-Q3:growth/O1/KR1 Trial signups reach 2400 | changed | 0.33 → 1.00 (+0.67) | status on-track → done; current 1,800 → 2,400 |\n" in markdown
