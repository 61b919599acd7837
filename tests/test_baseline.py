"""Baselines: `okr check --write-baseline [FILE]` records today's problems, `--baseline
[FILE]` reports only new ones, matched by path, rule and subject, never by line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import run_okr, write_files

SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Turn visitors into paying customers
    key_results:
      - id: KR1
        title: Improve signups, boost visits
        start: 10
        target: 20
      - id: KR2
        title: Paid conversion reaches 4%
        target: 4%
"""
VAGUE = "'{}' is vague; state the measurable outcome, e.g. 'Trial-to-paid conversion reaches 18% (from 12%)'"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_files(tmp_path, {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    result = run_okr("check", "--write-baseline", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (0, "", "okr: recorded 3 problems in .okr-baseline.json\n")
    return tmp_path


def check(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, list[str]]:
    result = run_okr("check", "-f", "parsable", "--baseline", *args, cwd=cwd or root)
    assert result.err == "" or result.code == 2
    return result.code, result.out.splitlines() if result.code != 2 else [result.err]


def edit(root: Path, old: str, new: str) -> None:
    path = root / "2025-Q3/growth.yaml"
    path.write_text(path.read_text().replace(old, new, 1))


def test_the_file_records_path_rule_subject_and_count(repo: Path) -> None:
    assert json.loads((repo / ".okr-baseline.json").read_text()) == {
        "version": 1,
        "problems": [
            {"path": "2025-Q3/growth.yaml", "rule": "missing-baseline", "subject": "O1/KR2/target",
             "message": "target 4% has no `start`, so it is scored as a threshold (current ÷ target); add `start:` with the baseline to score "
                        'progress from it, or write target: ">= 4%" if a threshold is meant',
             "count": 1},
            {"path": "2025-Q3/growth.yaml", "rule": "vague-wording", "subject": "O1/KR1/title", "message": VAGUE.format("Improve"), "count": 2},
        ],
    }
    assert check(repo) == (0, [])


def test_edits_above_old_problems_do_not_bring_them_back(repo: Path) -> None:
    edit(repo, "period:", "# Growth's goals.\n# Reviewed every Monday.\n\nperiod:")
    edit(repo, "    key_results:\n", "    key_results:\n      - id: KR0\n        title: Trials reach 900\n        start: 100\n        target: 900\n")
    assert check(repo) == (0, [])
    edit(repo, "  - id: O1\n", "  - id: O0\n    title: Keep customers\n    key_results:\n      - id: KR1\n        title: Churn falls to 2%\n"
         "        start: 3%\n        target: 2%\n      - id: KR2\n        title: Refunds fall to 10\n        start: 20\n        target: 10\n  - id: O1\n")
    assert check(repo) == (0, [])


def test_counts_matter_a_third_identical_problem_is_new(repo: Path) -> None:
    edit(repo, "Improve signups, boost visits", "Improve signups, boost visits, enhance trials")
    assert check(repo) == (1, [f"2025-Q3/growth.yaml:8:47: [error] {VAGUE.format('enhance')} (vague-wording)"])


def test_a_new_problem_elsewhere_and_a_fixed_one(repo: Path) -> None:
    edit(repo, "Improve signups, boost visits", "Signups reach 900")
    edit(repo, "Paid conversion reaches 4%", "Optimize paid conversion to 4%")
    assert check(repo) == (1, [f"2025-Q3/growth.yaml:12:16: [error] {VAGUE.format('Optimize')} (vague-wording)"])


def test_paths_are_the_roots_wherever_okr_runs_and_files_select_after_matching(repo: Path) -> None:
    write_files(repo, {"2025-Q3/ops.yaml": SHEET.replace("growth", "ops")})
    code, lines = check(repo, "../.okr-baseline.json", cwd=repo / "2025-Q3")
    assert (code, [line.split(":")[0] for line in lines]) == (1, ["ops.yaml"] * 3)
    assert check(repo, ".okr-baseline.json", "2025-Q3/growth.yaml") == (0, [])
    assert run_okr("check", "-C", "2025-Q3", "--baseline", "-f", "parsable", "growth.yaml", cwd=repo).out == ""


def test_a_sheet_after_a_bare_baseline_option_is_a_file_to_check_as_pre_commit_passes_it(repo: Path) -> None:
    write_files(repo, {"2025-Q3/ops.yaml": SHEET.replace("growth", "ops")})
    result = run_okr("check", "-f", "parsable", "--baseline", "2025-Q3/growth.yaml", "2025-Q3/ops.yaml", cwd=repo)
    assert (result.code, [line.split(":")[0] for line in result.out.splitlines()], result.err) == (1, ["2025-Q3/ops.yaml"] * 3, "")
    assert run_okr("check", "--baseline", "2025-Q3/growth.yaml", cwd=repo).code == 0


def test_write_baseline_to_a_named_file_then_read_it(repo: Path) -> None:
    edit(repo, "Paid conversion reaches 4%", "Optimize paid conversion to 4%")
    result = run_okr("check", "--write-baseline=old.json", cwd=repo / "2025-Q3")
    assert (result.code, result.err) == (0, "okr: recorded 4 problems in old.json\n")
    assert check(repo, "2025-Q3/old.json") == (0, [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--write-baseline", "--baseline"], "okr: --write-baseline records the whole repository: give it no FILES and no --baseline\n"),
        (["2025-Q3/growth.yaml", "--write-baseline"], "okr: --write-baseline records the whole repository: give it no FILES and no --baseline\n"),
        (["--write-baseline=2025-Q3/growth.yaml"], "okr: --write-baseline 2025-Q3/growth.yaml: is a YAML file (a goal sheet or a config); "
         "okr never writes over one: choose another name\n"),
    ],
)
def test_write_baseline_refusals(repo: Path, args: list[str], message: str) -> None:
    before = (repo / "2025-Q3/growth.yaml").read_bytes()
    result = run_okr("check", *args, cwd=repo)
    assert (result.code, result.out, result.err) == (2, "", message)
    assert (repo / "2025-Q3/growth.yaml").read_bytes() == before


def test_write_baseline_never_writes_through_a_fifo_or_a_link(repo: Path) -> None:
    os.mkfifo(repo / "fifo.json")
    result = run_okr("check", "--write-baseline=fifo.json", cwd=repo)
    assert result.code == 2 and result.err.startswith("okr: --write-baseline fifo.json: ") and "FIFO" in result.err
    outside = repo.parent / f"{repo.name}-outside.json"
    outside.write_text("mine\n")
    (repo / "link.json").symlink_to(outside)
    result = run_okr("check", "--write-baseline=link.json", cwd=repo)
    assert result.code == 2 and result.err.startswith("okr: --write-baseline link.json: ")
    assert outside.read_text() == "mine\n"


HOSTILE: list[tuple[str, bytes, str]] = [
    ("not-json.json", b"period: 2025-Q3\n", "not a JSON baseline (Expecting value: line 1 column 1 (char 0)); write it again with --write-baseline"),
    ("binary.json", b"\xff\xfe\x00\x01", "not a JSON baseline ("),
    ("deep.json", b"[" * 200_000, "not a JSON baseline (nested too deeply); write it again with --write-baseline"),
    ("list.json", b"[]", 'not an okr baseline: expected {"version": 1, "problems": [...]}'),
    ("extra.json", b'{"version": 1, "problems": [], "more": 1}', 'not an okr baseline: expected {"version": 1, "problems": [...]}'),
    ("v2.json", b'{"version": 2, "problems": []}', "version 2 is not one this okr reads (1); write it again with --write-baseline"),
    ("vtext.json", b'{"version": "1", "problems": []}', 'version "1" is not one this okr reads (1)'),
    ("vtrue.json", b'{"version": true, "problems": []}', "version true is not one this okr reads (1)"),
    ("problems.json", b'{"version": 1, "problems": {}}', "`problems` must be a list"),
    ("count.json", b'{"version": 1, "problems": [{"path": "a", "rule": "b", "subject": "", "message": "", "count": 0}]}', "entry 1 is not"),
    ("huge-count.json", b'{"version": 1, "problems": [{"path": "a", "rule": "b", "subject": "", "message": "", "count": 1' + b"0" * 5000 + b"}]}",
     "not a JSON baseline ("),
    ("bool.json", b'{"version": 1, "problems": [{"path": "a", "rule": "b", "subject": "", "message": "", "count": true}]}', "entry 1 is not"),
    ("keys.json", b'{"version": 1, "problems": [{"path": "a", "rule": "b", "count": 1}]}', "entry 1 is not"),
    ("nan.json", b'{"version": NaN, "problems": []}', "version NaN is not one this okr reads"),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_damaged_or_foreign_baseline_is_a_usage_error_naming_it(repo: Path, name: str, content: bytes, message: str) -> None:
    (repo / name).write_bytes(content)
    result = run_okr("check", "--baseline", name, cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"okr: --baseline {name}: {message}")
    assert "Traceback" not in result.err and result.err.count("\n") == 1


def test_a_huge_baseline_is_refused_without_reading_it_all(repo: Path) -> None:
    (repo / "huge.json").write_bytes(b" " * (16 * 1024 * 1024 + 10))
    result = run_okr("check", "--baseline", "huge.json", cwd=repo)
    assert (result.code, result.err) == (2, "okr: --baseline huge.json: larger than 16 MiB; not a baseline okr writes\n")


def test_a_baseline_that_is_not_a_regular_file_inside_the_repo_is_never_opened(repo: Path) -> None:
    os.mkfifo(repo / "fifo.json")
    (repo / "folder.json").mkdir()
    outside = repo.parent / f"{repo.name}-outside.json"
    outside.write_bytes((repo / ".okr-baseline.json").read_bytes())
    (repo / "out.json").symlink_to(outside)
    (repo / "loop.json").symlink_to(repo / "loop.json")
    expected = {
        "fifo.json": "not read: it is a FIFO (named pipe)",
        "folder.json": "not read: it is a folder",
        "out.json": "not read: it is a symlink that leads out of the repository",
        "loop.json": "not read: it is a symlink in a loop",
        "missing.json": "no such file; write one with --write-baseline",
    }
    for name, message in expected.items():
        result = run_okr("check", "--baseline", name, cwd=repo)
        assert (name, result.code, result.err) == (name, 2, f"okr: --baseline {name}: {message}\n")


def test_the_default_baseline_missing_is_a_usage_error(tmp_path: Path) -> None:
    write_files(tmp_path, {"g.yaml": SHEET})
    result = run_okr("check", "--baseline", cwd=tmp_path)
    assert (result.code, result.err) == (2, "okr: --baseline .okr-baseline.json: no such file; write one with --write-baseline\n")
