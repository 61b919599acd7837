"""`okr rollover`: the new sheets' bytes (only removed lines and set values), what is carried
by default and with --all, dropped parents, --dry-run, and refusals that write nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_okr, write_files
from test_edit import FLOW, KPI_AND_MILESTONE, TWO_SPACE

ROLL = ("rollover", "2025-Q3", "2025-Q4")


def rolled(tmp_path: Path, files: dict[str, str | bytes], *args: str) -> str:
    write_files(tmp_path, files)
    result = run_okr(*ROLL, *args, cwd=tmp_path, env={"NO_COLOR": "1"})
    assert (result.code, result.err) == (0, ""), result.out + result.err
    return result.out


def test_two_space_with_comments_keeps_its_kept_lines(tmp_path: Path) -> None:
    out = rolled(tmp_path, {"2025-Q3/growth.yaml": TWO_SPACE})
    assert out == "wrote 2025-Q4/growth.yaml: growth/O1\n"
    assert (tmp_path / "2025-Q4/growth.yaml").read_text(encoding="utf-8") == (
        "# Growth team, Q3.  # not a key: a comment\n"
        "period: 2025-Q4   # the quarter\n"
        "owner: growth\n"
        "objectives:\n"
        "  - id: O1\n"
        "    carried_from: 2025-Q3:growth/O1\n"
        "    title: Make self-serve signups our main acquisition engine\n"
        "    key_results:\n"
        "      # the headline number\n"
        "      - id: KR1\n"
        "        title: Trial signups reach 2400 (from 1500)\n"
        "        start: 1980\n"
        "        target: 2400\n"
        "\n"
        "        # after the check-ins\n"
        "      - id: KR2\n"
        "        title: Trial conversion reaches 18% (from 12%)\n"
        "        start: 14%\n"
        "        target: 18%\n"
    )
    assert (tmp_path / "2025-Q3/growth.yaml").read_text(encoding="utf-8") == TWO_SPACE


def test_flow_items_and_latest_check_in_values(tmp_path: Path) -> None:
    rolled(tmp_path, {"2025-Q3/growth.yaml": FLOW})
    assert (tmp_path / "2025-Q4/growth.yaml").read_text(encoding="utf-8") == FLOW.replace("2025-Q3", "2025-Q4").replace(
        "    title: Make self", "    carried_from: 2025-Q3:growth/O1\n    title: Make self",
    ).replace("        start: 1500\n", "        start: 1640\n").replace(
        "        current: 1640\n        check_ins: [{date: 2025-07-14, value: 1640}]  # one so far\n", "",
    ).replace("        start: 12%\n", "        start: 12.5%\n").replace(
        "        check_ins:\n          - { date: 2025-07-14, value: 12.5% }\n", "",
    )


def test_crlf_bom_milestones_and_kpis(tmp_path: Path) -> None:
    before = "\ufeff" + KPI_AND_MILESTONE.replace("\n", "\r\n")
    rolled(tmp_path, {"2025-Q3/support.yaml": before.encode("utf-8")})
    assert (tmp_path / "2025-Q4/support.yaml").read_bytes() == (
        "\ufeffperiod: 2025-Q4\r\nowner: support\r\nobjectives:\r\n  - id: O1\r\n"
        "    carried_from: 2025-Q3:support/O1\r\n"
        "    title: Make support a reason customers stay\r\n    key_results:\r\n"
        "      - id: KR1\r\n        title: Help centre relaunched with search\r\n        done: False\r\n"
        "      - id: KR2\r\n        title: First-response time under 4 hours\r\n        start: 5\r\n"
        "        target: \"<= 4\"\r\n"
        "kpis:\r\n  - id: K1\r\n    title: CSAT at least 90%\r\n    target: \">= 90%\"\r\n"
    ).encode("utf-8")


GREEN = """\
period: 2025-Q3
owner: web
closed: 2025-10-02
objectives:
  - id: O1
    title: Ship the new checkout
    parent: company/O1
    retro: went well
    final: {score: 0.875, grade: green}
    key_results:
      - {id: KR1, title: Checkout conversion reaches 4%, start: 2%, target: 4%, current: 4%}
      - {id: KR2, title: Checkout errors under 20 a day, start: 100, target: 20, current: 40}
  - id: O2
    title: Make the site fast
    parent: company/O9
    key_results:
      - {id: KR1, title: Median page load under 1.5 s, start: 3, target: 1.5, current: 2}
      - {id: KR2, title: Pages under budget reach 90%, start: 50%, target: 90%, current: 60%}
"""
COMPANY = """\
period: 2025-Q3
owner: company
objectives:
  - id: O1
    title: Grow the business online
    key_results:
      - {id: KR1, title: Online revenue reaches 2 million, start: 1, target: 2, current: 1.5}
      - {id: KR2, title: Online orders reach 900 a week, start: 500, target: 900, current: 600}
"""


def test_green_objectives_stay_unless_all_and_unresolved_parents_are_dropped(tmp_path: Path) -> None:
    out = rolled(tmp_path, {"2025-Q3/web.yaml": GREEN, "2025-Q3/company.yaml": COMPANY}, "--owner", "web")
    assert out == (
        "wrote 2025-Q4/web.yaml: web/O2\n"
        "  dropped web/O2: parent company/O9 (it does not resolve in 2025-Q4)\n"
    )
    assert (tmp_path / "2025-Q4/web.yaml").read_text(encoding="utf-8") == (
        "period: 2025-Q4\nowner: web\nobjectives:\n"
        "  - id: O2\n    carried_from: 2025-Q3:web/O2\n    title: Make the site fast\n    key_results:\n"
        "      - {id: KR1, title: Median page load under 1.5 s, start: 2, target: 1.5}\n"
        "      - {id: KR2, title: Pages under budget reach 90%, start: 60%, target: 90%}\n"
    )
    assert not (tmp_path / "2025-Q4/company.yaml").exists()


def test_all_carries_green_ones_and_keeps_parents_carried_with_them(tmp_path: Path) -> None:
    out = rolled(tmp_path, {"2025-Q3/web.yaml": GREEN, "2025-Q3/company.yaml": COMPANY}, "--all")
    assert out.splitlines()[:2] == ["wrote 2025-Q4/company.yaml: company/O1", "wrote 2025-Q4/web.yaml: web/O1, web/O2"]
    text = (tmp_path / "2025-Q4/web.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "period: 2025-Q4\nowner: web\nobjectives:\n  - id: O1\n    carried_from: 2025-Q3:web/O1\n    title: Ship the new checkout\n"
        "    parent: company/O1\n    key_results:\n"
        "      - {id: KR2, title: Checkout errors under 20 a day, start: 40, target: 20}\n"
    )
    check = run_okr("check", "--as-of", "2025-10-05", "--format", "parsable", cwd=tmp_path)
    assert [line for line in check.out.splitlines() if "2025-Q4" in line and "[error]" in line] == []


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    out = rolled(tmp_path, {"2025-Q3/growth.yaml": TWO_SPACE}, "--dry-run")
    assert out == "would write 2025-Q4/growth.yaml: growth/O1\n"
    assert not (tmp_path / "2025-Q4").exists()


ALIASED = """\
period: 2025-Q3
owner: ops
objectives:
  - id: O1
    title: Keep the site up
    key_results:
      - {id: KR1, title: Uptime reaches 99.9%, start: 99%, target: 99.9%, current: &now 99.5%}
      - {id: KR2, title: Status page uptime reaches 99.9%, start: 99%, target: 99.9%, current: *now}
"""
LONE_DASH = """\
period: 2025-Q3
owner: ops
objectives:
  - id: O1
    title: Keep the site up
    key_results:
      -
        id: KR1
        title: Incidents a month at most 2
        start: 6
        target: <= 2
        current: 1
      - # the one that lags
        id: KR2
        title: Uptime reaches 99.9%
        start: 99%
        target: 99.9%
        current: 99.5%
      - &done
        id: KR3
        title: Pages under budget reach 90%
        start: 50%
        target: 90%
        current: 95%
"""


def test_a_dash_alone_on_its_line_and_an_unused_anchor_are_carried(tmp_path: Path) -> None:
    """`-` alone above a key result's keys (or with a comment) is valid YAML, and an anchor no
    alias names shares nothing: the done items go, the kept one loses only its value."""
    assert rolled(tmp_path, {"2025-Q3/ops.yaml": LONE_DASH}, "--all") == "wrote 2025-Q4/ops.yaml: ops/O1\n"
    assert (tmp_path / "2025-Q4/ops.yaml").read_text(encoding="utf-8") == (
        "period: 2025-Q4\nowner: ops\nobjectives:\n  - id: O1\n    carried_from: 2025-Q3:ops/O1\n    title: Keep the site up\n"
        "    key_results:\n"
        "      - # the one that lags\n        id: KR2\n        title: Uptime reaches 99.9%\n        start: 99.5%\n        target: 99.9%\n"
    )


def test_a_refusal_names_the_sheet_it_could_not_make_and_what_was_not_done(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/ops.yaml": LONE_DASH})
    os.mkdir(tmp_path / "2025-Q4")
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / "2025-Q4/ops.yaml")
    result = run_okr(*ROLL, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("okr: 2025-Q4/ops.yaml:1:1: not read: it is a symlink to a file that does not exist;"), result.err
    assert result.err.endswith("; its numbers cannot be known, so nothing was rolled over from 2025-Q3: fix it first (see `okr check`)\n")


def sheets(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() or p.is_symlink()}


@pytest.mark.parametrize(("args", "extra", "message"), [
    (ROLL, {"2025-Q4/support.yaml": "x: 1\n"},
     "okr: 2025-Q4/support.yaml already exists; okr rollover never overwrites a file: move it away first\n"),
    (("rollover", "2025-Q3", "2025-Q3"), {}, "okr: TO 2025-Q3 does not come after FROM 2025-Q3"),
    (("rollover", "2025-Q3", "Q5"), {}, "okr: TO 'Q5': "),
    (("rollover", "2024-Q3", "2025-Q4"), {}, "okr: unknown period '2024-Q3'; periods present: 2025-Q3\n"),
    (ROLL + ("--owner", "nobody"), {}, "okr: unknown owner 'nobody' in 2025-Q3; owners with sheets: growth, support\n"),
    (ROLL, {"2025-Q3/broken.yaml": "period: 2025-Q3\nowner: x\nobjectives: 3\n"}, "okr: 2025-Q3/broken.yaml:3:"),
    (ROLL, {"support.yaml": KPI_AND_MILESTONE.replace("support", "ops")}, "okr: support.yaml: its path does not name 2025-Q3"),
    (ROLL, {"2025-Q3/ops.yaml": ALIASED}, "okr: 2025-Q4/ops.yaml: cannot be written from 2025-Q3/ops.yaml: the item holds a value shared"),
])
def test_refusals_write_nothing(tmp_path: Path, args: tuple[str, ...], extra: dict[str, str | bytes], message: str) -> None:
    write_files(tmp_path, {"2025-Q3/growth.yaml": TWO_SPACE, "2025-Q3/support.yaml": KPI_AND_MILESTONE, **extra})
    before = sheets(tmp_path)
    result = run_okr(*args, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(message) and result.err.count("\n") == 1, result.err
    assert sheets(tmp_path) == before


@pytest.mark.parametrize("link", ["dangling", "folder-out", "folder-in"])
def test_symlinked_targets_are_refused(tmp_path: Path, link: str) -> None:
    root = tmp_path / "repo"
    write_files(root, {"2025-Q3/growth.yaml": TWO_SPACE, ".okr.yaml": "exclude: [elsewhere/**]\n"})
    (tmp_path / "outside").mkdir()
    (root / "elsewhere").mkdir()
    if link == "dangling":
        (root / "2025-Q4").mkdir()
        os.symlink(tmp_path / "outside/new.yaml", root / "2025-Q4/growth.yaml")
    else:
        os.symlink(tmp_path / "outside" if link == "folder-out" else root / "elsewhere", root / "2025-Q4")
    result = run_okr(*ROLL, cwd=root)
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1 and "2025-Q4/growth.yaml" in result.err
    assert list((tmp_path / "outside").iterdir()) == [] and list((root / "elsewhere").iterdir()) == []
