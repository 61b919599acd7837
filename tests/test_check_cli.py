"""`okr check` end to end: formats, exit codes, file selection, config and hostile input."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import problems, run_okr, run_okr_process, write_files

GOOD = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow sustainable traffic
    key_results:
      - id: KR1
        title: Organic visits reach 30,000
        start: 20000
        target: 30000
      - id: KR2
        title: Signup conversion reaches 4%
        start: 3%
        target: 4%
"""

BROKEN = """\
period: 2025-Q3
owner: sales
objectives:
  - id: O1
    title: Win the enterprise segment
    key_results:
      - id: KR1
        titel: Enterprise deals reach 12
        start: 4
        target: 12
      - id: KR2
        title: Average deal size reaches $25k
        start: $15k
        target: $25k
        confidence: 0.5
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/growth.yaml": GOOD, "2025-Q3/sales.yaml": BROKEN})


def test_clean_repo_exits_zero(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": GOOD})
    result = run_okr("check", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert (result.code, result.out, result.err) == (0, "No problems in 1 file.\n", "")


def test_parsable_format_is_exact(repo: Path) -> None:
    result = run_okr("check", "--format", "parsable", cwd=repo)
    assert result.code == 1
    assert result.out == (
        "2025-Q3/sales.yaml:8:9: [error] unknown key 'titel' in key result; did you mean 'title'? (schema)\n"
        "2025-Q3/sales.yaml:15:9: [error] unknown key 'confidence' in key result; allowed keys: id, title, "
        "start, baseline, target, current, done, unit, weight, owner, check_ins, links (schema)\n"
    )


def test_json_format_has_the_spec_shape(repo: Path) -> None:
    document = run_okr("check", "--format", "json", cwd=repo).json()
    assert document == {
        "problems": [
            {
                "path": "2025-Q3/sales.yaml",
                "line": 8,
                "column": 9,
                "rule": "schema",
                "level": "error",
                "message": "unknown key 'titel' in key result; did you mean 'title'?",
            },
            {
                "path": "2025-Q3/sales.yaml",
                "line": 15,
                "column": 9,
                "rule": "schema",
                "level": "error",
                "message": (
                    "unknown key 'confidence' in key result; allowed keys: id, title, "
                    "start, baseline, target, current, done, unit, weight, owner, check_ins, links"
                ),
            },
        ],
        "errors": 2,
        "warnings": 0,
        "files": 2,
        "suppressed": [],
    }


def test_text_format_groups_by_file(repo: Path) -> None:
    result = run_okr("check", cwd=repo, env={"NO_COLOR": "1"})
    assert result.out.splitlines() == [
        "2025-Q3/sales.yaml",
        "  8:9       error    unknown key 'titel' in key result; did you mean 'title'?  (schema)",
        "  15:9      error    unknown key 'confidence' in key result; allowed keys: id, title, "
        "start, baseline, target, current, done, unit, weight, owner, check_ins, links  (schema)",
        "",
        "Found 2 errors and 0 warnings in 2 files.",
    ]


def test_github_format_escapes_and_is_chosen_under_actions(tmp_path: Path) -> None:
    write_files(tmp_path, {"a,b.yaml": "period: 2025-Q3\nowner: x\nobjectives: 5\n"})
    expected = "::error file=a%2Cb.yaml,line=3,col=13,title=schema::`objectives` must be a list, each item starting with '- ' on its own line\n"
    assert run_okr("check", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"}).out == expected
    assert run_okr("check", cwd=tmp_path, env={"GITHUB_ACTIONS": "1"}).out == expected
    assert run_okr("check", "-f", "parsable", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"}).out.startswith("a,b.yaml:3:13:")


def test_sarif_lists_every_rule_and_locates_results(repo: Path) -> None:
    from okrcli.lint.rules import RULES

    document = run_okr("check", "--format", "sarif", cwd=repo).json()
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == list(RULES)
    first = run["results"][0]
    assert first["ruleId"] == "schema" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "2025-Q3/sales.yaml"},
        "region": {"startLine": 8, "startColumn": 9},
    }


def test_files_argument_reports_only_those_files(repo: Path) -> None:
    assert problems(repo, "2025-Q3/growth.yaml") == []
    assert [p[0] for p in problems(repo, "2025-Q3/sales.yaml")] == ["2025-Q3/sales.yaml"] * 2
    assert len(problems(repo, "2025-Q3")) == 2


def test_files_count_follows_the_selection(repo: Path) -> None:
    assert run_okr("check", "-f", "json", "2025-Q3/growth.yaml", cwd=repo).json()["files"] == 1


def test_paths_are_shown_relative_to_where_okr_runs(repo: Path) -> None:
    (repo / ".okr.yaml").write_text("number_locale: en\n")
    result = run_okr("check", "-f", "parsable", cwd=repo / "2025-Q3")
    assert result.out.startswith("sales.yaml:8:9: ")
    assert run_okr("-C", str(repo), "check", "-f", "parsable", cwd="/").out.startswith("2025-Q3/sales.yaml:8:9:")
    assert run_okr("check", "-C", str(repo), "-f", "parsable", cwd="/").out.startswith("2025-Q3/sales.yaml:8:9:")


def test_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    write_files(tmp_path, {"notes.yaml": "- just a list\n", "2025-Q3/growth.yaml": GOOD})
    assert problems(tmp_path) == [("notes.yaml", 1, 1, "not-a-sheet", "warning")]
    assert run_okr("check", cwd=tmp_path).code == 0
    assert run_okr("check", "--strict", cwd=tmp_path).code == 1


def test_dot_folders_and_excluded_paths_are_not_sheets(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            ".okr.yaml": "exclude: ['drafts/**']\n",
            ".github/workflows/ci.yml": "on: push\n",
            ".pre-commit-config.yaml": "repos: []\n",
            "drafts/idea.yaml": "- nope\n",
            "2025-Q3/growth.yaml": GOOD,
        },
    )
    assert run_okr("check", "-f", "json", cwd=tmp_path).json()["files"] == 1


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("rules:\n  max-objective: {max: 4}\n", "unknown rule 'max-objective' under `rules:`; did you mean 'max-objectives'?"),
        ("rules:\n  max-objectives: {maximum: 4}\n", "rule 'max-objectives' has no option 'maximum'; options: level, max"),
        ("rules:\n  max-objectives: {max: many}\n", "rule 'max-objectives', option 'max'"),
        ("number_locale: fr\n", ".okr.yaml:1:16: 'number_locale' must be 'en' or 'vi', got \"fr\""),
        ("stale_after: 3\n", ".okr.yaml:1:1: unknown option 'stale_after'; did you mean 'stale_after_days'?"),
        ("rules: [\n", ".okr.yaml:2:1:"),
    ],
)
def test_invalid_config_is_a_usage_error(tmp_path: Path, config: str, message: str) -> None:
    write_files(tmp_path, {".okr.yaml": config, "2025-Q3/growth.yaml": GOOD})
    result = run_okr("check", cwd=tmp_path)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1


OUT_OF_RANGE = [
    ("kpi: {green: .nan, yellow: 0.9}\n", "1:14: 'kpi.green': Input should be a finite number (got .nan)"),
    ("grading: {committed: {green: 3, yellow: 0.7}}\n", "1:30: 'grading.committed.green': Input should be less than or equal to 2 (got 3)"),
    (
        "scorecard: {kpis: 0, key_results: 0}\n",
        "1:12: 'scorecard': Value error, kpis and key_results are both 0, so no score could "
        "be computed; give at least one a weight above 0 (got {kpis: 0, key_results: 0})",
    ),
    ("scorecard: {key_results: -1}\n", "1:26: 'scorecard.key_results': Input should be greater than or equal to 0 (got -1)"),
    ("scorecard: {kpi_cap: .inf}\n", "1:22: 'scorecard.kpi_cap': Input should be a finite number (got .inf)"),
    ("scorecard: {kpi_cap: 11}\n", "1:22: 'scorecard.kpi_cap': Input should be less than or equal to 10 (got 11)"),
    ("stale_after_days: 1000000000000\n", "1:19: 'stale_after_days': Input should be less than or equal to 3660 (got 1000000000000)"),
]
OPTION_OUT_OF_RANGE = [
    (
        "check-in-outside-period: {grace_days: 1000000000000}",
        "rule 'check-in-outside-period', option 'grace_days': Input should be less than or equal to 3660 (got 1000000000000)",
    ),
    ("max-objectives: {max: 1000000000000}", "rule 'max-objectives', option 'max': Input should be less than or equal to 1000 (got 1000000000000)"),
    ("max-key-results: {max: 1001}", "rule 'max-key-results', option 'max': Input should be less than or equal to 1000 (got 1001)"),
    ("min-key-results: {min: 1000000000000}", "rule 'min-key-results', option 'min': Input should be less than or equal to 1000 (got 1000000000000)"),
    ("kpi-count: {min: 1000000000000}", "rule 'kpi-count', option 'max': Value error, max 5 is below min 1000000000000; raise max or lower min (got 5)"),
    ("kpi-count: {max: 1000000000000}", "rule 'kpi-count', option 'max': Input should be less than or equal to 1000 (got 1000000000000)"),
]
EVERY_COMMAND = [
    ["check"],
    ["score", "Q3"],
    ["scorecard", "growth", "Q3"],
    ["tree", "Q3"],
    ["report", "Q3"],
    ["history", "growth/O1/KR1"],
    ["checkin", "growth/O1/KR1", "1700", "--date", "2025-08-01"],
]


@pytest.mark.parametrize(("config", "message"), OUT_OF_RANGE + [(f"rules:\n  {rule}\n", m) for rule, m in OPTION_OUT_OF_RANGE])
def test_config_values_out_of_range_are_usage_errors_naming_the_option(tmp_path: Path, config: str, message: str) -> None:
    write_files(tmp_path, {".okr.yaml": config, "2025-Q3/growth.yaml": GOOD})
    where = f"{tmp_path}/.okr.yaml:" + (" " if message.startswith("rule ") else "")
    for command in EVERY_COMMAND:
        result = run_okr(*command, "--as-of", "2025-08-15", cwd=tmp_path)
        assert (result.code, result.out, result.err) == (2, "", f"okr: {where}{message}\n"), command
    assert (tmp_path / "2025-Q3/growth.yaml").read_text(encoding="utf-8") == textwrap.dedent(GOOD).lstrip("\n")


def test_rule_options_and_levels_come_from_config(tmp_path: Path) -> None:
    objectives = "".join(f"  - id: O{n}\n    title: Objective\n" for n in range(1, 5))
    write_files(tmp_path, {"s.yaml": f"period: 2025-Q3\nowner: x\nobjectives:\n{objectives}"})
    assert ("s.yaml", 10, 5, "max-objectives", "error") in problems(tmp_path)
    (tmp_path / ".okr.yaml").write_text("rules:\n  max-objectives: {max: 4}\n  min-key-results: disable\n")
    assert problems(tmp_path) == []
    (tmp_path / ".okr.yaml").write_text("rules:\n  max-objectives: {level: warning}\n  min-key-results: disable\n")
    assert problems(tmp_path) == [("s.yaml", 10, 5, "max-objectives", "warning")]


def test_suppression_comments(tmp_path: Path) -> None:
    objectives = "".join(f"  - id: O{n}\n    title: Objective\n" for n in range(1, 5))
    sheet = f"period: 2025-Q3\nowner: x\nobjectives:\n{objectives}"
    lines = sheet.splitlines()
    lines[9] += "  # okr: disable=max-objectives"
    write_files(tmp_path, {".okr.yaml": "rules:\n  min-key-results: disable\n", "s.yaml": "\n".join(lines) + "\n"})
    assert problems(tmp_path) == []
    lines[9] = lines[9].split("  #")[0]
    lines.insert(9, "  # okr: disable=max-objectives")
    (tmp_path / "s.yaml").write_text("\n".join(lines) + "\n")
    assert problems(tmp_path) == []
    (tmp_path / "s.yaml").write_text("# okr: disable-file=max-objectives\n" + sheet)
    assert problems(tmp_path) == []
    (tmp_path / "s.yaml").write_text("# okr: disable-file=other-rule\n" + sheet)
    assert [p[3] for p in problems(tmp_path)] == ["unused-suppression", "max-objectives"]


@pytest.mark.parametrize(
    "args",
    [["init", "goals\0"], ["check", "-C", "a\0"], ["-C", "a\0", "check"], ["check", "--config", "a\0"], ["check", "a\0"],
     ["report", "-o", "a\0"], ["score", "Q3\0"], ["checkin", "growth/O1/KR1", "5", "--note", "a\0"]],
)
def test_an_argument_with_a_nul_is_a_usage_error(repo: Path, args: list[str]) -> None:
    result = run_okr(*args, cwd=repo)
    shown = next(a for a in args if "\0" in a)
    message = f"okr: argument {shown!r} holds a NUL character, which no path, ref or value can hold\n"
    assert (result.code, result.out, result.err) == (2, "", message.replace("\0", "\\x00"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--format", "xml"], "--format 'xml': choose one of text, parsable, json, github, sarif"),
        (["check", "--as-of", "yesterday"], "--as-of 'yesterday': write a date as YYYY-MM-DD"),
        (["check", "missing.yaml"], "missing.yaml: no such file or directory"),
        (["check", "--config", "nope.yaml"], "--config nope.yaml: no such file"),
        (["check", "-C", "/no/such/dir"], "-C /no/such/dir: no such directory"),
        (["check", "--bogus"], "--bogus"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_arguments_exit_2_with_one_message(repo: Path, args: list[str], message: str) -> None:
    result = run_okr(*args, cwd=repo)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


HOSTILE = {
    "bomb.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"b{n}: &b{n} [*a, *a, *a]\n" for n in range(20)),
    "deep.yaml": "[" * 50_000 + "]" * 50_000,
    "python.yaml": "period: !!python/object/apply:os.system ['echo pwned']\n",
    "binary.yaml": b"\x00\x01\x02\xff\xfe",
    "latin1.yaml": "owner: caf\xe9\n".encode("latin-1"),
    "utf16.yaml": "owner: x\n".encode("utf-16"),
    "empty.yaml": "",
    "scalar.yaml": "42\n",
    "list.yaml": "- 1\n- 2\n",
    "weird.yaml": "period: [2025]\nowner: {a: b}\nobjectives: {O1: x}\nkpis: 7\n",
    "nan.yaml": (
        "period: 2025-Q3\nowner: x\nobjectives:\n  - id: O1\n    title: T\n    weight: "
        ".nan\n    key_results:\n      - id: KR1\n        title: Y\n        target: .inf\n"
    ),
    "keys.yaml": "? [a, b]\n: 1\n",
    "null-keys.yaml": "period: 2025-Q3\nowner: x\nnull: 1\n1: 2\ntrue: 3\n",
}


def test_hostile_input_never_produces_a_traceback(tmp_path: Path) -> None:
    write_files(tmp_path, HOSTILE)
    result = run_okr_process("check", "-f", "json", cwd=tmp_path, env={"OKR_NO_CACHE": "1"})
    assert result.code == 1, result.err
    assert result.err == ""
    found = {(p["path"], p["rule"]) for p in json.loads(result.out)["problems"]}
    assert {
        ("bomb.yaml", "unsafe-yaml"),
        ("deep.yaml", "unsafe-yaml"),
        ("python.yaml", "unsafe-yaml"),
        ("binary.yaml", "yaml-syntax"),
        ("latin1.yaml", "yaml-syntax"),
        ("utf16.yaml", "yaml-syntax"),
        ("empty.yaml", "not-a-sheet"),
        ("scalar.yaml", "not-a-sheet"),
        ("list.yaml", "not-a-sheet"),
        ("weird.yaml", "schema"),
        ("nan.yaml", "schema"),
        ("keys.yaml", "yaml-syntax"),
        ("null-keys.yaml", "schema"),
    } <= found


def test_version_and_module_entry_point(tmp_path: Path) -> None:
    from okrcli import __version__

    assert run_okr("--version").out == f"okr {__version__}\n"
    assert run_okr_process("--version", cwd=tmp_path).out == f"okr {__version__}\n"


def test_targets_that_can_never_be_scored_are_schema_errors(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "s.yaml": """
        period: 2025-Q3
        owner: ops
        objectives:
          - id: O1
            title: Keep incidents rare
            key_results:
              - {id: KR1, title: Incidents stay at zero, target: ">= 0", current: 2}
              - {id: KR2, title: Uptime stays at 99, start: 99, target: 99}
              - {id: KR3, title: Signups reach 500, start: 900, target: ">= 500"}
        kpis:
          - {id: K1, title: Tickets closed, target: 0, actual: 5}
          - {id: K2, title: Tickets answered, target: 10, actual: 5}
          - {id: K3, title: Tickets open, target: "<= 3", actual: 5}
    """
        },
    )
    assert problems(tmp_path) == [
        ("s.yaml", 7, 58, "schema", "error"),
        ("s.yaml", 8, 65, "schema", "error"),
        ("s.yaml", 9, 65, "schema", "error"),
        ("s.yaml", 11, 45, "schema", "error"),
    ]
    assert "divide by zero; add a `start:`" in run_okr("check", "-f", "json", cwd=tmp_path).json()["problems"][0]["message"]
