"""`okr report` over time: each key result's chart (values, target, pace, projection,
confidence) with the same numbers as a Markdown table; hand-computed here."""

from __future__ import annotations

import json
import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from conftest import run_okr, write_files
from test_report import SCRIPT, Page

# A 30-day period; start 0, target 90; check-ins 30 on day 6 and 40 on day 12. The line
# through (0, 0), (6, 30), (12, 40) is 10/3 + 10/3 × day: 53.33 on the as-of day (15),
# 100 on the last day (29), and it first reaches 90 on day 26 (2025-09-27).
SEPTEMBER = """
period: 2025-09
owner: growth
objectives:
  - id: O1
    title: Teams adopt the product
    key_results:
      - id: KR1
        title: {title}
        start: 0
        target: 90
        check_ins:
          - {{date: 2025-09-07, value: 30, confidence: 0.5}}
          - {{date: 2025-09-13, value: 40, confidence: 0.8, note: Referral loop live}}
      - {{id: KR2, title: Onboarding guide published, done: false}}
"""


def september(tmp_path: Path, title: str = "Weekly active teams reach 90") -> Path:
    return write_files(tmp_path, {"2025-09/growth.yaml": SEPTEMBER.format(title=json.dumps(title))})


class Elements(HTMLParser):
    """Every element's tag and attributes, in page order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    def of(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.found if t == tag and (cls is None or a.get("class") == cls)]


def test_chart_coordinates_by_hand(tmp_path: Path) -> None:
    result = run_okr("report", "--as-of", "2025-09-16", "--format", "html", "-C", str(september(tmp_path)))
    assert result.code == 0, result.err
    page = Page(result.out)
    assert page.errors == []
    # x = 56 + 256 × days / 30; y = 10 + 118 × (100 − value) / 100 (values drawn span 0..100).
    svg = Elements(result.out)
    lines: dict[str, tuple[str, ...]] = {}
    for a in svg.of("line"):  # KR1's chart comes first
        lines.setdefault(a["class"], (a["x1"], a["y1"], a["x2"], a["y2"]))
    assert lines["target"] == ("56", "21.8", "312", "21.8")
    assert lines["pace-line"] == ("56.0", "128.0", "312.0", "21.8")  # 0 on the first day → 90 at the end
    assert lines["projection"] == ("184.0", "65.1", "303.5", "10.0")  # 53.33 on 09-16 → 100 on 09-30
    assert lines["as-of"] == ("184.0", "10", "184.0", "128.0")
    values = svg.of("polyline", "values")
    assert values[0]["points"] == "107.2,92.6 158.4,80.8"
    confidence = svg.of("polyline", "confidence")
    assert confidence[0]["points"] == "107.2,22.0 158.4,11.2"  # 0.5 and 0.8 on a 4..40 band
    words = page.words("growth/O1/KR1")
    assert ("2 values, 30 on 2025-09-07 to 40 on 2025-09-13; target 90; pace 0 on 2025-09-01 to the target at the "
            "period's end; projected 100 on 2025-09-30 (score 1.00), target reached on 2025-09-27.") in words
    assert "2025-09-07 30 check-in 18 0.50 2025-09-13 40 check-in 36 0.80" in words  # pace: 90 × 6/30, 90 × 12/30


def test_markdown_values_over_time(tmp_path: Path) -> None:
    result = run_okr("report", "--as-of", "2025-09-16", "-C", str(september(tmp_path)))
    assert result.code == 0, result.err
    start = result.out.index("#### growth/O1/KR1")
    assert result.out[start:].split("\n\n")[:3] == [
        "#### growth/O1/KR1 · values over time",
        "| Date | Value | Source | Pace | Confidence |\n|---|---:|---|---:|---:|\n"
        "| 2025-09-07 | 30 | check-in | 18 | 0.50 |\n| 2025-09-13 | 40 | check-in | 36 | 0.80 |",
        "2 values, 30 on 2025-09-07 to 40 on 2025-09-13; target 90; pace 0 on 2025-09-01 to the target at the "
        "period's end; projected 100 on 2025-09-30 (score 1.00), target reached on 2025-09-27.",
    ]
    milestone = result.out.index("#### growth/O1/KR2")
    assert result.out[milestone:].split("\n\n")[:2] == [
        "#### growth/O1/KR2 · values over time",
        "no value yet; no projection (fewer than two values in the period, or the period has ended).",
    ]


def test_a_percent_key_result_speaks_in_percent_points(tmp_path: Path) -> None:
    # The same line as above in percent points: its target, pace and projection carry the %
    # its check-ins were written with, in the table, the words and the HTML axis.
    sheet = SEPTEMBER.format(title='"Trial conversion reaches 90%"').replace("target: 90", "target: 90%").replace("start: 0", "start: 0%")
    sheet = sheet.replace("value: 30,", "value: 30%,").replace("value: 40,", "value: 40%,")
    write_files(tmp_path, {"2025-09/growth.yaml": sheet})
    result = run_okr("report", "--as-of", "2025-09-16", "-C", str(tmp_path))
    assert result.code == 0, result.err
    start = result.out.index("#### growth/O1/KR1")
    assert result.out[start:].split("\n\n")[1:3] == [
        "| Date | Value | Source | Pace | Confidence |\n|---|---:|---|---:|---:|\n"
        "| 2025-09-07 | 30% | check-in | 18% | 0.50 |\n| 2025-09-13 | 40% | check-in | 36% | 0.80 |",
        "2 values, 30% on 2025-09-07 to 40% on 2025-09-13; target 90%; pace 0% on 2025-09-01 to the target at the "
        "period's end; projected 100% on 2025-09-30 (score 1.00), target reached on 2025-09-27.",
    ]
    page = run_okr("report", "--as-of", "2025-09-16", "--format", "html", "-C", str(tmp_path)).out
    assert 'text-anchor="end">100%</text>' in page and "<td>36%</td>" in page


def test_hostile_title_stays_text_in_the_svg(tmp_path: Path) -> None:
    title = f'"{SCRIPT}</title><svg onload=alert(1)> & ]]>'
    result = run_okr("report", "--as-of", "2025-09-16", "--format", "html", "-C", str(september(tmp_path, title)))
    assert result.code in (0, 1), result.err
    page = Page(result.out)
    assert page.errors == []
    assert "<script>" not in result.out and "<svg onload" not in result.out
    assert not [name for _, name, _ in page.attributes if name.startswith("on")]
    assert "</title><svg onload=alert(1)>" in " ".join(page.text)  # shown as text, in the SVG title too


def test_vietnamese_values_in_the_repo_locale(tmp_path: Path) -> None:
    write_files(tmp_path, {
        ".okr.yaml": "number_locale: vi\n",
        "2025-09/sales.yaml": """
            period: 2025-09
            owner: sales
            objectives:
              - id: O1
                title: Khách hàng quay lại
                key_results:
                  - id: KR1
                    title: Doanh thu đạt 1,5 tỷ
                    start: "1 tỷ"
                    target: "1,5 tỷ"
                    check_ins:
                      - {date: 2025-09-07, value: "1,1 tỷ"}
                      - {date: 2025-09-13, value: "1,25 tỷ"}
                  - {id: KR2, title: Ra mắt chương trình thành viên, done: false}
            """,
    })
    out = run_okr("report", "--as-of", "2025-09-16", "-C", str(tmp_path)).out
    assert "| 2025-09-13 | 1,25 tỷ | check-in | 1,2 tỷ | — |" in out
    assert "target 1,5 tỷ; pace 1 tỷ on 2025-09-01 to the target at the period's end; projected 1,6 tỷ on 2025-09-30" in out


# --- since the previous review --------------------------------------------------------------

GROWTH = """
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Teams adopt the product
    key_results:
      - {{id: KR1, title: Weekly active teams reach 200, start: 100, target: 200, current: {current}}}
      - {{id: KR2, title: Onboarding guide published, done: {done}}}
"""


def commit_growth(repo: Path, current: int, done: str, day: str, tag: str | None = None) -> None:
    write_files(repo, {"2025-Q3/growth.yaml": GROWTH.format(current=current, done=done)})
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", f"current {current}"], check=True, env=env)
    if tag:
        subprocess.run(["git", "-C", str(repo), "tag", tag], check=True)


def since_section(out: str) -> list[str]:
    start = out.index("## Since")
    return out[start:out.index("| Owner | Score |")].split("\n\n")


def test_since_a_date_and_a_ref_give_the_same_changes(git_repo: Path) -> None:
    commit_growth(git_repo, 130, "false", "2025-07-20", tag="review-1")  # KR1 0.30, KR2 0: O1 0.15
    commit_growth(git_repo, 150, "false", "2025-08-01")  # 0.50, 0: O1 0.25
    commit_growth(git_repo, 170, "true", "2025-08-10")  # 0.70, 1: O1 0.85
    # The grades are those shown then and now, projected while the quarter runs. Then (08-05,
    # the commit of 08-01): KR1's line through 100 (07-01), 130 (07-20) and 150 (08-01) ends at
    # 246.33, score 1; KR2 has one point (false), no forecast: (1 + 0) / 2 = 0.5, ~yellow. Now
    # (08-15): KR1 ends at 255.5 (1), KR2's line through false and true ends above done (1):
    # ~green.
    expected_rows = [
        "| Objective | Title | Then | Now | Change | Grade |\n|---|---|---:|---:|---:|---|\n"
        "| growth/O1 | Teams adopt the product | 0.25 | 0.85 | +0.60 | ~yellow → ~green |",
        "| Owner | Then | Now | Change |\n|---|---:|---:|---:|\n| growth | 0.25 | 0.85 | +0.60 |",
    ]
    by_date = run_okr("report", "Q3", "--as-of", "2025-08-15", "--since", "2025-08-05", cwd=git_repo)
    assert by_date.code == 0, by_date.err
    short = subprocess.run(["git", "-C", str(git_repo), "rev-parse", "--short", "HEAD~1"], capture_output=True, text=True, check=True).stdout.strip()
    assert since_section(by_date.out) == [
        "## Since 2025-08-05", f"Compared with 2025-08-05 (commit {short}, read as of 2025-08-05).", *expected_rows, "",
    ]
    by_ref = run_okr("report", "Q3", "--as-of", "2025-08-15", "--since", "review-1", cwd=git_repo)
    tagged = subprocess.run(["git", "-C", str(git_repo), "rev-parse", "--short", "review-1"], capture_output=True, text=True, check=True).stdout.strip()
    assert since_section(by_ref.out)[1] == f"Compared with review-1 (commit {tagged}, read as of 2025-07-20)."
    # review-1 (07-20): KR1's line from start 100 (07-01) through 130 (07-20) ends at 243.68,
    # score 1; KR2 one point, 0: projected 0.5, ~yellow
    assert "| growth/O1 | Teams adopt the product | 0.15 | 0.85 | +0.70 | ~yellow → ~green |" in by_ref.out
    page = Page(run_okr("report", "Q3", "--as-of", "2025-08-15", "--since", "review-1", "--format", "html", cwd=git_repo).out)
    assert page.errors == []
    assert "Since review-1 Compared with review-1" in page.words()
    assert "growth/O1 Teams adopt the product 0.15 0.85 +0.70 ~yellow → ~green Owner Then Now Change growth 0.15 0.85 +0.70" in page.words()


def test_since_outside_git_cuts_the_check_ins_and_an_unknown_ref_is_refused(tmp_path: Path) -> None:
    september(tmp_path)
    out = run_okr("report", "--as-of", "2025-09-16", "--since", "2025-09-10", "-C", str(tmp_path)).out
    # Before 09-13's check-in KR1 stood at 30 (0.33); KR2 not done: O1 0.16, now 0.22. The
    # grades shown are projected: then, the line from 0 (09-01) through 30 (09-07) ends at 145,
    # score 1, so (1 + 0) / 2 = 0.5; now 0.5 too (above): ~yellow both.
    assert "| growth/O1 | Teams adopt the product | 0.16 | 0.22 | +0.06 | ~yellow |" in out
    assert "Compared with 2025-09-10 (the working tree, read as of 2025-09-10)." in out
    refused = run_okr("report", "--as-of", "2025-09-16", "--since", "no-such-tag", "-C", str(tmp_path))
    assert refused.code == 2 and refused.out == ""
    assert refused.err == (f"okr: --since no-such-tag: not a date (YYYY-MM-DD), and {tmp_path} is not in a git repository "
                           "(or git is not installed), so there is no ref to read\n")


def test_a_closed_period_shows_final_grades_and_retros(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-09/growth.yaml": """
        period: 2025-09
        owner: growth
        closed: 2025-10-03
        objectives:
          - id: O1
            title: Teams adopt the product
            retro: Referrals worked; <b>ads</b> did not
            final: {score: 0.35, grade: red}
            key_results:
              - {id: KR1, title: Weekly active teams reach 90, start: 0, target: 90, current: 63}
              - {id: KR2, title: Onboarding guide published, done: false}
        kpis:
          - {id: K1, title: Churn under 5%, target: "<= 5%", actual: 4%, final: {achievement: 1.25, grade: green}}
        """})
    out = run_okr("report", "2025-09", "--as-of", "2025-10-05", "-C", str(tmp_path)).out
    assert "2025-09 has ended: its grades are final." in out
    start = out.index("### growth/O1")
    assert out[start:].split("\n\n")[2:4] == ["Final (okr close): **0.35** 🔴 red", "Retro: Referrals worked; \\<b\\>ads\\</b\\> did not"]
    assert "| growth/K1 | Churn under 5% | 4% / ≤ 5% | 1.25 | met | 🟢 green · final 1.25 green |" in out
    html = run_okr("report", "2025-09", "--as-of", "2025-10-05", "--format", "html", "-C", str(tmp_path)).out
    page = Page(html)
    assert page.errors == []
    assert "Final (okr close): 0.35 red Retro : Referrals worked; <b>ads</b> did not" in page.words("growth/O1")
    assert "no projection" in page.words("growth/O1/KR1")  # an ended period has none


# --- the quarter's life on the page: forecasts, projected grades, every owner ----------------


def test_each_key_result_shows_its_forecast_and_the_grades_are_projected(tmp_path: Path) -> None:
    """While the period runs every grade shown is the projected one, marked: KR1 0.4444 now,
    forecast 1 (the line above); KR2 0 without a forecast; O1 0.2222 now, projected (1 + 0) / 2
    = 0.50, yellow; expected by now 0.6 × 15/30 = 0.30."""
    september(tmp_path)
    markdown = run_okr("report", "--as-of", "2025-09-16", "-C", str(tmp_path)).out.splitlines()
    assert "**Objectives, projected grades:** 🟢 0 green · 🟡 1 yellow · 🔴 0 red" in markdown
    assert "Grades marked ~ are projected for the end of the period: the grade is final once it has ended." in markdown
    assert "| growth | 0.22 | 🟡 ~yellow | 1 | — | 0.22 |" in markdown and "## growth · 0.22 🟡 ~yellow" in markdown
    assert "**0.22** 🟡 ~yellow (expected by now 0.30) · off-track: projected 0.50, needs 0.60 · aspirational" in markdown
    assert ("| KR1 | Weekly active teams reach 90 | 0 → 40 → 90 | 0.44 | on-track | 100 at the period's end (score 1.00), reaches the "
            "target 2025-09-27 | ▁█ | 0.80 (2025-09-13) | 2025-09-13: Referral loop live |") in markdown
    assert "| KR2 | Onboarding guide published | not done | 0.00 | off-track | — | — | — | — |" in markdown
    assert "- 🟡 **growth/O1** Teams adopt the product · 0.22 ~yellow · off-track (growth, team)" in markdown
    html = run_okr("report", "--as-of", "2025-09-16", "--format", "html", "-C", str(tmp_path)).out
    page = Page(html)
    assert page.errors == []
    assert "0 green objectives (projected) 1 yellow objective (projected) 0 red objectives (projected) 0 / 0 KPIs met" in page.words()
    assert page.words("growth/O1").startswith(
        "growth/O1 Teams adopt the product aspirational · expected by now 0.30 0.22 ~yellow off-track grade projected: 0.50, needs 0.60 KR1")
    assert "Referral loop live Forecast: 100 at the period's end (score 1.00), reaches the target 2025-09-27 growth/O1/KR1" in page.words("growth/O1/KR1")
    assert "Forecast" not in page.words("growth/O1/KR2")
    # every grade pill says it is a projection: none shows the current grade as final
    pills = [a for _, a in Elements(html).found if "pill" in a.get("class", "").split()]
    assert [(a["class"], a.get("title")) for a in pills] == [("pill yellow projected", "projected for the end of the period")] * 4
    ended = run_okr("report", "--as-of", "2025-10-01", "-C", str(tmp_path)).out.splitlines()
    assert "**Objectives:** 🟢 0 green · 🟡 0 yellow · 🔴 1 red" in ended and "2025-09 has ended: its grades are final." in ended
    assert "**0.22** 🔴 red (expected by now 0.60) · closed · aspirational" in ended


def test_every_owner_has_a_section_with_what_they_own(tmp_path: Path) -> None:
    """lan owns KR2 of growth's objective and a KPI in growth's sheet, and has no sheet: a
    section of their own lists both, and their scorecard counts both."""
    write_files(tmp_path, {"2025-09/growth.yaml": SEPTEMBER.format(title=json.dumps("Weekly active teams reach 90")).replace(
        "done: false}", "done: false, owner: lan}") + "kpis:\n  - {id: K1, title: Demos a week, target: \">= 10\", actual: 8, owner: lan}\n"})
    markdown = run_okr("report", "--as-of", "2025-09-16", "-C", str(tmp_path)).out
    # lan's scorecard: 0.6 × 8 / 10 + 0.4 × 0 (KR2 not done) = 0.48
    assert "| lan | — | — | 0 | 0 of 1 | 0.48 |" in markdown
    section = markdown[markdown.index("## lan"):markdown.index("## Alignment")].split("\n\n")
    assert section == [
        "## lan",
        "Scorecard **0.48** = 0.60 × KPIs 0.80 + 0.40 × key results 0.00; KPIs: each achievement capped at 1.00; key results: "
        "the 1 they own, 1 of them in others' objectives",
        "### Key results of lan in others' objectives",
        "| KR | Key result | Start → current → target | Score | Status | Forecast | History | Confidence | Latest note |\n"
        "|---|---|---|---:|---|---|---|---:|---|\n"
        "| growth/O1/KR2 | Onboarding guide published | not done | 0.00 | off-track | — | — | — | — |",
        "### KPIs of lan",
        "| KPI | Title | Actual / target | Achievement | Met | Grade |\n|---|---|---|---:|---|---|\n"
        "| growth/K1 | Demos a week | 8 / ≥ 10 | 0.80 | not met | 🔴 red |",
        "",
    ]
    alone = run_okr("report", "--as-of", "2025-09-16", "--owner", "lan", "-C", str(tmp_path)).out
    assert [line for line in alone.splitlines() if line.startswith("## ")] == ["## lan"]  # no objective: no alignment
    growth = run_okr("report", "--as-of", "2025-09-16", "--owner", "growth", "-C", str(tmp_path)).out  # growth's section only
    assert [line for line in growth.splitlines() if line.startswith("## ")] == ["## growth · 0.22 🟡 ~yellow", "## Alignment"]
    page = Page(run_okr("report", "--as-of", "2025-09-16", "--format", "html", "-C", str(tmp_path)).out)
    assert "lan Scorecard 0.48 = 0.60 × KPIs 0.80" in page.words()


def test_a_done_milestone_is_projected_done(git_repo: Path) -> None:
    """Not done on 09-03, done on 09-10: the line 0 + 1/7 per day ends at 27/7 = 3.8571 on
    09-30, above done: projected done, with no ETA (done already); the chart makes room for
    the line it draws."""
    for day, done in (("2025-09-03", "false"), ("2025-09-10", "true")):
        write_files(git_repo, {"2025-09/growth.yaml": SEPTEMBER.format(title=json.dumps("Weekly active teams reach 90")).replace(
            "done: false}", f"done: {done}}}")})
        stamp = f"{day}T10:00:00+07:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        subprocess.run(["git", "-C", str(git_repo), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(git_repo), "commit", "-q", "-m", done], check=True, env=env)
    found = run_okr("score", "--as-of", "2025-09-16", "--format", "json", cwd=git_repo).json()
    assert found["objectives"][0]["key_results"][1]["forecast"] == {"value": 3.8571, "score": 1, "eta": None}  # type: ignore[index]
    markdown = run_okr("report", "--as-of", "2025-09-16", cwd=git_repo).out
    assert "| KR2 | Onboarding guide published | done | 1.00 | done | done at the period's end (score 1.00) |" in markdown
    assert "2 values, not done on 2025-09-03 to done on 2025-09-10; projected done on 2025-09-30, target reached already." in markdown
    html = run_okr("report", "--as-of", "2025-09-16", "--format", "html", cwd=git_repo).out
    projection = Elements(html).of("line", "projection")[1]  # KR2's chart is the second
    # from the as-of day (x 56 + 256 × 15/30 = 184) at 13/7 to 27/7 on the last day, the top of a
    # frame spanning 0 to 27/7: y = 10 + 118 × (27/7 − 13/7) / (27/7) = 71.2
    assert (projection["x1"], projection["y1"], projection["x2"], projection["y2"]) == ("184.0", "71.2", "303.5", "10.0")


def test_since_a_review_after_this_one_is_refused(tmp_path: Path) -> None:
    result = run_okr("report", "--as-of", "2025-09-16", "--since", "2025-09-20", "-C", str(september(tmp_path)))
    assert (result.code, result.out) == (2, "")
    assert result.err == ("okr: --since 2025-09-20: that review is of 2025-09-20, after this one's as-of date 2025-09-16; "
                          "give an earlier date or ref\n")
    same_day = run_okr("report", "--as-of", "2025-09-16", "--since", "2025-09-16", "-C", str(tmp_path))
    assert same_day.code == 0, same_day.err


def test_a_small_forecast_value_is_shown_with_the_digits_its_score_comes_from(tmp_path: Path) -> None:
    # A defect ratio falling from 0.0004 to 0: on the line through 0.0004, 0.00035, 0.0003 it is
    # 0.000158 on the 30th, 0.0002 at 4 decimals, scoring (0.0004 - 0.0002) / 0.0004 = 0.5; the
    # report shows those digits, not a 0 that would score 1.
    sheet = SEPTEMBER.format(title='"Defect ratio falls to 0"').replace("start: 0\n", "start: 0.0004\n").replace("target: 90", "target: 0")
    sheet = sheet.replace("value: 30,", "value: 0.00035,").replace("value: 40,", "value: 0.0003,")
    write_files(tmp_path, {"2025-09/growth.yaml": sheet})
    scored = json.loads(run_okr("score", "--as-of", "2025-09-16", "--format", "json", "-C", str(tmp_path)).out)
    forecast = scored["objectives"][0]["key_results"][0]["forecast"]
    assert forecast == {"value": 0.0002, "score": 0.5, "eta": None}
    report = run_okr("report", "--as-of", "2025-09-16", "-C", str(tmp_path)).out
    assert "| 0.0002 at the period's end (score 0.50) |" in report
    assert "projected 0.0002 on 2025-09-30 (score 0.50), target not reached in the period." in report
