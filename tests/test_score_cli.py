"""`okr score`, `okr scorecard` and `okr tree` end to end, in real folders, with numbers
computed by hand (as of 2025-08-15, 45 of Q3's 92 days are gone: elapsed 0.4891)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Result, run_okr, write_files

TEAM = """
    period: 2025-Q3
    owner: team
    objectives:
      - id: O1
        title: Grow organic traffic
        key_results:
          - id: KR1
            title: Visits reach 300,000 a month (from 200,000)
            start: 200000
            target: 300000
            current: 250000
            owner: ann
            check_ins:
              - {date: 2025-07-14, value: 230000, confidence: 0.7}
              - {date: 2025-08-01, value: 250000, confidence: 0.6}
          - id: KR2
            title: Organic share of visits at least 40%
            target: ">= 40%"
            current: 30%
            weight: 2
      - id: O2
        title: Keep the service dependable
        kind: committed
        key_results:
          - id: KR1
            title: Complaints per 1,000 orders at most 3
            target: "<= 3"
            current: 4
            owner: bob
          - id: KR2
            title: Public status page live for all customers
            done: true
    kpis:
      - id: K1
        title: Signups per month
        target: 100
        actual: 110
        readings:
          - {period: 2025-07, value: 90}
          - {date: 2025-08-10, value: 120}
      - id: K2
        title: Cost per lead at most $50
        target: "<= $50"
        actual: "$40"
        owner: ann
"""

ANN = """
    period: 2025-Q3
    owner: ann
    level: individual
    team: team
    objectives:
      - id: O1
        title: Make the blog a source of leads
        parent: team/O1
        key_results:
          - id: KR1
            title: Blog leads reach 50 a month (from 10)
            start: 10
            target: 50
            current: 18
          - id: KR2
            title: Newsletter subscribers reach 2,000 (from 1,000)
            start: 1000
            target: 2000
"""

AS_OF = ("--as-of", "2025-08-15")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/team.yaml": TEAM, "2025-Q3/team/ann.yaml": ANN})


def okr(root: Path, *args: str) -> Result:
    return run_okr(*args, "-C", str(root), cwd=root)


def kr(ref: str, title: str, kind: str, start: Any, target: Any, current: Any, progress: Any, score: float, status: str,
       confidence: Any = None, owner: str | None = None, weight: float = 1, forecast: Any = None) -> dict[str, Any]:
    return {"ref": ref, "title": title, "kind": kind, "start": start, "target": target, "current": current,
            "progress": progress, "score": score, "status": status, "stale": False, "confidence": confidence,
            "owner": owner or ref.split("/")[0], "weight": weight, "forecast": forecast, "links": []}


def line_through(points: list[tuple[int, int]]) -> tuple[Fraction, Fraction]:
    """The least-squares line (value at day 0, slope per day) through (day, value) points."""
    n = len(points)
    mean_d, mean_v = Fraction(sum(d for d, _ in points), n), Fraction(sum(v for _, v in points), n)
    slope = sum((d - mean_d) * (v - mean_v) for d, v in points) / sum((d - mean_d) ** 2 for d, _ in points)
    return mean_v - slope * mean_d, slope


# team/O1/KR1: start on 07-01 (day 0), check-ins on 07-14 and 08-01; Q3 ends on day 91.
_AT_0, _SLOPE = line_through([(0, 200000), (13, 230000), (31, 250000)])
_ETA = math.ceil((300000 - _AT_0) / _SLOPE)  # the first whole day the line reaches the target
KR1_FORECAST = {"value": round(float(_AT_0 + _SLOPE * 91), 4), "score": 1.0,
                "eta": (dt.date(2025, 7, 1) + dt.timedelta(days=_ETA)).isoformat()}


TEAM_O1: dict[str, Any] = {
    "ref": "team/O1", "owner": "team", "title": "Grow organic traffic", "kind": "aspirational",
    "score": 0.6667, "grade": "green", "status": "on-track", "too_easy": False, "weight": 1,  # (0.5 + 2 × 0.75) / 3
    "projected_score": 0.8333, "projected_grade": "green", "final": None, "retro": None,  # (1 + 2 × 0.75) / 3
    "key_results": [
        kr("team/O1/KR1", "Visits reach 300,000 a month (from 200,000)", "metric", 200000, 300000, 250000, 0.5, 0.5, "on-track", 0.6, "ann",
           forecast=KR1_FORECAST),
        kr("team/O1/KR2", "Organic share of visits at least 40%", "threshold-ge", None, 40, 30, 0.75, 0.75, "on-track", weight=2),
    ],
}
TEAM_O2: dict[str, Any] = {
    "ref": "team/O2", "owner": "team", "title": "Keep the service dependable", "kind": "committed",
    "score": 0.875, "grade": "yellow", "status": "on-track", "too_easy": False, "weight": 1,  # (3/4 + 1) / 2
    "projected_score": 0.875, "projected_grade": "yellow", "final": None, "retro": None,  # no forecasts: the scores
    "key_results": [
        kr("team/O2/KR1", "Complaints per 1,000 orders at most 3", "threshold-le", None, 3, 4, 0.75, 0.75, "on-track", owner="bob"),
        kr("team/O2/KR2", "Public status page live for all customers", "milestone", None, 1, 1, 1, 1, "done"),
    ],
}
ANN_O1: dict[str, Any] = {
    "ref": "ann/O1", "owner": "ann", "title": "Make the blog a source of leads", "kind": "aspirational",
    "score": 0.1, "grade": "red", "status": "off-track", "too_easy": False, "weight": 1,  # (0.2 + 0) / 2
    "projected_score": 0.1, "projected_grade": "red", "final": None, "retro": None,  # one point each: no forecast
    "key_results": [
        # 8 / 40 = 0.2 < 0.75 × 0.6 × 0.4891 = 0.2201
        kr("ann/O1/KR1", "Blog leads reach 50 a month (from 10)", "metric", 10, 50, 18, 0.2, 0.2, "off-track"),
        kr("ann/O1/KR2", "Newsletter subscribers reach 2,000 (from 1,000)", "metric", 1000, 2000, None, None, 0, "pending"),
    ],
}
K1 = {"ref": "team/K1", "owner": "team", "title": "Signups per month", "target": 100, "actual": 110,
      "achievement": 1.05, "met": True, "grade": "green", "kind": "threshold-ge", "weight": 1,
      "months": [{"month": "2025-07", "value": 90}, {"month": "2025-08", "value": 120}], "final": None}  # (90/100 + 120/100) / 2
K2 = {"ref": "team/K2", "owner": "ann", "title": "Cost per lead at most $50", "target": 50, "actual": 40,
      "achievement": 1.25, "met": True, "grade": "green", "kind": "threshold-le", "weight": 1, "months": [], "final": None}  # 50 / 40


def test_score_json_exact(repo: Path) -> None:
    result = okr(repo, "score", "Q3", *AS_OF, "--format", "json")
    assert (result.code, result.err) == (0, "")
    assert result.json() == {
        "period": "2025-Q3", "as_of": "2025-08-15", "elapsed": 0.4891,
        "objectives": [TEAM_O1, TEAM_O2, ANN_O1],
        "kpis": [K1, K2],
        "owners": [{"owner": "team", "score": 0.7708}, {"owner": "ann", "score": 0.1}],  # (0.6667 + 0.875) / 2
        "ended": False, "closed": False,
        "left_out": [],
    }


def test_score_without_a_period_takes_the_quarter_holding_the_as_of_date(repo: Path) -> None:
    document: Any = okr(repo, "score", *AS_OF, "--format", "json").json()
    assert document["period"] == "2025-Q3"


def test_dash_c_may_come_first(repo: Path) -> None:
    result = run_okr("-C", str(repo), "score", "2025-Q3", *AS_OF, "--format", "json")
    assert result.code == 0 and '"period": "2025-Q3"' in result.out


def test_a_year_selects_its_quarters_and_names_their_period(repo: Path) -> None:
    document: Any = okr(repo, "score", "2025", *AS_OF, "--format", "json").json()
    assert document["period"] == "2025"
    assert document["elapsed"] == 0.6192  # 226 / 365
    assert [o["ref"] for o in document["objectives"]] == ["2025-Q3:team/O1", "2025-Q3:team/O2", "2025-Q3:ann/O1"]
    assert document["objectives"][0]["score"] == 0.6667  # the KRs keep Q3's pace


def test_unknown_period_is_a_usage_error_listing_the_periods(repo: Path) -> None:
    result = okr(repo, "score", "2025-Q4", *AS_OF)
    assert result.code == 2
    assert result.out == ""
    assert result.err == "okr: unknown period '2025-Q4'; periods present: 2025-Q3\n"
    assert okr(repo, "scorecard", "ann", "Q1", *AS_OF).code == 2
    assert okr(repo, "tree", "2024", *AS_OF).code == 2


def test_bad_format_and_as_of_are_usage_errors(repo: Path) -> None:
    assert okr(repo, "score", "--format", "xml").code == 2
    assert okr(repo, "score", "--as-of", "15/08/2025").code == 2
    assert okr(repo, "scorecard", "ann", "--format", "csv").code == 2


def test_owner_filter(repo: Path) -> None:
    document: Any = okr(repo, "score", "Q3", *AS_OF, "--owner", "ann", "--format", "json").json()
    assert [o["ref"] for o in document["objectives"]] == ["ann/O1"]
    assert [k["ref"] for k in document["kpis"]] == ["team/K2"]
    assert document["owners"] == [{"owner": "ann", "score": 0.1}]
    unknown = okr(repo, "score", "Q3", *AS_OF, "--owner", "zoe")
    assert unknown.code == 2 and unknown.err == "okr: unknown owner 'zoe' in 2025-Q3; owners: ann, bob, team\n"


def test_markdown_renders_github_tables(repo: Path) -> None:
    result = okr(repo, "score", "Q3", *AS_OF, "--format", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "# Scores for 2025-Q3"
    assert "Objectives: ~1 green, ~1 yellow, ~1 red · KPIs: 2 of 2 met · 49% of 2025-Q3 gone." in lines[2]
    assert "## team · score 0.77" in lines
    assert "| **team/O1** | **Grow organic traffic** (aspirational) | | **0.66** | ~green | on-track: projected 0.83, needs 0.60 |" in lines
    assert "| team/O1/KR2 | Organic share of visits at least 40% (weight 2) | 30% / >= 40% | 0.75 | | on-track |" in lines
    assert "| team/K1 | Signups per month | 90 · 120 / 100, mean of 2 months | 1.05 | green | yes |" in lines
    assert "| team/K2 | Cost per lead at most $50 | $40 / <= $50 | 1.25 | green | yes |" in lines
    tables = [line for line in lines if line.startswith("|")]
    assert all(line.endswith("|") for line in tables)
    assert lines.count("|---|---|---|---:|---|---|") == 4  # team objectives, team KPIs, ann objectives, ann KPIs


def test_csv_has_one_row_per_kr_and_kpi(repo: Path) -> None:
    result = okr(repo, "score", "Q3", *AS_OF, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["type"], r["ref"]) for r in rows] == [
        ("kr", "team/O1/KR1"), ("kr", "team/O1/KR2"), ("kr", "team/O2/KR1"), ("kr", "team/O2/KR2"),
        ("kr", "ann/O1/KR1"), ("kr", "ann/O1/KR2"), ("kpi", "team/K1"), ("kpi", "team/K2"),
    ]
    assert rows[0] == {
        "type": "kr", "ref": "team/O1/KR1", "owner": "ann", "objective": "team/O1",
        "title": "Visits reach 300,000 a month (from 200,000)", "kind": "metric", "start": "200000",
        "target": "300000", "value": "250000", "progress": "0.5", "score": "0.5", "grade": "",
        "status": "on-track", "stale": "false", "confidence": "0.6", "weight": "1", "months": "",
        "forecast_value": str(KR1_FORECAST["value"]), "forecast_score": "1", "forecast_eta": "2025-09-01",
    }
    assert (rows[1]["weight"], rows[6]["value"], rows[6]["progress"], rows[6]["months"]) == ("2", "110", "1.05", "2")
    assert rows[7]["progress"] == "1.25" and rows[7]["status"] == "met" and rows[7]["grade"] == "green"


FORMULAS = """
    period: 2025-Q3
    owner: sheet
    objectives:
      - id: O1
        title: "=HYPERLINK(\\"http://evil\\",\\"x\\")"
        key_results:
          - {id: KR1, title: "+cmd|' /C calc'!A0", start: -10, target: -5, current: -8}
          - {id: KR2, title: "-2+3", target: "-5..5", current: 0}
          - {id: KR3, title: "@SUM(A1:A9)", done: false}
          - {id: KR4, title: "\\t=1+1", done: true}
          - {id: KR5, title: "\\r=1+1", done: true}
          - {id: KR6, title: "＝1+1 full width", done: true}
          - {id: KR7, title: "- bullet point", done: true}
          - {id: KR8, title: "a = b, at the end is fine", done: true}
"""


def test_csv_cells_that_could_be_formulas_are_text(tmp_path: Path) -> None:
    """SPEC 7: a cell starting with =, +, - or @ (or a tab or CR, OWASP) that is not a number
    gets a leading ', so a spreadsheet shows it instead of running it; -8 stays a number."""
    write_files(tmp_path, {"2025-Q3/sheet.yaml": FORMULAS, ".okr.yaml": "rules:\n  max-key-results: {max: 8}\n"})
    result = okr(tmp_path, "score", "Q3", *AS_OF, "--format", "csv")
    assert result.out.splitlines()[1:] == [
        "kr,sheet/O1/KR1,sheet,sheet/O1,'+cmd|' /C calc'!A0,metric,-10,-5,-8,0.4,0.4,,on-track,false,,1,,,,",
        "kr,sheet/O1/KR2,sheet,sheet/O1,'-2+3,band,,'-5..5,0,1,1,,done,false,,1,,,,",
        "kr,sheet/O1/KR3,sheet,sheet/O1,'@SUM(A1:A9),milestone,,1,0,0,0,,off-track,false,,1,,,,",
        # a tab or CR is shown escaped (as in every format), which no spreadsheet runs
        "kr,sheet/O1/KR4,sheet,sheet/O1,\\t=1+1,milestone,,1,1,1,1,,done,false,,1,,,,",
        "kr,sheet/O1/KR5,sheet,sheet/O1,\\r=1+1,milestone,,1,1,1,1,,done,false,,1,,,,",
        "kr,sheet/O1/KR6,sheet,sheet/O1,'＝1+1 full width,milestone,,1,1,1,1,,done,false,,1,,,,",
        "kr,sheet/O1/KR7,sheet,sheet/O1,'- bullet point,milestone,,1,1,1,1,,done,false,,1,,,,",
        "kr,sheet/O1/KR8,sheet,sheet/O1,\"a = b, at the end is fine\",milestone,,1,1,1,1,,done,false,,1,,,,",
    ]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("-5", "-5"), ("+5", "+5"), ("-0.25", "-0.25"), ("-1e+16", "-1e+16"), ("=1", "'=1"), ("-", "'-"),
        ("-5 units", "'-5 units"), ("@", "'@"), ("\t", "'\t"), ("\r5", "'\r5"), ("", ""), ("5-3", "5-3"),
    ],
)
def test_spreadsheet_safe_keeps_numbers_numbers(cell: str, shown: str) -> None:
    from okrcli.reporters.csv import spreadsheet_safe

    assert spreadsheet_safe(cell) == shown


def test_text_when_piped_is_plain(repo: Path) -> None:
    result = okr(repo, "score", "Q3", *AS_OF)
    assert result.code == 0
    assert "\x1b[" not in result.out
    lines = result.out.splitlines()
    assert lines[0] == "Scores for 2025-Q3 as of 2025-08-15 (49% of the period gone)"
    assert lines[-1] == "Objectives: ~1 green, ~1 yellow, ~1 red · KPIs: 2 of 2 met · 49% of 2025-Q3 gone"
    assert "  team/O1      [######----]  0.66  ~green   on-track: projected 0.83, needs 0.60  Grow organic traffic (aspirational)" in lines
    assert any(line.startswith("  ann/O1/KR2") and "pending" in line for line in lines)


@pytest.mark.parametrize("width", [80, 200])
def test_rich_text_fits_the_terminal(repo: Path, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    from okrcli.reporters.text import score, scorecard, tree

    for module in (score, scorecard, tree):
        monkeypatch.setattr(module, "wants_rich", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", str(width))
    for args in (("score", "Q3"), ("scorecard", "ann", "Q3"), ("tree", "Q3")):
        result = okr(repo, *args, *AS_OF)
        assert result.code == 0, result.err
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.out)
        assert max(len(line) for line in plain.splitlines()) <= width
        assert "█" in plain


def test_sheets_whose_numbers_cannot_be_known_are_left_out_with_one_line(repo: Path) -> None:
    write_files(repo, {
        "2025-Q3/broken.yaml": "period: 2025-Q3\nowner: broken\nobjectivs: []\n",  # schema error
        "2025-Q3/vague.yaml": """
            period: 2025-Q3
            owner: vague
            objectives:
              - id: O1
                title: Serve customers well
                key_results:
                  - {id: KR1, title: Improve the onboarding, target: 10, start: 5, current: 6}
                  - {id: KR2, title: Signups reach 500, target: 500, start: 100, current: 200}
        """,
        "2025-Q2/old.yaml": "period: 2025-Q2\nowner: old\nobjectivs: []\n",  # another period: not our business
    })
    result = okr(repo, "score", "Q3", *AS_OF, "--format", "json")
    assert result.code == 1
    assert result.err == (
        "okr: left out of the scores: 2025-Q3/broken.yaml:3:1: unknown key 'objectivs' in sheet; "
        "did you mean 'objectives'? (schema)\n"
    )
    document: Any = result.json()
    # A vague title is a wording error: the sheet is still scored, (0.2 + 0.25) / 2.
    assert [(o["ref"], o["score"]) for o in document["objectives"]] == [
        ("team/O1", 0.6667), ("team/O2", 0.875), ("vague/O1", 0.225), ("ann/O1", 0.1),
    ]
    assert document["left_out"] == [{"path": "2025-Q3/broken.yaml", "rule": "schema"}]


def test_a_formula_that_cannot_be_computed_skips_its_sheet(repo: Path) -> None:
    write_files(repo, {"2025-Q3/flat.yaml": """
        period: 2025-Q3
        owner: flat
        objectives:
          - id: O1
            title: Hold the line
            key_results:
              - {id: KR1, title: Churn stays at 2%, start: 2%, target: 2%, current: 2%}
              - {id: KR2, title: Signups reach 500, target: 500, start: 100, current: 200}
    """})
    result = okr(repo, "score", "Q3", *AS_OF)
    assert result.code == 1
    assert result.err == (
        "okr: left out of the scores: 2025-Q3/flat.yaml:7:64: this cannot be scored: its target 2% equals its start: "
        "(current − start) / (target − start) divides by zero; set `start:` to the baseline (schema)\n"
    )
    assert "flat/O1" not in result.out and "team/O1" in result.out
    checked = okr(repo, "check", "--format", "parsable", "2025-Q3/flat.yaml", *AS_OF)
    assert checked.out == (
        "2025-Q3/flat.yaml:7:64: [error] this cannot be scored: its target 2% equals its start: "
        "(current − start) / (target − start) divides by zero; set `start:` to the baseline (schema)\n"
    )


def test_scorecard_json(repo: Path) -> None:
    result = okr(repo, "scorecard", "ann", "Q3", *AS_OF, "--format", "json")
    assert result.code == 0
    assert result.json() == {
        "owner": "ann", "period": "2025-Q3",
        "score": 0.6933,  # 0.6 × min(1.25, 1) + 0.4 × (0.5 + 0.2 + 0) / 3
        "kpi_part": 1, "kr_part": 0.2333,
        "weights": {"kpis": 0.6, "key_results": 0.4},
        "kpis": [K2],
        "key_results": [TEAM_O1["key_results"][0], *ANN_O1["key_results"]],
        "left_out": [],
    }


def test_scorecard_hands_an_empty_part_over(repo: Path) -> None:
    document: Any = okr(repo, "scorecard", "bob", "Q3", *AS_OF, "--format", "json").json()
    assert (document["score"], document["kpi_part"], document["kr_part"]) == (0.75, None, 0.75)
    assert document["weights"] == {"kpis": 0, "key_results": 1}
    team: Any = okr(repo, "scorecard", "team", "Q3", *AS_OF, "--format", "json").json()
    assert team["score"] == 0.9333  # 0.6 × min(1.05, 1) + 0.4 × (2 × 0.75 + 1) / 3


def test_scorecard_weights_and_cap_come_from_config(repo: Path) -> None:
    write_files(repo, {".okr.yaml": "scorecard: {kpis: 0.5, key_results: 0.5, kpi_cap: 1.2}\n"})
    document: Any = okr(repo, "scorecard", "ann", "Q3", *AS_OF, "--format", "json").json()
    assert document["kpi_part"] == 1.2  # min(1.25, 1.2)
    assert document["score"] == 0.7167  # 0.5 × 1.2 + 0.5 × 0.2333


def test_scorecard_text_and_unknown_owner(repo: Path) -> None:
    text = okr(repo, "scorecard", "ann", "Q3", *AS_OF)
    assert text.code == 0
    assert text.out.splitlines()[1] == "Score 0.69 = 0.60 × KPIs 1.00 + 0.40 × key results 0.23"
    unknown = okr(repo, "scorecard", "zoe", "Q3", *AS_OF)
    assert unknown.code == 2 and "owners: ann, bob, team" in unknown.err


def test_tree_json(repo: Path) -> None:
    result = okr(repo, "tree", "Q3", *AS_OF, "--format", "json")
    assert result.code == 0
    document: Any = result.json()
    assert (document["period"], document["elapsed"]) == ("2025-Q3", 0.4891)
    shape = [(n["ref"], n["score"], n["grade"], n["status"], [(c["ref"], c["level"], c["status"]) for c in n["children"]]) for n in document["tree"]]
    assert shape == [
        ("team/O1", 0.6667, "green", "on-track", [("ann/O1", "individual", "off-track")]),
        ("team/O2", 0.875, "yellow", "on-track", []),
    ]


def test_tree_text_plain(repo: Path) -> None:
    lines = okr(repo, "tree", "Q3", *AS_OF).out.splitlines()
    assert lines[2:] == [
        "[######----]  0.66  ~green   on-track   team/O1  Grow organic traffic (team)",
        "[#---------]  0.10  ~red     off-track  └─ ann/O1  Make the blog a source of leads (ann, individual)",
        "[########--]  0.87  ~yellow  on-track   team/O2  Keep the service dependable (team)",
    ]


def test_tree_starts_at_the_enclosing_periods_objectives(repo: Path) -> None:
    write_files(repo, {
        "2025/company.yaml": """
            period: 2025
            owner: company
            level: company
            objectives:
              - id: O1
                title: Become the brand people find first
                key_results:
                  - {id: KR1, title: Visits reach 400k a month, start: 100000, target: 400000, current: 250000}
                  - {id: KR2, title: Paying customers reach 5000, start: 1000, target: 5000, current: 3000}
        """,
        "2025-Q3/team.yaml": TEAM.replace("title: Grow organic traffic", "title: Grow organic traffic\n        parent: 2025:company/O1"),
    })
    document: Any = okr(repo, "tree", "Q3", *AS_OF, "--format", "json").json()
    root = document["tree"][0]
    assert (root["ref"], root["context"], root["period"], root["score"]) == ("2025:company/O1", True, "2025", 0.5)
    assert [c["ref"] for c in root["children"]] == ["team/O1"]
    assert [c["ref"] for c in root["children"][0]["children"]] == ["ann/O1"]


def test_a_context_objective_shows_the_grade_its_own_period_projects() -> None:
    # acme-vi's year objective 2025:company/O1 is 0.4867 now (yellow) and projected 0.8032
    # (green) from its key results' check-ins: the quarter's tree and report show it as the
    # year's own score does, ~green.
    root = EXAMPLES / "acme-vi"
    year = {o["ref"]: o for o in okr(root, "score", "2025", *AS_OF, "--format", "json").json()["objectives"]}  # type: ignore[index]
    assert (year["company/O1"]["score"], year["company/O1"]["projected_score"], year["company/O1"]["projected_grade"]) == (0.4867, 0.8032, "green")
    tree = okr(root, "tree", "Q3", *AS_OF).out.splitlines()
    assert tree[2].startswith("[####------]  0,48  ~green   on-track   2025:company/O1  ")
    document: Any = okr(root, "tree", "Q3", *AS_OF, "--format", "json").json()
    assert (document["tree"][0]["ref"], document["tree"][0]["projected_grade"]) == ("2025:company/O1", "green")
    report = okr(root, "report", "Q3", *AS_OF).out
    assert "**2025:company/O1** Tăng trưởng doanh thu bền vững trên mọi kênh bán · 0,48 ~green · on-track (company, 2025)" in report


SCORE_KEYS = {"period", "as_of", "elapsed", "objectives", "kpis", "owners", "left_out", "ended", "closed"}
OBJECTIVE_KEYS = {
    "ref", "owner", "title", "kind", "score", "grade", "status", "too_easy", "weight", "key_results",
    "projected_score", "projected_grade", "final", "retro",
}
KR_KEYS = {"ref", "title", "kind", "start", "target", "current", "progress", "score", "status", "stale", "confidence", "owner", "weight", "forecast", "links"}
KPI_KEYS = {"ref", "owner", "title", "target", "actual", "achievement", "met", "grade", "kind", "weight", "months", "final"}


@pytest.mark.parametrize(("example", "owner"), [("acme-vi", "lan"), ("startup-en", "priya")])
def test_examples_score_cleanly(example: str, owner: str) -> None:
    root = EXAMPLES / example
    result = okr(root, "score", "Q3", *AS_OF, "--format", "json")
    assert (result.code, result.err) == (0, "")
    document: Any = result.json()
    assert set(document) == SCORE_KEYS
    for objective in document["objectives"]:
        assert set(objective) == OBJECTIVE_KEYS and 0 <= objective["score"] <= 1
        assert all(set(k) == KR_KEYS and 0 <= k["score"] <= 1 for k in objective["key_results"])
    assert all(set(k) == KPI_KEYS for k in document["kpis"])
    card = okr(root, "scorecard", owner, "Q3", *AS_OF, "--format", "json")
    assert card.code == 0 and 0 <= card.json()["score"] <= 1  # type: ignore[index]
    assert okr(root, "tree", "Q3", *AS_OF).code == 0


def test_a_chain_of_parents_deeper_than_the_tree_goes_on_as_new_roots(tmp_path: Path) -> None:
    # t000 ← t001 ← … ← t129: each objective's parent is the next owner's.
    krs = "[{id: KR1, title: Calls reach 9, start: 1, target: 9, current: 5}, {id: KR2, title: Demos reach 9, start: 1, target: 9}]"
    write_files(tmp_path, {
        f"2025-Q3/t{n:03d}.yaml": f"""
            period: 2025-Q3
            owner: t{n:03d}
            objectives:
              - {{id: O1, title: Help, {f"parent: t{n + 1:03d}/O1, " if n < 129 else ""}key_results: {krs}}}
        """
        for n in range(130)
    })
    result = okr(tmp_path, "tree", "Q3", *AS_OF, "--format", "json")
    assert result.code == 0
    chains = []
    for root in result.json()["tree"]:  # type: ignore[index]
        refs, node = [root["ref"]], root
        while node["children"]:
            (node,) = node["children"]
            refs.append(node["ref"])
        chains.append(refs)
    assert chains == [
        [f"t{n:03d}/O1" for n in range(129, 65, -1)],  # MAX_DEPTH (64) levels
        [f"t{n:03d}/O1" for n in range(65, 1, -1)],
        ["t001/O1", "t000/O1"],
    ]
    assert okr(tmp_path, "tree", "Q3", *AS_OF).code == 0
    assert okr(tmp_path, "report", "Q3", *AS_OF).code == 0


def test_objectives_in_a_loop_of_parents_are_roots(tmp_path: Path) -> None:
    # a ↔ b loop (alignment-cycle made a warning, so the sheets are scored); c hangs under a.
    krs = "[{id: KR1, title: Calls reach 9, start: 1, target: 9, current: 5}, {id: KR2, title: Demos reach 9, start: 1, target: 9}]"
    sheet = "period: 2025-Q3\nowner: {0}\nobjectives:\n  - {{id: O1, title: Help, parent: {1}/O1, key_results: {2}}}\n"
    write_files(tmp_path, {
        ".okr.yaml": "rules:\n  alignment-cycle: {level: warning}\n",
        "2025-Q3/a.yaml": sheet.format("a", "b", krs),
        "2025-Q3/b.yaml": sheet.format("b", "a", krs),
        "2025-Q3/c.yaml": sheet.format("c", "a", krs),
    })
    result = okr(tmp_path, "tree", "Q3", *AS_OF, "--format", "json")
    tree = [(n["ref"], [c["ref"] for c in n["children"]]) for n in result.json()["tree"]]  # type: ignore[index]
    assert (result.code, tree) == (0, [("a/O1", ["c/O1"]), ("b/O1", [])])


# Values of every size: each format shows the number read, every digit, no exponent, no rounding.
SMALL_VALUES = """
period: 2026-Q4
owner: ops
objectives:
  - id: O1
    title: Run a reliable service
    key_results:
      - {id: KR1, title: Error rate falls to 0.00005, start: 0.00020, target: 0.00005, current: 0.00012}
      - {id: KR2, title: Drift reaches 3e-18, start: 1e-18, target: 3e-18, current: 2e-18}
      - {id: KR3, title: Orders reach 1.25 million, start: "0", target: "1,250,000.5", current: "999,999.125"}
kpis:
  - {id: K1, title: Defect ratio, target: "<= 0.00005", actual: 0.000049}
"""
EIGHTEEN_ZEROS = "0.000000000000000001"


def test_values_are_shown_as_read_in_every_format(tmp_path: Path) -> None:
    write_files(tmp_path, {"s.yaml": SMALL_VALUES})
    data = run_okr("score", "--format", "json", "--as-of", "2026-11-15", cwd=tmp_path).json()
    assert isinstance(data, dict)
    krs = data["objectives"][0]["key_results"]
    assert [(k["start"], k["target"], k["current"], k["progress"]) for k in krs] == [
        (0.0002, 0.00005, 0.00012, 0.5333), (1e-18, 3e-18, 2e-18, 0.5), (0, 1250000.5, 999999.125, 0.8),
    ]
    assert (data["kpis"][0]["target"], data["kpis"][0]["actual"], data["kpis"][0]["achievement"]) == (0.00005, 0.000049, 1.0204)
    raw = run_okr("score", "--format", "json", "--as-of", "2026-11-15", cwd=tmp_path).out
    for written in ('"start": 0.0002,', '"target": 0.00005,', '"current": 0.00012,', f'"start": {EIGHTEEN_ZEROS},', '"actual": 0.000049,'):
        assert written in raw  # the JSON text itself: no exponent, no rounding
    rows = run_okr("score", "--format", "csv", "--as-of", "2026-11-15", cwd=tmp_path).out.splitlines()
    assert [row.split(",")[6:11] for row in rows[1:]] == [
        ["0.0002", "0.00005", "0.00012", "0.5333", "0.5333"],
        [EIGHTEEN_ZEROS, EIGHTEEN_ZEROS[:-1] + "3", EIGHTEEN_ZEROS[:-1] + "2", "0.5", "0.5"],
        ["0", "1250000.5", "999999.125", "0.8", "0.8"],
        ["", "0.00005", "0.000049", "1.0204", "1.0204"],
    ]
    shown = ["[0.00012 / 0.00005]", f"[{EIGHTEEN_ZEROS[:-1]}2 / {EIGHTEEN_ZEROS[:-1]}3]", "[999,999.125 / 1,250,000.5]", "[0.000049 / <= 0.00005]"]
    text = run_okr("score", "--as-of", "2026-11-15", cwd=tmp_path, env={"NO_COLOR": "1"}).out
    assert [line.rsplit("  ", 1)[1] for line in text.splitlines() if line.startswith("  ops/") and "/O1 " not in line] == shown
    markdown = run_okr("score", "--format", "markdown", "--as-of", "2026-11-15", cwd=tmp_path).out
    assert [line.split(" | ")[2] for line in markdown.splitlines() if line.startswith("| ops/")] == [s[1:-1] for s in shown]
    html = run_okr("report", "--format", "html", "--as-of", "2026-11-15", cwd=tmp_path).out
    assert "0.00012</strong> → 0.00005" in html and f"{EIGHTEEN_ZEROS[:-1]}2" in html and "999,999.125" in html
    assert "e-" not in (text + markdown + raw).replace("reaches 3e-18", "")


def test_a_key_result_without_a_target_shows_no_status_word(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": """
        period: 2025-Q3
        owner: team
        objectives:
          - id: O1
            title: Grow the business
            key_results:
              - {id: KR1, title: Organic share of traffic, current: 36%}
              - {id: KR2, title: Revenue reaches 2M, start: 1M, target: 2M, current: 1.5M}
        """})
    lines = okr(tmp_path, "score", *AS_OF).out.splitlines()
    assert lines[4] == "  team/O1/KR1  [----------]     —           —                 Organic share of traffic  [36% / —]"


def test_a_month_that_has_ended_counts_as_final_in_its_running_quarter(tmp_path: Path) -> None:
    # November has ended on 2025-12-10; Q4 runs: the row's grade is final, so is the count.
    write_files(tmp_path, {"2025-11/a.yaml": """
        period: 2025-11
        owner: a
        objectives:
          - id: O1
            title: Grow the base
            key_results:
              - {id: KR1, title: Members reach 200, start: 100, target: 200, current: 147}
    """})
    lines = okr(tmp_path, "score", "2025-Q4", "--as-of", "2025-12-10").out.splitlines()
    assert lines[3] == "  2025-11:a/O1      [####------]  0.47  yellow  closed            Grow the base (aspirational)"
    assert lines[-1] == "Objectives: 0 green, 1 yellow, 0 red · 76% of 2025-Q4 gone"
    report = okr(tmp_path, "report", "2025-Q4", "--as-of", "2025-12-10").out
    assert "Objectives, projected grades:" not in report
