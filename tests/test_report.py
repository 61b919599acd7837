"""`okr report`: the review-meeting report as Markdown and as one self-contained HTML page,
end to end through the CLI, on copies of the example repos and on real git repositories."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, run_okr, write_files

from okrcli.reporters.values import fixed

AS_OF = ("--as-of", "2025-08-15")
VOID = {"meta", "br", "hr", "img", "input", "link", "circle", "polyline", "polygon", "path", "rect", "line"}
SCRIPT = "<script>alert(1)</script>"


class Page(HTMLParser):
    """The page as a parser sees it: tags must close in order; `data-ref` blocks keep their
    text; every attribute is kept to look for URLs."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.refs: dict[str, str] = {}
        self.text: list[str] = []
        self._open: list[tuple[str, int]] = []  # (ref, depth) of the data-ref blocks we are in
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag in VOID:
            return
        self.stack.append(tag)
        ref = dict(attrs).get("data-ref")
        if ref is not None:
            self._open.append((ref, len(self.stack)))
            self.refs[ref] = ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        if self._open and self._open[-1][1] == len(self.stack):
            self._open.pop()
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for ref, _ in self._open:
            self.refs[ref] += data + " "  # elements apart, as a reader sees them

    def words(self, ref: str | None = None) -> str:
        """The text (of the whole page or of one `data-ref` block) on one line."""
        return " ".join((" ".join(self.text) if ref is None else self.refs[ref]).split())


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """A copy of the Vietnamese example outside any git repository: check-ins only."""
    return Path(shutil.copytree(EXAMPLES / "acme-vi", tmp_path / "acme-vi"))


def report(repo: Path, *args: str) -> str:
    result = run_okr("report", "Q3", *AS_OF, "-C", str(repo), *args)
    assert (result.code, result.err) == (0, ""), result.err
    return result.out


# --- html ----------------------------------------------------------------------------------


def test_html_parses_and_shows_every_objective_kr_and_kpi_with_its_score(acme: Path) -> None:
    page = Page(report(acme, "--format", "html"))
    assert page.errors == []
    scores: dict[str, Any] = run_okr("score", "Q3", *AS_OF, "--format", "json", cwd=acme).json()  # type: ignore[assignment]
    expected = {o["ref"]: o["score"] for o in scores["objectives"]}
    expected |= {kr["ref"]: kr["score"] for o in scores["objectives"] for kr in o["key_results"]}
    expected |= {k["ref"]: k["achievement"] for k in scores["kpis"]}
    assert len(expected) == 10 + 26 + 22
    assert set(page.refs) == set(expected)
    for ref, score in expected.items():
        assert fixed(score, "vi") in page.refs[ref], ref  # number_locale: vi
    assert "0,61" in page.refs["marketing/O1"] and "Tăng trưởng traffic bền vững" in page.refs["marketing/O1"]
    assert "1,54" in page.refs["cskh/K4"] and "met" in page.refs["cskh/K4"]


def test_html_head_language_font_and_print_rules(acme: Path, tmp_path: Path) -> None:
    page = report(acme, "--format", "html", "--lang", "vi")
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n')
    # the language of okr's words, not the number style: acme writes numbers the Vietnamese way
    assert report(acme, "--format", "html").startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif' in page
    assert "@media print" in page and "@page { size: A4" in page and "break-inside: avoid" in page
    assert "@media (max-width: 640px)" in page
    english = report(Path(shutil.copytree(EXAMPLES / "startup-en", tmp_path / "en")), "--format", "html")
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_html_fetches_nothing_and_runs_no_script(acme: Path) -> None:
    text = report(acme, "--format", "html")
    page = Page(text)
    links = [(tag, name, value) for tag, name, value in page.attributes if name in ("src", "href", "srcset", "action", "xlink:href")]
    assert links and all(value.startswith("#") for _, _, value in links), links
    assert "http://" not in text and "https://" not in text and "url(" not in text and "@import" not in text
    assert "<script" not in text.lower() and not any(name.startswith("on") for _, name, _ in page.attributes)


def test_html_summary_header_and_sparklines(acme: Path) -> None:
    page = Page(report(acme, "--format", "html"))
    text = page.words()
    assert "OKR review · acme-vi 2025-Q3 As of 2025-08-15 49% of 2025-Q3 gone" in text
    # while the quarter runs, the grades counted are the projected ones, and say so
    assert "8 green objectives (projected) 1 yellow objective (projected) 1 red objective (projected) 13 / 22 KPIs met" in text
    kr = page.words("marketing/O1/KR1")
    assert kr.startswith("KR1 Tổng traffic đạt 308.000 lượt/tháng (từ 250.000) (owner: lan) 250.000 → 281.000 → 308.000 lượt/tháng")
    assert "2025-07-07: 256.000; 2025-07-21: 263.500; 2025-08-04: 274.000; 2025-08-13: 281.000" in kr  # the sparkline's title
    assert "0,53 on-track confidence 0,75 (2025-08-13) · 2025-08-13: Chiến dịch TikTok tháng 8 kéo thêm traffic trực tiếp" in kr


def test_user_text_stays_text(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": f"""
        period: 2025-Q3
        owner: team
        objectives:
          - id: O1
            title: "{SCRIPT} & <b>bold</b>"
            key_results:
              - id: KR1
                title: "Visits | reach 300,000 a month {SCRIPT}"
                start: 200000
                target: 300000
                current: 250000
                check_ins:
                  - {{date: 2025-08-01, value: 250000, note: "line one\\nline two | {SCRIPT}"}}
              - {{id: KR2, title: Share ≥ 40% of visits, target: ">= 40%", current: 30%}}
        kpis:
          - {{id: K1, title: "[link](javascript:alert(1)) *{SCRIPT}*", target: 100, actual: 110}}
    """})
    result = run_okr("report", "2025-Q3", *AS_OF, "--format", "html", cwd=tmp_path)
    page = Page(result.out)
    assert page.errors == [] and "<script" not in result.out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in result.out
    assert SCRIPT in page.refs["team/O1"] and SCRIPT in page.refs["team/K1"] and "line one\\nline two" in page.refs["team/O1/KR1"]
    markdown = run_okr("report", "2025-Q3", *AS_OF, cwd=tmp_path).out
    assert re.search(r"(?<!\\)<", markdown) is None  # every < is escaped
    assert "### team/O1 · \\<script\\>alert(1)\\</script\\> \\& \\<b\\>bold\\</b\\>" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| KR1 |"))
    assert row.count(" | ") == 8 and "Visits \\| reach 300,000" in row and "line one\\\\nline two \\| \\<script\\>" in row
    assert "| team/K1 | \\[link\\](javascript:alert(1)) \\*\\<script\\>alert(1)\\</script\\>\\* |" in markdown


# --- markdown ------------------------------------------------------------------------------


def test_markdown_tables_and_rows(acme: Path) -> None:
    lines = report(acme).splitlines()
    assert lines[:5] == [
        "# OKR review · 2025-Q3 · acme-vi", "",
        "As of **2025-08-15** · 49% of 2025-Q3 gone", "",
        "**Objectives, projected grades:** 🟢 8 green · 🟡 1 yellow · 🔴 1 red · **KPIs:** 13 of 22 met",
    ]
    assert lines[6] == "Grades marked ~ are projected for the end of the period: the grade is final once it has ended."
    assert lines[8:12] == [
        "| Owner | Score | Grade | Objectives | KPIs met | Scorecard 60/40 |",
        "|---|---:|---|---:|---:|---:|",
        # company's objectives are committed and aspirational: no band on the mean agrees with
        # all their grades, so the grade is the lowest projected one (company/O3's, ~red).
        "| company | 0,53 | 🔴 ~red (lowest) | 3 | — | 0,52 |",
        "| cskh | 0,76 | 🟢 ~green (lowest) | 2 | 2 of 4 | 0,86 |",
    ]
    kr_header = "| KR | Key result | Start → current → target | Score | Status | Forecast | History | Confidence | Latest note |"
    kpi_header = "| KPI | Title | Actual / target | Achievement | Met | Grade |"
    # 10 objectives, and the KRs of huy, lan, minh and trang in others' objectives.
    assert lines.count(kr_header) == 14 and lines.count(kpi_header) == 5
    assert lines[lines.index(kr_header) + 1] == "|---|---|---|---:|---|---|---|---:|---|"
    assert lines[lines.index(kpi_header) + 1] == "|---|---|---|---:|---|---|"
    assert "## marketing · 0,57 🟢 ~green" in lines and "### marketing/O1 · Tăng trưởng traffic bền vững" in lines
    assert ("**0,61** 🟢 ~green (expected by now 0,29) · on-track: projected 0,92, needs 0,60 · aspirational "
            "· aligned to company/O1") in lines
    assert ("**0,39** 🔴 ~red (expected by now 0,48) · off-track: projected 0,55, needs 1,00 · committed "
            "· aligned to 2025:company/O3") in lines
    assert ("| KR1 | Tổng traffic đạt 308.000 lượt/tháng (từ 250.000) (owner: lan) | 250.000 → 281.000 → 308.000 lượt/tháng "
            "| 0,53 | on-track | 314.012 at the period's end (score 1,00), reaches the target 2025-09-22 | ▁▃▆█ "
            "| 0,75 (2025-08-13) | 2025-08-13: Chiến dịch TikTok tháng 8 kéo thêm traffic trực tiếp |") in lines
    assert "| KR3 | Tỷ lệ nội dung có CTA rõ ràng ≥ 80% (owner: minh) | — → ≥ 80% | 0,00 | pending | — | — | — | — |" in lines
    # 1.54 is the mean of the months, (20 / 14 + 20 / 12) / 2, not 20 / 12 (the `actual`).
    assert "| cskh/K4 | Số ticket tồn quá 3 ngày không quá 20 | 14 · 12 / ≤ 20 ticket, mean of 2 months | 1,54 | met | 🟢 green |" in lines
    assert "## Alignment" in lines
    assert "  - 🔴 **company/O3** Mở rộng chuỗi đúng hạn mà không lơi chuẩn vận hành · 0,39 ~red · off-track (company)" in lines
    assert lines[-1] == "_History from check-ins only (not a git repository). Generated by okr 0.1.0._"


def test_owner_filter_keeps_the_alignment_context(acme: Path) -> None:
    lines = report(acme, "--owner", "minh").splitlines()
    # 0.38 now, projected 0.84: the grade shown is the projected one, marked
    assert [line for line in lines if line.startswith("## ")] == ["## minh · 0,38 🟢 ~green", "## Alignment"]
    assert "    - 🟢 **marketing/O1** Tăng trưởng traffic bền vững · 0,61 ~green · on-track (marketing, team, 2025-Q3)" in lines
    assert "      - 🟢 **minh/O1** Nội dung tự nhiên kéo khách hàng tìm đến ACME · 0,38 ~green · on-track (minh, individual)" in lines
    unknown = run_okr("report", "Q3", *AS_OF, "--owner", "nobody", cwd=acme)
    assert unknown.code == 2 and "unknown owner 'nobody'" in unknown.err


# --- the output file -----------------------------------------------------------------------


def test_output_file_is_written_atomically_and_nothing_is_printed(acme: Path) -> None:
    result = run_okr("report", "Q3", *AS_OF, "-o", "review.html", cwd=acme)
    assert (result.code, result.out, result.err) == (0, "", "")
    written = (acme / "review.html").read_text(encoding="utf-8")
    assert written == report(acme, "--format", "html")
    assert oct((acme / "review.html").stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    again = run_okr("report", "Q3", *AS_OF, "-C", str(acme), "-o", "notes/../review.md")
    assert again.code == 2 and "-o" in again.err  # notes/ does not exist
    (acme / "notes").mkdir()
    assert run_okr("report", "Q3", *AS_OF, "-C", str(acme), "-o", "notes/review.md").code == 0
    assert (acme / "notes/review.md").read_text(encoding="utf-8") == report(acme)
    assert [p.name for p in (acme / "notes").iterdir()] == ["review.md"]  # no temporary file left


def test_format_follows_the_file_name_unless_given(acme: Path) -> None:
    assert run_okr("report", "Q3", *AS_OF, "-o", "r.HTM", cwd=acme).code == 0
    assert (acme / "r.HTM").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run_okr("report", "Q3", *AS_OF, "-o", "r.txt", "--format", "html", cwd=acme).code == 0
    assert (acme / "r.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert report(acme).startswith("# OKR review")
    bad = run_okr("report", "Q3", "--format", "pdf", cwd=acme)
    assert bad.code == 2 and "--format 'pdf': choose one of markdown, html" in bad.err


def test_a_sheet_with_errors_is_named_in_the_report(acme: Path) -> None:
    (acme / "2025-Q3/broken.yaml").write_text("period: 2025-Q3\nowner: broken\nobjectives: 3\n", encoding="utf-8")
    result = run_okr("report", "Q3", *AS_OF, cwd=acme)
    problem = "2025-Q3/broken.yaml:3:13: `objectives` must be a list, each item starting with '- ' on its own line (schema)"
    assert (result.code, result.err) == (1, f"okr: left out of the scores: {problem}\n")
    assert f"- {problem}".replace("`", "\\`") in result.out.splitlines()


# --- history from git --------------------------------------------------------------------------

SHEET = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Grow weekly active teams
        key_results:
          - id: KR1
            title: Weekly active teams reach 200 (from 100)
            start: 100
            target: 200
            current: {current}{check_ins}
          - {{id: KR2, title: Onboarding guide published, done: false}}
"""
CHECK_IN = "\n            check_ins:\n              - {date: 2025-08-04, value: 150, confidence: 0.6, note: Referral loop live}"


def commit(repo: Path, current: int, day: str, check_ins: str = "") -> None:
    write_files(repo, {"2025-Q3/growth.yaml": SHEET.format(current=current, check_ins=check_ins)})
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", f"current {current}"], check=True, env=env)


def test_history_sparkline_from_dated_commits(git_repo: Path) -> None:
    commit(git_repo, 100, "2025-07-07")
    commit(git_repo, 130, "2025-07-21")
    commit(git_repo, 150, "2025-08-04", CHECK_IN)  # the check-in records this value: one point, not two
    commit(git_repo, 170, "2025-09-01", CHECK_IN)  # after --as-of: not shown, nor its value
    markdown = run_okr("report", "Q3", *AS_OF, cwd=git_repo)
    assert markdown.code == 0, markdown.err
    row = next(line for line in markdown.out.splitlines() if line.startswith("| KR1 |"))
    # The forecast's line through start 100 on 07-01 (day 0) and 100, 130, 150 on days 6, 20
    # and 34: slope 1100 / 692 per day about the mean (day 15, 120), so 240.81 on 09-30 (day
    # 91) and 200 first on day 66, 09-05.
    assert row == (
        "| KR1 | Weekly active teams reach 200 (from 100) | 100 → 150 → 200 | 0.50 | on-track "
        "| 240.809 at the period's end (score 1.00), reaches the target 2025-09-05 | ▁▅█ | 0.60 (2025-08-04) | 2025-08-04: Referral loop live |"
    )
    assert markdown.out.endswith("_History from check-ins and git history. Generated by okr 0.1.0._\n")
    page = Page(run_okr("report", "Q3", *AS_OF, "--format", "html", cwd=git_repo).out)
    assert "2025-07-07: 100; 2025-07-21: 130; 2025-08-04: 150 " in page.refs["growth/O1/KR1"]
    polylines = [value for tag, name, value in page.attributes if tag == "polyline" and name == "points"]
    assert polylines[0] == "3.0,27.0 56.0,12.6 109.0,3.0"  # x by date: 0, 14 and 28 days in
    assert "2025-07-07: not done " in page.refs["growth/O1/KR2"]  # a milestone's done, from git


def test_outside_git_only_the_check_ins_count(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET.format(current=150, check_ins=CHECK_IN)})
    row = next(line for line in run_okr("report", "Q3", *AS_OF, cwd=tmp_path).out.splitlines() if line.startswith("| KR1 |"))
    # start 100 on 07-01 and the check-in's 150 on 08-04 (day 34): 100 + 50/34 per day, 233.82
    # on 09-30 (day 91), 200 on day 68 (09-07)
    assert row == (
        "| KR1 | Weekly active teams reach 200 (from 100) | 100 → 150 → 200 | 0.50 | on-track "
        "| 233.823 at the period's end (score 1.00), reaches the target 2025-09-07 | ▄ | 0.60 (2025-08-04) | 2025-08-04: Referral loop live |"
    )


def test_a_period_with_kpis_only(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "2025-Q3/ops.yaml": """
        period: 2025-Q3
        owner: ops
        kpis:
          - {id: K1, title: Tickets closed a week, target: ">= 40", actual: 44}
          - {id: K2, title: Hours to first reply, target: "<= 6", actual: 8}
          - {id: K3, title: Uptime, target: ">= 99.9%", actual: 99.95%}
    """
        },
    )
    markdown = run_okr("report", "Q3", *AS_OF, cwd=tmp_path).out.splitlines()
    assert "**Objectives:** 🟢 0 green · 🟡 0 yellow · 🔴 0 red · **KPIs:** 2 of 3 met" in markdown
    assert "## Alignment" not in markdown and markdown[-1] == "_Generated by okr 0.1.0._"
    assert "| ops/K2 | Hours to first reply | 8 / ≤ 6 | 0.75 | not met | 🔴 red |" in markdown
    page = Page(run_okr("report", "Q3", *AS_OF, "--format", "html", cwd=tmp_path).out)
    assert page.errors == [] and set(page.refs) == {"ops/K1", "ops/K2", "ops/K3"}


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
