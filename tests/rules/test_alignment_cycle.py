"""alignment-cycle: parents that loop, reported once per loop at the member written first."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, sheet_problems, write_files

TEAM = """
    period: 2025-Q3
    owner: {owner}
    objectives:
      - id: O1
        title: Win agencies as paying customers
        parent: {parent}
        key_results:
          - {{id: KR1, title: New agencies reach 120 (from 70), start: 70, target: 120}}
          - {{id: KR2, title: Lead conversion reaches 9% (from 6%), start: 6%, target: 9%}}
"""


def test_no_loop(tmp_path: Path) -> None:
    write_files(tmp_path, {
        ".okr.yaml": "",
        "company.yaml": TEAM.format(owner="company", parent="null"),
        "marketing.yaml": TEAM.format(owner="marketing", parent="sales/O1"),
        "sales.yaml": TEAM.format(owner="sales", parent="company/O1"),
    })
    assert problems(tmp_path) == []


def test_objective_that_is_its_own_parent(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, TEAM.format(owner="sales", parent="sales/O1")) == [(6, 13, "alignment-cycle")]
    assert messages(tmp_path, "alignment-cycle") == [
        "objective 'sales/O1' is its own parent; point `parent` at the higher objective "
        "it contributes to, or remove it"
    ]


def test_loop_within_one_sheet(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: sales
        objectives:
          - id: O1
            title: Win agencies as paying customers
            parent: sales/O2
            key_results:
              - {id: KR1, title: New agencies reach 120 (from 70), start: 70, target: 120}
              - {id: KR2, title: Lead conversion reaches 9% (from 6%), start: 6%, target: 9%}
          - id: O2
            title: Keep the agencies we win
            parent: sales/O1
            key_results:
              - {id: KR1, title: Agency renewals reach 92% (from 85%), start: 85%, target: 92%}
              - {id: KR2, title: Agency churn falls to 2% (from 4%), start: 4%, target: 2%}
    """
    assert sheet_problems(tmp_path, text) == [(6, 13, "alignment-cycle")]
    assert messages(tmp_path, "alignment-cycle") == [
        "parents loop in 2025-Q3: sales/O1 → sales/O2 → sales/O1; alignment goes upwards, so point "
        "one of these parents at the higher objective they contribute to, or remove it"
    ]


def test_loop_across_sheets_is_reported_once(tmp_path: Path) -> None:
    # marketing.yaml comes first in path order, so the loop is reported there, starting there.
    write_files(tmp_path, {
        ".okr.yaml": "",
        "2025-Q3/sales.yaml": TEAM.format(owner="sales", parent="support/O1"),
        "2025-Q3/marketing.yaml": TEAM.format(owner="marketing", parent="sales/O1"),
        "2025-Q3/support.yaml": TEAM.format(owner="support", parent="marketing/O1"),
    })
    assert problems(tmp_path) == [("2025-Q3/marketing.yaml", 6, 13, "alignment-cycle", "error")]
    assert "marketing/O1 → sales/O1 → support/O1 → marketing/O1;" in messages(tmp_path, "alignment-cycle")[0]


def test_chain_leading_into_a_loop_is_not_reported(tmp_path: Path) -> None:
    write_files(tmp_path, {
        ".okr.yaml": "",
        "a.yaml": TEAM.format(owner="growth", parent="sales/O1"),
        "b.yaml": TEAM.format(owner="sales", parent="sales/O1"),
    })
    assert problems(tmp_path) == [("b.yaml", 6, 13, "alignment-cycle", "error")]


def test_unknown_parent_is_not_a_loop(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, TEAM.format(owner="sales", parent="sales/O9")) == [(6, 13, "unknown-ref")]


def test_suppression_comment(tmp_path: Path) -> None:
    text = TEAM.format(owner="sales", parent="sales/O1  # okr: disable=alignment-cycle")
    assert sheet_problems(tmp_path, text) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "alignment-cycle"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 1
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")


def test_a_long_loop_and_a_long_chain_into_it(tmp_path: Path) -> None:
    # t00 → t01 → … → t59 → t30: a loop of thirty, led into by a chain of thirty.
    files = {".okr.yaml": ""}
    for n in range(60):
        files[f"2025-Q3/t{n:02d}.yaml"] = TEAM.format(owner=f"t{n:02d}", parent=f"t{n + 1 if n < 59 else 30:02d}/O1")
    write_files(tmp_path, files)
    assert problems(tmp_path) == [("2025-Q3/t30.yaml", 6, 13, "alignment-cycle", "error")]
    loop = " → ".join(f"t{n}/O1" for n in [*range(30, 60), 30])
    assert messages(tmp_path, "alignment-cycle") == [
        f"parents loop in 2025-Q3: {loop}; alignment goes upwards, so point one of these parents "
        "at the higher objective they contribute to, or remove it"
    ]
