"""okr due: what needs a check-in in the open periods, by owner, with CODEOWNERS handles,
on real repositories with dated commits."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import run_okr, write_files

from okrcli.repo.codeowners import parse_codeowners

GROWTH = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Make self-serve signups our main acquisition engine
        key_results:
          - id: KR1
            title: Trial signups reach 2400
            start: 1500
            target: 2400
            check_ins: [{date: 2025-07-28, value: 1710}]
          - {id: KR2, title: Paid plans reach 300, start: 120, target: 300, current: 200, owner: lan}
          - {id: KR3, title: Demos reach 40, target: ">= 40", current: 40}
          - {id: KR4, title: Docs pages reach 50, target: ">= 50"}
    kpis:
      - {id: K1, title: Churn stays low, target: "<= 3%", readings: [{period: 2025-07, value: 2%}]}
      - {title: NPS stays high, id: K2, target: ">= 40", check_ins: [{date: 2025-08-10, value: 45}]}
"""
OPS = """
    period: 2025-Q3
    owner: ops
    kpis:
      - {id: K1, title: Uptime, target: ">= 99.9%", actual: 99.95%}
"""
OLD = "period: 2025-Q2\nowner: ops\nkpis:\n  - {id: K1, title: Uptime, target: '>= 99.9%'}\n"
CODEOWNERS = """
    # goals
    *                      @acme/okr-admins
    /2025-Q3/growth.yaml   @acme/growth @lan
    ops.yaml               @ops-lead ops@example.com
    !2025-Q3/ops.yaml      @nobody
    2025-Q3/[a-z]*.yaml    @ranges
    2025-Q3/ops.yaml       not-a-handle
"""


def commit(root: Path, day: str) -> None:
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", "goals"], check=True, env=env)


@pytest.fixture
def goals(git_repo: Path) -> Path:
    write_files(git_repo, {"2025-Q3/growth.yaml": GROWTH, "2025-Q2/ops.yaml": OLD, ".github/CODEOWNERS": CODEOWNERS})
    commit(git_repo, "2025-07-01")  # adds growth: KR2 and KR4's value, K1's actual-less KPI
    write_files(git_repo, {"2025-Q3/ops.yaml": OPS})
    commit(git_repo, "2025-08-05")  # adds ops/K1: an update
    return git_repo


def test_json(goals: Path) -> None:
    result = run_okr("due", "--format", "json", "--as-of", "2025-08-15", cwd=goals)
    assert result.code == 1
    assert result.err == (
        "okr: .github/CODEOWNERS:5: '!2025-Q3/ops.yaml': GitHub does not accept negations, ranges or escapes in CODEOWNERS (line ignored)\n"
        "okr: .github/CODEOWNERS:6: '2025-Q3/[a-z]*.yaml': GitHub does not accept negations, ranges or escapes in CODEOWNERS (line ignored)\n"
        "okr: .github/CODEOWNERS:7: 'not-a-handle' is not an owner: write @user, @org/team or an e-mail address (line ignored)\n"
    )
    handles = ["@acme/growth", "@lan"]
    assert result.json() == {"as_of": "2025-08-15", "due": [
        {"ref": "2025-Q3:growth/O1/KR1", "owner": "growth", "handles": handles, "path": "2025-Q3/growth.yaml",
         "line": 7, "last_update": "2025-07-28", "days": 18},
        {"ref": "2025-Q3:growth/O1/KR4", "owner": "growth", "handles": handles, "path": "2025-Q3/growth.yaml",
         "line": 14, "last_update": None, "days": None},
        {"ref": "2025-Q3:growth/K1", "owner": "growth", "handles": handles, "path": "2025-Q3/growth.yaml",
         "line": 16, "last_update": "2025-07-31", "days": 15},
        {"ref": "2025-Q3:growth/O1/KR2", "owner": "lan", "handles": handles, "path": "2025-Q3/growth.yaml",
         "line": 12, "last_update": "2025-07-01", "days": 45},
    ], "left_out": []}


def test_text_markdown_github_and_owner(goals: Path) -> None:
    result = run_okr("due", "--as-of", "2025-08-15", "--owner", "lan", cwd=goals)
    assert (result.code, result.out) == (1, (
        "Check-ins due as of 2025-08-15 (never updated, or not for more than 14 days)\n"
        "lan @acme/growth @lan\n"
        "  2025-Q3/growth.yaml:12  2025-Q3:growth/O1/KR2  Paid plans reach 300  (last update 2025-07-01, 45 days ago)\n"
    ))
    result = run_okr("due", "--as-of", "2025-08-15", "--owner", "lan", "--format", "markdown", cwd=goals)
    assert result.out == (
        "### Check-ins due as of 2025-08-15 (never updated, or not for more than 14 days)\n\n"
        "#### lan @acme/growth @lan\n\n"
        "- [ ] 2025-Q3:growth/O1/KR2 Paid plans reach 300: last update 2025-07-01, 45 days ago (2025-Q3/growth.yaml:12)\n"
    )
    result = run_okr("due", "--as-of", "2025-08-15", "--owner", "lan", "--format", "github", cwd=goals)
    assert result.out == (
        "::warning file=2025-Q3/growth.yaml,line=12,title=okr due::2025-Q3:growth/O1/KR2 (lan @acme/growth @lan) needs a "
        "check-in: last update 2025-07-01, 45 days ago; record it: okr checkin 2025-Q3:growth/O1/KR2 VALUE\n"
    )
    result = run_okr("due", "--as-of", "2025-08-15", "--owner", "nobody", cwd=goals)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith("okr: unknown owner 'nobody' in the open periods; owners: growth, lan, ops\n")


def test_nothing_due_exits_0(goals: Path) -> None:
    result = run_okr("due", "--as-of", "2025-08-15", "--owner", "ops", cwd=goals)
    assert (result.code, result.out) == (0, (
        "Nothing due as of 2025-08-15: every key result and KPI of the open periods was updated in the last 14 days\n"
    ))
    result = run_okr("due", "--as-of", "2025-10-15", "--format", "json", cwd=goals)  # no open period
    assert (result.code, result.json()) == (0, {"as_of": "2025-10-15", "due": [], "left_out": []})


def test_outside_git_check_ins_count_alone(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/ops.yaml": OPS, "CODEOWNERS": "* @all\n"})
    result = run_okr("due", "--as-of", "2025-08-15", "--format", "json", cwd=tmp_path)
    assert result.json() == {"as_of": "2025-08-15", "due": [
        {"ref": "2025-Q3:ops/K1", "owner": "ops", "handles": ["@all"], "path": "2025-Q3/ops.yaml", "line": 4,
         "last_update": None, "days": None},
    ], "left_out": []}


@pytest.mark.parametrize(
    ("pattern", "matched", "unmatched"),
    [
        ("*", ["a.yaml", "x/y/z.yaml"], []),
        ("*.yaml", ["a.yaml", "x/y/z.yaml"], ["a.yml", "yaml"]),
        ("/growth.yaml", ["growth.yaml"], ["q3/growth.yaml"]),
        ("growth.yaml", ["growth.yaml", "q3/growth.yaml"], ["q3/growth.yml"]),
        ("q3/", ["q3/a.yaml", "x/q3/a.yaml"], ["q3", "q3.yaml"]),
        ("/q3/", ["q3/a.yaml", "q3/b/c.yaml"], ["x/q3/a.yaml"]),
        ("q3/*.yaml", ["q3/a.yaml"], ["q3/b/c.yaml", "x/q3/a.yaml"]),
        ("q3/**", ["q3/a.yaml", "q3/b/c.yaml"], ["q3.yaml"]),
        ("**/team/*.yaml", ["team/a.yaml", "x/y/team/a.yaml"], ["team/b/a.yaml"]),
        ("q3/**/lan.yaml", ["q3/lan.yaml", "q3/a/b/lan.yaml"], ["lan.yaml"]),
        ("docs", ["docs/a.yaml", "x/docs/b/c.yaml", "docs"], ["docs.yaml"]),
        ("l?n.yaml", ["lan.yaml"], ["laan.yaml", "l/n.yaml"]),
    ],
)
def test_patterns_match_as_on_github(pattern: str, matched: list[str], unmatched: list[str]) -> None:
    owners = parse_codeowners(f"{pattern} @x\n")
    assert owners.ignored == []
    assert [p for p in matched + unmatched if owners.owners(p)] == matched


def test_last_match_wins_and_hostile_lines() -> None:
    text = "* @all\n2025-Q3/ @q3 # trailing comment\n2025-Q3/ops.yaml\n" + "a" * 600 + " @long\n*\x1b[2J @esc\n" + "*a" * 200 + "b @slow\n"
    owners = parse_codeowners(text)
    assert owners.owners("2025-Q3/growth.yaml") == ("@q3",)
    assert owners.owners("2025-Q3/ops.yaml") == ()  # no owner: the last match says nobody
    assert owners.owners("README.md") == ("@all",)
    assert [line.split(":")[0] for line in owners.ignored] == ["4", "5"]
    assert owners.owners("a" * 5000 + "c") == ("@all",)  # a pathological pattern stays fast


def test_codeowners_that_cannot_be_read_is_a_notice(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/ops.yaml": OPS})
    os.symlink("/etc/passwd", tmp_path / "CODEOWNERS")
    result = run_okr("due", "--as-of", "2025-08-15", cwd=tmp_path)
    assert result.code == 1
    assert result.err == "okr: CODEOWNERS:not read: it is a symlink that leads out of the repository (line ignored)\n"
    assert "ops" in result.out and "@" not in result.out


def test_at_a_ref_reads_its_sheets_as_of_its_day(goals: Path) -> None:
    """v1 (07-01) has growth's sheet only; as of that day the check-ins of 07-28 and 08-10
    and July's reading are not known yet, so KR1, KR4, K1 and K2 were never updated; KR2's
    value came with the commit of that day; KR3 is done."""
    subprocess.run(["git", "-C", str(goals), "tag", "v1", "HEAD~1"], check=True)
    result = run_okr("due", "--at", "v1", "--format", "json", cwd=goals)
    assert result.code == 1
    never = {"last_update": None, "days": None}
    growth = {"handles": ["@acme/growth", "@lan"], "path": "2025-Q3/growth.yaml"}
    assert result.json() == {"as_of": "2025-07-01", "due": [
        {"ref": "2025-Q3:growth/O1/KR1", "owner": "growth", **growth, "line": 7, **never},
        {"ref": "2025-Q3:growth/O1/KR4", "owner": "growth", **growth, "line": 14, **never},
        {"ref": "2025-Q3:growth/K1", "owner": "growth", **growth, "line": 16, **never},
        {"ref": "2025-Q3:growth/K2", "owner": "growth", **growth, "line": 17, **never},
    ], "left_out": []}
    # an explicit --as-of sets the day for v1's sheets: ops' sheet of 08-05 stays out
    result = run_okr("due", "--at", "v1", "--as-of", "2025-08-15", "--format", "json", cwd=goals)
    assert [(d["ref"], d["last_update"]) for d in result.json()["due"]] == [  # type: ignore[index]
        ("2025-Q3:growth/O1/KR1", "2025-07-28"), ("2025-Q3:growth/O1/KR4", None), ("2025-Q3:growth/K1", "2025-07-31"),
        ("2025-Q3:growth/O1/KR2", "2025-07-01"),
    ]
    assert run_okr("due", "--at", "nope", cwd=goals).code == 2


def test_a_past_day_reads_the_sheets_as_committed_then(goals: Path) -> None:
    """On 07-20 growth's sheet is read as committed on 07-01: a KPI added to it since then is
    not due on that day. Ops' sheet, committed on 08-05, was not committed yet: it is read
    from the working tree by the value rule."""
    text = (goals / "2025-Q3/growth.yaml").read_text(encoding="utf-8") + "  - {id: K3, title: Signups per week, target: '>= 40'}\n"
    (goals / "2025-Q3/growth.yaml").write_text(text, encoding="utf-8")
    commit(goals, "2025-08-20")
    result = run_okr("due", "--as-of", "2025-07-20", "--format", "json", cwd=goals)
    assert [d["ref"] for d in result.json()["due"]] == [  # type: ignore[index]
        "2025-Q3:growth/O1/KR1", "2025-Q3:growth/O1/KR4", "2025-Q3:growth/K1", "2025-Q3:growth/K2", "2025-Q3:growth/O1/KR2",
        "2025-Q3:ops/K1",
    ]


def test_a_sheet_that_cannot_be_read_is_named_and_nothing_is_claimed_about_it(goals: Path) -> None:
    # ops's sheet is left in a merge's conflict, growth's KR1 given a twin id: neither sheet's
    # goals can be known, so both are named on stderr (as okr score does), none of their rows
    # is listed, and the job fails even though nothing readable is due.
    write_files(goals, {
        "2025-Q3/ops.yaml": "period: 2025-Q3\nowner: ops\n<<<<<<< HEAD\nkpis: []\n=======\nkpis: [x]\n>>>>>>> b\n",
        "2025-Q3/growth.yaml": GROWTH.replace("id: KR2,", "id: KR1,"),
    })
    commit(goals, "2025-08-10")
    result = run_okr("due", "--as-of", "2025-08-15", "--format", "json", cwd=goals)
    assert result.code == 1
    assert [line.split(": ", 2)[1] for line in result.err.splitlines() if "left out" in line] == [
        "left out of the scores", "left out of the scores"]
    assert "2025-Q3/growth.yaml:12:" in result.err and "(duplicate-id)" in result.err and "2025-Q3/ops.yaml:4:1:" in result.err
    assert result.json()["due"] == []
    assert sorted((o["path"], o["rule"]) for o in result.json()["left_out"]) == [  # type: ignore[index]
        ("2025-Q3/growth.yaml", "duplicate-id"), ("2025-Q3/ops.yaml", "yaml-syntax")]
    text = run_okr("due", "--as-of", "2025-08-15", cwd=goals)
    assert (text.code, text.out) == (1, "Nothing due as of 2025-08-15 in the sheets okr could read; 2 sheets were left out (see above)\n")


def test_between_periods_nothing_is_due_for_anyone(goals: Path) -> None:
    # 2025-Q3 ended on 09-30 and 2026-Q1 starts in January: a scheduled job per owner passes.
    write_files(goals, {"2026-Q1/growth.yaml": GROWTH.replace("2025-Q3", "2026-Q1")})
    commit(goals, "2025-11-01")
    for owner in ("growth", "someone"):
        result = run_okr("due", "--as-of", "2025-11-15", "--owner", owner, cwd=goals)
        assert (result.code, result.out) == (0, "Nothing due: no open period on 2025-11-15; the next period 2026-Q1 starts on 2026-01-01\n")


def test_a_past_day_names_the_owners_of_that_day(goals: Path) -> None:
    # CODEOWNERS changed on 08-20 (committed) and again in the working tree: the due list of
    # 08-15 pings the owners CODEOWNERS named then, as its config and sheets are of then.
    write_files(goals, {".github/CODEOWNERS": "* @new-owners\n"})
    commit(goals, "2025-08-20")
    write_files(goals, {".github/CODEOWNERS": "* @not-committed\n"})
    result = run_okr("due", "--as-of", "2025-08-15", "--owner", "lan", "--format", "json", cwd=goals)
    assert [d["handles"] for d in result.json()["due"]] == [["@acme/growth", "@lan"]]  # type: ignore[index]
    today = run_okr("due", "--as-of", "2025-08-25", "--owner", "lan", "--format", "json", cwd=goals)
    assert [d["handles"] for d in today.json()["due"]] == [["@new-owners"]]  # type: ignore[index]


def test_a_sheet_that_cannot_be_read_is_named_even_when_no_period_is_known(tmp_path: Path) -> None:
    # The only sheet is a link out of the repository: its period cannot be read, so it may be
    # of now; okr due names it as okr score would, and fails.
    outside = tmp_path / "outside.yaml"
    outside.write_text(OPS, encoding="utf-8")
    (tmp_path / "repo" / "2025-Q3").mkdir(parents=True)
    (tmp_path / "repo" / "2025-Q3" / "ops.yaml").symlink_to(outside)
    result = run_okr("due", "--as-of", "2025-08-15", cwd=tmp_path / "repo")
    assert result.code == 1
    assert result.err.startswith("okr: left out of the scores: 2025-Q3/ops.yaml:1:1: not read: it is a symlink that leads out of the repository")


def test_a_day_of_a_year_no_period_reaches_is_no_internal_error(tmp_path: Path) -> None:
    # A sheet okr cannot read, and a day in year 96: no period of that year can be named, so
    # nothing is known to be left out of it; the answer is an answer, not exit 3.
    write_files(tmp_path, {"2025-Q3/ops.yaml": "period: [\n"})
    result = run_okr("due", "--as-of", "0096-08-31", cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert result.out == "Nothing due: no open period on 0096-08-31; the repository has no goal sheets with a period yet\n"
