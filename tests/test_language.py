"""okr speaks English or Vietnamese (SPEC 9): the catalog is complete and compiled, and the
language comes from --lang, else OKR_LANG, else `language:` in .okr.yaml, else English."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import PROJECT, run_okr, write_files

SHEET = """\
period: 2025-Q3
owner: team
objectives:
  - id: O1
    title: Grow the business
    key_results:
      - id: KR1
        title: Organic share of traffic
        current: 36%
      - id: KR2
        title: Revenue reaches 2M
        start: 1M
        target: 2M
"""
EN_PROBLEM = "key result 'team/O1/KR1' has no target;"
VI_PROBLEM = "KR 'team/O1/KR1' chưa có mục tiêu số;"


def _catalog_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalog", PROJECT / "scripts" / "catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalog"] = module
    spec.loader.exec_module(module)
    return module


catalog = _catalog_script()
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*[^{}]*\}|%(?:\([a-z_]+\))?[sdrf]")


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _forms(message: object) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (str(message),)  # type: ignore[return-value]


def test_every_message_has_a_vietnamese_translation_with_the_same_placeholders() -> None:
    translated = {m.id: m for m in catalog.read_catalog() if m.id}
    code = [m.id for m in catalog.template() if m.id]
    assert code, "the extraction found no message"
    missing = [_forms(i)[0] for i in code if i not in translated]
    assert missing == []
    untranslated = [_forms(i)[0] for i in code if translated[i].fuzzy or not all(_forms(translated[i].string))]
    assert untranslated == []
    wrong = []
    for message_id in code:
        english = set().union(*(_placeholders(form) for form in _forms(message_id)))
        for form in _forms(translated[message_id].string):
            if _placeholders(form) != english:
                wrong.append((_forms(message_id)[0], form))
    assert wrong == []


def test_the_committed_catalog_is_the_compiled_po() -> None:
    assert catalog.COMPILED.read_bytes() == catalog.compiled(catalog.read_catalog())


def test_the_catalog_is_shipped_in_the_package() -> None:
    pyproject = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/okr.mo"' in pyproject
    assert catalog.COMPILED == PROJECT / "okrcli" / "locale" / "vi" / "LC_MESSAGES" / "okr.mo"


def _check(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = run_okr("check", "--as-of", "2025-08-15", *args, cwd=root, env=env)
    assert result.code == 1, result.err
    return result.out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path, {"2025-Q3/team.yaml": SHEET})


@pytest.mark.parametrize(
    ("config", "args", "env", "vietnamese"),
    [
        (None, (), {}, False),
        (None, ("--lang", "vi"), {}, True),
        (None, (), {"OKR_LANG": "vi"}, True),
        ("language: vi\n", (), {}, True),
        ("language: en\n", (), {}, False),
        ("language: vi\n", ("--lang", "en"), {}, False),
        ("language: vi\n", (), {"OKR_LANG": "en"}, False),
        ("language: en\n", (), {"OKR_LANG": "vi"}, True),
        (None, ("--lang", "en"), {"OKR_LANG": "vi"}, False),
        (None, ("--lang", "vi"), {"OKR_LANG": "en"}, True),
        (None, (), {"OKR_LANG": ""}, False),
    ],
)
def test_the_language_comes_from_the_option_then_the_environment_then_the_config(
    repo: Path, config: str | None, args: tuple[str, ...], env: dict[str, str], vietnamese: bool
) -> None:
    if config is not None:
        (repo / ".okr.yaml").write_text(config, encoding="utf-8")
    out = _check(repo, *args, env=env)
    assert (VI_PROBLEM in out, EN_PROBLEM in out) == (vietnamese, not vietnamese)
    summary = "Tìm thấy 1 lỗi và 0 cảnh báo trong 1 file." if vietnamese else "Found 1 error and 0 warnings in 1 file."
    assert out.endswith("\n\n" + summary + "\n")


def test_the_config_named_by_config_and_found_by_c_chooses_the_language(repo: Path, tmp_path: Path) -> None:
    other = write_files(tmp_path / "elsewhere", {"vi.yaml": "language: vi\n"})
    assert VI_PROBLEM in _check(repo, "--config", str(other / "vi.yaml"))
    (repo / ".okr.yaml").write_text("language: vi\n", encoding="utf-8")
    result = run_okr("check", "-C", str(repo), "--as-of", "2025-08-15", cwd=tmp_path / "elsewhere")
    assert VI_PROBLEM in result.out
    result = run_okr("-C", str(repo), "check", "--as-of", "2025-08-15", cwd=tmp_path / "elsewhere")
    assert VI_PROBLEM in result.out


@pytest.mark.parametrize("value", ["fr", "VI", "vi-VN", "", " vi"])
def test_an_invalid_language_is_a_usage_error_naming_its_source(repo: Path, value: str) -> None:
    result = run_okr("check", "--lang", value, cwd=repo)
    assert (result.code, result.out, result.err) == (2, "", f"okr: --lang {value!r}: choose one of en, vi\n")
    if value:
        result = run_okr("check", cwd=repo, env={"OKR_LANG": value})
        assert (result.code, result.out, result.err) == (2, "", f"okr: OKR_LANG {value!r}: choose one of en, vi\n")


@pytest.mark.parametrize(("written", "shown"), [("fr", '"fr"'), ("1", "1"), ("[vi]", '["vi"]'), ("", "null"), ("Vi", '"Vi"')])
def test_an_invalid_language_in_the_config_names_the_file_and_line(repo: Path, written: str, shown: str) -> None:
    config = repo / ".okr.yaml"
    config.write_text(f"number_locale: en\nlanguage: {written}\n", encoding="utf-8")
    for command in (("check",), ("score", "2025-Q3"), ("tree",), ("rules",)):
        result = run_okr(*command, cwd=repo)
        assert (result.code, result.err) == (2, f"okr: {config}:2:{10 if written == '' else 11}: 'language' must be 'en' or 'vi', got {shown}\n"), command


def test_a_broken_config_is_reported_as_before_in_english(repo: Path) -> None:
    (repo / ".okr.yaml").write_text("language: vi\nlanguage: vi\n", encoding="utf-8")
    result = run_okr("check", cwd=repo)
    config = repo / ".okr.yaml"
    assert (result.code, result.err) == (2, f"okr: {config}:2:1: key 'language' appears twice in this mapping (first on line 1); keep one\n")


def test_a_warm_cache_never_answers_in_the_other_language(repo: Path) -> None:
    for first, second in (("en", "vi"), ("vi", "en")):
        outputs = {lang: _check(repo, "--lang", lang) for lang in (first, second, first, second)}
        assert EN_PROBLEM in outputs["en"] and VI_PROBLEM not in outputs["en"]
        assert VI_PROBLEM in outputs["vi"] and EN_PROBLEM not in outputs["vi"]
    # the same through the configuration file alone, whose text is part of the key anyway
    (repo / ".okr.yaml").write_text("language: vi\n", encoding="utf-8")
    assert VI_PROBLEM in _check(repo)
    assert EN_PROBLEM in _check(repo, env={"OKR_LANG": "en"})
    assert VI_PROBLEM in _check(repo)


@pytest.mark.parametrize("moment", [(), ("--at", "HEAD")])
def test_a_warm_cache_of_a_commit_never_answers_in_the_other_language(git_repo: Path, moment: tuple[str, ...]) -> None:
    """A past day and `--at REF` read a commit, cached under its own key: the language is in it."""
    write_files(git_repo, {"2025-Q3/team.yaml": SHEET})
    day = {"GIT_AUTHOR_DATE": "2025-08-10T09:00:00+00:00", "GIT_COMMITTER_DATE": "2025-08-10T09:00:00+00:00"}
    subprocess.run(["git", "-C", str(git_repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(git_repo), "commit", "-q", "-m", "goals"], check=True, env={**os.environ, **day})
    (git_repo / "2025-Q3/team.yaml").write_text(SHEET.replace("Organic share", "Organic part"), encoding="utf-8")  # not read
    for first, second in (("en", "vi"), ("vi", "en")):
        outputs = {lang: _check(git_repo, *moment, "--lang", lang) for lang in (first, second, first, second)}
        assert EN_PROBLEM in outputs["en"] and VI_PROBLEM not in outputs["en"]
        assert VI_PROBLEM in outputs["vi"] and EN_PROBLEM not in outputs["vi"]


def test_init_locale_vi_writes_language_vi_and_the_repository_speaks_it(tmp_path: Path) -> None:
    assert run_okr("init", "--locale", "vi", "--as-of", "2025-08-15", cwd=tmp_path).code == 0
    assert "\nlanguage: vi\n" in (tmp_path / ".okr.yaml").read_text(encoding="utf-8")
    assert run_okr("check", "--as-of", "2025-08-15", cwd=tmp_path).out == "Không có vấn đề nào trong 1 file.\n"
    assert run_okr("init", "elsewhere", "--as-of", "2025-08-15", cwd=tmp_path).code == 0
    assert "language" not in (tmp_path / "elsewhere" / ".okr.yaml").read_text(encoding="utf-8")


SUGGESTIONS = """\
period: 2025-Q3
owner: team
objectives:
  - id: O1
    title: Ship with confidence
    key_results:
      - id: KR1
        title: Improve deployment reliability
      - id: KR2
        title: Trien khai CRM
        done: false
      - id: KR3
        title: Tang cuong trien khai CRM
        start: 10
        target: 20
"""
ENGINEERING = "'Deployments that succeed first time reach 98% (from 91%)'"
CRM = "'Tỷ lệ cơ hội bán hàng được ghi vào CRM trong ngày đạt 95% (từ 40%)'"


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_suggestions_follow_the_language_and_subject_of_the_title(tmp_path: Path, lang: str) -> None:
    write_files(tmp_path, {"2025-Q3/team.yaml": SUGGESTIONS})
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", "--lang", lang, cwd=tmp_path)
    found = {(p["line"], p["rule"]): p["message"] for p in result.json()["problems"]}  # type: ignore[index]
    expected = {
        "en": {
            (7, "measurable-kr"): "key result 'team/O1/KR1' has no target; add `target:` and `start:` for the outcome it "
            f"should reach, e.g. {ENGINEERING}, or `done: false` if it is a milestone",
            (8, "vague-wording"): f"'Improve' is vague; state the measurable outcome, e.g. {ENGINEERING}",
            (10, "kr-is-task"): "'Trien khai' makes this key result read as a task with no metric; move it to the "
            f"objective's `initiatives`, or state the outcome it should produce, e.g. {CRM}",
            (13, "vague-wording"): f"'Tang cuong' (tăng cường) is vague; state the measurable outcome, e.g. {CRM}",
        },
        "vi": {
            (7, "measurable-kr"): "KR 'team/O1/KR1' chưa có mục tiêu số; hãy thêm `target:` và `start:` cho kết quả cần đạt, "
            f"ví dụ {ENGINEERING}, hoặc `done: false` nếu đó là một mốc công việc",
            (8, "vague-wording"): f"'Improve' là cách nói chung chung; hãy nêu kết quả đo được, ví dụ {ENGINEERING}",
            (10, "kr-is-task"): "'Trien khai' khiến KR này đọc như một đầu việc không có chỉ số; hãy chuyển nó vào "
            f"`initiatives` của mục tiêu, hoặc nêu kết quả mà nó cần tạo ra, ví dụ {CRM}",
            (13, "vague-wording"): f"'Tang cuong' (tăng cường) là cách nói chung chung; hãy nêu kết quả đo được, ví dụ {CRM}",
        },
    }[lang]
    assert found == expected


def _english_words(strict: bool = False) -> set[str]:
    """Distinctive words of the English messages: in some msgid, in no Vietnamese msgstr,
    outside placeholders and `code`. `strict`: a word a msgstr holds only as a name (`code`,
    'quoted') is English too (`vague` of `vague-wording`)."""
    english: set[str] = set()
    vietnamese: set[str] = set()
    for message in catalog.read_catalog():
        if not message.id:
            continue
        for form in _forms(message.id):
            english |= set(re.findall(r"[A-Za-z]{4,}", _prose(form)))
        for form in _forms(message.string):
            vietnamese |= set(re.findall(r"[A-Za-z]{4,}", _prose(form) if strict else form))
    return {word.lower() for word in english} - {word.lower() for word in vietnamese}


def _prose(text: str) -> str:
    """`text` without its placeholders, `code`, 'quoted' names and --options, kept alike in both languages."""
    return re.sub(r"\{[^}]*\}|`[^`]*`|'[^']*'|--[a-z][a-z-]*", "", text)


VI_SHEET = """\
period: 2025-Q3
owner: kinh-doanh
objectives:
  - id: O1
    title: Tăng trưởng doanh thu 2025
    key_results:
      - id: KR1
        title: Cải thiện tỷ lệ chuyển đổi
        current: 36%
      - id: KR2
        title: Doanh thu đạt 2 tỷ
        start: 1
        target: 2
        current: 1,4
  - id: O2
    title: Khách hàng hài lòng
    key_results:
      - id: KR1
        title: Tổ chức hội thảo khách hàng
        done: false
"""


@pytest.mark.parametrize("how", ["option", "environment", "config"])
@pytest.mark.parametrize("command", [("check",), ("check", "--format", "parsable"), ("score",)])
def test_no_english_phrase_is_left_in_vietnamese_output(tmp_path: Path, how: str, command: tuple[str, ...]) -> None:
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": VI_SHEET, ".okr.yaml": "number_locale: vi\n"})
    args: tuple[str, ...] = ("--lang", "vi") if how == "option" else ()
    env = {"OKR_LANG": "vi"} if how == "environment" else {}
    if how == "config":
        (tmp_path / ".okr.yaml").write_text("number_locale: vi\nlanguage: vi\n", encoding="utf-8")
    result = run_okr(*command, "--as-of", "2025-08-15", *args, cwd=tmp_path, env=env)
    assert result.code in (0, 1), result.err
    english = _english_words()
    assert {"found", "scores"} <= english
    # rule IDs, YAML keys, refs and file paths are not prose: drop them before looking
    text = re.sub(r"\([a-z-]+\)|`[^`]*`|\b[a-z_]+:|[\w./-]+\.yaml|kinh-doanh[\w/]*|\[(error|warning)\]", " ", result.out)
    left = sorted({word for word in re.findall(r"[A-Za-z]{4,}", text) if word.lower() in english})
    assert left == [], result.out


def test_json_is_unchanged_but_for_the_messages(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": VI_SHEET, ".okr.yaml": "number_locale: vi\n"})
    for command in (("check",), ("score",)):
        en = run_okr(*command, "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path).json()
        vi = run_okr(*command, "--format", "json", "--as-of", "2025-08-15", "--lang", "vi", cwd=tmp_path).json()
        if command == ("check",):
            assert [{**p, "message": ""} for p in en["problems"]] == [{**p, "message": ""} for p in vi["problems"]]  # type: ignore[index]
            assert [p["message"] for p in en["problems"]] != [p["message"] for p in vi["problems"]]  # type: ignore[index]
            en["problems"] = vi["problems"] = []  # type: ignore[index]
        assert en == vi
