"""`okr rules` and `okr check` in Vietnamese beyond the rules' messages (SPEC 9): the rules'
documentation, YAML syntax, config and baseline messages, fixes, the machine formats' human
text, and the usage errors okr raises; JSON, SARIF and JUnit keep their structure."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import run_okr, write_files
from test_language import _english_words

from okrcli.lint.rules import RULES

AS_OF = ("--as-of", "2025-08-15")
SHEET = """\
period: 2025-Q3
owner: kinh-doanh
objectives:
  - id: O1
    title: Tăng trưởng doanh thu
    key_results:
      - id: KR1
        title: Cải thiện tỷ lệ chuyển đổi  # okr: disable=vauge-wording
        current: 36%
      - id: KR2
        title: Doanh thu đạt 2 tỷ
        start: 1
        target: 2
        current: 1,4
"""
BROKEN = "period: 2025-Q3\nowner: nhom\nobjectives:\n  - id: O1\n    title: Tăng trưởng\n     kind: committed\n"
HOW = ("option", "environment", "config")


def _repo(root: Path, how: str, config: str = "number_locale: vi\n") -> tuple[tuple[str, ...], dict[str, str]]:
    """The goals repository, and the arguments and environment that make okr speak Vietnamese."""
    if how == "config":
        config += "language: vi\n"
    write_files(root, {"2025-Q3/kinh-doanh.yaml": SHEET, "2025-Q3/hong.yaml": BROKEN, ".okr.yaml": config})
    return ("--lang", "vi") if how == "option" else (), {"OKR_LANG": "vi"} if how == "environment" else {}


def _left_in(text: str) -> list[str]:
    """The English words of okr's messages left in `text`: what is not prose (YAML examples,
    `code`, rule IDs, keys, options, paths, refs) is dropped first."""
    english = _english_words(strict=True)
    prose = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    prose = re.sub(r"(?<![\w-])(" + "|".join(sorted(RULES, key=len, reverse=True)) + r")(?![\w-])", " ", prose)
    prose = re.sub(r"`[^`]*`|'[^']*'|\b[a-z_]+[:=]|--[a-z-]+|[\w./-]+\.(yaml|json)|kinh-doanh[\w/]*|\[(error|warning)\]", " ", prose)
    return sorted({word for word in re.findall(r"[A-Za-z]{4,}", prose) if word.lower() in english})


def test_the_strict_word_list_knows_the_words_of_the_new_messages() -> None:
    assert {"found", "vague", "problems", "objectives", "indented", "recorded", "catches", "matters", "instead"} <= _english_words(strict=True)


CASES = [
    ("rules",),
    ("rules", "vague-wording"),
    ("rules", "ambiguous-number", "--format", "markdown"),
    ("rules", "--format", "markdown"),
    ("check", *AS_OF),
    ("check", *AS_OF, "--format", "parsable"),
    ("check", *AS_OF, "--format", "github"),
    ("check", *AS_OF, "--statistics"),
    ("check", *AS_OF, "--fix"),
    ("score", "Q7", *AS_OF),
    ("check", "--as-of", "2025-13-01"),
    ("check", "--format", "csv"),
    ("rules", "vage-wording"),
    ("checkin", "kinh-doanh/O1/KR9", "5", *AS_OF),
    ("check", "--baseline", "nowhere.json"),
]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("command", CASES, ids=[" ".join(c) for c in CASES])
def test_no_english_phrase_is_left_in_rules_check_and_usage_errors(tmp_path: Path, how: str, command: tuple[str, ...]) -> None:
    args, env = _repo(tmp_path, how)
    result = run_okr(*command, *args, cwd=tmp_path, env=env)
    assert result.code in (0, 1, 2), result.err
    assert result.out or result.err
    assert _left_in(result.out + result.err) == [], result.out + result.err


@pytest.mark.parametrize("how", ("environment", "config"))
def test_a_mistyped_command_is_told_in_the_language_of_the_environment_or_the_config(tmp_path: Path, how: str) -> None:
    # --lang comes after the command's name, so it is not read yet when the name is wrong
    _, env = _repo(tmp_path, how)
    result = run_okr("chek", cwd=tmp_path, env=env)
    assert (result.code, result.out, result.err) == (2, "", "okr: không có lệnh 'chek'; có phải ý bạn là 'check'?\n")
    result = run_okr("chek", "--lang", "vi", cwd=tmp_path / "2025-Q3", env=env)
    assert result.err == "okr: không có lệnh 'chek'; có phải ý bạn là 'check'?\n"


def test_a_mistyped_command_is_told_in_english_when_only_its_lang_option_says_vi(tmp_path: Path) -> None:
    result = run_okr("chek", "--lang", "vi", cwd=tmp_path)
    assert (result.code, result.err) == (2, "okr: unknown command 'chek'; did you mean 'check'?\n")


@pytest.mark.parametrize("how", HOW)
def test_a_broken_config_is_told_in_vietnamese(tmp_path: Path, how: str) -> None:
    args, env = _repo(tmp_path, how, "number_locale: vi\nstale_after_days: 0\nrules:\n  vague-wording: {wrds: [x]}\n")
    config = tmp_path / ".okr.yaml"
    result = run_okr("check", *args, cwd=tmp_path, env=env)
    assert (result.code, result.out, result.err) == (
        2, "", f"okr: {config}:2:19: 'stale_after_days': phải từ 1 trở lên (giá trị đang ghi: 0)\n")
    config.write_text(config.read_text(encoding="utf-8").replace("stale_after_days: 0\n", ""), encoding="utf-8")
    result = run_okr("check", *args, cwd=tmp_path, env=env)
    assert result.err == f"okr: {config}: quy tắc 'vague-wording' không có tùy chọn 'wrds'; các tùy chọn: level, words, allow\n"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("stale_after_days: abc\n", "'stale_after_days': phải là một số nguyên (giá trị đang ghi: \"abc\")"),
        ("exclude: 5\n", "'exclude': phải là một danh sách (giá trị đang ghi: 5)"),
        ("number_locale: fr\n", "'number_locale' phải là 'en' hoặc 'vi', giá trị đang ghi: \"fr\""),
        ("grading: {aspirational: {green: 0.5, yellow: 0.6}}\n",
         "'grading.aspirational.yellow': yellow 0.6 lớn hơn green 0.5; hãy giảm yellow hoặc tăng green (giá trị đang ghi: 0.6)"),
        ("numbr_locale: vi\n", "không có tùy chọn 'numbr_locale'; có phải ý bạn là 'number_locale'?"),
        ("- vi\n", "file cấu hình phải là một tập khóa, ví dụ `number_locale: vi`"),
    ],
)
def test_config_errors_in_vietnamese(tmp_path: Path, config: str, message: str) -> None:
    write_files(tmp_path, {".okr.yaml": config})
    result = run_okr("check", "--lang", "vi", cwd=tmp_path)
    assert result.code == 2
    assert result.err.split(": ", 2)[2] == message + "\n"


def test_check_in_vietnamese_exactly(tmp_path: Path) -> None:
    args, env = _repo(tmp_path, "config")
    result = run_okr("check", *AS_OF, "--format", "parsable", *args, cwd=tmp_path, env=env)
    assert result.out == (
        "2025-Q3/hong.yaml:6:10: [error] không được ghi giá trị khóa (': ') ở vị trí này; khóa `kind` thụt lề 5 dấu cách "
        "nhưng `title` ở dòng 5 thụt lề 4: hãy thụt lề các khóa của cùng một tập khóa bằng nhau (yaml-syntax)\n"
        "2025-Q3/kinh-doanh.yaml:7:9: [error] KR 'kinh-doanh/O1/KR1' chưa có mục tiêu số; hãy thêm `target:` và `start:` "
        "cho kết quả cần đạt, ví dụ 'Tỷ lệ khách hàng quay lại đạt 35% (từ 27%)', hoặc `done: false` nếu đó là một mốc công "
        "việc (measurable-kr)\n"
        "2025-Q3/kinh-doanh.yaml:8:16: [error] 'Cải thiện' là cách nói chung chung; hãy nêu kết quả đo được, ví dụ "
        "'Tỷ lệ chuyển đổi đạt 8,5%' (vague-wording)\n"
        "2025-Q3/kinh-doanh.yaml:8:59: [warning] quy tắc 'vauge-wording' trong chú thích không tồn tại; có phải ý bạn là "
        "'vague-wording'? (unused-suppression)\n"
    )
    summary = run_okr("check", *AS_OF, *args, cwd=tmp_path, env=env).out.splitlines()[-1]
    assert summary == "Tìm thấy 3 lỗi và 1 cảnh báo trong 2 file."


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("\ttitle: a\n", "5:1: [error] khi đọc một giá trị không có dấu nháy; gặp ký tự tab làm sai thụt lề; hãy thụt lề bằng dấu cách, "
         "không dùng tab (yaml-syntax)"),
        ('    title: "Q3\n', "5:12: [error] khi đọc một giá trị trong dấu nháy; file kết thúc bất ngờ; đoạn chữ trong dấu nháy này chưa "
         "được đóng: hãy thêm dấu nháy đóng (yaml-syntax)"),
        ("    title: Q3: grow\n", "5:14: [error] không được ghi giá trị khóa (': ') ở vị trí này; giá trị có chứa ': ' phải đặt trong "
         'dấu nháy, ví dụ title: "Q3: grow" (yaml-syntax)'),
        ("    title: a\n    title: b\n", "6:5: [error] khóa 'title' xuất hiện hai lần trong tập khóa này (lần đầu ở dòng 5); hãy giữ "
         "một (duplicate-key)"),
        ("    title: !!python/object x\n", "5:12: [error] không được dùng tag '!!python/object'; file mục tiêu chỉ dùng giá trị YAML "
         "thường, hãy bỏ tag (unsafe-yaml)"),
        ("    title: *a\n", "5:12: [error] alias '*a' không có anchor '&a' nào phía trước (yaml-syntax)"),
        ("---\n", "5:1: [error] mỗi file mục tiêu chỉ chứa một tài liệu YAML; hãy chuyển tài liệu '---' này sang file riêng (yaml-syntax)"),
        ("    title: a\n  - id: O2\n   title: b\n", "7:4: [error] khi đọc một danh sách hoặc tập khóa; không thấy dấu '-' của mục "
         "danh sách như mong đợi; khóa `title` thụt lề 3 dấu cách nhưng `id` ở dòng 6 thụt lề 4: hãy thụt lề các khóa của cùng "
         "một tập khóa bằng nhau (yaml-syntax)"),
    ],
)
def test_yaml_problems_in_vietnamese(tmp_path: Path, body: str, line: str) -> None:
    write_files(tmp_path, {"s.yaml": "period: 2025-Q3\nowner: a\nobjectives:\n  - id: O1\n" + body})
    result = run_okr("check", "--format", "parsable", "--lang", "vi", cwd=tmp_path)
    assert f"s.yaml:{line}" in result.out.splitlines(), result.out


@pytest.mark.parametrize("command", [("rules",), ("rules", "vague-wording"), ("check", *AS_OF), ("rules", "vage-wording")],
                         ids=["rules", "rule", "check", "rule name"])
def test_the_english_run_is_found_english(tmp_path: Path, command: tuple[str, ...]) -> None:
    """The check above can fail: the same commands in English leave English words."""
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": SHEET, "2025-Q3/hong.yaml": BROKEN, ".okr.yaml": "number_locale: vi\n"})
    result = run_okr(*command, cwd=tmp_path)
    assert _left_in(result.out + result.err) != []


def _human(document: object, keys: tuple[str, ...]) -> object:
    """`document` with the text under `keys` blanked: what differs between the languages."""
    if isinstance(document, dict):
        return {k: "" if k in keys and isinstance(v, str) else _human(v, keys) for k, v in document.items()}
    if isinstance(document, list):
        return [_human(item, keys) for item in document]
    return document


@pytest.mark.parametrize(
    ("command", "keys"),
    [
        (("check", *AS_OF, "--format", "json"), ("message",)),
        (("check", *AS_OF, "--format", "sarif"), ("text", "markdown")),
        (("rules", "--format", "json"), ("summary",)),
        (("rules", "unit-mismatch", "--format", "json"), ("summary", "doc")),
    ],
)
def test_json_and_sarif_keep_their_structure_but_for_human_text(tmp_path: Path, command: tuple[str, ...], keys: tuple[str, ...]) -> None:
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": SHEET, "2025-Q3/hong.yaml": BROKEN, ".okr.yaml": "number_locale: vi\n"})
    en = run_okr(*command, cwd=tmp_path).json()
    vi = run_okr(*command, "--lang", "vi", cwd=tmp_path).json()
    assert _human(en, keys) == _human(vi, keys)
    assert en != vi
    texts = re.findall(r'"(?:text|markdown|message|summary|doc)": "((?:[^"\\]|\\.)*)"', json.dumps(vi, ensure_ascii=False))
    assert texts and _left_in("\n".join(json.loads(f'"{t}"') for t in texts)) == []


def test_sarif_describes_the_rules_in_vietnamese(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/hong.yaml": BROKEN})
    sarif = run_okr("check", "--format", "sarif", "--lang", "vi", cwd=tmp_path).json()
    rule = sarif["runs"][0]["tool"]["driver"]["rules"][0]  # type: ignore[index]
    assert rule["shortDescription"] == rule["fullDescription"] == {"text": "YAML không đọc được, báo tại vị trí trình đọc YAML dừng lại."}
    assert rule["help"]["text"] == rule["help"]["markdown"]
    assert rule["help"]["text"].startswith("YAML không đọc được, báo tại vị trí trình đọc YAML dừng lại.\n\n**Quy tắc làm gì**: báo một file")
    assert rule["defaultConfiguration"] == {"level": "error"}


def test_junit_keeps_its_structure_but_for_the_messages(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": SHEET, "2025-Q3/hong.yaml": BROKEN, ".okr.yaml": "number_locale: vi\n"})

    def shape(xml: str) -> list[tuple[str, dict[str, str]]]:
        return [(e.tag, {k: v for k, v in e.attrib.items() if k != "message"}) for e in ET.fromstring(xml).iter()]

    en = run_okr("check", *AS_OF, "--format", "junit", cwd=tmp_path).out
    vi = run_okr("check", *AS_OF, "--format", "junit", "--lang", "vi", cwd=tmp_path).out
    assert shape(en) == shape(vi) and en != vi
    failures = [e for e in ET.fromstring(vi).iter("failure")]
    assert [f.get("message") for f in failures][0] == (
        "6:10: [error] không được ghi giá trị khóa (': ') ở vị trí này; khóa `kind` thụt lề 5 dấu cách nhưng `title` ở dòng 5 "
        "thụt lề 4: hãy thụt lề các khóa của cùng một tập khóa bằng nhau (yaml-syntax)"
    )
    assert _left_in("\n".join(f"{f.get('message')}\n{f.text}" for f in failures)) == []


OWN_LINE = SHEET.replace("objectives:\n", "# okr: disable=kr-is-task\nobjectives:\n")  # hides nothing, on a line with no key


@pytest.mark.parametrize(("writer", "reader"), [("en", "vi"), ("vi", "en"), ("vi", "vi")])
def test_a_baseline_serves_every_language(tmp_path: Path, writer: str, reader: str) -> None:
    """The baseline holds English messages: those of problems without a subject (a file that
    does not parse, a comment on a line of its own) match whatever language reads them."""
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": OWN_LINE, "2025-Q3/hong.yaml": BROKEN, ".okr.yaml": "number_locale: vi\n"})
    result = run_okr("check", *AS_OF, "--write-baseline", "--lang", writer, cwd=tmp_path)
    notice = {"en": "okr: recorded 5 problems in .okr-baseline.json\n", "vi": "okr: đã ghi 5 vấn đề vào .okr-baseline.json\n"}[writer]
    assert (result.code, result.out, result.err) == (0, "", notice)
    recorded = json.loads((tmp_path / ".okr-baseline.json").read_text(encoding="utf-8"))["problems"]
    assert [(p["path"], p["rule"], p["subject"]) for p in recorded if not p["subject"]] == [
        ("2025-Q3/hong.yaml", "yaml-syntax", ""), ("2025-Q3/kinh-doanh.yaml", "unused-suppression", "")]
    assert [p["message"] for p in recorded if not p["subject"]] == [
        "mapping values are not allowed in this context; the key `kind` is indented 5 spaces but `title` on line 5 is indented 4: "
        "indent the keys of one mapping equally",
        "no 'kr-is-task' problem here to suppress: remove it from the comment",
    ]
    result = run_okr("check", *AS_OF, "--baseline", "--format", "parsable", "--lang", reader, cwd=tmp_path)
    assert (result.code, result.out, result.err) == (0, "", "")
    write_files(tmp_path, {"2025-Q3/hong.yaml": BROKEN.replace("     kind", "   kind")})  # another slip there
    result = run_okr("check", *AS_OF, "--baseline", "--format", "parsable", "--lang", reader, cwd=tmp_path)
    expected = {
        "vi": "2025-Q3/hong.yaml:6:4: [error] khi đọc một danh sách hoặc tập khóa; không thấy dấu '-' của mục danh sách như mong đợi; "
        "khóa `kind` thụt lề 3 dấu cách nhưng `title` ở dòng 5 thụt lề 4: hãy thụt lề các khóa của cùng một tập khóa bằng nhau (yaml-syntax)\n",
        "en": "2025-Q3/hong.yaml:6:4: [error] while parsing a block collection; did not find expected '-' indicator; the key `kind` is "
        "indented 3 spaces but `title` on line 5 is indented 4: indent the keys of one mapping equally (yaml-syntax)\n",
    }[reader]
    assert (result.code, result.out) == (1, expected)


def test_baseline_errors_in_vietnamese(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": SHEET, "old.json": '{"version": 2, "problems": []}', "list.json": "[]"})
    expected = {
        "nowhere.json": "okr: --baseline nowhere.json: không có file này; hãy tạo bằng --write-baseline\n",
        "old.json": "okr: --baseline old.json: phiên bản 2 không phải phiên bản okr này đọc được (1); hãy ghi lại bằng --write-baseline\n",
        "list.json": 'okr: --baseline list.json: không phải file baseline của okr: cần có dạng {"version": 1, "problems": [...]}\n',
    }
    for name, message in expected.items():
        result = run_okr("check", "--baseline", name, "--lang", "vi", cwd=tmp_path)
        assert (result.code, result.err) == (2, message)
    result = run_okr("check", "--write-baseline", "2025-Q3/kinh-doanh.yaml", "--lang", "vi", cwd=tmp_path)
    assert result.err == ("okr: --write-baseline 2025-Q3/kinh-doanh.yaml: là một file YAML (file mục tiêu hoặc file cấu hình); okr không "
                          "bao giờ ghi đè lên nó: hãy chọn tên khác\n")


def test_fixes_in_vietnamese(tmp_path: Path) -> None:
    misspelt = SHEET.replace("        target: 2\n", "        taget: 2\n").replace("start: 1\n", "start: 1.000\n")
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": misspelt, ".okr.yaml": "number_locale: vi\n"})
    result = run_okr("check", *AS_OF, "--unsafe-fixes", "--diff", "--lang", "vi", cwd=tmp_path)
    assert result.code == 1
    # the did-you-mean is read from the Vietnamese message
    assert '-        start: 1.000\n-        taget: 2\n+        start: "1.000"\n+        target: 2\n' in result.out
    result = run_okr("check", *AS_OF, "--unsafe-fixes", "--lang", "vi", "--format", "parsable", cwd=tmp_path)
    assert result.err == "okr: đã sửa 3 vấn đề trong 1 file\n"
    assert "start: \"1.000\"\n        target: 2\n" in (tmp_path / "2025-Q3/kinh-doanh.yaml").read_text(encoding="utf-8")
    result = run_okr("check", *AS_OF, "--fix", "--lang", "vi", cwd=tmp_path)
    assert result.err == "okr: không có gì để sửa\n"


def test_an_unreadable_sheet_in_vietnamese(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/kinh-doanh.yaml": SHEET, ".okr.yaml": "language: vi\n"})
    (tmp_path / "2025-Q3/ngoai.yaml").symlink_to("/etc/hostname")
    result = run_okr("check", *AS_OF, "--format", "parsable", "2025-Q3/ngoai.yaml", cwd=tmp_path)
    assert result.out == (
        "2025-Q3/ngoai.yaml:1:1: [error] không đọc: đây là một symlink dẫn ra ngoài repo; okr chỉ đọc file thường nằm trong repo và "
        "không mở gì khác: hãy đặt chính file mục tiêu ở đó hoặc bỏ đường dẫn này, hoặc thêm nó vào `exclude:` trong .okr.yaml "
        "(unreadable-file)\n"
    )


@pytest.mark.parametrize(
    ("option", "vietnamese", "english"),
    [
        (("-C", "nowhere"), "-C nowhere: không có thư mục này", "-C nowhere: no such directory"),
        (("--config", "nowhere.yaml"), "--config nowhere.yaml: không có file này", "--config nowhere.yaml: no such file"),
    ],
)
def test_where_the_config_cannot_be_found_only_lang_and_okr_lang_choose_the_language(
    tmp_path: Path, option: tuple[str, str], vietnamese: str, english: str
) -> None:
    write_files(tmp_path, {".okr.yaml": "language: vi\n"})
    assert run_okr("check", *option, "--lang", "vi", cwd=tmp_path).err == f"okr: {vietnamese}\n"
    assert run_okr("check", *option, cwd=tmp_path, env={"OKR_LANG": "vi"}).err == f"okr: {vietnamese}\n"
    # the config that would say `language: vi` is the one these options fail to name
    assert run_okr("check", *option, cwd=tmp_path).err == f"okr: {english}\n"
