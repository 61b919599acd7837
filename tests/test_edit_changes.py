"""The edits later commands build on (add, set, rename, remove a comment), each through the
one pipeline: exact bytes out, and refusals when the data would not read back as intended."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from okrcli.edit.changes import add_key, remove_comment, rename_key, set_value
from okrcli.edit.pipeline import Edit, Source, apply_edit, combine
from okrcli.edit.style import Scalar
from okrcli.errors import EditRefused

SHEET = """\
period: 2025-Q3   # the quarter
owner: growth
objectives:
  - id: O1
    title: "Grow # signups"
    key_results:
      # the headline number
      - id: KR1
        title: Trial signups reach 2400
        start: 1500
        target: 2400
        current: 1980   # updated weekly
      - {id: KR2, title: Ship the referral loop, done: false}
"""
NOT_AS_INTENDED = "growth.yaml: the edited file would not read back as intended; the file was left as it was"
UNKNOWN_KEY = (
    "growth.yaml:13:9: unknown key 'colour' in key result; allowed keys: id, title, start, baseline, target, current, done, unit, "
    "weight, owner, check_ins, links (schema); the edit was not written"
)
KR1, KR2 = ("objectives", 0, "key_results", 0), ("objectives", 0, "key_results", 1)


def edit(text: str, plan: Callable[[Source], Edit]) -> str:
    return apply_edit(text.encode("utf-8"), "growth.yaml", "en", plan, "the edit was not written").raw.decode("utf-8")


def test_add_key_to_the_header_a_block_item_and_a_flow_item() -> None:
    header = edit(SHEET, lambda s: add_key(s, (), "level", Scalar("team", "team")))
    assert header == SHEET + "level: team\n"
    block = edit(SHEET, lambda s: add_key(s, KR1, "weight", Scalar("2", 2)))
    assert block == SHEET.replace("weekly\n", "weekly\n        weight: 2\n")
    flow = edit(SHEET, lambda s: add_key(s, KR2, "weight", Scalar("2", 2)))
    assert flow == SHEET.replace("done: false}", "done: false, weight: 2}")


def test_set_value_quotes_a_scalar_or_changes_it() -> None:
    assert edit(SHEET, lambda s: set_value(s, KR1, "current", Scalar("2000", 2000))) == SHEET.replace("1980   #", "2000   #")
    assert edit(SHEET, lambda s: set_value(s, KR2, "done", Scalar("true", True))) == SHEET.replace("done: false", "done: true")
    assert edit(SHEET, lambda s: set_value(s, (), "owner", Scalar('"growth"', "growth"))) == SHEET.replace("owner: growth", 'owner: "growth"')


def test_rename_key_keeps_value_and_place() -> None:
    assert edit(SHEET, lambda s: rename_key(s, KR1, "start", "baseline")) == SHEET.replace("start: 1500", "baseline: 1500")


def test_remove_comment_at_the_end_of_a_line_and_a_whole_line() -> None:
    assert edit(SHEET, lambda s: remove_comment(s, 1, 19)) == SHEET.replace("   # the quarter", "")
    assert edit(SHEET, lambda s: remove_comment(s, 7, 7)) == SHEET.replace("      # the headline number\n", "")
    crlf = SHEET.replace("\n", "\r\n")
    assert edit(crlf, lambda s: remove_comment(s, 12, 25)) == crlf.replace("   # updated weekly", "")


def test_several_edits_of_one_file_go_as_one() -> None:
    both = edit(SHEET, lambda s: combine([set_value(s, KR1, "current", Scalar("2000", 2000)), add_key(s, (), "level", Scalar("team", "team"))]))
    assert both == SHEET.replace("1980   #", "2000   #") + "level: team\n"


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (lambda s: remove_comment(s, 5, 18), NOT_AS_INTENDED),
        (lambda s: remove_comment(s, 2, 1), "growth.yaml:2:1: no comment starts there"),
        (lambda s: remove_comment(s, 99, 1), "growth.yaml: there is no line 99"),
        (lambda s: add_key(s, KR1, "start", Scalar("1", 1)), "growth.yaml: `start` is already there; edit it by hand"),
        (lambda s: rename_key(s, KR1, "start", "target"), "growth.yaml: `target` is already there; edit it by hand"),
        (lambda s: set_value(s, KR1, "current", Scalar("2000", 2001)), NOT_AS_INTENDED),
        (lambda s: set_value(s, (), "objectives", Scalar("1", 1)), "growth.yaml: `objectives` is not a single value here; edit it by hand"),
        (lambda s: add_key(s, KR1, "colour", Scalar("red", "red")), UNKNOWN_KEY),
    ],
)
def test_refusals(plan: Callable[[Source], Edit], message: str) -> None:
    with pytest.raises(EditRefused) as refused:
        edit(SHEET, plan)
    assert str(refused.value) == message


def test_check_in_is_one_call_returning_what_the_command_prints(tmp_path: Path) -> None:
    import datetime as dt

    from conftest import write_files

    from okrcli.edit.checkin import CheckedIn, CheckInRequest, Movement, check_in

    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET, ".okr.yaml": ""})
    (tmp_path / "sub").mkdir()
    request = CheckInRequest(tmp_path / "sub", None, "growth/O1/KR1", "2000", dt.date(2025, 8, 15), note="on track")
    result = check_in(request)
    movement = Movement("growth/O1/KR1", 0.5333333333333333, 0.5555555555555556, "current", "1980", "2000", by_readings=False)
    assert result == CheckedIn("../2025-Q3/growth.yaml", "growth/O1/KR1", dt.date(2025, 8, 15), [], movement, "en")
    written = (tmp_path / "2025-Q3/growth.yaml").read_text(encoding="utf-8")
    assert written == SHEET.replace("1980   # updated weekly\n", "2000   # updated weekly\n        check_ins:\n          - date: 2025-08-15\n"
                                    "            value: 2000\n            note: on track\n")


def fix(text: str, plan: Callable[[Source], Edit], locale: str = "en") -> str:
    return apply_edit(text.encode("utf-8"), "growth.yaml", locale, plan, "not fixed", fixing=True).raw.decode("utf-8")


BROKEN = SHEET.replace("target: 2400", "taget: 2400").replace("start: 1500", "start: 1.500")


def test_fixing_edits_an_invalid_sheet_and_may_only_remove_problems() -> None:
    renamed = fix(BROKEN, lambda s: rename_key(s, KR1, "taget", "target"), "vi")
    assert renamed == BROKEN.replace("taget:", "target:")
    quoted = fix(BROKEN, lambda s: set_value(s, KR1, "start", Scalar('"1.500"', "1.500")), "vi")
    assert quoted == BROKEN.replace("start: 1.500", 'start: "1.500"')


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (lambda s: rename_key(s, KR1, "taget", "colour"), UNKNOWN_KEY.replace("13:9", "11:9").replace("the edit was not written", "not fixed")),
        (lambda s: set_value(s, KR1, "current", Scalar("2.000", 2.0)), "growth.yaml: the edit would write a new ambiguous number; not fixed"),
        (lambda s: set_value(s, KR1, "current", Scalar('"lots"', "lots")), (
            'growth.yaml:12:18: cannot read "lots" as a number; write a number like 120000, "120.000" (number_locale: vi), '
            '"1,33 triệu" or "8.5%" (schema); not fixed'
        )),
    ],
)
def test_fixing_refuses_an_edit_that_adds_a_problem(plan: Callable[[Source], Edit], message: str) -> None:
    with pytest.raises(EditRefused) as refused:
        fix(BROKEN, plan, "vi")
    assert str(refused.value) == message
