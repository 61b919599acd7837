"""Which sheets are scored (SPEC 3): only problems that make a number or an identity unknown
leave a sheet out, and every command that leaves one out names it and its rule, and exits 1."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, write_files
from tests.test_report import Page
from tests.test_score_cli import ANN, AS_OF, TEAM, okr

# ann's own sheet (ANN) with every kind of problem that must not remove her from the numbers:
# a vague KR title (error), a fourth objective (error), a parent that names nothing (error),
# two warnings: a check-in outside the period and a KPI count of 1.
NOISY_ANN = ANN.replace("parent: team/O1", "parent: team/O9").replace(
    "title: Blog leads reach 50 a month (from 10)", "title: Improve blog leads",
) + "".join(f"""
      - id: O{n}
        title: Objective {n}
        key_results:
          - {{id: KR1, title: Demos reach 20 (from 10), start: 10, target: 20, current: {10 + n}}}
          - {{id: KR2, title: Trials reach 40 (from 20), start: 20, target: 40, current: 30,
              check_ins: [{{date: 2025-06-30, value: 30}}]}}
""" for n in (2, 3, 4)) + """
    kpis:
      - {id: K1, title: Posts a month, target: ">= 8", actual: 6}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": NOISY_ANN})


def test_wording_count_alignment_and_date_problems_never_leave_a_sheet_out(repo: Path) -> None:
    checked = okr(repo, "check", "--format", "parsable", *AS_OF)
    rules = re.findall(r"\((\S+)\)$", checked.out, re.MULTILINE)
    assert sorted(set(rules)) == [
        "check-in-outside-period", "kpi-count", "max-objectives", "objective-number", "stale-check-in", "unknown-ref",
        "vague-wording",
    ]
    result = okr(repo, "score", "Q3", *AS_OF, "--format", "json")
    assert (result.code, result.err) == (0, "")
    document: Any = result.json()
    assert document["left_out"] == []
    # O2..O4: (n/10 + 0.5) / 2 with n = 2, 3, 4; ann: (0.1 + 0.35 + 0.4 + 0.45) / 4.
    ann = [(o["ref"], o["score"]) for o in document["objectives"] if o["owner"] == "ann"]
    assert ann == [("ann/O1", 0.1), ("ann/O2", 0.35), ("ann/O3", 0.4), ("ann/O4", 0.45)]
    assert {"owner": "ann", "score": 0.325} in document["owners"]
    card = okr(repo, "scorecard", "ann", "Q3", *AS_OF, "--format", "json")
    assert (card.code, card.err) == (0, "")
    # 0.6 × (min(1.25, 1) + 6 / 8) / 2 + 0.4 × (0.5 + 0.2 + 0 + 0.2 + 0.5 + 0.3 + 0.5 + 0.4 + 0.5) / 9
    assert card.json() | {"kpis": None, "key_results": None} == {  # type: ignore[operator]
        "owner": "ann", "period": "2025-Q3", "score": 0.6628, "kpi_part": 0.875, "kr_part": 0.3444,
        "weights": {"kpis": 0.6, "key_results": 0.4}, "kpis": None, "key_results": None, "left_out": [],
    }


def test_a_vague_title_keeps_its_owner_in_the_scorecard_and_the_report(tmp_path: Path) -> None:
    acme = Path(shutil.copytree(EXAMPLES / "acme-vi", tmp_path / "acme"))
    sheet = acme / "2025-Q3/marketing/minh.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(
        "title: Số từ khóa nằm trong top 10 Google đạt 120 (từ 45)", "title: Cải thiện số từ khóa top 10"), encoding="utf-8")
    assert "(vague-wording)" in okr(acme, "check", "--format", "parsable", *AS_OF).out
    card = okr(acme, "scorecard", "minh", "Q3", *AS_OF, "--format", "json")
    assert (card.code, card.err) == (0, "")
    document: Any = card.json()
    # KPIs, mean of their months, capped at 1: (min(1.05, 1) + 0.75 + min(1.0158, 1) + 0.99) / 4 = 0.935;
    # KRs: (0.9 + 0 + 11,000 / 34,000 + 33 / 75) / 4 = 0.4159; 0.6 × 0.935 + 0.4 × 0.4159 = 0.7274.
    assert (document["score"], document["kpi_part"], document["kr_part"]) == (0.7274, 0.935, 0.4159)
    assert [k["ref"] for k in document["key_results"]] == ["marketing/O1/KR2", "marketing/O3/KR3", "minh/O1/KR1", "minh/O1/KR2"]
    report = okr(acme, "report", "Q3", *AS_OF)
    assert (report.code, report.err) == (0, "")
    assert "## minh · 0,38 🟢 ~green" in report.out.splitlines()  # 0.38 now, projected 0.84


LEAVING = {
    "yaml-syntax": ("period: 2025-Q3\nowner: ann\nobjectives: [\n", "2025-Q3/team/ann.yaml:4:1"),
    "duplicate-key": (ANN.replace("    level: individual\n", "    level: individual\n    level: team\n"), "2025-Q3/team/ann.yaml:4:1"),
    "unsafe-yaml": (ANN.replace("title: Make the blog", "title: !!python/name:os.system Make the blog"), "2025-Q3/team/ann.yaml:7:12"),
    "schema": (ANN.replace("target: 2000", "target: two thousand"), "2025-Q3/team/ann.yaml:18:17"),
}


@pytest.mark.parametrize("rule", sorted(LEAVING))
def test_a_number_or_identity_that_cannot_be_known_leaves_the_sheet_out(tmp_path: Path, rule: str) -> None:
    text, where = LEAVING[rule]
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": text})
    checked = [line for line in okr(tmp_path, "check", "--format", "parsable", *AS_OF).out.splitlines() if line.endswith(f"({rule})")]
    assert checked[0].startswith(where + ": [error] ")
    for command in (("score", "Q3"), ("scorecard", "team", "Q3"), ("tree", "Q3")):
        result = okr(tmp_path, *command, *AS_OF, "--format", "json")
        assert result.code == 1
        assert result.err == f"okr: left out of the scores: {checked[0].split(' [error] ', 1)[1]}\n".replace(
            "left out of the scores: ", f"left out of the scores: {where}: ", 1)
        document: Any = result.json()
        assert document["left_out"] == [{"path": "2025-Q3/team/ann.yaml", "rule": rule}]
    document = okr(tmp_path, "score", "Q3", *AS_OF, "--format", "json").json()
    assert [o["ref"] for o in document["objectives"]] == ["team/O1", "team/O2"]
    assert document["owners"] == [{"owner": "team", "score": 0.7708}]


def test_a_duplicate_id_leaves_out_the_later_definition(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": ANN,
                           "2025-Q3/team/ann-more.yaml": ANN.replace("current: 18", "current: 50")})
    result = okr(tmp_path, "score", "Q3", *AS_OF, "--format", "json")
    assert result.code == 1
    assert result.err == (
        "okr: left out of the scores: 2025-Q3/team/ann.yaml:6:9: objective 'ann/O1' of 2025-Q3 is also "
        "defined at 2025-Q3/team/ann-more.yaml:6; IDs must be unique, give this one a free id such as 'O2' (duplicate-id)\n"
    )
    document: Any = result.json()
    assert [(o["ref"], o["score"]) for o in document["objectives"] if o["owner"] == "ann"] == [("ann/O1", 0.5)]  # (1 + 0) / 2


@pytest.mark.parametrize("how", ["config", "file-comment", "line-comment", "level"])
def test_suppressing_or_disabling_the_rule_does_not_make_the_number_known(tmp_path: Path, how: str) -> None:
    sheet = LEAVING["schema"][0]
    config = ""
    if how == "config":
        config = "rules:\n  schema: disable\n"
    elif how == "level":
        config = "rules:\n  schema: {level: warning}\n"
    elif how == "file-comment":
        sheet = "# okr: disable-file=schema\n" + textwrap.dedent(sheet).lstrip("\n")
    else:
        sheet = sheet.replace("target: two thousand", "target: two thousand  # okr: disable=schema")
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": sheet, ".okr.yaml": config})
    assert okr(tmp_path, "check", *AS_OF).code == 0
    result = okr(tmp_path, "score", "Q3", *AS_OF, "--format", "json")
    assert result.code == 1
    assert re.fullmatch(r"okr: left out of the scores: 2025-Q3/team/ann\.yaml:\d+:17: .*\(schema\)\n", result.err)
    assert result.json()["left_out"] == [{"path": "2025-Q3/team/ann.yaml", "rule": "schema"}]  # type: ignore[index]


def test_the_owner_of_a_sheet_left_out_is_not_unknown(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM.replace("owner: ann\n", "owner: zoe\n"),
                           "2025-Q3/team/ann.yaml": LEAVING["schema"][0]})
    card = okr(tmp_path, "scorecard", "ann", "Q3", *AS_OF, "--format", "json")
    assert card.code == 1 and card.err.startswith("okr: left out of the scores: 2025-Q3/team/ann.yaml:18:17: ")
    assert card.json() == {
        "owner": "ann", "period": "2025-Q3", "score": None, "kpi_part": None, "kr_part": None,
        "weights": {"kpis": 0, "key_results": 0}, "kpis": [], "key_results": [],
        "left_out": [{"path": "2025-Q3/team/ann.yaml", "rule": "schema"}],
    }
    only = okr(tmp_path, "score", "Q3", *AS_OF, "--owner", "ann", "--format", "json")
    assert only.code == 1 and only.json()["objectives"] == []  # type: ignore[index]
    unknown = okr(tmp_path, "scorecard", "nobody", "Q3", *AS_OF)
    assert unknown.code == 2 and unknown.err.splitlines()[-1] == "okr: unknown owner 'nobody' in 2025-Q3; owners: ann, bob, team, zoe"


def test_the_report_and_the_markdown_score_name_the_sheets_left_out_before_the_numbers(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": LEAVING["schema"][0]})
    problem = '2025-Q3/team/ann.yaml:18:17: cannot read "two thousand" as a number'
    markdown = okr(tmp_path, "report", "Q3", *AS_OF)
    assert markdown.code == 1
    lines = markdown.out.splitlines()
    start = lines.index("⚠️ **Left out of the scores**: a number or an identity in these sheets cannot be known:")
    assert start < lines.index("| Owner | Score | Grade | Objectives | KPIs met | Scorecard 60/40 |")
    assert lines[start + 2].startswith(f"- {problem}") and lines[start + 2].endswith(" (schema)")
    page = Page(okr(tmp_path, "report", "Q3", *AS_OF, "--format", "html").out)
    assert page.errors == []
    shown = problem.replace(": cannot", " : cannot")  # the position is an element of its own
    assert f"Left out of the scores : a number or an identity in these sheets cannot be known: {shown}" in page.words()
    score = okr(tmp_path, "score", "Q3", *AS_OF, "--format", "markdown")
    assert score.code == 1 and score.out.splitlines()[4] == "⚠️ Left out of the scores: 2025-Q3/team/ann.yaml (schema)  "


def test_a_sheet_of_another_period_is_not_named(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q2/old.yaml": "period: 2025-Q2\nowner: old\nobjectivs: []\n"})
    result = okr(tmp_path, "score", "Q3", *AS_OF, "--format", "json")
    assert (result.code, result.err) == (0, "")
    assert result.json()["left_out"] == []  # type: ignore[index]
