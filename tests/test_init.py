"""`okr init`: a config, a schema and a sample sheet that passes `okr check`; never overwrites."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr
from jsonschema import Draft7Validator
from ruamel.yaml import YAML

from okrcli.edit.templates import config_text, quarter_of, sheet_text
from okrcli.lint.settings import resolve_rules
from okrcli.model.schema import schema_text, sheet_schema
from okrcli.repo.config import Config, load_settings

AS_OF = "2026-11-03"
WRITTEN = [".okr.yaml", ".okr/okr-sheet.schema.json", "2026-Q4/team.yaml"]


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def clean_check(root: Path, as_of: str) -> object:
    result = run_okr("check", "--strict", "--format", "json", "--as-of", as_of, cwd=root)
    assert result.err == ""
    return (result.code, result.json())


NO_PROBLEMS = (0, {"problems": [], "errors": 0, "warnings": 0, "files": 1, "suppressed": []})


def test_init_writes_config_schema_and_sample(tmp_path: Path) -> None:
    result = run_okr("init", "goals", "--as-of", AS_OF, cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Wrote a sample goals repository:\n"
        "  goals/.okr.yaml\n"
        "  goals/.okr/okr-sheet.schema.json\n"
        "  goals/2026-Q4/team.yaml\n"
        "Next: replace the sample goals in goals/2026-Q4/team.yaml with yours, then run `okr -C goals check`.\n"
    )
    goals = tmp_path / "goals"
    assert files_under(goals) == WRITTEN
    assert (goals / ".okr.yaml").read_text(encoding="utf-8") == config_text("en")
    assert (goals / ".okr/okr-sheet.schema.json").read_text(encoding="utf-8") == schema_text()
    sheet = (goals / "2026-Q4/team.yaml").read_text(encoding="utf-8")
    assert sheet == sheet_text("en", dt.date(2026, 11, 3))
    assert sheet.splitlines()[0] == "# yaml-language-server: $schema=../.okr/okr-sheet.schema.json"
    assert clean_check(goals, AS_OF) == NO_PROBLEMS


def test_init_here_with_vietnamese_sample(tmp_path: Path) -> None:
    result = run_okr("init", "--locale", "vi", "--as-of", AS_OF, cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert result.out == (  # the repository it starts speaks Vietnamese, and so does okr init
        "Đã tạo kho mục tiêu mẫu:\n"
        "  .okr.yaml\n"
        "  .okr/okr-sheet.schema.json\n"
        "  2026-Q4/team.yaml\n"
        "Tiếp theo: thay các mục tiêu mẫu trong 2026-Q4/team.yaml bằng mục tiêu của bạn, rồi chạy `okr check`.\n"
    )
    assert files_under(tmp_path) == WRITTEN
    assert "\nnumber_locale: vi\n" in (tmp_path / ".okr.yaml").read_text(encoding="utf-8")
    sheet = (tmp_path / "2026-Q4/team.yaml").read_text(encoding="utf-8")
    assert sheet == sheet_text("vi", dt.date(2026, 11, 3))
    assert clean_check(tmp_path, AS_OF) == NO_PROBLEMS


def test_the_sample_scores(tmp_path: Path) -> None:
    run_okr("init", "--as-of", AS_OF, cwd=tmp_path)
    result = run_okr("score", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    assert result.code == 0, result.err
    report: Any = result.json()
    assert report["period"] == "2026-Q4"
    assert [o["ref"] for o in report["objectives"]] == ["team/O1", "team/O2"]
    assert [len(o["key_results"]) for o in report["objectives"]] == [3, 2]
    assert [k["ref"] for k in report["kpis"]] == ["team/K1", "team/K2", "team/K3"]


@pytest.mark.parametrize("locale", ["en", "vi"])
@pytest.mark.parametrize(
    ("day", "period"),
    [("2026-01-01", "2026-Q1"), ("2026-03-31", "2026-Q1"), ("2026-04-01", "2026-Q2"), ("2025-12-31", "2025-Q4"),
     ("2099-12-31", "2099-Q4")],
)
def test_sample_is_for_the_quarter_of_the_day_and_clean(tmp_path: Path, locale: str, day: str, period: str) -> None:
    assert run_okr("init", "--locale", locale, "--as-of", day, cwd=tmp_path).code == 0
    assert files_under(tmp_path) == [".okr.yaml", ".okr/okr-sheet.schema.json", f"{period}/team.yaml"]
    sheet = (tmp_path / f"{period}/team.yaml").read_text(encoding="utf-8")
    assert re.findall(r"^period: (.*)$", sheet, re.MULTILINE) == [period]
    # A quarter ahead gets no check-in: nobody has seen a value of the future (check-in-in-future).
    assert re.findall(r"date: (.*)$", sheet, re.MULTILINE) == ([] if day.startswith("2099") else [day])
    assert clean_check(tmp_path, day) == NO_PROBLEMS


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_a_sample_ahead_differs_only_by_its_check_in(locale: str) -> None:
    past, ahead = sheet_text(locale, dt.date(2099, 11, 3)), sheet_text(locale, dt.date(2099, 11, 3), dt.date(2026, 1, 1))
    removed = [line[1:] for line in difflib.ndiff(past.splitlines(), ahead.splitlines()) if line.startswith("- ")]
    assert [line.split(":")[0].strip() for line in removed] == ["check_ins", "- date", "value", "confidence", "note"]
    assert all(line.startswith(" ") or line.startswith("- ") for line in difflib.ndiff(past.splitlines(), ahead.splitlines()))


def test_default_day_is_today(tmp_path: Path) -> None:
    today = dt.date.today()
    assert run_okr("init", cwd=tmp_path).code == 0
    assert files_under(tmp_path) == [".okr.yaml", ".okr/okr-sheet.schema.json", f"{quarter_of(today)}/team.yaml"]
    assert clean_check(tmp_path, today.isoformat()) == NO_PROBLEMS


def test_with_repo_option(tmp_path: Path) -> None:
    (tmp_path / "goals").mkdir()
    result = run_okr("-C", "goals", "init", "--as-of", AS_OF, cwd=tmp_path)
    assert (result.code, result.out.splitlines()[1]) == (0, "  .okr.yaml")
    assert files_under(tmp_path / "goals") == WRITTEN


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_sample_matches_the_schema(locale: str) -> None:
    data = YAML(typ="safe").load(sheet_text(locale, dt.date(2026, 11, 3)))  # type: ignore[arg-type]
    data["objectives"][0]["key_results"][0]["check_ins"][0]["date"] = "2026-11-03"
    assert list(Draft7Validator(sheet_schema()).iter_errors(data)) == []


@pytest.mark.parametrize("existing", WRITTEN)
def test_never_overwrites(tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    result = run_okr("init", "--as-of", AS_OF, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"okr: {existing} already exists; okr init never overwrites a file, so it wrote nothing\n"
    assert files_under(tmp_path) == [existing]
    assert (tmp_path / existing).read_text(encoding="utf-8") == "mine\n"


def test_names_every_file_in_the_way(tmp_path: Path) -> None:
    assert run_okr("init", "--as-of", AS_OF, cwd=tmp_path).code == 0
    result = run_okr("init", "--as-of", AS_OF, "--locale", "vi", "--lang", "en", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "okr: .okr.yaml, .okr/okr-sheet.schema.json, 2026-Q4/team.yaml already exist; "
        "okr init never overwrites a file, so it wrote nothing\n"
    )
    assert (tmp_path / ".okr.yaml").read_text(encoding="utf-8") == config_text("en")


def test_dangling_symlink_counts_as_existing(tmp_path: Path) -> None:
    (tmp_path / ".okr.yaml").symlink_to(tmp_path / "missing.yaml")
    result = run_okr("init", "--as-of", AS_OF, cwd=tmp_path)
    assert (result.code, result.err) == (2, "okr: .okr.yaml already exists; okr init never overwrites a file, so it wrote nothing\n")
    assert not (tmp_path / "missing.yaml").exists()


def test_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "goals").write_text("", encoding="utf-8")
    result = run_okr("init", "goals", cwd=tmp_path)
    assert (result.code, result.err) == (2, "okr: goals exists and is not a folder; choose another DIR\n")


def test_failed_write_removes_what_was_written(tmp_path: Path) -> None:
    # A file named `.okr` where the schema's folder goes: .okr.yaml is written first, then
    # the folder cannot be made, and .okr.yaml must not stay behind.
    (tmp_path / ".okr").write_text("", encoding="utf-8")
    result = run_okr("init", "--as-of", AS_OF, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == "okr: cannot write .okr: File exists; okr init removed the files it had written\n"
    assert files_under(tmp_path) == [".okr"]


def test_unknown_locale(tmp_path: Path) -> None:
    result = run_okr("init", "--locale", "fr", cwd=tmp_path)
    assert (result.code, result.err) == (2, "okr: --locale 'fr': choose one of en, vi\n")
    assert files_under(tmp_path) == []


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        assert run_okr("init", "--as-of", AS_OF, cwd=tmp_path).code == 0
    finally:
        os.umask(previous)
    assert [oct((tmp_path / f).stat().st_mode & 0o777) for f in WRITTEN] == ["0o640"] * 3


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_commented_settings_are_the_defaults(tmp_path: Path, locale: str) -> None:
    # Uncommenting every `# key: value` line must change nothing: the comments show defaults.
    text = config_text(locale)  # type: ignore[arg-type]
    uncommented, lines = re.subn(r"^# ( *[a-z_-]+:)", r"\1", text, flags=re.MULTILINE)
    assert lines == 13
    path = tmp_path / ".okr.yaml"
    path.write_text(uncommented, encoding="utf-8")
    settings = load_settings(path, resolve_rules)
    # `rules:` itself differs (it now lists the rules); what they resolve to must not.
    # The Vietnamese config also speaks Vietnamese (`language: vi`).
    assert settings.config.model_copy(update={"rules": {}}) == Config(number_locale=locale, language=locale)  # type: ignore[arg-type]
    assert settings.rules == resolve_rules(Config(number_locale=locale))  # type: ignore[arg-type]
    assert sorted(settings.config.rules) == ["kpi-count", "max-key-results", "max-objectives", "min-key-results", "vague-wording"]
