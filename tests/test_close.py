"""`okr close`: the bytes it writes into every house style, its refusals (nothing written),
`okr checkin` refused into a closed period, and rule `closed-period-changed` after an edit."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import run_okr, write_files
from test_edit import FLOW, FLUSH, FOUR_SPACE, KPI_AND_MILESTONE, TWO_SPACE, VI

CLOSE = ("close", "2025-Q3", "--date", "2025-10-03")
CLOSED = "closed: 2025-10-03\n"


def closed(tmp_path: Path, before: str | bytes, name: str = "2025-Q3/growth.yaml") -> tuple[bytes, str]:
    write_files(tmp_path, {name: before.encode("utf-8") if isinstance(before, str) else before})
    result = run_okr(*CLOSE, cwd=tmp_path, env={"NO_COLOR": "1"})
    assert (result.code, result.err) == (0, ""), result.out + result.err
    return (tmp_path / name).read_bytes(), result.out


def test_two_space_with_comments_everywhere(tmp_path: Path) -> None:
    after, out = closed(tmp_path, TWO_SPACE)
    assert after.decode() == TWO_SPACE.replace("owner: growth\n", "owner: growth\n" + CLOSED).replace(
        "    key_results:\n", "    final: {score: 0.4333, grade: yellow}\n    key_results:\n",
    )
    assert out == "2025-Q3/growth.yaml: closed 2025-Q3 on 2025-10-03\n  growth/O1: final score 0.4333 (yellow)\n"


@pytest.mark.parametrize(("sheet", "final"), [
    (FOUR_SPACE, "        final: {score: 0.2667, grade: red}\n        key_results:\n"),
    (FLUSH, "  final: {score: 0.2667, grade: red}\n  key_results:\n"),
    (FLOW, "    final: {score: 0.0796, grade: red}\n    key_results:\n"),
    (VI, "    final: {score: 0.7172, grade: green}\n    key_results:\n"),
])
def test_every_house_style_gets_only_its_lines(tmp_path: Path, sheet: str, final: str) -> None:
    after, _ = closed(tmp_path, sheet)
    owner = next(line for line in sheet.splitlines() if line.startswith("owner:"))
    keys = final.split("\n")[1] + "\n"
    assert after.decode() == sheet.replace(owner + "\n", owner + "\n" + CLOSED).replace(keys, final, 1)


def test_kpis_block_and_flow_and_a_milestone(tmp_path: Path) -> None:
    sheet = KPI_AND_MILESTONE + "  - {id: K2, title: Tickets answered, target: \">= 100\", actual: 120}\n"
    after, out = closed(tmp_path, sheet, "2025-Q3/support.yaml")
    assert after.decode() == sheet.replace("owner: support\n", "owner: support\n" + CLOSED).replace(
        "    key_results:\n", "    final: {score: 0.4, grade: yellow}\n    key_results:\n",
    ).replace(
        "      - {period: 2025-07, value: 88%}\n",
        "      - {period: 2025-07, value: 88%}\n    final: {achievement: 0.9778, grade: yellow}\n",
    ).replace("actual: 120}", "actual: 120, final: {achievement: 1.2, grade: green}}")
    assert out.splitlines()[1:] == [
        "  support/O1: final score 0.4000 (yellow)",
        "  support/K1: final achievement 0.9778 (yellow)",
        "  support/K2: final achievement 1.2000 (green)",
    ]


def test_a_vietnamese_sheet_gets_finals_its_own_check_reads_as_written(tmp_path: Path) -> None:
    # 9 of >= 8 is 1.125, which a Vietnamese reader takes for 1125 (ambiguous-number): the
    # final is written 1.1250, the same number, and the closed sheet checks clean.
    sheet = ("period: 2025-Q3\nowner: ops\nkpis:\n"
             '  - {id: K1, title: Deploys per week, target: ">= 8", actual: 9}\n'
             '  - {id: K2, title: Pages per week, target: "<= 10", actual: 8}\n')
    write_files(tmp_path, {".okr.yaml": "number_locale: vi\n"})
    after, out = closed(tmp_path, sheet, "2025-Q3/ops.yaml")
    assert after.decode() == sheet.replace("owner: ops\n", "owner: ops\n" + CLOSED).replace(
        "actual: 9}", "actual: 9, final: {achievement: 1.1250, grade: green}}").replace(
        "actual: 8}", "actual: 8, final: {achievement: 1.25, grade: green}}")
    assert out.splitlines()[1] == "  ops/K1: final achievement 1,1250 (green)"
    check = run_okr("check", cwd=tmp_path)
    assert (check.code, check.out.splitlines()[-1]) == (0, "Found 0 errors and 1 warning in 1 file.")  # kpi-count
    score = run_okr("score", "2025-Q3", "--format", "json", cwd=tmp_path)
    assert [k["achievement"] for k in json.loads(score.out)["kpis"]] == [1.125, 1.25]


def test_crlf_bom_and_no_final_newline_survive(tmp_path: Path) -> None:
    before = "\ufeff" + (KPI_AND_MILESTONE.replace("\n", "\r\n").removesuffix("\r\n"))
    after, _ = closed(tmp_path, before.encode("utf-8"))
    expected = before.replace("owner: support\r\n", "owner: support\r\nclosed: 2025-10-03\r\n").replace(
        "    key_results:\r\n", "    final: {score: 0.4, grade: yellow}\r\n    key_results:\r\n",
    ) + "\r\n    final: {achievement: 0.9778, grade: yellow}"
    assert after == expected.encode("utf-8")


def test_check_ins_after_the_closing_day_are_ignored(tmp_path: Path) -> None:
    sheet = TWO_SPACE.replace("period: 2025-Q3   # the quarter", "period: 2025-Q2")
    write_files(tmp_path, {"2025-Q2/growth.yaml": sheet.replace("          - date: 2025-08-11", "          - date: 2025-07-20")})
    result = run_okr("close", "2025-Q2", "--date", "2025-07-15", cwd=tmp_path)
    # KR1 reads its check-in of 2025-07-14 (1640), not `current`, which a later one set.
    assert (result.code, result.out.splitlines()[1]) == (0, "  growth/O1: final score 0.2444 (red)")


def test_an_anchor_no_alias_names_does_not_stop_the_close(tmp_path: Path) -> None:
    """Anchors shared through an alias are refused (below); one no alias names shares nothing."""
    sheet = TWO_SPACE.replace("  - id: O1\n", "  - &objective\n    id: O1\n", 1)
    assert sheet != TWO_SPACE
    after, _ = closed(tmp_path, sheet)
    assert after.decode() == sheet.replace("owner: growth\n", "owner: growth\n" + CLOSED).replace(
        "    key_results:\n", "    final: {score: 0.4333, grade: yellow}\n    key_results:\n",
    )


def two_sheets(tmp_path: Path, other: str) -> dict[str, bytes]:
    files = {"2025-Q3/growth.yaml": TWO_SPACE, "2025-Q3/support.yaml": other}
    write_files(tmp_path, files)
    return {name: (tmp_path / name).read_bytes() for name in files}


@pytest.mark.parametrize(("args", "other", "message"), [
    (("close", "2025-Q3", "--date", "2025-09-30"), KPI_AND_MILESTONE,
     "okr: 2025-Q3 ends on 2025-09-30: it can be closed from 2025-10-01 on (--date 2025-10-01 or later), not on 2025-09-30\n"),
    (("close", "2025-Q3", "--date", "2999-01-01"), KPI_AND_MILESTONE,
     "okr: --date 2999-01-01 is after today"),
    (("close", "2024-Q3", "--date", "2025-10-03"), KPI_AND_MILESTONE,
     "okr: unknown period '2024-Q3'; periods present: 2025-Q3\n"),
    (("close", "2025-Q3", "--date", "2025-10-3"), KPI_AND_MILESTONE,
     "okr: --date '2025-10-3': write a date as YYYY-MM-DD, e.g. --date 2025-08-15\n"),
    (CLOSE, KPI_AND_MILESTONE.replace("current: 5", "current: five"),
     "okr: 2025-Q3/support.yaml:13:18: cannot read \"five\" as a number"),
    (CLOSE, KPI_AND_MILESTONE.replace("title: Make support", "title: &t Make support").replace("title: CSAT at least 90%", "title: *t"),
     "okr: 2025-Q3/support.yaml: the item holds a value shared through a YAML anchor or alias"),
])
def test_refusals_write_nothing(tmp_path: Path, args: tuple[str, ...], other: str, message: str) -> None:
    before = two_sheets(tmp_path, other)
    result = run_okr(*args, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(message), result.err
    assert result.err.count("\n") == 1
    assert {name: (tmp_path / name).read_bytes() for name in before} == before


def test_a_symlinked_sheet_inside_the_repo_is_closed_through_its_link(tmp_path: Path) -> None:
    write_files(tmp_path, {"shared/growth.yaml": TWO_SPACE})
    (tmp_path / "2025-Q3").mkdir()
    os.symlink("../shared/growth.yaml", tmp_path / "2025-Q3/growth.yaml")
    (tmp_path / ".okr.yaml").write_text("exclude: [shared/**]\n", encoding="utf-8")
    result = run_okr(*CLOSE, cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "2025-Q3/growth.yaml").is_symlink()
    assert CLOSED in (tmp_path / "shared/growth.yaml").read_text(encoding="utf-8")


def test_checkin_into_a_closed_period_is_refused(tmp_path: Path) -> None:
    closed(tmp_path, TWO_SPACE)
    before = (tmp_path / "2025-Q3/growth.yaml").read_bytes()
    result = run_okr("checkin", "growth/O1/KR1", "2100", "--date", "2025-09-30", cwd=tmp_path)
    assert (result.code, result.out, result.err) == (2, "", (
        "okr: 2025-Q3/growth.yaml: growth's 2025-Q3 was closed on 2025-10-03 (`closed:` in its header): its values "
        "are final; record new progress in the next period's sheet\n"
    ))
    assert (tmp_path / "2025-Q3/growth.yaml").read_bytes() == before


def git(root: Path, *args: str, day: str = "2025-10-03T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_close_then_an_edit_is_closed_period_changed(git_repo: Path) -> None:
    write_files(git_repo, {"2025-Q3/growth.yaml": TWO_SPACE, "2025-Q3/support.yaml": KPI_AND_MILESTONE})
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-qm", "Q3", day="2025-09-29T12:00:00+00:00")
    assert run_okr(*CLOSE, cwd=git_repo).code == 0
    git(git_repo, "commit", "-qam", "close Q3")
    # today: the edits below are not committed, and only today's reading counts them
    check = ("check", "--format", "parsable", "--as-of", dt.date.today().isoformat())
    assert [line for line in run_okr(*check, cwd=git_repo).out.splitlines() if "(closed-period-changed)" in line] == []
    path = git_repo / "2025-Q3/growth.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("current: 1980", "current: 2100"), encoding="utf-8")
    support = git_repo / "2025-Q3/support.yaml"
    support.write_text(support.read_text(encoding="utf-8").replace("actual: 88%", "actual: 90%"), encoding="utf-8")
    result = run_okr(*check, cwd=git_repo)
    assert result.code == 1
    assert [line for line in result.out.splitlines() if "(closed-period-changed)" in line] == [
        "2025-Q3/growth.yaml:8:5: [error] growth/O1 was closed with score 0.4333 (`final:`), but its values as of "
        "2025-10-03 now give 0.5000: a closed period's values are final; restore them, or remove `closed:` and every "
        "`final:` and run `okr close` again (closed-period-changed)",
    ]  # K1 is scored on its readings: a changed `actual` does not move it
    support.write_text(support.read_text(encoding="utf-8").replace("value: 88%}", "value: 95%}"), encoding="utf-8")
    lines = [line for line in run_okr(*check, cwd=git_repo).out.splitlines() if "(closed-period-changed)" in line]
    assert [line.split(": [error] ")[0] for line in lines] == ["2025-Q3/growth.yaml:8:5", "2025-Q3/support.yaml:23:5"]
    assert "support/K1 was closed with achievement 0.9778 (`final:`), but its values as of 2025-10-03 now give 1.0556" in lines[1]


def test_a_sheet_added_to_a_closed_period_is_closed_alone(tmp_path: Path) -> None:
    # growth closed on 10-03; support's sheet came later: closing again closes support only,
    # growth's bytes (and finals) stay; once every sheet is closed, closing again is refused.
    first, _ = closed(tmp_path, TWO_SPACE)
    write_files(tmp_path, {"2025-Q3/support.yaml": KPI_AND_MILESTONE})
    result = run_okr("close", "2025-Q3", "--date", "2025-10-04", cwd=tmp_path, env={"NO_COLOR": "1"})
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[0] == "2025-Q3/support.yaml: closed 2025-Q3 on 2025-10-04"
    assert result.out.splitlines()[-1] == "2025-Q3/growth.yaml: closed on 2025-10-03 already; its finals stay as they are"
    assert (tmp_path / "2025-Q3/growth.yaml").read_bytes() == first
    assert (tmp_path / "2025-Q3/support.yaml").read_text(encoding="utf-8").startswith(
        KPI_AND_MILESTONE.split("owner: support\n")[0] + "owner: support\nclosed: 2025-10-04\n")
    assert json.loads(run_okr("score", "2025-Q3", "--format", "json", cwd=tmp_path).out)["closed"] is True
    again = run_okr("close", "2025-Q3", "--date", "2025-10-05", cwd=tmp_path)
    assert (again.code, again.out) == (2, "")
    assert again.err.startswith("okr: already closed: 2025-Q3/growth.yaml (closed: 2025-10-03), 2025-Q3/support.yaml (closed: 2025-10-04);")


def test_a_closed_day_within_the_period_is_a_schema_error(tmp_path: Path) -> None:
    # closed: 2025-09-15 freezes a quarter that runs to 09-30: the sheet's numbers cannot be
    # known (frozen and running at once), so okr check says so where `closed:` is written.
    write_files(tmp_path, {"2025-Q3/growth.yaml": TWO_SPACE.replace("owner: growth\n", "owner: growth\nclosed: 2025-09-15\n")})
    result = run_okr("check", "--format", "parsable", cwd=tmp_path)
    assert (result.code, result.out) == (1, (
        "2025-Q3/growth.yaml:4:9: [error] closed: 2025-09-15 is not after 2025-Q3 ends (2025-09-30); okr close writes a day "
        "after the period's end: remove `closed:` and the `final:` entries, and run okr close once the period has ended (schema)\n"
    ))
