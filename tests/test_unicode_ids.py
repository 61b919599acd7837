"""Owners and ids are compared as text, whatever the keyboard: `Lành` typed with a precomposed
`à` (NFC) or with `a` and a combining grave (NFD) is one owner."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from conftest import run_okr, write_files

NFC = unicodedata.normalize("NFC", "lành")
NFD = unicodedata.normalize("NFD", "lành")


def sheet(owner: str, objective: str) -> str:
    return (
        "period: 2025-Q3\n"
        f"owner: {owner}\n"
        "objectives:\n"
        f"  - id: {objective}\n"
        "    title: Khách hàng quay lại mua sắm\n"
        "    key_results:\n"
        "      - {id: KR1, title: Tỷ lệ mua lại đạt 35%, start: 27%, target: 35%, current: 30%}\n"
        "      - {id: KR2, title: Điểm NPS đạt 80, start: 65, target: 80, current: 72}\n"
    )


def test_one_owner_in_both_forms_is_one_owner(tmp_path: Path) -> None:
    assert NFC != NFD
    write_files(tmp_path, {"a.yaml": sheet(NFC, "O1"), "b.yaml": sheet(NFD, "O1")})
    result = run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=tmp_path)
    assert result.code == 1
    assert [line.rsplit("(", 1)[1] for line in result.out.splitlines()] == ["duplicate-id)"]
    scores = run_okr("score", "Q3", "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path).json()
    assert [owner["owner"] for owner in scores["owners"]] == [NFC]  # type: ignore[index]


def test_a_parent_in_the_other_form_resolves(tmp_path: Path) -> None:
    child = sheet("growth", "O1").replace("    title: Khách", f"    parent: {NFD}/O2\n    title: Khách")
    write_files(tmp_path, {"a.yaml": sheet(NFC, "O2"), "b.yaml": child})
    result = run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=tmp_path)
    assert (result.code, result.out) == (0, "")
