"""duplicate-id: objectives and KPIs unique per owner and period (across sheets), KRs per objective."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, sheet_problems, write_files

CLEAN = """
    period: 2025-Q3
    owner: marketing
    objectives:
      - id: O1
        title: Make organic search our main channel
        key_results:
          - {id: KR1, title: Organic visits reach 300k (from 250k), start: 250000, target: 300000}
          - {id: KR2, title: Organic signups reach 900 (from 600), start: 600, target: 900}
      - id: O2
        title: Make the brand known in the south
        key_results:
          - {id: KR1, title: Aided brand recall reaches 30% (from 18%), start: 18%, target: 30%}
          - {id: KR2, title: Southern leads reach 400 (from 150), start: 150, target: 400}
    kpis:
      - {id: K1, title: Cost per lead ≤ $45, target: "<= $45"}
      - {id: K2, title: Demo requests ≥ 120, target: ">= 120"}
      - {id: K3, title: Lead-to-demo rate ≥ 8%, target: ">= 8%"}
"""


def test_unique_ids_pass(tmp_path: Path) -> None:
    # KR1 and KR2 repeat across objectives: KR ids are unique within one objective only.
    assert sheet_problems(tmp_path, CLEAN) == []


def test_second_objective_with_the_same_id(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: marketing
        objectives:
          - id: O1
            title: Make organic search our main channel
            key_results:
              - {id: KR1, title: Organic visits reach 300k (from 250k), start: 250000, target: 300000}
              - {id: KR2, title: Organic signups reach 900 (from 600), start: 600, target: 900}
          - id: O1
            title: Make the brand known in the south
            key_results:
              - {id: KR1, title: Aided brand recall reaches 30% (from 18%), start: 18%, target: 30%}
              - {id: KR2, title: Southern leads reach 400 (from 150), start: 150, target: 400}
    """
    assert sheet_problems(tmp_path, text) == [(9, 9, "duplicate-id")]
    assert messages(tmp_path, "duplicate-id") == [
        "objective 'marketing/O1' of 2025-Q3 is also defined at sheet.yaml:4; "
        "IDs must be unique, give this one a free id such as 'O2'"
    ]


def test_sheets_of_one_owner_and_period_merge(tmp_path: Path) -> None:
    write_files(tmp_path, {
        ".okr.yaml": "",
        "2025-Q3/marketing.yaml": """
            period: 2025-Q3
            owner: marketing
            objectives:
              - id: O1
                title: Make organic search our main channel
                key_results:
                  - {id: KR1, title: Organic visits reach 300k (from 250k), start: 250000, target: 300000}
                  - {id: KR2, title: Organic signups reach 900 (from 600), start: 600, target: 900}
        """,
        "2025-Q3/marketing/brand.yaml": """
            period: 2025-Q3
            owner: marketing
            objectives:
              - title: Make the brand known in the south
                id: O1
                key_results:
                  - {id: KR1, title: Aided brand recall reaches 30% (from 18%), start: 18%, target: 30%}
                  - {id: KR2, title: Southern leads reach 400 (from 150), start: 150, target: 400}
        """,
    })
    assert problems(tmp_path) == [("2025-Q3/marketing/brand.yaml", 5, 9, "duplicate-id", "error")]
    assert "also defined at 2025-Q3/marketing.yaml:4;" in messages(tmp_path, "duplicate-id")[0]


def test_same_id_for_another_owner_or_period_is_fine(tmp_path: Path) -> None:
    other_owner = CLEAN.replace("owner: marketing", "owner: sales")
    other_period = CLEAN.replace("period: 2025-Q3", "period: 2025-Q4")
    write_files(tmp_path, {".okr.yaml": "", "a.yaml": CLEAN, "b.yaml": other_owner, "c.yaml": other_period})
    assert problems(tmp_path) == []


def test_key_results_repeated_in_one_objective(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: marketing
        objectives:
          - id: O1
            title: Make organic search our main channel
            key_results:
              - id: KR1
                title: Organic visits reach 300k (from 250k)
                start: 250000
                target: 300000
              - id: KR1
                title: Organic signups reach 900 (from 600)
                start: 600
                target: 900
              - id: KR1
                title: Organic share of signups reaches 40% (from 30%)
                start: 30%
                target: 40%
    """
    assert sheet_problems(tmp_path, text) == [(11, 13, "duplicate-id"), (15, 13, "duplicate-id")]
    found = messages(tmp_path, "duplicate-id")
    assert all("key result 'marketing/O1/KR1' is also defined at sheet.yaml:7;" in m for m in found)
    # each later duplicate is offered its own free id
    assert ["'KR2'" in found[0], "'KR3'" in found[1]] == [True, True]


def test_key_results_repeated_in_an_objective_without_id(tmp_path: Path) -> None:
    """Without an objective id there is no ref to name: the message says where instead."""
    text = """
        period: 2025-Q3
        owner: marketing
        objectives:
          - title: Make organic search our main channel
            key_results:
              - {id: KR1, title: Organic visits reach 300k, start: 250000, target: 300000}
              - {id: KR1, title: Organic signups reach 900, start: 600, target: 900}
    """
    write_files(tmp_path, {"sheet.yaml": text})
    assert messages(tmp_path, "duplicate-id") == [
        "key result id 'KR1' in this objective is also defined at sheet.yaml:6; IDs must be unique, "
        "give this one a free id such as 'KR2'"
    ]


def test_kpis_repeated_for_one_owner(tmp_path: Path) -> None:
    text = CLEAN.replace("{id: K3,", "{id: K1,")
    assert sheet_problems(tmp_path, text) == [(17, 10, "duplicate-id")]
    assert messages(tmp_path, "duplicate-id")[0].startswith(
        "KPI 'marketing/K1' of 2025-Q3 is also defined at sheet.yaml:15;"
    )


def test_an_item_failing_the_schema_still_counts(tmp_path: Path) -> None:
    # The second O1 has no title, so it does not validate; its id is still readable.
    text = """
        period: 2025-Q3
        owner: marketing
        objectives:
          - id: O1
            title: Make organic search our main channel
            key_results:
              - {id: KR1, title: Organic visits reach 300k (from 250k), start: 250000, target: 300000}
              - {id: KR2, title: Organic signups reach 900 (from 600), start: 600, target: 900}
          - id: O1
            key_results:
              - {id: KR1, title: Aided brand recall reaches 30% (from 18%), start: 18%, target: 30%}
              - {id: KR2, title: Southern leads reach 400 (from 150), start: 150, target: 400}
    """
    assert sheet_problems(tmp_path, text) == [(9, 5, "schema"), (9, 9, "duplicate-id")]


def test_level_is_configurable(tmp_path: Path) -> None:
    text = CLEAN.replace("{id: K3,", "{id: K1,")
    write_files(tmp_path, {"sheet.yaml": text, ".okr.yaml": "rules:\n  duplicate-id: {level: warning}\n"})
    assert problems(tmp_path) == [("sheet.yaml", 17, 10, "duplicate-id", "warning")]


def test_suppression_comment(tmp_path: Path) -> None:
    text = CLEAN.replace("{id: K3, title: Lead-to-demo rate ≥ 8%, target: \">= 8%\"}",
                         "{id: K1, title: Lead-to-demo rate ≥ 8%, target: \">= 8%\"}  # okr: disable=duplicate-id")
    assert "disable=duplicate-id" in text
    assert sheet_problems(tmp_path, text) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "duplicate-id"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 1
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")


def _kpis(*ids: str) -> str:
    rows = "".join(f"  - {{id: '{kpi_id}', title: Cost per lead, target: '<= 45'}}\n" for kpi_id in ids)
    return f"period: 2025-Q3\nowner: marketing\nkpis:\n{rows}"


def _suggestions(tmp_path: Path, text: str) -> list[str]:
    write_files(tmp_path, {"sheet.yaml": text})
    return [m.split("such as ")[1] for m in messages(tmp_path, "duplicate-id")]


def test_free_ids_count_on_from_the_highest_of_their_style(tmp_path: Path) -> None:
    # K1 three times, K7 and K2 taken: K8, K9; `cost` twice: cost-2 (cost-2 taken: cost-3).
    text = _kpis("K1", "K7", "K1", "K2", "K1", "cost", "cost-2", "cost", "007", "007")
    assert _suggestions(tmp_path, text) == ["'K8'", "'K9'", "'cost-3'", "'8'"]


def test_free_ids_count_on_from_the_last_eighteen_digits(tmp_path: Path) -> None:
    ones = "1" * 5000
    assert _suggestions(tmp_path, _kpis(f"K{ones}", f"K{ones}", f"K{ones}")) == [f"'K{ones[:-1]}2'", f"'K{ones[:-1]}3'"]
    assert _suggestions(tmp_path, _kpis("K" + "9" * 18, "K" + "9" * 18)) == ["'K1000000000000000000'"]
