"""unknown-ref: a `parent` resolves in the sheet's period or an enclosing one, else did-you-mean."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, write_files

COMPANY = """
    period: {period}
    owner: company
    level: company
    objectives:
      - id: O1
        title: Become the default invoicing tool for freelancers
        key_results:
          - {{id: KR1, title: Paying customers reach 5000 (from 4100), start: 4100, target: 5000}}
          - {{id: KR2, title: Monthly revenue reaches 250k (from 200k), start: 200000, target: 250000}}
      - id: O2
        title: Keep the customers we win
        key_results:
          - {{id: KR1, title: Logo churn falls to 2% (from 3.5%), start: 3.5%, target: 2%}}
          - {{id: KR2, title: Net retention reaches 105% (from 98%), start: 98%, target: 105%}}
"""

SALES = """
    period: 2025-Q3
    owner: sales
    objectives:
      - id: O1
        title: Make renewals a non-event for agencies
        parent: {parent}
        key_results:
          - {{id: KR1, title: Renewal rate reaches 92% (from 85%), start: 85%, target: 92%}}
          - {{id: KR2, title: Early renewals reach 80% (from 55%), start: 55%, target: 80%}}
"""


def _repo(tmp_path: Path, parent: str, company_period: str = "2025-Q3") -> Path:
    return write_files(tmp_path, {
        ".okr.yaml": "",
        f"{company_period}/company.yaml": COMPANY.format(period=company_period),
        "2025-Q3/sales.yaml": SALES.format(parent=parent),
    })


def test_parent_in_the_same_period(tmp_path: Path) -> None:
    assert problems(_repo(tmp_path, "company/O2")) == []


def test_parent_in_an_enclosing_period(tmp_path: Path) -> None:
    assert problems(_repo(tmp_path, "company/O2", company_period="2025")) == []


def test_parent_in_an_enclosing_half(tmp_path: Path) -> None:
    assert problems(_repo(tmp_path, "company/O2", company_period="2025-H2")) == []


def test_parent_with_an_explicit_period(tmp_path: Path) -> None:
    assert problems(_repo(tmp_path, "'2025:company/O1'", company_period="2025")) == []


def test_typo_gets_did_you_mean(tmp_path: Path) -> None:
    assert problems(_repo(tmp_path, "compnay/O2")) == [("2025-Q3/sales.yaml", 6, 13, "unknown-ref", "error")]
    assert messages(tmp_path, "unknown-ref") == [
        "parent 'compnay/O2' matches no objective in 2025-Q3; did you mean 'company/O2'?"
    ]


def test_searched_periods_are_named(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025/company.yaml": COMPANY.format(period=2025)})
    _repo(tmp_path, "company/O3")
    assert messages(tmp_path, "unknown-ref") == [
        "parent 'company/O3' matches no objective in 2025-Q3, 2025; did you mean 'company/O2'?"
    ]


def test_parent_in_a_narrower_period_does_not_resolve(tmp_path: Path) -> None:
    # A yearly objective cannot align to a quarter's: parents point up, never down.
    write_files(tmp_path, {
        "2025/board.yaml": """
            period: 2025
            owner: board
            objectives:
              - id: O1
                title: Make the company profitable
                parent: company/O1
                key_results:
                  - {id: KR1, title: Net margin reaches 8% (from 2%), start: 2%, target: 8%}
                  - {id: KR2, title: Cash runway reaches 24 months (from 14), start: 14, target: 24}
        """,
    })
    _repo(tmp_path, "company/O2")
    assert problems(tmp_path) == [("2025/board.yaml", 6, 13, "unknown-ref", "error")]


def test_unreadable_ref_suggests_the_owner_prefix(tmp_path: Path) -> None:
    assert problems(_repo(tmp_path, "O2")) == [("2025-Q3/sales.yaml", 6, 13, "unknown-ref", "error")]
    assert messages(tmp_path, "unknown-ref") == [
        "cannot read 'O2' as a reference; write owner/O1, owner/O1/KR2 or owner/K1 "
        "(optionally 2025-Q3:owner/O1); did you mean 'company/O2'?"
    ]


def test_key_result_as_parent(tmp_path: Path) -> None:
    assert problems(_repo(tmp_path, "company/O2/KR1")) == [("2025-Q3/sales.yaml", 6, 13, "unknown-ref", "error")]
    assert messages(tmp_path, "unknown-ref") == [
        "parent 'company/O2/KR1' names a key result, but a parent is an objective; write 'company/O2'"
    ]


def test_kpi_as_parent(tmp_path: Path) -> None:
    _repo(tmp_path, "company/K1")
    write_files(tmp_path, {"2025-Q3/company-kpis.yaml": """
        period: 2025-Q3
        owner: company
        kpis:
          - {id: K1, title: Gross margin ≥ 80%, target: ">= 80%"}
          - {id: K2, title: Uptime ≥ 99.9%, target: ">= 99.9%"}
          - {id: K3, title: Support replies ≤ 2 hours, target: "<= 2"}
    """})
    assert problems(tmp_path) == [("2025-Q3/sales.yaml", 6, 13, "unknown-ref", "error")]
    assert messages(tmp_path, "unknown-ref") == [
        "parent 'company/K1' names a KPI, but a parent is an objective; write one of 'company/O1', 'company/O2'"
    ]


def test_explicit_period_that_does_not_enclose(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q2/company.yaml": COMPANY.format(period="2025-Q2")})
    assert problems(_repo(tmp_path, "'2025-Q2:company/O2'")) == [("2025-Q3/sales.yaml", 6, 13, "unknown-ref", "error")]
    assert messages(tmp_path, "unknown-ref") == [
        "parent '2025-Q2:company/O2' is in 2025-Q2, which does not contain 2025-Q3; "
        "a parent is in 2025-Q3 or a period that contains it; did you mean 'company/O2'?"
    ]


def test_parent_failing_the_schema_still_resolves(tmp_path: Path) -> None:
    # company/O2 lacks a title (a schema error) but its id is readable: no unknown-ref.
    _repo(tmp_path, "company/O2")
    sheet = tmp_path / "2025-Q3/company.yaml"
    sheet.write_text(sheet.read_text().replace("    title: Keep the customers we win\n", ""))
    assert problems(tmp_path) == [("2025-Q3/company.yaml", 10, 5, "schema", "error")]


def test_rule_can_be_disabled(tmp_path: Path) -> None:
    _repo(tmp_path, "compnay/O2")
    (tmp_path / ".okr.yaml").write_text("rules:\n  unknown-ref: disable\n")
    assert problems(tmp_path) == []


def test_suppression_on_the_line_before(tmp_path: Path) -> None:
    _repo(tmp_path, "compnay/O2")
    sheet = tmp_path / "2025-Q3/sales.yaml"
    text = sheet.read_text().replace("    parent:", "    # okr: disable=unknown-ref\n    parent:")
    sheet.write_text(text)
    assert problems(tmp_path) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "unknown-ref"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 1
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")


def _many_owners(tmp_path: Path, parents: list[str], periods: list[str] | None = None) -> list[str]:
    """Forty owners with one objective each (`sales7/O1`), and one sheet per parent to check."""
    files = {".okr.yaml": ""}
    for n in range(40):
        files[f"2025-Q3/sales{n}.yaml"] = f"""
            period: 2025-Q3
            owner: sales{n}
            objectives:
              - {{id: O1, title: Renew the agencies, key_results: [{{id: KR1, title: Renewals reach 9, start: 1, target: 9}}]}}
        """
    for n, parent in enumerate(parents):
        period = periods[n] if periods else "2025-Q3"
        files[f"{period}/team{n}.yaml"] = f"""
            period: {period}
            owner: team{n}
            objectives:
              - {{id: O1, title: Help sales, parent: '{parent}', key_results: [{{id: KR1, title: Calls reach 9, start: 1, target: 9}}]}}
        """
    write_files(tmp_path, files)
    return [m.rsplit("; ", 1)[1] for m in messages(tmp_path, "unknown-ref")]


def test_did_you_mean_compares_with_every_ref_of_an_ordinary_repository(tmp_path: Path) -> None:
    parents = [
        "sales7/O2",  # a wrong character
        "sales7/O",  # a missing one
        "sales17x/O1",  # an extra one
        "slaes7/O1",  # two swapped
        "O1",  # the id alone: the sheet owner's own first
        "s7/O1",  # further, but still the nearest
        "board/K9",  # near nothing
    ]
    assert _many_owners(tmp_path, parents) == [
        "did you mean 'sales7/O1'?",
        "did you mean 'sales7/O1'?",
        "did you mean 'sales17/O1'?",
        "did you mean 'sales7/O1'?",
        "did you mean 'team4/O1'?",
        "did you mean 'sales7/O1'?",
        "write the ref of an existing objective as owner/O1",
    ]


def test_did_you_mean_among_thousands_of_refs_ranks_a_few(tmp_path: Path) -> None:
    # Beyond 500 refs a miss is compared with those a typo away, those of the owner written
    # and those with the id written, so that thousands of misses stay linear.
    rows = "".join(f"  - {{id: O{n}, title: Grow}}\n" for n in range(1, 601))
    files = {".okr.yaml": "", "2025-Q3/bulk.yaml": f"period: 2025-Q3\nowner: bulk\nobjectives:\n{rows}"}
    parents = ["bulk/O1x7", "blk/O550", "bulk-team/O599", "bulk/Grow", "board/K9"]
    for n, parent in enumerate(parents):
        files[f"2025-Q3/team{n}.yaml"] = f"period: 2025-Q3\nowner: team{n}\nobjectives:\n  - {{id: X{n}, title: Help, parent: '{parent}'}}\n"
    write_files(tmp_path, files)
    assert [m.rsplit("; ", 1)[1] for m in messages(tmp_path, "unknown-ref")] == [
        "did you mean 'bulk/O17'?",  # a typo away
        "did you mean 'bulk/O550'?",  # a typo away in the owner
        "did you mean 'bulk/O599'?",  # the id written, under another owner
        "did you mean 'bulk/O1'?",  # the owner written: the nearest of its first refs
        "write the ref of an existing objective as owner/O1",
    ]


def test_hints_come_from_the_periods_each_sheet_can_reach(tmp_path: Path) -> None:
    # Months of 2025-Q3 reach the quarter's objectives; a month of 2024 only its own sheet's.
    found = _many_owners(tmp_path, ["sales7/O2", "sales7/O2", "sales7/O2"], ["2025-07", "2024-07", "2025-09"])
    assert found == [  # in path order: 2024-07/ first
        "write the ref of an existing objective as owner/O1", "did you mean 'sales7/O1'?", "did you mean 'sales7/O1'?",
    ]
