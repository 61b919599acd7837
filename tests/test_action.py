"""action.yml: its run steps, taken from the file and run as GitHub runs them (bash -eo
pipefail, `${{ }}` values through the environment) in a real clone with a base branch on its
remote. The setup-python step is GitHub's own; the install step is read, not run: it would
build okr from this checkout, and the okr of the test's interpreter stands in for it."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import PROJECT, run_okr, write_files
from ruamel.yaml import YAML

SHEET = """
    period: {period}
    owner: growth
    objectives:
      - id: O1
        title: Make self-serve signups our main acquisition engine
        key_results:
          - {{id: KR1, title: Trial signups reach 2400, start: 1500, target: {target}, current: 1800}}
          - {{id: KR2, title: Paid plans reach 300, start: 120, target: 300, current: 200}}
"""
QUARTER = f"{dt.date.today().year}-Q{(dt.date.today().month - 1) // 3 + 1}"


def steps() -> list[dict[str, Any]]:
    action = YAML(typ="safe").load((PROJECT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    return list(action["runs"]["steps"])


def expression(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        assert name in context, f"action.yml uses ${{{{ {name} }}}}, which this test does not know"
        return context[name]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def run_action(workspace: Path, event: str, summary: Path) -> list[tuple[str, int]]:
    """Each run step's name and exit code, as the runner would start them."""
    context = {
        "github.action_path": str(PROJECT), "github.base_ref": "main" if event == "pull_request" else "",
        "inputs.directory": ".", "inputs.python-version": "3.12",
        "always()": "true", "always() && github.event_name == 'pull_request'": str(event == "pull_request").lower(),
    }
    env = {
        **os.environ, "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_BASE_REF": context["github.base_ref"], "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    ran: list[tuple[str, int]] = []
    failed = False
    for step in steps():
        if "run" not in step or step["name"] == "Install okr":
            continue
        condition = expression(str(step.get("if", "${{ success() }}")), {**context, "success()": str(not failed).lower()})
        if condition != "true":
            continue
        step_env = {**env, **{k: expression(str(v), context) for k, v in step.get("env", {}).items()}}
        folder = workspace / expression(step.get("working-directory", "."), context)
        assert step["shell"] == "bash"
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=folder, env=step_env, capture_output=True, text=True)
        ran.append((step["name"], done.returncode))
        failed = failed or done.returncode != 0
    return ran


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


def pull_request(git_repo: Path, tmp_path_factory: Any, target: str = "2000") -> Path:
    """The base branch on a remote, and a clone with the pull request's change checked out."""
    write_files(git_repo, {f"{QUARTER}/growth.yaml": SHEET.format(period=QUARTER, target=2400)})
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "goals")
    workspace = tmp_path_factory.mktemp("runner") / "workspace"
    subprocess.run(["git", "clone", "-q", f"file://{git_repo}", str(workspace)], check=True)
    for key, value in (("user.email", "t@example.com"), ("user.name", "T")):
        git(workspace, "config", key, value)
    git(workspace, "checkout", "-q", "-b", "pr")
    write_files(workspace, {f"{QUARTER}/growth.yaml": SHEET.format(period=QUARTER, target=target)})
    git(workspace, "commit", "-q", "-am", "Trial signups: aim for 2000")
    return workspace


def test_install_step_installs_the_actions_own_checkout() -> None:
    install = next(s for s in steps() if s.get("name") == "Install okr")
    assert install["env"] == {"OKR_ACTION_PATH": "${{ github.action_path }}"}
    assert install["run"] == 'python -m pip install --quiet --disable-pip-version-check "$OKR_ACTION_PATH"'
    assert [s.get("uses") for s in steps()][0] == "actions/setup-python@v5"


def test_pull_request_summary_has_scores_and_the_diff(git_repo: Path, tmp_path_factory: Any) -> None:
    workspace = pull_request(git_repo, tmp_path_factory)
    git(workspace, "update-ref", "-d", "refs/remotes/origin/main")  # as a shallow checkout: fetched
    summary = workspace.parent / "summary.md"
    assert run_action(workspace, "pull_request", summary) == [("okr check", 0), ("okr score", 0), ("okr diff", 0)]
    score = run_okr("score", "--format", "markdown", cwd=workspace).out
    base = git(workspace, "rev-parse", "--short", "origin/main")
    today = dt.date.today().isoformat()
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(score + "\n")
    diff = text[len(score) + 1 :]
    assert diff.splitlines()[0] == f"**Goals: 2 changed** ({base} → working tree, as of {today})"
    assert diff == run_okr("diff", "origin/main", "--format", "markdown", cwd=workspace).out
    assert f"| {QUARTER}:growth/O1/KR1 Trial signups reach 2400 | changed |" in diff


def test_push_has_no_diff_and_a_failed_check_still_scores(git_repo: Path, tmp_path_factory: Any) -> None:
    workspace = pull_request(git_repo, tmp_path_factory, target="[2000]")  # a schema error
    summary = workspace.parent / "summary.md"
    assert run_action(workspace, "push", summary) == [("okr check", 1), ("okr score", 0)]
    text = summary.read_text(encoding="utf-8")
    assert text == run_okr("score", "--format", "markdown", cwd=workspace).out
    assert "Left out of the scores" in text
