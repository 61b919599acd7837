"""`okr check --fix`, `--unsafe-fixes` and `--diff`: the bytes written (or shown) in every
style a sheet comes in, what is reported afterwards, and the fixes refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import run_okr, write_files

from okrcli.lint.fixing import FixRequest, plan_fixes, write_fixes

VI = "number_locale: vi\n"
SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow revenue  # okr: disable=vague-wording,objective-number -- legacy
    key_results:
      # okr: disable=weights
      - id: KR1
        title: Revenue reaches 308 million VND
        start: 100.000
        taget: "308.000"
        current: 120.000  # okr: disable -- checked by hand
      - id: KR2
        title: Better churn, down to 2%  # okr: disable=weights, vague-wording
        start: 5
        target: 2
"""
SAFE = (
    SHEET.replace("  # okr: disable=vague-wording,objective-number -- legacy", "")
    .replace("      # okr: disable=weights\n", "")
    .replace("start: 100.000", 'start: "100.000"')
    .replace("disable=weights, vague-wording", "disable=vague-wording")
)
UNSAFE = SAFE.replace("taget:", "target:")
ARGS = ("check", "--as-of", "2025-08-15", "-f", "parsable")
LEFT = "growth.yaml:10:9: [error] unknown key 'taget' in key result; did you mean 'target'? (schema)\n"
DIFF = """\
--- a/growth.yaml
+++ b/growth.yaml
@@ -2,15 +2,14 @@
 owner: growth
 objectives:
   - id: O1
-    title: Grow revenue  # okr: disable=vague-wording,objective-number -- legacy
+    title: Grow revenue
     key_results:
-      # okr: disable=weights
       - id: KR1
         title: Revenue reaches 308 million VND
-        start: 100.000
-        taget: "308.000"
+        start: "100.000"
+        target: "308.000"
         current: 120.000  # okr: disable -- checked by hand
       - id: KR2
-        title: Better churn, down to 2%  # okr: disable=weights, vague-wording
+        title: Better churn, down to 2%  # okr: disable=vague-wording
         start: 5
         target: 2
"""


def repo(tmp_path: Path, sheet: str | bytes, config: str = VI) -> Path:
    return write_files(tmp_path, {".okr.yaml": config, "growth.yaml": sheet.encode("utf-8") if isinstance(sheet, str) else sheet})


def test_fix_applies_the_safe_fixes_and_reports_what_is_left(tmp_path: Path) -> None:
    root = repo(tmp_path, SHEET)
    result = run_okr(*ARGS, "--fix", cwd=root)
    assert (result.code, result.out, result.err) == (1, LEFT, "okr: fixed 5 problems in 1 file\n")
    assert (root / "growth.yaml").read_bytes() == SAFE.encode("utf-8")
    again = run_okr(*ARGS, "--fix", cwd=root)
    assert (again.code, again.out, again.err) == (1, LEFT, "okr: nothing to fix\n")


def test_unsafe_fixes_rename_a_misspelt_key(tmp_path: Path) -> None:
    root = repo(tmp_path, SHEET)
    result = run_okr(*ARGS, "--unsafe-fixes", cwd=root)
    assert (result.code, result.out, result.err) == (1, "", "okr: fixed 6 problems in 1 file\n")
    assert (root / "growth.yaml").read_bytes() == UNSAFE.encode("utf-8")
    clean = run_okr(*ARGS, "--fix", cwd=root)
    assert (clean.code, clean.out, clean.err) == (0, "", "okr: nothing to fix\n")


def test_diff_shows_what_would_be_written_and_writes_nothing(tmp_path: Path) -> None:
    root = repo(tmp_path, SHEET)
    for args in (("--diff", "--unsafe-fixes"), ("--unsafe-fixes", "--diff")):
        result = run_okr(*ARGS, *args, cwd=root)
        assert (result.code, result.out, result.err) == (1, DIFF, "")
    safe = run_okr(*ARGS, "--diff", cwd=root)
    quoted = '-        start: 100.000\n+        start: "100.000"\n         taget: "308.000"\n'
    assert (safe.code, safe.out) == (1, DIFF.replace(DIFF[DIFF.index("-        start") : DIFF.index("         current")], quoted))
    assert (root / "growth.yaml").read_bytes() == SHEET.encode("utf-8")
    (root / "growth.yaml").write_bytes(UNSAFE.encode("utf-8"))
    empty = run_okr(*ARGS, "--diff", "--unsafe-fixes", cwd=root)
    assert (empty.code, empty.out, empty.err) == (0, "", "")


def test_diff_and_fix_of_a_sheet_in_a_folder_name_it_from_the_root(tmp_path: Path) -> None:
    write_files(tmp_path, {".okr.yaml": VI, "2025-Q3/growth.yaml": SHEET})
    result = run_okr(*ARGS, "--diff", "growth.yaml", cwd=tmp_path / "2025-Q3")
    assert result.out.splitlines()[:2] == ["--- a/2025-Q3/growth.yaml", "+++ b/2025-Q3/growth.yaml"]
    fixed = run_okr(*ARGS, "--fix", "growth.yaml", cwd=tmp_path / "2025-Q3")
    assert (fixed.code, fixed.out) == (1, LEFT)


def wide(text: str) -> str:
    """`text` indented by four spaces a level instead of two (`-   id:`)."""
    lines = text.splitlines(keepends=True)
    return "".join(" " * (len(line) - len(line.lstrip(" "))) + line.replace("- ", "-   ", 1) for line in lines)


STYLES = {
    "crlf": (SHEET.replace("\n", "\r\n"), SAFE.replace("\n", "\r\n")),
    "bom": ("\ufeff" + SHEET, "\ufeff" + SAFE),
    "four spaces": (wide(SHEET), wide(SAFE)),
    "no final newline": (SHEET.rstrip("\n"), SAFE.rstrip("\n")),
    "flow": (
        "period: 2025-Q3\nowner: growth  # okr: disable=weights\nobjectives:\n  - {id: O1, title: Grow revenue, key_results: [\n"
        "      {id: KR1, title: Improve revenue to 308 million, start: 100.000, target: 308.000},  # okr: disable=weights,vague-wording\n"
        "      {id: KR2, title: Churn falls to 2%, start: 5, target: 2}]}\n",
        "period: 2025-Q3\nowner: growth\nobjectives:\n  - {id: O1, title: Grow revenue, key_results: [\n"
        '      {id: KR1, title: Improve revenue to 308 million, start: "100.000", target: "308.000"},  # okr: disable=vague-wording\n'
        "      {id: KR2, title: Churn falls to 2%, start: 5, target: 2}]}\n",
    ),
}


@pytest.mark.parametrize("style", list(STYLES))
def test_fix_writes_each_style_byte_by_byte(tmp_path: Path, style: str) -> None:
    before, after = STYLES[style]
    root = repo(tmp_path, before)
    result = run_okr(*ARGS, "--fix", cwd=root)
    assert result.code == 1, result.err
    assert (root / "growth.yaml").read_bytes() == after.encode("utf-8")


REFUSED = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Grow revenue
    key_results:
      - id: KR1
        title: Revenue reaches 308 million VND
        start: &base 100.000
        taget: lots
        target: 3
      - id: KR2
        title: Churn falls to 2%
        tagret: 2
        start: 5
        current: *base
      - id: KR3
        title: Trials reach 50
        start: 10
        tagret: 50
"""
SHARED = (
    "growth.yaml: the item holds a value shared through a YAML anchor or alias ('&base' / '*base'), so the edit could "
    "reach another item too; write the values out, or edit it by hand"
)


def test_a_fix_that_cannot_be_applied_safely_is_skipped_and_the_file_kept(tmp_path: Path) -> None:
    root = repo(tmp_path, REFUSED)
    result = run_okr(*ARGS, "--unsafe-fixes", cwd=root)
    assert result.err == (
        "okr: fixed 1 problem in 1 file; could not fix 3\n"
        f"okr: could not fix growth.yaml:9:16 (ambiguous-number): {SHARED}\n"
        f"okr: could not fix growth.yaml:10:9 (schema): {SHARED}\n"
        f"okr: could not fix growth.yaml:14:9 (schema): {SHARED}\n"
    )
    assert (root / "growth.yaml").read_bytes() == REFUSED.replace("tagret: 50", "target: 50").encode("utf-8")


def test_a_rename_that_would_add_a_problem_is_refused(tmp_path: Path) -> None:
    sheet = SAFE.replace('taget: "308.000"', "taget: lots")
    root = repo(tmp_path, sheet)
    result = run_okr(*ARGS, "--unsafe-fixes", cwd=root)
    assert (result.code, result.err) == (1, (
        "okr: fixed nothing; could not fix 1\n"
        "okr: could not fix growth.yaml:10:9 (schema): growth.yaml:10:17: cannot read \"lots\" as a number; write a number "
        "like 120000, \"120.000\" (number_locale: vi), \"1,33 triệu\", \"8.5%\", \">= 40%\" or a band \"95..99\" (schema); "
        "it was not fixed\n"
    ))
    assert (root / "growth.yaml").read_bytes() == sheet.encode("utf-8")


def test_under_en_an_ambiguous_number_is_left_to_the_author(tmp_path: Path) -> None:
    root = repo(tmp_path, SAFE.replace('start: "100.000"', "start: 100.000"), config="number_locale: en\n")
    result = run_okr(*ARGS, "--diff", cwd=root)
    assert (result.code, result.out, result.err) == (0, "", "")


def test_a_file_changed_while_fixing_is_left_untouched(tmp_path: Path) -> None:
    root = repo(tmp_path, SHEET)
    run = plan_fixes(FixRequest(root, [], None, dt.date(2025, 8, 15), None, unsafe=False))
    saved = SHEET.replace("Grow revenue", "Grow revenue fast")
    (root / "growth.yaml").write_text(saved, encoding="utf-8")
    write_fixes(run)
    assert (root / "growth.yaml").read_text(encoding="utf-8") == saved
    assert (len(run.fixed), len(run.skipped)) == (0, 5)
    assert run.skipped[0][1] == "growth.yaml: cannot write it (growth.yaml: changed on disk while okr was editing it; run the command again)"


def test_a_fix_not_made_is_shown_where_it_is_after_the_fixes_above_it(tmp_path: Path) -> None:
    sheet = SAFE.replace('start: "100.000"', "start: 100.000").replace('taget: "308.000"', "taget: lots")
    sheet = sheet.replace("start: 100.000", "start: 100.000\n        # okr: disable=weights")
    root = repo(tmp_path, sheet)
    result = run_okr(*ARGS, "--unsafe-fixes", cwd=root)
    assert result.out.splitlines()[0].startswith("growth.yaml:10:9: [error] unknown key 'taget'")
    assert result.err.splitlines()[:2] == [
        "okr: fixed 2 problems in 1 file; could not fix 1",
        "okr: could not fix growth.yaml:10:9 (schema): growth.yaml:11:17: cannot read \"lots\" as a number; write a number like "
        "120000, \"120.000\" (number_locale: vi), \"1,33 triệu\", \"8.5%\", \">= 40%\" or a band \"95..99\" (schema); it was not fixed",
    ]
