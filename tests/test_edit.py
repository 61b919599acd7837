"""`okr checkin`: exact bytes of edited sheets in many house styles, refusals that leave the
file untouched, and a property test that nothing but the intended lines ever changes."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import stat
from pathlib import Path

import pytest
from conftest import run_okr, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcli.edit.pipeline import apply_edit
from okrcli.edit.plan import CheckInEdit, plan_checkin
from okrcli.load.reader import load_bytes

AS_OF = ("--as-of", "2025-08-15")


def checkin(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_okr("checkin", *args, *AS_OF, cwd=root, env={"NO_COLOR": "1"})
    return result.code, result.out, result.err


def edited(tmp_path: Path, before: str | bytes, *args: str, name: str = "2025-Q3/growth.yaml", config: str = "") -> bytes:
    """Write the sheet, run `okr checkin ARGS`, return the sheet's new bytes."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(before if isinstance(before, bytes) else before.encode("utf-8"))
    if config:
        (tmp_path / ".okr.yaml").write_text(config, encoding="utf-8")
    code, out, err = checkin(tmp_path, *args)
    assert (code, err) == (0, ""), out + err
    return path.read_bytes()


TWO_SPACE = """\
# Growth team, Q3.  # not a key: a comment
period: 2025-Q3   # the quarter
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    key_results:
      # the headline number
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: 1980   # updated weekly

        check_ins:
          - date: 2025-07-14
            value: 1640
            # a comment between check-ins
          - date: 2025-08-11
            value: 1980
            confidence: 0.7  # trailing
        # after the check-ins
      - id: KR2
        title: Trial conversion reaches 18% (from 12%)
        start: 12%
        target: 18%
        current: 14%
"""


def test_two_space_with_comments_everywhere(tmp_path: Path) -> None:
    after = edited(tmp_path, TWO_SPACE, "growth/O1/KR1", "2040", "--confidence", "0.75", "--note", "SEO pages live")
    assert after.decode() == TWO_SPACE.replace("current: 1980   #", "current: 2040   #").replace(
        "            confidence: 0.7  # trailing\n",
        "            confidence: 0.7  # trailing\n"
        "          - date: 2025-08-15\n"
        "            value: 2040\n"
        "            confidence: 0.75\n"
        "            note: SEO pages live\n",
    )


def test_prints_the_score_before_and_after(tmp_path: Path) -> None:
    (tmp_path / "2025-Q3").mkdir()
    (tmp_path / "2025-Q3/growth.yaml").write_text(TWO_SPACE, encoding="utf-8")
    assert checkin(tmp_path, "growth/O1/KR1", "2040") == (
        0,
        "2025-Q3/growth.yaml: checked in growth/O1/KR1 on 2025-08-15\n"
        "growth/O1/KR1: 0.5333 → 0.6000 (current 1980 → 2040)\n",
        "",
    )


FOUR_SPACE = """\
period: 2025-Q3
owner: growth
objectives:
    -   id: O1
        title: Make self-serve signups our main acquisition engine
        key_results:
            -   id: KR1
                title: Trial signups reach 2400 (from 1500)
                start: 1500
                target: 2400
                current: 1980
            -   id: KR2
                title: Trial conversion reaches 18% (from 12%)
                start: 12%
                target: 18%
"""


def test_four_space_creates_check_ins_in_the_file_layout(tmp_path: Path) -> None:
    after = edited(tmp_path, FOUR_SPACE, "growth/O1/KR1", "2040")
    assert after.decode() == FOUR_SPACE.replace(
        "                current: 1980\n",
        "                current: 2040\n"
        "                check_ins:\n"
        "                    -   date: 2025-08-15\n"
        "                        value: 2040\n",
    )


FLUSH = """\
period: 2025-Q3
owner: growth
objectives:
- id: O1
  title: Make self-serve signups our main acquisition engine
  key_results:
  - id: KR1
    title: Trial signups reach 2400 (from 1500)
    start: 1500
    target: 2400
    current: 1980
    check_ins:
    - date: 2025-07-14
      value: 1640
  - id: KR2
    title: Trial conversion reaches 18% (from 12%)
    start: 12%
    target: 18%
"""


def test_flush_sequences_append_flush(tmp_path: Path) -> None:
    after = edited(tmp_path, FLUSH, "growth/O1/KR1", "2040", "--date", "2025-08-12")
    assert after.decode() == FLUSH.replace("current: 1980", "current: 2040").replace(
        "      value: 1640\n", "      value: 1640\n    - date: 2025-08-12\n      value: 2040\n",
    )


def test_flush_sequences_create_check_ins_like_the_others(tmp_path: Path) -> None:
    after = edited(tmp_path, FLUSH, "growth/O1/KR2", "14%")
    assert after.decode() == FLUSH + "    check_ins:\n    - date: 2025-08-15\n      value: 14%\n"


FLOW = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    key_results:
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: 1640
        check_ins: [{date: 2025-07-14, value: 1640}]  # one so far
      - id: KR2
        title: Trial conversion reaches 18% (from 12%)
        start: 12%
        target: 18%
        check_ins:
          - { date: 2025-07-14, value: 12.5% }
      - {id: KR3, title: Paid plans reach 300 (from 120), start: 120, target: 300}
"""


def test_flow_sequence_gets_one_more_mapping(tmp_path: Path) -> None:
    after = edited(tmp_path, FLOW, "growth/O1/KR1", "1980", "--note", "a, b: c")
    assert after.decode() == FLOW.replace("current: 1640", "current: 1980").replace(
        "value: 1640}]", 'value: 1640}, {date: 2025-08-15, value: 1980, note: "a, b: c"}]',
    )


def test_flow_items_stay_flow_items_with_their_spacing(tmp_path: Path) -> None:
    after = edited(tmp_path, FLOW, "growth/O1/KR2", "13%", "--confidence", "0.6")
    assert after.decode() == FLOW.replace(
        "value: 12.5% }\n", "value: 12.5% }\n          - { date: 2025-08-15, value: 13%, confidence: 0.6 }\n",
    )


def test_flow_key_result_gets_a_flow_check_ins_key(tmp_path: Path) -> None:
    after = edited(tmp_path, FLOW, "growth/O1/KR3", "150")
    assert after.decode() == FLOW.replace("target: 300}", "target: 300, check_ins: [{date: 2025-08-15, value: 150}]}")


def test_crlf_bom_and_no_final_newline_survive(tmp_path: Path) -> None:
    before = "\ufeff" + TWO_SPACE.replace("\n", "\r\n").removesuffix("\r\n")
    after = edited(tmp_path, before.encode("utf-8"), "growth/O1/KR2", "15%")
    expected = before.replace("current: 14%", "current: 15%") + "\r\n        check_ins:\r\n          - date: 2025-08-15\r\n            value: 15%"
    assert after == expected.encode("utf-8")


VI = """\
# Mục tiêu quý III của Marketing
period: 2025-Q3
owner: marketing
objectives:
  - id: O1
    title: Tăng trưởng traffic bền vững
    key_results:
      - id: KR1
        title: Tổng traffic đạt 308.000 lượt/tháng (từ 250.000)
        start: "250.000"
        target: "308.000"
        current: "281.000"
        check_ins:
          - date: 2025-08-13
            value: "281.000"
            note: Chiến dịch TikTok tháng 8
      - id: KR2
        title: Traffic organic chiếm ≥ 40% tổng traffic
        target: '>= 40%'
        current: '36%'
"""


def test_vietnamese_grouped_numbers_stay_quoted_strings(tmp_path: Path) -> None:
    after = edited(
        tmp_path, VI, "marketing/O1/KR1", "290.000", "--note", "Đã tối ưu: 20 trang SEO", name="2025-Q3/marketing.yaml", config="number_locale: vi\n",
    )
    assert after.decode() == VI.replace('current: "281.000"', 'current: "290.000"').replace(
        "            note: Chiến dịch TikTok tháng 8\n",
        "            note: Chiến dịch TikTok tháng 8\n"
        "          - date: 2025-08-15\n"
        '            value: "290.000"\n'
        '            note: "Đã tối ưu: 20 trang SEO"\n',
    )


def test_single_quotes_are_kept(tmp_path: Path) -> None:
    after = edited(tmp_path, VI, "marketing/O1/KR2", "37%", name="2025-Q3/marketing.yaml", config="number_locale: vi\n")
    assert after.decode() == VI.replace("current: '36%'", "current: '37%'") + ("        check_ins:\n          - date: 2025-08-15\n            value: '37%'\n")


KPI_AND_MILESTONE = """\
period: 2025-Q3
owner: support
objectives:
  - id: O1
    title: Make support a reason customers stay
    key_results:
      - id: KR1
        title: Help centre relaunched with search
        done: False
      - id: KR2
        title: First-response time under 4 hours
        target: "<= 4"
        current: 5
kpis:
  - id: K1
    title: CSAT at least 90%
    target: ">= 90%"
    actual: 88%   # June
    readings:
      - {period: 2025-07, value: 88%}
"""


def test_kpi_actual_is_updated(tmp_path: Path) -> None:
    after = edited(tmp_path, KPI_AND_MILESTONE, "support/K1", "91%", "--confidence", "1")
    assert after.decode() == KPI_AND_MILESTONE.replace("actual: 88%   #", "actual: 91%   #") + (
        "    check_ins:\n      - date: 2025-08-15\n        value: 91%\n        confidence: 1\n"
    )


def test_milestone_done_keeps_its_case(tmp_path: Path) -> None:
    (tmp_path / "2025-Q3").mkdir()
    path = tmp_path / "2025-Q3/support.yaml"
    path.write_text(KPI_AND_MILESTONE, encoding="utf-8")
    code, out, _ = checkin(tmp_path, "support/O1/KR1", "done")
    assert (code, out.splitlines()[-1]) == (0, "support/O1/KR1: 0.0000 → 1.0000 (not done → done)")
    assert path.read_text(encoding="utf-8") == KPI_AND_MILESTONE.replace(
        "        done: False\n",
        "        done: True\n        check_ins:\n          - date: 2025-08-15\n            value: True\n",
    )


def test_an_earlier_date_fills_in_history_and_leaves_current(tmp_path: Path) -> None:
    (tmp_path / "2025-Q3").mkdir()
    path = tmp_path / "2025-Q3/growth.yaml"
    path.write_text(TWO_SPACE, encoding="utf-8")
    code, out, err = checkin(tmp_path, "growth/O1/KR1", "1800", "--date", "2025-07-28")
    assert (code, err) == (0, "okr: note: `current` left as it was: the check-in of 2025-08-11 is later\n")
    assert out.splitlines()[-1] == "growth/O1/KR1: 0.5333 → 0.5333 (value 1980 → 1980)"
    assert path.read_text(encoding="utf-8") == TWO_SPACE.replace(
        "            confidence: 0.7  # trailing\n",
        "            confidence: 0.7  # trailing\n          - date: 2025-07-28\n            value: 1800\n",
    )


def test_file_mode_and_symlink_inside_the_repo_are_kept(tmp_path: Path) -> None:
    (tmp_path / "sheets").mkdir()
    real = tmp_path / "sheets/growth.yaml"
    real.write_text(FLUSH, encoding="utf-8")
    os.chmod(real, 0o640)
    (tmp_path / "2025-Q3").mkdir()
    (tmp_path / "2025-Q3/growth.yaml").symlink_to(real)
    (tmp_path / ".okr.yaml").write_text("exclude: [sheets]\n", encoding="utf-8")
    assert checkin(tmp_path, "growth/O1/KR1", "2040")[0] == 0
    assert (tmp_path / "2025-Q3/growth.yaml").is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert "current: 2040" in real.read_text(encoding="utf-8")
    assert [p.name for p in real.parent.iterdir()] == ["growth.yaml"]  # no temp file left


@pytest.mark.parametrize(
    ("locale", "typed", "written"),
    [
        ("en", "0.75", "0.75"),
        ("en", "70%", "0.7"),
        ("en", "33.3%", "0.333"),
        ("en", "100%", "1"),
        ("en", "1", "1"),
        ("en", "0", "0"),
        ("en", ".5", "0.5"),
        ("vi", "0,7", "0.7"),
        ("vi", "0.7", "0.7"),
        ("vi", "70%", "0.7"),
        ("vi", "12,5%", "0.125"),
        ("vi", "0,125", "0.125"),
    ],
)
def test_confidence_is_read_by_the_locale_and_written_as_a_yaml_number(tmp_path: Path, locale: str, typed: str, written: str) -> None:
    after = edited(tmp_path, TWO_SPACE, "growth/O1/KR1", "2040", "--confidence", typed, config=f"number_locale: {locale}\n")
    assert after.decode("utf-8").count(f"            confidence: {written}\n") == 1


def test_value_under_vi_is_read_by_the_locale_and_scored(tmp_path: Path) -> None:
    (tmp_path / "2025-Q3").mkdir()
    (tmp_path / "2025-Q3/growth.yaml").write_text(TWO_SPACE, encoding="utf-8")
    (tmp_path / ".okr.yaml").write_text("number_locale: vi\n", encoding="utf-8")
    code, out, err = checkin(tmp_path, "growth/O1/KR1", "2.100", "--confidence", "0,8")
    # (2100 − 1500) / (2400 − 1500): "2.100" is two thousand one hundred under vi
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "growth/O1/KR1: 0,5333 → 0,6667 (current 1980 → 2.100)"
    text = (tmp_path / "2025-Q3/growth.yaml").read_text(encoding="utf-8")
    assert 'current: "2.100"   # updated weekly' in text and '            value: "2.100"\n            confidence: 0.8\n' in text


# --- refusals: exit 2, a reason, and the file byte for byte as it was --------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("growth/O1/KR1", "lots"), 'VALUE: cannot read "lots" as a number'),
        (("growth/O1/KR9", "1"), "no key result or KPI 'growth/O1/KR9' in 2025-Q3; did you mean growth/O1/KR1 or growth/O1/KR2?"),
        (("growth/O1", "1"), "'growth/O1' is an objective; check in on one of its key results"),
        (("growth/O1/KR2", "0.15"), "is a bare fraction beside the percent"),
        (("growth/O1/KR1", "2040", "--confidence", "170%"), "--confidence '170%': write a number from 0 to 1, e.g. 0.7 or 70% for 70 %"),
        (("growth/O1/KR1", "2040", "--confidence", "1.5"), "--confidence '1.5': write a number from 0 to 1, e.g. 0.7 or 70% for 70 %"),
        (("growth/O1/KR1", "2040", "--confidence", "0,7"), "--confidence '0,7': write a number from 0 to 1, e.g. 0.7 or 70% for 70 %"),
        (("growth/O1/KR1", "2040", "--confidence", "7,0"), "--confidence '7,0': write a number from 0 to 1, e.g. 0.7 or 70% for 70 %"),
        (("growth/O1/KR1", "2040", "--confidence", "0.7 tr"), "--confidence '0.7 tr': write a number from 0 to 1"),
        (("growth/O1/KR1", "2040", "--confidence", "0.7 votes"), "--confidence '0.7 votes': write a number from 0 to 1"),
        (("growth/O1/KR1", "2040", "--confidence", "nan"), "--confidence 'nan': write a number from 0 to 1"),
        (("growth/O1/KR1", "2040", "--confidence", "-0.1"), "--confidence '-0.1': write a number from 0 to 1"),
        (("growth/O1/KR1", "2040", "--date", "15/08/2025"), "--date '15/08/2025': write a date as YYYY-MM-DD"),
        (("growth/O1/KR1", "done"), "growth/O1/KR1 has a numeric target"),
        (("growth/O1/KR1", "2040", "--note", " "), "--note is empty"),
        (("growth/O1/KR1", ">= 2040"), "comparators (>=, <=, >, <) are only allowed in target"),
    ],
)
def test_refused_edits_leave_the_file_untouched(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "2025-Q3").mkdir()
    path = tmp_path / "2025-Q3/growth.yaml"
    path.write_bytes(TWO_SPACE.encode("utf-8"))
    code, out, err = checkin(tmp_path, *args)
    assert (code, out) == (2, "")
    assert message in err and err.startswith("okr: ") and err.count("\n") == 1
    assert path.read_bytes() == TWO_SPACE.encode("utf-8")


def test_a_sheet_with_errors_is_not_edited(tmp_path: Path) -> None:
    broken = TWO_SPACE.replace("        start: 12%\n", "        strat: 12%\n")
    (tmp_path / "2025-Q3").mkdir()
    (tmp_path / "2025-Q3/growth.yaml").write_text(broken, encoding="utf-8")
    code, _, err = checkin(tmp_path, "growth/O1/KR1", "2040")
    assert code == 2 and "2025-Q3/growth.yaml:25:9: unknown key 'strat' in key result; did you mean 'start'?" in err
    assert (tmp_path / "2025-Q3/growth.yaml").read_text(encoding="utf-8") == broken


def test_a_symlink_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(FLUSH, encoding="utf-8")
    repo = tmp_path / "goals"
    (repo / "2025-Q3").mkdir(parents=True)
    (repo / ".okr.yaml").write_text("", encoding="utf-8")
    (repo / "2025-Q3/growth.yaml").symlink_to(outside)
    code, _, err = checkin(repo, "growth/O1/KR1", "2040")
    # The link is never followed, not even to read: the item is not found, and why is said.
    assert (code, err) == (
        2,
        "okr: the repository has no goal sheets with a period yet; run `okr init` to add one; okr did not read 2025-Q3/growth.yaml (see `okr check`)\n",
    )
    assert outside.read_text(encoding="utf-8") == FLUSH


# --- anchors and aliases: an edit that could reach another item is refused -----------------------

ALIASED = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    key_results:
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: {kr1_current}
        check_ins: {kr1_check_ins}
      - id: KR2
        title: Paid signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: {kr2_current}
        check_ins: {kr2_check_ins}
"""
SHARED_LIST = {"kr1_current": "1640", "kr2_current": "1640", "kr1_check_ins": "&c [{date: 2025-07-14, value: 1640}]", "kr2_check_ins": "*c"}
SHARED_VALUE = {"kr1_current": "&v 1640", "kr2_current": "*v", "kr1_check_ins": "[]", "kr2_check_ins": "[]"}
SHARED_ITEM = {"kr1_current": "1640", "kr2_current": "1640", "kr1_check_ins": "[&d {date: 2025-07-14, value: 1640}]", "kr2_check_ins": "[*d]"}


@pytest.mark.parametrize(("fields", "anchor"), [(SHARED_LIST, "c"), (SHARED_ITEM, "d")], ids=["check_ins", "a-check-in"])
@pytest.mark.parametrize("ref", ["growth/O1/KR1", "growth/O1/KR2"])
def test_an_edit_through_an_anchor_or_alias_is_refused(tmp_path: Path, fields: dict[str, str], anchor: str, ref: str) -> None:
    text = ALIASED.format(**fields).encode("utf-8")
    (tmp_path / "2025-Q3").mkdir()
    (tmp_path / "2025-Q3/growth.yaml").write_bytes(text)
    code, out, err = checkin(tmp_path, ref, "1700", "--date", "2025-08-01")
    assert (code, out) == (2, "")
    assert err == (
        f"okr: 2025-Q3/growth.yaml: the item holds a value shared through a YAML anchor or alias ('&{anchor}' / '*{anchor}'), "
        "so the edit could reach another item too; write the values out, or edit it by hand\n"
    )
    assert (tmp_path / "2025-Q3/growth.yaml").read_bytes() == text


@pytest.mark.parametrize(("fields", "anchor"), [(SHARED_LIST, "c"), (SHARED_VALUE, "v"), (SHARED_ITEM, "d")], ids=["check_ins", "current", "a-check-in"])
@pytest.mark.parametrize("index", [0, 1])
def test_the_planner_refuses_any_anchor_or_alias_inside_the_item(fields: dict[str, str], anchor: str, index: int) -> None:
    # Also a scalar shared as `current: &v 1640` … `current: *v`, which the planner sees as
    # one node whichever key result it is reached from.
    from ruamel.yaml import YAML

    from okrcli.edit.nodes import node_at
    from okrcli.errors import EditRefused

    root = YAML().compose(ALIASED.format(**fields))
    with pytest.raises(EditRefused) as refused:
        node_at(root, ("objectives", 0, "key_results", index), "growth.yaml")
    assert str(refused.value) == (
        f"growth.yaml: the item holds a value shared through a YAML anchor or alias ('&{anchor}' / '*{anchor}'), "
        "so the edit could reach another item too; write the values out, or edit it by hand"
    )


def test_an_anchor_elsewhere_in_the_sheet_does_not_stop_an_edit(tmp_path: Path) -> None:
    text = ALIASED.format(kr1_current="1640", kr2_current="1640", kr1_check_ins="[]", kr2_check_ins="[]")
    text = text.replace("title: Make self-serve", "title: &t Make self-serve")
    new = edited(tmp_path, text, "growth/O1/KR2", "1700", "--date", "2025-08-01").decode("utf-8")
    before, _, after = text.rpartition("current: 1640\n        check_ins: []\n")  # KR2's
    assert new == before + "current: 1700\n        check_ins: [{date: 2025-08-01, value: 1700}]\n" + after


@pytest.mark.parametrize(("option", "value"), [("--note", "caf\udce9"), ("VALUE", "17\udcff00"), ("--confidence", "0.\udcff"), ("REF", "growth/O1/KR\udcff1")])
def test_text_that_is_not_utf8_is_a_usage_error(tmp_path: Path, option: str, value: str) -> None:
    # A shell passes bytes that are not UTF-8 to Python as lone surrogates.
    (tmp_path / "2025-Q3").mkdir()
    path = tmp_path / "2025-Q3/growth.yaml"
    path.write_bytes(TWO_SPACE.encode("utf-8"))
    args = {"REF": "growth/O1/KR1", "VALUE": "2040", "--confidence": "0.5", "--note": "ok"}
    args[option] = value
    code, out, err = checkin(tmp_path, args["REF"], args["VALUE"], "--confidence", args["--confidence"], "--note", args["--note"])
    shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    assert (code, out, err) == (2, "", f"okr: {option} '{shown}': is not valid UTF-8 text; type it again in a UTF-8 terminal\n")
    assert path.read_bytes() == TWO_SPACE.encode("utf-8")


def test_a_ref_of_another_period_is_suggested_with_its_period(tmp_path: Path) -> None:
    (tmp_path / "2025-Q2").mkdir()
    (tmp_path / "2025-Q2/growth.yaml").write_text(FLUSH.replace("2025-Q3", "2025-Q2"), encoding="utf-8")
    (tmp_path / "2025-Q3").mkdir()
    (tmp_path / "2025-Q3/sales.yaml").write_text("period: 2025-Q3\nowner: sales\nkpis: []\n", encoding="utf-8")
    code, _, err = checkin(tmp_path, "growth/O1/KR1", "2040")
    assert (code, err) == (2, "okr: no key result or KPI 'growth/O1/KR1' in 2025-Q3; did you mean 2025-Q2:growth/O1/KR1?\n")
    assert checkin(tmp_path, "2025-Q2:growth/O1/KR1", "2040", "--date", "2025-06-30")[0] == 0


# --- property: only the intended lines change ----------------------------------------------------


@st.composite
def sheets(draw: st.DrawFn) -> tuple[str, int, list[bool]]:
    """A valid sheet in a random house style; the KR to check in on; whether it has `current`."""
    dash = draw(st.sampled_from([0, 2, 3, 4]))  # the `-` column, relative to its key
    gap = draw(st.sampled_from([2, 3, 4]))  # from the `-` to the item's keys
    quote = draw(st.sampled_from(["", "'", '"']))
    comment = draw(st.lists(st.booleans(), min_size=8, max_size=8))
    style = draw(st.sampled_from(["block", "flow-item", "flow"]))
    counts = draw(st.lists(st.integers(0, 3), min_size=2, max_size=2))
    currents = draw(st.lists(st.booleans(), min_size=2, max_size=2))
    lines = ["period: 2025-Q3" + ("  # quarter" if comment[0] else ""), "owner: growth", "objectives:"]
    item = " " * dash + "-" + " " * (gap - 1)
    key = " " * (dash + gap)
    lines += [item + "id: O1", key + f"title: {quote}Grow trials{quote}", key + "key_results:"]
    for index, (count, current) in enumerate(zip(counts, currents, strict=False)):
        lines += _kr(dash + gap, dash, gap, index + 1, count, current, style, quote, comment[1 + 3 * index : 4 + 3 * index])
    text = "\n".join(lines) + ("\n" if draw(st.booleans()) else "")
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text, draw(st.integers(0, 1)), currents


def _kr(base: int, dash: int, gap: int, number: int, count: int, current: bool, style: str, quote: str, comment: list[bool]) -> list[str]:
    at = " " * (base + dash)
    key = " " * (base + dash + gap)
    lines = [at + "-" + " " * (gap - 1) + f"id: KR{number}", key + f"title: {quote}Trials reach 2400{quote}"]
    lines += ([key + "# a comment"] if comment[0] else []) + [key + "start: 1500", key + "target: 2400"]
    lines += [key + "current: 1700" + ("  # latest" if comment[1] else "")] if current else []
    days = [f"2025-07-{10 + i}" for i in range(count)]
    if count and style == "flow":
        lines.append(key + "check_ins: [" + ", ".join(f"{{date: {d}, value: 1600}}" for d in days) + "]")
    elif count:
        lines.append(key + "check_ins:")
        for day in days:
            if style == "flow-item":
                lines.append(key + " " * dash + "- " + f"{{date: {day}, value: 1600}}")
            else:
                lines += [key + " " * dash + "-" + " " * (gap - 1) + f"date: {day}", key + " " * (dash + gap) + "value: 1600"]
            lines += [key + "  # between"] if comment[2] else []
    return lines


INTENDED = ("- date:", "-   date:", "date:", "value:", "confidence:", "note:", "check_ins:", "current:", "- {date:", "-  date:", "- {")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=sheets(), value=st.sampled_from(["1800", "1,800", "1.8k", "1800.5"]), note=st.sampled_from([None, "ok", "a: b", "# x", "yes", "Đạt 80%"]))
def test_only_the_intended_lines_change(sheet: tuple[str, int, list[bool]], value: str, note: str | None) -> None:
    text, index, currents = sheet
    edit = CheckInEdit(("objectives", 0, "key_results", index), dt.date(2025, 8, 15), value, "current" if currents[index] else None, "0.5", note)
    new_raw = apply_edit(text.encode("utf-8"), "growth.yaml", "en", plan_checkin(edit), "the check-in was not written").raw
    new = new_raw.decode("utf-8")
    old_lines, new_lines = text.splitlines(keepends=True), new.splitlines(keepends=True)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += old_lines[i1:i2]
            added += new_lines[j1:j2]
    # Changed: the `current` line, the line a flow list or an unterminated last line grows on.
    assert all("current: 1700" in line or "check_ins: [" in line or not line.endswith("\n") for line in removed)
    grown = {line for line in removed if not line.endswith("\n")}  # gains its line ending
    assert all(line.strip().startswith(INTENDED) or "check_ins: [" in line or line.rstrip("\r\n") in grown for line in added)
    assert len(added) - len(removed) <= 5  # the check_ins key and at most four keys of the check-in
    kr = load_bytes(new_raw, "growth.yaml").data["objectives"][0]["key_results"][index]
    assert kr["check_ins"][-1] == {"date": dt.date(2025, 8, 15), "value": _read(value), "confidence": 0.5, **({"note": note} if note else {})}
    assert kr.get("current") == (_read(value) if currents[index] else None)


def _read(value: str) -> object:
    return {"1800": 1800, "1800.5": 1800.5}.get(value, value)


# YAML 1.2 that libyaml refuses (URLs in flow collections, a tab inside a block scalar) or
# that the loader once refused (an alias to an anchored scalar): `okr check` reads it, so
# `okr checkin` edits it, through the same parser.
YAML_1_2 = """\
period: 2025-Q3
owner: &team growth
objectives:
  - id: O1
    title: Make self-serve signups our main acquisition engine
    owner: *team
    initiatives: [https://tracker.example/EPIC-12, {title: SEO pages, owner: *team}]
    key_results:
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: 1980
        check_ins:
          - {date: 2025-07-14, value: 1640, note: see https://x.example/A-1}
      - id: KR2
        title: Trial conversion reaches 18% (from 12%)
        start: 12%
        target: 18%
        current: 14%
        check_ins:
          - date: 2025-07-14
            value: 13%
            note: |-
              \ttabbed
"""


def test_yaml_1_2_that_libyaml_refuses_is_edited(tmp_path: Path) -> None:
    after = edited(tmp_path, YAML_1_2, "growth/O1/KR1", "2040", "--note", "live: http://x.example/B")
    flow = "          - {date: 2025-07-14, value: 1640, note: see https://x.example/A-1}\n"
    assert after.decode() == YAML_1_2.replace("current: 1980", "current: 2040").replace(
        flow, flow + '          - {date: 2025-08-15, value: 2040, note: "live: http://x.example/B"}\n'
    )
    after = edited(tmp_path, YAML_1_2, "growth/O1/KR2", "15%")
    assert after.decode() == YAML_1_2.replace("current: 14%", "current: 15%") + "          - date: 2025-08-15\n            value: 15%\n"


def test_libyaml_alone_would_refuse_that_sheet() -> None:
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    from ruamel.yaml.error import YAMLError

    for text in (YAML_1_2, YAML_1_2.replace("https://", "")):
        parser = CParser(text)
        with pytest.raises(YAMLError):
            while parser.get_event().__class__.__name__ != "StreamEndEvent":
                pass


def test_a_negative_value_is_a_value_not_an_option(tmp_path: Path) -> None:
    # A loss from -10 up to 0: `-5` and `-4,5` (after an option that takes it, `--note -3`) are
    # the values checked in, as the user typed them, without `--`.
    sheet = ("period: 2025-Q3\nowner: fin\nobjectives:\n  - id: O1\n    title: Cut the loss\n    key_results:\n"
             "      - id: KR1\n        title: Monthly loss from -10 to 0\n        start: -10\n        target: 0\n        current: -8\n")
    write_files(tmp_path, {"2025-Q3/fin.yaml": sheet})
    code, out, err = checkin(tmp_path, "fin/O1/KR1", "-5")
    assert (code, err, out.splitlines()[-1]) == (0, "", "fin/O1/KR1: 0.2000 → 0.5000 (current -8 → -5)")
    code, out, err = checkin(tmp_path, "fin/O1/KR1", "--note", "-3", "-4.5")
    assert (code, err, out.splitlines()[-1]) == (0, "", "fin/O1/KR1: 0.5000 → 0.5500 (current -5 → -4.5)")
    assert (tmp_path / "2025-Q3/fin.yaml").read_text(encoding="utf-8") == sheet.replace("current: -8", "current: -4.5") + (
        "        check_ins:\n          - date: 2025-08-15\n            value: -5\n"
        '          - date: 2025-08-15\n            value: -4.5\n            note: "-3"\n'
    )
