"""`okr check FILES` (SPEC 4 "Scope"): the problems located in FILES, and every cross-file
problem that involves a location in FILES, each at its own position. What a change to one
sheet breaks in another is found by checking the changed sheet alone, as pre-commit does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_okr, write_files

AS_OF = ("--as-of", "2025-08-15")


def objective(oid: str, parent: str | None = None, title: str = "Grow the business") -> str:
    aligned = f"\n    parent: {parent}" if parent else ""
    return f"""
  - id: {oid}
    title: {title}{aligned}
    key_results:
      - {{id: KR1, title: Visits reach 300 (from 100), start: 100, target: 300, current: 200}}
      - {{id: KR2, title: Orders reach 50 (from 10), start: 10, target: 50, current: 20}}"""


def sheet(owner: str, *objectives: str, period: str = "2025-Q3", level: str = "team") -> str:
    return f"period: {period}\nowner: {owner}\nlevel: {level}\nobjectives:" + "".join(objectives) + "\n"


COMPANY = sheet("company", objective("O1"), objective("O2"), level="company")
MARKETING = sheet("marketing", objective("O1", "company/O2"))
SALES = sheet("sales", objective("O1", "company/O1"))


def parsable(root: Path, *files: str) -> tuple[int, list[str]]:
    result = run_okr("check", "--format", "parsable", *AS_OF, *files, cwd=root)
    assert result.err == ""
    return result.code, result.out.splitlines()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/company.yaml": COMPANY, "2025-Q3/marketing.yaml": MARKETING, "2025-Q3/sales.yaml": SALES})


DANGLING = (
    "2025-Q3/marketing.yaml:7:13: [error] parent 'company/O2' matches no objective in 2025-Q3; "
    "did you mean 'company/O3'? (unknown-ref)"
)


def test_renaming_an_objective_reports_the_parent_left_dangling_elsewhere(repo: Path) -> None:
    assert parsable(repo, "2025-Q3/company.yaml") == (0, [])
    write_files(repo, {"2025-Q3/company.yaml": COMPANY.replace("id: O2", "id: O3")})
    assert parsable(repo, "2025-Q3/company.yaml") == (1, [DANGLING])
    assert parsable(repo, "2025-Q3/marketing.yaml") == (1, [DANGLING])
    assert parsable(repo, "2025-Q3/sales.yaml") == (0, [])  # its parent company/O1 is fine
    assert parsable(repo, "2025-Q3") == (1, [DANGLING])  # a folder is its sheets


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # The sheet moved to another quarter, still holding O2.
        ({"2025-Q3/company.yaml": COMPANY.replace("period: 2025-Q3", "period: 2025-Q4")},
         "parent 'company/O2' matches no objective in 2025-Q3; write the ref of an existing objective as owner/O1"),
        # The owner was renamed: the ref suggested instead is in the changed sheet.
        ({"2025-Q3/company.yaml": COMPANY.replace("owner: company", "owner: corp")},
         "parent 'company/O2' matches no objective in 2025-Q3; did you mean 'corp/O2'?"),
    ],
    ids=["period-moved", "owner-renamed"],
)
def test_the_changed_sheet_need_not_resolve_the_ref_any_more(repo: Path, change: dict[str, str], message: str) -> None:
    write_files(repo, change)
    code, lines = parsable(repo, "2025-Q3/company.yaml")
    assert code == 1
    assert f"2025-Q3/marketing.yaml:7:13: [error] {message} (unknown-ref)" in lines


def test_a_parent_in_an_enclosing_period(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "2025/company.yaml": sheet("company", objective("O1"), objective("O2"), period="2025", level="company"),
        "2025-Q3/marketing.yaml": MARKETING,
    })
    write_files(tmp_path, {"2025/company.yaml": sheet("company", objective("O1"), period="2025", level="company")})
    assert parsable(tmp_path, "2025/company.yaml") == (1, [
        "2025-Q3/marketing.yaml:7:13: [error] parent 'company/O2' matches no objective in 2025-Q3, 2025; "
        "did you mean 'company/O1'? (unknown-ref)",
    ])


def test_a_duplicate_id_is_reported_for_the_first_definition_too(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "2025-Q3/marketing.yaml": MARKETING.replace("company/O2", "~").replace("    parent: ~\n", ""),
        "2025-Q3/marketing-brand.yaml": sheet("marketing", objective("O1", title="Make the brand known")),
        "2025-Q3/sales.yaml": sheet("sales", objective("O1")),
    })
    duplicate = (
        "2025-Q3/marketing.yaml:5:9: [error] objective 'marketing/O1' of 2025-Q3 is also defined at "
        "2025-Q3/marketing-brand.yaml:5; IDs must be unique, give this one a free id such as 'O2' (duplicate-id)"
    )
    assert parsable(tmp_path, "2025-Q3/marketing-brand.yaml") == (1, [duplicate])
    assert parsable(tmp_path, "2025-Q3/sales.yaml") == (0, [])


def test_counts_over_merged_sheets_are_reported_for_each_of_them(tmp_path: Path) -> None:
    kpis = "kpis:\n  - {id: K1, title: Posts a month, target: \">= 8\", actual: 9}\n"
    write_files(tmp_path, {
        "2025-Q3/marketing.yaml": sheet("marketing", objective("O1"), objective("O2")) + kpis,
        "2025-Q3/marketing/brand.yaml": sheet("marketing", objective("O3"), objective("O4")),
    })
    # marketing.yaml sorts first (`.` before `/`): its O1, O2, then brand's O3 and the fourth, O4.
    both = [
        "2025-Q3/marketing.yaml:16:5: [warning] owner 'marketing' has 1 KPI in 2025-Q3, fewer than 3; track 3 to 5 "
        "KPIs that cover the health of the work (quantity, quality, time, cost) (kpi-count)",
        "2025-Q3/marketing/brand.yaml:10:5: [error] owner 'marketing' has 4 objectives in 2025-Q3, more than 3; "
        "keep the ones that matter most and move the rest to initiatives or the next period (max-objectives)",
    ]
    # brand.yaml holds no KPI, but a KPI added to it would change the count: it is merged.
    assert parsable(tmp_path, "2025-Q3/marketing/brand.yaml") == (1, both)
    assert parsable(tmp_path, "2025-Q3/marketing.yaml") == (1, both)
    write_files(tmp_path, {"2025-Q3/sales.yaml": sheet("sales", objective("O1"))})
    assert parsable(tmp_path, "2025-Q3/sales.yaml") == (0, [])


def test_a_loop_is_reported_for_every_sheet_in_it(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "2025-Q3/a.yaml": sheet("a", objective("O1", "b/O1")),
        "2025-Q3/b.yaml": sheet("b", objective("O1", "c/O1")),
        "2025-Q3/c.yaml": sheet("c", objective("O1", "a/O1")),
        "2025-Q3/d.yaml": sheet("d", objective("O1", "a/O1")),  # leads into the loop, is not in it
    })
    loop = (
        "2025-Q3/a.yaml:7:13: [error] parents loop in 2025-Q3: a/O1 → b/O1 → c/O1 → a/O1; alignment goes upwards, "
        "so point one of these parents at the higher objective they contribute to, or remove it (alignment-cycle)"
    )
    for name in ("a", "b", "c"):
        assert parsable(tmp_path, f"2025-Q3/{name}.yaml") == (1, [loop])
    assert parsable(tmp_path, "2025-Q3/d.yaml") == (0, [])


def test_the_file_count_and_json_shape_stay_those_of_the_files_asked_for(repo: Path) -> None:
    write_files(repo, {"2025-Q3/company.yaml": COMPANY.replace("id: O2", "id: O3")})
    result = run_okr("check", "--format", "json", *AS_OF, "2025-Q3/company.yaml", cwd=repo)
    assert result.json() == {
        "problems": [{"path": "2025-Q3/marketing.yaml", "line": 7, "column": 13, "rule": "unknown-ref", "level": "error",
                      "message": "parent 'company/O2' matches no objective in 2025-Q3; did you mean 'company/O3'?"}],
        "errors": 1, "warnings": 0, "files": 1, "suppressed": [],
    }
