"""The quarter's-life fields of a sheet (SPEC 2): `closed`, `carried_from`, `retro`, `final`,
`links`; read by okr like every other key, with exact messages when written wrong."""

from __future__ import annotations

from pathlib import Path

from conftest import run_okr, write_files

GOOD = """\
period: 2025-Q3
owner: marketing
closed: 2025-10-03
objectives:
  - id: O1
    title: Grow traffic that lasts
    carried_from: 2025-Q2:marketing/O2
    retro: Organic grew, paid did not
    final: {score: 0.62, grade: green}
    key_results:
      - id: KR1
        title: Traffic reaches 308,000
        start: 250000
        target: 308000
        links: ["https://tracker.example/EPIC-12", "https://dash.example/traffic"]
      - id: KR2
        title: Organic share reaches 40%
        target: ">= 40%"
        current: 36%
kpis:
  - id: K1
    title: Marketing cost per revenue
    target: "<= 10%"
    actual: 9.2%
    final: {achievement: 1.04, grade: green}
"""

BAD = """\
period: 2025-Q3
owner: marketing
closed: soon
objectives:
  - id: O1
    title: Grow traffic that lasts
    carried_from: ""
    retro: ""
    final: {score: 1.5, grade: blue}
    key_results:
      - id: KR1
        title: Traffic reaches 308,000
        target: ">= 308000"
        links: https://tracker.example/EPIC-12
kpis:
  - id: K1
    title: Marketing cost per revenue
    target: "<= 10%"
    final: {achievement: .inf, grade: green, extra: 1}
  - id: K2
    title: Leads per month
    target: ">= 300"
    final: {score: 0.5, grade: red}
"""


def test_the_fields_validate_and_are_read_into_the_models(tmp_path: Path) -> None:
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace

    write_files(tmp_path, {"sheet.yaml": GOOD})
    result = run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=tmp_path)
    assert [line for line in result.out.splitlines() if "(schema)" in line] == []
    doc = open_workspace(tmp_path, None, resolve_rules).sheets[0]
    assert doc.header is not None and doc.header.closed is not None and doc.header.closed.isoformat() == "2025-10-03"
    objective = doc.objectives[0]
    assert (objective.carried_from, objective.retro) == ("2025-Q2:marketing/O2", "Organic grew, paid did not")
    assert objective.final is not None and (objective.final.score, objective.final.grade) == (0.62, "green")
    assert objective.key_results[0].links == ["https://tracker.example/EPIC-12", "https://dash.example/traffic"]
    assert objective.key_results[1].links == []
    assert doc.kpis[0].final is not None and (doc.kpis[0].final.achievement, doc.kpis[0].final.grade) == (1.04, "green")


def test_wrong_values_are_schema_errors_at_their_place(tmp_path: Path) -> None:
    write_files(tmp_path, {"sheet.yaml": BAD})
    result = run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines() == [
        'sheet.yaml:3:9: [error] cannot read "soon" as a date; write YYYY-MM-DD, e.g. 2025-07-14 (schema)',
        "sheet.yaml:7:19: [error] `carried_from` is empty; write a carried_from (schema)",
        "sheet.yaml:8:12: [error] `retro` is empty; write a retro (schema)",
        "sheet.yaml:9:20: [error] `score` must be at most 1, got 1.5 (schema)",
        "sheet.yaml:9:32: [error] `grade` must be 'green', 'yellow' or 'red'; got \"blue\" (schema)",
        "sheet.yaml:14:16: [error] `links` must be a list, each item starting with '- ' on its own line (schema)",
        "sheet.yaml:19:26: [error] `achievement` must be a finite number, got .inf (schema)",
        "sheet.yaml:19:46: [error] unknown key 'extra' in final; allowed keys: achievement, grade (schema)",
        "sheet.yaml:23:12: [error] missing required key `achievement` in this final; add `achievement: …` (schema)",
        "sheet.yaml:23:13: [error] unknown key 'score' in final; allowed keys: achievement, grade (schema)",
    ]
