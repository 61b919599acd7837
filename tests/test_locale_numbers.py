"""Numbers okr writes follow the repo's number_locale (SPEC 2.1, 6): a Vietnamese reader
takes "281,000" for 281 and "1.234" for 1234, so every number in a message or a column is
written the way the repo's readers read numbers."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, run_okr, write_files

AMBIGUOUS = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow traffic
    key_results:
      - id: KR1
        title: Organic visits reach the goal
        start: 250000
        target: {target}
      - id: KR2
        title: Signups reach the goal
        start: 100
        target: 200
"""


def messages(root: Path, rule: str) -> list[str]:
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=root)
    document: dict[str, Any] = json.loads(result.out)
    return [p["message"] for p in document["problems"] if p["rule"] == rule]


@pytest.mark.parametrize(
    ("locale", "target", "message"),
    [
        ("vi", "281.000", 'YAML reads the unquoted 281.000 as 281; quote it to mean 281.000 ("281.000"), or write 281000'),
        ("vi", "1.250", 'YAML reads the unquoted 1.250 as 1,25; quote it to mean 1.250 ("1.250"), or write 1250'),
        ("en", "281.000", 'YAML reads the unquoted 281.000 as 281; write 281000 (or "281,000") if you mean 281,000, or 281 if you mean that'),
        ("en", "1.250", 'YAML reads the unquoted 1.250 as 1.25; write 1250 (or "1,250") if you mean 1,250, or 1.25 if you mean that'),
    ],
)
def test_ambiguous_number_writes_what_it_means_in_the_repo_locale(tmp_path: Path, locale: str, target: str, message: str) -> None:
    write_files(tmp_path, {".okr.yaml": f"number_locale: {locale}\n", "sheet.yaml": AMBIGUOUS.format(target=target)})
    assert messages(tmp_path, "ambiguous-number") == [message]


@pytest.mark.parametrize(
    ("locale", "start", "target", "message"),
    [
        ("vi", '"120.000"', '"120.000"',
         "this cannot be scored: its target 120.000 equals its start: (current − start) / (target − start) divides by zero; "
         "set `start:` to the baseline"),
        ("en", '"120,000"', '"120,000"',
         "this cannot be scored: its target 120,000 equals its start: (current − start) / (target − start) divides by zero; "
         "set `start:` to the baseline"),
        ("vi", '"250.000"', '">= 120.500,5"',
         "this cannot be scored: its target >= 120.500,5 is below its start 250.000, so progress would count backwards; "
         "fix the start or the comparator"),
    ],
)
def test_formula_problems_write_values_in_the_repo_locale(tmp_path: Path, locale: str, start: str, target: str, message: str) -> None:
    sheet = AMBIGUOUS.format(target=target).replace("start: 250000", f"start: {start}")
    write_files(tmp_path, {".okr.yaml": f"number_locale: {locale}\n", "sheet.yaml": sheet})
    assert messages(tmp_path, "schema") == [message]


WEIGHTED = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow traffic
    weight: {objective}
    key_results:
      - {{id: KR1, title: Visits reach the goal, start: 1, target: 2, weight: "{kr1}"}}
      - {{id: KR2, title: Signups reach the goal, start: 1, target: 2, weight: "{kr2}"}}
      - {{id: KR3, title: Trials reach the goal, start: 1, target: 2, weight: "{kr3}"}}
"""


@pytest.mark.parametrize(
    ("locale", "total", "negative"),
    [("vi", "99,999%", "-1.234,5"), ("en", "99.999%", "-1,234.5")],
)
def test_weights_messages_write_numbers_in_the_repo_locale(tmp_path: Path, locale: str, total: str, negative: str) -> None:
    sheet = WEIGHTED.format(objective="-1234.5", kr1="33.333%", kr2="33.333%", kr3="33.333%")
    write_files(tmp_path, {".okr.yaml": f"number_locale: {locale}\n", "sheet.yaml": sheet})
    assert messages(tmp_path, "weights") == [
        f"objective weight {negative} is negative; write a positive weight such as 1, or 0 to leave it out of the score",
        f"key-result weights of objective 'growth/O1' add up to {total}, not 100%; "
        "rebalance them to add up to 100%, or write plain weights such as 1 and 2",
    ]


HISTORY = """\
period: 2025-Q3
owner: sales
objectives:
  - id: O1
    title: Online sales become our main channel
    key_results:
      - id: KR1
        title: Online revenue reaches 2 tỷ
        start: 800 triệu
        target: 2 tỷ
        current: {current}
      - id: KR2
        title: Conversion reaches 4%
        start: 2%
        target: 4%
        current: 2,5%
"""


def commit(repo: Path, day: str) -> None:
    stamp = f"{day}T12:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", day], check=True, env=env)


def test_history_changes_are_written_in_the_repo_locale(git_repo: Path) -> None:
    (git_repo / ".okr.yaml").write_text("number_locale: vi\n", encoding="utf-8")
    (git_repo / "2025-Q3").mkdir()
    for day, current in (("2025-07-01", "1,1 tỷ"), ("2025-07-15", "1,25 tỷ"), ("2025-08-01", "1.250.500.000,5"), ("2025-08-05", "1,2 tỷ")):
        (git_repo / "2025-Q3/sales.yaml").write_text(HISTORY.format(current=current), encoding="utf-8")
        commit(git_repo, day)
    result = run_okr("history", "sales/O1/KR1", "--as-of", "2025-08-15", cwd=git_repo, env={"NO_COLOR": "1"})
    assert result.code == 0, result.err
    rows = [re.split(r"\s{2,}", line.strip()) for line in result.out.splitlines()[1:]]
    assert [row[:-2] for row in rows] == [
        ["date", "value", "change"],
        ["2025-07-01", "1,1 tỷ"],
        ["2025-07-15", "1,25 tỷ", "+150.000.000"],
        ["2025-08-01", "1.250.500.000,5", "+500.000,5"],
        ["2025-08-05", "1,2 tỷ", "-50.500.000,5"],
    ]


def test_history_changes_under_en_group_with_commas(git_repo: Path) -> None:
    (git_repo / "2025-Q3").mkdir()
    sheet = HISTORY.replace("2,5%", "2.5%")
    for day, current in (("2025-07-01", "1.1B"), ("2025-07-15", "1.25B"), ("2025-08-01", "1,250,000,000.25")):
        (git_repo / "2025-Q3/sales.yaml").write_text(sheet.format(current=current).replace("800 triệu", "800M").replace("2 tỷ", "2B"), encoding="utf-8")
        commit(git_repo, day)
    result = run_okr("history", "sales/O1/KR1", "--as-of", "2025-08-15", cwd=git_repo, env={"NO_COLOR": "1"})
    changes = [line.split()[2] for line in result.out.splitlines()[3:]]
    assert changes == ["+150,000,000", "+0.25"], result.out


def test_the_number_meant_is_scored_whatever_the_case_and_accents_of_its_scale_word(tmp_path: Path) -> None:
    """950 triệu written "950 trieu" beside "1,2 tỷ" is 950 000 000, not 950 in the unit "trieu"."""
    sheet = HISTORY.format(current="950 trieu").replace("2 tỷ\n        current", "1,2 TỶ\n        current")
    write_files(tmp_path, {".okr.yaml": "number_locale: vi\n", "2025-Q3/sales.yaml": sheet})
    result = run_okr("score", "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path)
    kr = json.loads(result.out)["objectives"][0]["key_results"][0]
    # (950 000 000 − 800 000 000) / (1 200 000 000 − 800 000 000)
    assert (kr["current"], kr["progress"], kr["score"]) == (950000000, 0.375, 0.375)
    assert run_okr("check", "--as-of", "2025-08-15", cwd=tmp_path).code == 0


def test_example_repos_still_read_as_before() -> None:
    result = run_okr("score", "Q3", "--format", "json", "--as-of", "2025-08-15", cwd=EXAMPLES / "acme-vi")
    assert result.code == 0, result.err


SCORED = """\
period: 2025-Q3
owner: sales
objectives:
  - id: O1
    title: Grow revenue
    weight: 1.5
    key_results:
      - id: KR1
        title: Monthly revenue reaches the goal
        start: 100
        target: 200
        current: {current}
        weight: 2.5
        unit: orders
        check_ins:
          - {{date: 2025-07-10, value: 120, confidence: 0.55, note: first deals}}
          - {{date: 2025-07-25, value: {current}, confidence: 0.65}}
      - {{id: KR2, title: Share of repeat buyers, target: ">= 40%", current: 33%}}
  - id: O2
    title: Keep customers happy
    kind: committed
    key_results:
      - {{id: KR1, title: Satisfaction survey score, start: 60, target: 90, current: 71}}
kpis:
  - id: K1
    title: Orders shipped on time
    target: ">= 95%"
    unit: "%"
    readings:
      - {{period: 2025-07, value: 91%}}
      - {{period: 2025-08, value: 97%}}
"""
# A number written with `.` and one or two decimals (0.54, 1.5), not part of a date, a version
# or a grouped value (5.800); and its `,` twin (0,54).
DOT_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])")
COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
HUMAN = [
    ("score",), ("score", "--format", "markdown"), ("scorecard", "sales"), ("tree",), ("report",), ("report", "--format", "html"),
    ("report", "--since", "2025-07-20"), ("diff", "HEAD~1"), ("diff", "HEAD~1", "--format", "markdown"),
]


def _page_text(page: str) -> str:
    """The text of an HTML page without its style sheet and markup (coordinates, CSS)."""
    return re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S))


@pytest.mark.parametrize(("number_locale", "lang"), [("en", "en"), ("vi", "en"), ("vi", "vi")])
def test_every_number_a_person_reads_is_in_the_repo_locale(git_repo: Path, number_locale: str, lang: str) -> None:
    """Scores, achievements, confidences, weights, paces, projections, scorecard terms and
    changes, in every human format; JSON and CSV stay machine numbers with `.`."""
    write_files(git_repo, {".okr.yaml": f"number_locale: {number_locale}\n", "2025-Q3/sales.yaml": SCORED.format(current=130)})
    commit(git_repo, "2025-07-20")
    write_files(git_repo, {"2025-Q3/sales.yaml": SCORED.format(current=145)})
    commit(git_repo, "2025-07-30")
    wrong, right = (DOT_DECIMAL, COMMA_DECIMAL) if number_locale == "vi" else (COMMA_DECIMAL, DOT_DECIMAL)
    for command in HUMAN:
        result = run_okr(*command, "--as-of", "2025-08-15", "--lang", lang, cwd=git_repo)
        assert result.code == 0, (command, result.err)
        text = _page_text(result.out) if "html" in command else result.out
        assert wrong.findall(text) == [], (command, text)
        assert len(right.findall(text)) >= 2, (command, text)
    for command in (("score", "--format", "json"), ("scorecard", "sales", "--format", "json")):
        out = run_okr(*command, "--as-of", "2025-08-15", "--lang", lang, cwd=git_repo).out
        assert '"score": 0.45' in out and COMMA_DECIMAL.findall(out) == [], command  # KR1's score
    rows = list(csv.reader(io.StringIO(run_okr("score", "--format", "csv", "--as-of", "2025-08-15", "--lang", lang, cwd=git_repo).out)))
    assert "0.45" in rows[1] and not any(COMMA_DECIMAL.fullmatch(cell) for row in rows for cell in row)


def test_the_same_numbers_in_every_format(git_repo: Path) -> None:
    """What text shows is what Markdown and HTML show, and what JSON says to four decimals."""
    write_files(git_repo, {".okr.yaml": "number_locale: vi\n", "2025-Q3/sales.yaml": SCORED.format(current=145)})
    commit(git_repo, "2025-07-30")
    document: Any = run_okr("score", "--format", "json", "--as-of", "2025-08-15", cwd=git_repo).json()
    o1 = document["objectives"][0]
    # KR1 (145 − 100) / 100 = 0.45 weighs 2.5; KR2 33 / 40 = 0.825: (0.45 × 2.5 + 0.825) / 3.5
    assert (o1["key_results"][0]["score"], o1["key_results"][1]["score"], o1["score"]) == (0.45, 0.825, 0.5571)
    text = run_okr("score", "--as-of", "2025-08-15", cwd=git_repo).out
    markdown = run_okr("score", "--format", "markdown", "--as-of", "2025-08-15", cwd=git_repo).out
    page = _page_text(run_okr("report", "--format", "html", "--as-of", "2025-08-15", cwd=git_repo).out)
    for shown in ("0,45", "0,82", "0,55", "weight 2,5", "weight 1,5"):
        assert shown in text and shown in markdown and shown in page, shown
