"""Suppression comments with reasons, what they hid (json, sarif), and `unused-suppression`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_okr, write_files

from okrcli.load.suppressions import Directive, Listed, read_suppressions

HEAD = "period: 2025-Q3\nowner: growth\nobjectives:\n  - id: O1\n    title: Grow sustainable traffic\n    key_results:\n"
KR = "      - id: KR{n}\n        title: {title}\n        start: 10\n        target: 20\n"


def sheet(*titles: str) -> str:
    return HEAD + "".join(KR.format(n=n, title=title) for n, title in enumerate(titles, start=1))


def parsable(root: Path, *args: str) -> list[str]:
    return run_okr("check", "-f", "parsable", "--as-of", "2025-08-15", *args, cwd=root).out.splitlines()


@pytest.mark.parametrize(
    ("line", "directive"),
    [
        ("a: 1  # okr: disable=vague-wording -- legacy title", Directive(1, 7, "disable", (Listed("vague-wording", 22),), "legacy title", 1, False, False)),
        ("a: 1  # okr: disable = x , y--why -- not", Directive(1, 7, "disable", (Listed("x", 24), Listed("y", 28)), "why -- not", 1, False, False)),
        ("  # okr: disable -- all of it", Directive(1, 3, "disable", (), "all of it", 2, True, True)),
        ("# okr: disable-file=weights --", Directive(1, 1, "disable-file", (Listed("weights", 21),), None, None, True, True)),
        ("a: 1  #okr:disable=x-rule", Directive(1, 7, "disable", (Listed("x-rule", 20),), None, 1, False, False)),
    ],
)
def test_a_directive_keeps_its_place_its_names_and_its_reason(line: str, directive: Directive) -> None:
    assert read_suppressions(line + "\n").directives == [directive]


@pytest.mark.parametrize("line", ["a: 1  # okr: disable=", "a: 1  # okr: disable=x-rule !", "a: 1  # okr:disabled"])
def test_what_is_not_a_directive(line: str) -> None:
    assert read_suppressions(line + "\n").directives == []


def test_lines_end_at_crlf_and_cr_only_and_a_form_feed_is_no_line_break(tmp_path: Path) -> None:
    found = read_suppressions("a: 1\r\n# okr: disable=x\r\nb: \x0c2\r# okr: disable=y\n")
    assert [(d.line, d.covers) for d in found.directives] == [(2, 3), (4, 5)]


def test_json_lists_what_was_suppressed_with_its_reason(tmp_path: Path) -> None:
    text = "# okr: disable-file=min-key-results -- one is enough here\n" + sheet("Improve signups  # okr: disable=vague-wording -- legacy title")
    text += "      - id: KR2\n        title: Boost visits  # okr: disable\n        start: 10\n        target: 20\n"
    text += "  - id: O2\n    title: Keep customers\n    key_results:\n" + KR.format(n=1, title="Churn falls to 2%")
    write_files(tmp_path, {"s.yaml": text})
    document = run_okr("check", "-f", "json", cwd=tmp_path).json()
    assert isinstance(document, dict)
    assert document["problems"] == []
    message = "'{}' is vague; state the measurable outcome, e.g. 'Trial-to-paid conversion reaches 18% (from 12%)'"
    assert document["suppressed"] == [
        {"path": "s.yaml", "line": 9, "column": 16, "rule": "vague-wording", "level": "error", "message": message.format("Improve"), "reason": "legacy title"},
        {"path": "s.yaml", "line": 13, "column": 16, "rule": "vague-wording", "level": "error", "message": message.format("Boost"), "reason": None},
        {"path": "s.yaml", "line": 16, "column": 5, "rule": "min-key-results", "level": "warning",
         "message": "objective 'growth/O2' has only 1 key result; write at least 2 measurable outcomes that together show it is reached "
                    "(e.g. one for volume, one for quality)",
         "reason": "one is enough here"},
    ]


def test_sarif_gives_suppressed_problems_with_the_reason_as_justification(tmp_path: Path) -> None:
    write_files(tmp_path, {"s.yaml": sheet("Improve signups  # okr: disable=vague-wording -- legacy title", "Boost visits  # okr: disable")})
    document = run_okr("check", "-f", "sarif", cwd=tmp_path).json()
    assert isinstance(document, dict)
    results = document["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r.get("suppressions")) for r in results] == [
        ("vague-wording", 8, [{"kind": "inSource", "status": "accepted", "justification": "legacy title"}]),
        ("vague-wording", 12, [{"kind": "inSource", "status": "accepted"}]),
    ]


UNUSED = "(unused-suppression)"


@pytest.mark.parametrize(
    ("title", "config", "expected"),
    [
        (
            "Signups reach 20  # okr: disable=vague-wording -- legacy", "",
            "s.yaml:8:49: [warning] no 'vague-wording' problem here to suppress: remove it from the comment",
        ),
        (
            "Improve signups  # okr: disable=vauge-wording", "",
            "s.yaml:8:48: [warning] unknown rule 'vauge-wording' in the comment; did you mean 'vague-wording'?",
        ),
        ("Signups reach 20  # okr: disable=nonsense", "", "s.yaml:8:49: [warning] unknown rule 'nonsense' in the comment; `okr rules` lists them"),
        ("Signups reach 20  # okr: disable", "", "s.yaml:8:34: [warning] this comment suppresses no problem: remove it"),
        ("Signups reach 20  # okr: disable=all", "", "s.yaml:8:49: [warning] `all` suppresses no problem here: remove it"),
        (
            "Signups reach 20  # okr: disable=kr-is-task",
            "rules:\n  kr-is-task: disable\n",
            "s.yaml:8:49: [warning] 'kr-is-task' is disabled in the config already: remove it from the comment",
        ),
    ],
)
def test_a_comment_that_hides_nothing_is_reported_at_the_name(tmp_path: Path, title: str, config: str, expected: str) -> None:
    write_files(tmp_path, {".okr.yaml": config, "s.yaml": sheet(title, "Visits reach 20")})
    assert [line for line in parsable(tmp_path) if "vague-wording)" not in line] == [f"{expected} {UNUSED}"]


def test_what_each_part_of_one_comment_hid_is_judged_apart(tmp_path: Path) -> None:
    lines = ["# okr: disable-file=weights,missing-baseline -- old", sheet("Improve signups  # okr: disable=vague-wording,kr-is-task", "Visits reach 20")]
    write_files(tmp_path, {"s.yaml": "\n".join(lines) + "# okr: disable-file=schema\n"})
    assert parsable(tmp_path) == [
        f"s.yaml:1:21: [warning] no 'weights' problem here to suppress: remove it from the comment {UNUSED}",
        f"s.yaml:1:29: [warning] no 'missing-baseline' problem here to suppress: remove it from the comment {UNUSED}",
        f"s.yaml:9:62: [warning] no 'kr-is-task' problem here to suppress: remove it from the comment {UNUSED}",
        "s.yaml:16:1: [warning] `disable-file` works only in the file's first comment block: move the comment to the top of the file, "
        f"or remove it {UNUSED}",
    ]


def test_unused_suppression_is_hidden_only_by_name_and_can_be_disabled(tmp_path: Path) -> None:
    write_files(tmp_path, {"s.yaml": "# okr: disable-file=unused-suppression\n" + sheet("Visits reach 20  # okr: disable=weights", "Signups reach 20")})
    assert parsable(tmp_path) == []
    write_files(tmp_path, {"s.yaml": "# okr: disable-file=all\n" + sheet("Visits reach 20", "Signups reach 20")})
    assert parsable(tmp_path) == [f"s.yaml:1:21: [warning] `all` suppresses no problem here: remove it {UNUSED}"]
    write_files(tmp_path, {".okr.yaml": "rules:\n  unused-suppression: disable\n", "s.yaml": sheet("Visits reach 20  # okr: disable=weights", "Signups 20")})
    assert parsable(tmp_path) == []


def test_a_file_that_does_not_parse_has_no_unused_suppressions(tmp_path: Path) -> None:
    write_files(tmp_path, {"s.yaml": "# okr: disable-file=vague-wording\nperiod: [2025\n"})
    assert [line.rsplit(" ", 1)[-1] for line in parsable(tmp_path)] == ["(yaml-syntax)"]


def test_a_cached_run_reports_the_same(tmp_path: Path) -> None:
    write_files(tmp_path, {"s.yaml": "# okr: disable-file=weights -- x\n" + sheet("Improve signups  # okr: disable=vague-wording -- y", "Signups 20")})
    first = run_okr("check", "-f", "json", cwd=tmp_path).out
    assert run_okr("check", "-f", "json", cwd=tmp_path).out == first
    assert '"reason": "y"' in first and "no 'weights' problem" in first


def test_only_the_named_files_report_their_unused_suppressions(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.yaml": sheet("Visits 20  # okr: disable=weights", "x 20"), "b.yaml": sheet("Visits 20", "y 20").replace("growth", "ops")})
    assert parsable(tmp_path, "b.yaml") == []
    assert len(parsable(tmp_path, "a.yaml")) == 1
