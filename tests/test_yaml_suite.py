"""The official YAML test suite (tests/yaml-suite/, MIT licence, see its LICENSE).

Every valid case is read, to the data the suite expects, unless okr refuses it by design
(the categories below, each with its reason); every invalid case gives a problem; no case
makes any command fail with an internal error. Each list below is exact: a case that moves
in or out of one fails the test, so the lists stay true when a parser changes.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from okrcli.load.parsers import compose
from okrcli.load.reader import load_bytes
from okrcli.model.core_schema import ScalarKey

SUITE = Path(__file__).resolve().parent / "yaml-suite"
CASES = sorted(str(path.parent.relative_to(SUITE)) for path in SUITE.rglob("in.yaml"))
VALID = [case for case in CASES if not (SUITE / case / "error").exists()]
INVALID = [case for case in CASES if (SUITE / case / "error").exists()]

# Valid YAML that okr refuses by design: category → (the rule reported, why, the cases).
BY_DESIGN: dict[str, tuple[str, str, set[str]]] = {
    "tag": (
        "unsafe-yaml",
        ("a tag other than the core ones (!!str, !!int, …): sheets hold plain values, and a "
         "custom tag is how YAML constructs objects (SPEC 4, unsafe-yaml)"),
        {"2XXW", "565N", "5TYM", "6CK3", "6WLZ", "7FWL", "9WXW", "C4HZ", "CC74", "CUP7", "J7PZ",
         "M5C3", "P76L", "UGM3", "Z67P", "Z9M4"},
    ),
    "documents": (
        "yaml-syntax",
        "several documents in one stream: a sheet is one document (SPEC 4, yaml-syntax)",
        {"35KP", "6XDY", "6ZKB", "7Z25", "9DXL", "9KAX", "JHB9", "KSS4", "L383", "M7A3", "NKF9",
         "PUW8", "RZT7", "U9NS", "W4TN"},
    ),
    "complex-key": (
        "yaml-syntax",
        "a list or mapping as a mapping key: sheet keys are words (SPEC 2)",
        {"4FJ6", "6BFJ", "6PBE", "9MMW", "KK5P", "LX3P", "M2N8/00", "M2N8/01", "M5DY", "Q9WF",
         "RZP5", "SBG9", "V9D5", "X38W", "XW4D"},
    ),
    "duplicate-key": (
        "duplicate-key",
        ("the same key twice in one mapping (two empty keys): YAML keeps one value and loses "
         "the other (SPEC 4, duplicate-key)"),
        {"2JQS"},
    ),
    "unreadable": (
        "yaml-syntax",
        ("neither libyaml nor ruamel.yaml's YAML 1.2 parser reads it, and okr reads what "
         "ruamel.yaml reads (`okr checkin` must be able to edit every sheet `okr check` passes): "
         "a tab as separation before a value or after indentation; a flow key whose ':' is on "
         "the next line, or an empty flow key; a stream of only '...'; `%YAML 1.3`"),
        {"6BCT", "6CA3", "A2M4", "DK95/00", "DK95/03", "DK95/04", "Q5MG", "R4YG", "Y79Y/010",
         "4MUZ/00", "4MUZ/01", "4MUZ/02", "5MUD", "9SA2", "CFD4", "K3WX", "NJ66", "UT92",
         "VJP3/01", "HWV9", "QT73", "BEC7"},
    ),
    "unreadable-tag": (
        "unsafe-yaml",
        ("both parsers read `!!str,` before a flow comma as the tag '!!str,' (YAML 1.2 ends "
         "the tag at the comma), which is then no core tag"),
        {"WZ62"},
    ),
}

# Valid cases okr reads, but to other data than the suite's: both parsers read them so, and
# `okr checkin` edits what they read. Case → why.
READ_OTHERWISE: dict[str, str] = {
    "652Z": "`?foo` inside a flow mapping is read as the explicit key `foo`, not the text `?foo`",
    "HM87/01": "`[?x]` is read as [{x: null}], not the text `?x`",
    "JEF9/02": "a kept (|+) block scalar of only spaces is read as '', not one line break",
    "L24T/01": "the trailing line of spaces of a kept block scalar loses its line break",
}

# Invalid YAML that libyaml (the parser tried first) reads anyway: no YAML problem, but
# `okr check` still reports the file (it is no sheet). Case → what libyaml lets pass.
LENIENT: dict[str, str] = {
    "9C9N": "a flow sequence continued at a lower indentation",
    "QB6E": "a quoted scalar continued at a lower indentation",
    "9JBA": "a comment right after ']' with no space",
    "CVW2": "a comment right after ',' with no space",
    "SU5Z": "a comment right after a closing quote with no space",
    "G5U8": "a plain '-' as an item of a flow sequence",
    "YJV2": "a plain '-' as an item of a flow sequence",
    "DK95/01": "a tab indenting a quoted scalar's continuation line",
    "Y79Y/003": "a tab indenting a flow sequence's continuation line",
    "MUS6/00": "a '#' glued to a %YAML directive's version",
    "S98Z": "a block scalar whose first lines are emptier than its indentation",
    "X4QW": "a comment glued to a block scalar's indicator",
}

REFUSED = {case: rule for rule, _, cases in BY_DESIGN.values() for case in cases}


def read(case: str) -> Any:
    return load_bytes((SUITE / case / "in.yaml").read_bytes(), f"{case}.yaml")


def as_json(value: Any) -> Any:
    """okr's data as the suite writes it in JSON: keys as text, dates as text."""
    if isinstance(value, dict):
        return {str(key) if isinstance(key, ScalarKey) else key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()  # the core schema has no dates; okr reads them for `date:`
    return value


def expected_json(case: str) -> Any:
    text = (SUITE / case / "in.json").read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    documents, index = [], 0
    while text[index:].strip():
        index += len(text[index:]) - len(text[index:].lstrip())
        value, index = decoder.raw_decode(text, index)
        documents.append(value)
    assert len(documents) <= 1, case  # several documents are refused by design
    return documents[0] if documents else None


def test_the_suite_is_complete() -> None:
    assert (len(CASES), len(VALID), len(INVALID)) == (402, 308, 94)
    listed = set(REFUSED) | set(READ_OTHERWISE)
    assert listed <= set(VALID) and set(LENIENT) <= set(INVALID)


@pytest.mark.parametrize("case", VALID)
def test_valid_yaml_is_read_or_refused_by_design(case: str) -> None:
    loaded = read(case)
    rules = [problem.rule for problem in loaded.problems]
    if case in REFUSED:
        assert rules == [REFUSED[case]], loaded.problems
        return
    assert rules == [], loaded.problems
    if (SUITE / case / "in.json").exists():
        same = as_json(loaded.data) == expected_json(case)
        assert same != (case in READ_OTHERWISE), (loaded.data, READ_OTHERWISE.get(case))


@pytest.mark.parametrize("case", INVALID)
def test_invalid_yaml_gives_a_problem(case: str) -> None:
    loaded = read(case)
    if case in LENIENT:
        assert loaded.problems == []
    else:
        assert [p.rule for p in loaded.problems] in (["yaml-syntax"], ["unsafe-yaml"]), loaded.problems
        assert loaded.data is None


@pytest.mark.parametrize("case", [case for case in VALID if case not in REFUSED])
def test_the_editor_reads_what_the_loader_reads(case: str) -> None:
    """`okr checkin` composes nodes from the same parser, so it edits every file `okr check`
    reads; the node tree has the loaded data's shape."""
    node = compose((SUITE / case / "in.yaml").read_text(encoding="utf-8"))
    data = read(case).data
    kinds = {dict: MappingNode, list: SequenceNode}
    if node is None:
        assert data is None
    else:
        assert isinstance(node, kinds.get(type(data), ScalarNode))


def test_every_case_through_okr_check(tmp_path: Path) -> None:
    """All 402 cases in one repository: one run, no internal error, a problem for each
    invalid file and for each file refused by design, with the rule it is refused by."""
    for case in CASES:
        (tmp_path / f"{case.replace('/', '-')}.yaml").write_bytes((SUITE / case / "in.yaml").read_bytes())
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path)
    assert result.code == 1, result.err
    found: dict[str, set[str]] = {}
    for problem in result.json()["problems"]:  # type: ignore[index]
        found.setdefault(problem["path"].removesuffix(".yaml").replace("-", "/"), set()).add(problem["rule"])
    for case in INVALID:
        assert found.get(case), case
    for case, rule in REFUSED.items():
        assert rule in found.get(case, set()), case
