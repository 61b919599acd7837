"""`okr schema`: a Draft-7 schema that accepts every valid sheet and rejects unknown keys.

Checked with the independent `jsonschema` package and the `check-jsonschema` command,
never with okr's own validation.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, run_okr
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match
from ruamel.yaml import YAML
from test_values import ACCEPTED

from okrcli.model.schema import (
    DRAFT_7,
    NUMBER_PATTERN,
    PERIOD_PATTERN,
    TARGET_PATTERN,
    sheet_schema,
)
from okrcli.model.values import ValueSyntaxError, parse_value

SCHEMA = sheet_schema()
VALIDATOR = Draft7Validator(SCHEMA)
EXAMPLE_SHEETS = sorted(p for repo in ("acme-vi", "startup-en") for p in (EXAMPLES / repo).rglob("*.yaml") if not p.name.startswith("."))


def load(text: str) -> Any:
    """YAML as an editor's schema validator sees it: dates become ISO strings."""
    return _plain(YAML(typ="safe").load(textwrap.dedent(text)))


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def errors(data: Any) -> list[tuple[list[Any], str]]:
    """The best-matching error of each failing branch, as (path, message)."""
    found = best_match(VALIDATOR.iter_errors(data))
    return [] if found is None else [(list(found.absolute_path), found.message)]


SHEET_HEAD = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve signups our main channel
    key_results:
      - id: KR1
"""


def kr_sheet(fields: str, title: str = "title: Trial signups reach 2,400 (from 1,500)") -> str:
    """A sheet with one key result made of `title` and `fields` (YAML lines)."""
    lines = [title, *textwrap.dedent(fields).strip().splitlines()]
    return SHEET_HEAD + "".join(f"        {line}\n" for line in lines if line)


def test_okr_schema_prints_the_schema() -> None:
    result = run_okr("schema")
    assert (result.code, result.err) == (0, "")
    assert result.out == json.dumps(SCHEMA, ensure_ascii=False, indent=2) + "\n"


def test_schema_is_draft_7() -> None:
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == DRAFT_7 == "http://json-schema.org/draft-07/schema#"
    # Keywords of later drafts that a Draft-7 editor would silently ignore.
    later = {"$defs", "prefixItems", "unevaluatedProperties", "dependentRequired", "dependentSchemas", "$anchor"}
    assert sorted(later & set(_keys(SCHEMA))) == []
    assert sorted(SCHEMA["definitions"]) == ["CheckIn", "Initiative", "KPI", "KPIFinal", "KeyResult", "Objective", "ObjectiveFinal", "Reading"]


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_every_mapping_rejects_unknown_keys() -> None:
    mappings = [SCHEMA, *SCHEMA["definitions"].values()]
    assert [m.get("additionalProperties") for m in mappings] == [False] * 9


def test_top_level_keys_and_required() -> None:
    assert list(SCHEMA["properties"]) == ["period", "owner", "level", "team", "closed", "objectives", "kpis"]
    assert SCHEMA["required"] == ["period", "owner"]
    assert list(SCHEMA["definitions"]["KeyResult"]["properties"]) == [
        "id", "title", "start", "baseline", "target", "current", "done", "unit", "weight", "owner", "check_ins", "links",
    ]
    assert list(SCHEMA["definitions"]["Objective"]["properties"])[-3:] == ["carried_from", "retro", "final"]
    assert list(SCHEMA["definitions"]["KPI"]["properties"])[-1] == "final"


@pytest.mark.parametrize("path", EXAMPLE_SHEETS, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_example_sheets_are_valid(path: Path) -> None:
    assert errors(load(path.read_text(encoding="utf-8"))) == []


def test_example_sheets_are_found() -> None:
    assert len(EXAMPLE_SHEETS) == 14


def test_typo_key_is_rejected() -> None:
    sheet = load(kr_sheet("""
        start: "1,500"
        taget: "2,400"
    """))
    assert errors(sheet) == [(["objectives", 0, "key_results", 0], "Additional properties are not allowed ('taget' was unexpected)")]


def test_typo_key_at_top_level_is_rejected() -> None:
    sheet = load("""
        period: 2025-Q3
        onwer: growth
    """)
    assert errors(sheet) == [([], "Additional properties are not allowed ('onwer' was unexpected)")]
    assert [e.message for e in VALIDATOR.iter_errors(sheet)] == [
        "Additional properties are not allowed ('onwer' was unexpected)",
        "'owner' is a required property",
    ]


@pytest.mark.parametrize(
    ("fields", "path", "message"),
    [
        ("title: 42", ["title"], "42 is not of type 'string'"),
        ("done: 'yes'", ["done"], "'yes' is not of type 'boolean', 'null'"),
        ("target: lots", ["target"], "'lots' does not match " + repr(TARGET_PATTERN)),
        ("check_ins: {date: 2025-07-14, value: 5}", ["check_ins"], "{'date': '2025-07-14', 'value': 5} is not of type 'array'"),
        ("check_ins: [{date: 2025-07-14}]", ["check_ins", 0], "'value' is a required property"),
        ("check_ins: [{date: 2025-07-14, value: 5, confidence: 1.5}]", ["check_ins", 0, "confidence"], "1.5 is greater than the maximum of 1"),
    ],
)
def test_wrong_type_is_rejected(fields: str, path: list[Any], message: str) -> None:
    text = kr_sheet("", fields) if fields.startswith("title:") else kr_sheet(fields)
    assert errors(load(text)) == [(["objectives", 0, "key_results", 0, *path], message)]


@pytest.mark.parametrize("field", ["start", "current"])
@pytest.mark.parametrize("value", ['">= 40%"', '"95..99"', '"95–99"'])
def test_comparators_and_bands_only_in_target(field: str, value: str) -> None:
    found = errors(load(kr_sheet(f"{field}: {value}\ntarget: 50")))
    assert found == [(["objectives", 0, "key_results", 0, field], f"{load(value)!r} does not match {NUMBER_PATTERN!r}")]
    assert errors(load(kr_sheet(f"start: 10\ntarget: {value}"))) == []


def test_kpi_needs_a_target_or_done() -> None:
    sheet = load("""
        period: 2025-Q3
        owner: growth
        kpis:
          - {id: K1, title: Demo requests per month}
    """)
    assert errors(sheet) == [(["kpis", 0], "{'id': 'K1', 'title': 'Demo requests per month'} is not valid under any of the given schemas")]


QUARTERS_LIFE = """
    period: 2025-Q3
    owner: marketing
    closed: 2025-10-03
    objectives:
      - id: O1
        title: Grow traffic that lasts
        carried_from: 2025-Q2:marketing/O2
        retro: Organic grew, paid did not
        final: {score: 0.62, grade: green}
        key_results:
          - id: KR1
            title: Traffic reaches 308,000
            target: 308000
            links: ["https://tracker.example/EPIC-12"]
    kpis:
      - id: K1
        title: Marketing cost per revenue
        target: "<= 10%"
        final: {achievement: 1.04, grade: green}
"""


def test_quarters_life_fields_are_accepted_by_the_schema_and_by_okr(tmp_path: Path) -> None:
    assert errors(load(QUARTERS_LIFE)) == []
    (tmp_path / "sheet.yaml").write_text(textwrap.dedent(QUARTERS_LIFE).lstrip(), encoding="utf-8")
    found = run_okr("check", "--format", "parsable", cwd=tmp_path)
    assert [line for line in found.out.splitlines() if "(schema)" in line] == []


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (("objectives", 0, "final", "grade"), ["objectives", 0, "final", "grade"], "'blue' is not one of ['green', 'yellow', 'red']"),
        (("objectives", 0, "final", "score"), ["objectives", 0, "final", "score"], "1.5 is greater than the maximum of 1"),
        (("kpis", 0, "final", "extra"), ["kpis", 0, "final"], "Additional properties are not allowed ('extra' was unexpected)"),
        (("objectives", 0, "key_results", 0, "links"), ["objectives", 0, "key_results", 0, "links"], "'https://x.example' is not of type 'array'"),
        (("closed",), ["closed"], "5 is not valid under any of the given schemas"),
    ],
)
def test_quarters_life_fields_reject_wrong_values(change: tuple[Any, ...], path: list[Any], message: str) -> None:
    sheet = load(QUARTERS_LIFE)
    node = sheet
    for key in change[:-1]:
        node = node[key]
    wrong = {"grade": "blue", "score": 1.5, "extra": 1, "links": "https://x.example", "closed": 5}
    node[change[-1]] = wrong[change[-1]]
    assert errors(sheet) == [(path, message)]


def test_empty_lists_are_accepted() -> None:
    # `objectives:` left empty validates in okr check (min-key-results is a lint, not a schema error).
    assert errors(load("period: 2025\nowner: growth\nobjectives:\nkpis:\n")) == []


def test_period_forms() -> None:
    for period in ("2025", "2025-Q3", "2025-q3", "2025-H2", "2025-09"):
        assert errors(load(f"period: {period}\nowner: x\n")) == [], period
    assert errors(load("period: 2025-Q5\nowner: x\n")) == [(["period"], f"'2025-Q5' does not match {PERIOD_PATTERN!r}")]


# Every value string `okr check` reads must pass the schema's looser patterns.
STRINGS = [(raw, locale, flags) for raw, locale, flags, _ in ACCEPTED if isinstance(raw, str)]


@pytest.mark.parametrize(("raw", "locale", "flags"), STRINGS)
def test_accepted_values_pass_the_schema(raw: str, locale: str, flags: str) -> None:
    key = "target" if flags else "current"
    sheet = load(kr_sheet("start: 1\ntarget: 2"))
    sheet["objectives"][0]["key_results"][0][key] = raw
    assert errors(sheet) == []


_VALUE_TEXT = st.text(alphabet="0123456789.,%$ -–>=<≥k", max_size=12) | st.sampled_from(["1,33 triệu", "10 nghìn tỷ", "120.000 VND"])


@settings(max_examples=400, deadline=None)
@given(text=_VALUE_TEXT)
def test_schema_never_rejects_what_okr_reads(text: str) -> None:
    for locale in ("en", "vi"):
        for key, allow in (("target", True), ("current", False)):
            try:
                parse_value(text, locale=locale, allow_comparator=allow, allow_band=allow)
            except ValueSyntaxError:
                continue
            sheet = load(kr_sheet("start: 1\ntarget: 2"))
            sheet["objectives"][0]["key_results"][0][key] = text
            assert errors(sheet) == [], (locale, key)


def test_check_jsonschema_accepts_examples_and_rejects_a_typo(tmp_path: Path) -> None:
    schema_file = tmp_path / "okr-sheet.schema.json"
    schema_file.write_text(run_okr("schema").out, encoding="utf-8")
    good = _check_jsonschema(schema_file, *EXAMPLE_SHEETS)
    assert (good.returncode, good.stdout) == (0, "ok -- validation done\n")
    typo = tmp_path / "typo.yaml"
    typo.write_text(textwrap.dedent(kr_sheet('start: "1,500"\ntaget: "2,400"')).lstrip(), encoding="utf-8")
    bad = _check_jsonschema(schema_file, typo)
    assert bad.returncode == 1
    assert bad.stdout == (
        "Schema validation errors were encountered.\n"
        f"  {typo}::$.objectives[0].key_results[0]: Additional properties are not allowed ('taget' was unexpected)\n"
    )


def _check_jsonschema(schema_file: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema of this interpreter's environment (the test extra installs it), run as
    `python -m check_jsonschema` so that it is found without the venv's bin on the PATH."""
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.fail("check-jsonschema is not installed: pip install -e '.[test]' (or pip install check-jsonschema)")
    command = [sys.executable, "-m", "check_jsonschema", "--color", "never", "--schemafile", str(schema_file), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, check=False)
