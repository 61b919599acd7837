"""`okr rules` in Vietnamese (SPEC 9): each paragraph of a rule's documentation is a message
of the catalog, the YAML examples stay as written, and the table reads at 80 columns."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from conftest import run_okr, write_files

from okrcli.i18n import speaking
from okrcli.lint.rules import RULES
from okrcli.lint.rules.base import Rule
from okrcli.lint.rules.docs import documentation, messages, paragraphs, summary_line
from tests.terminal import lines, on_pty

DUPLICATE_KEY = """\
duplicate-key
mức: lỗi
tùy chọn: không có
sửa: bằng tay

Cùng một khóa xuất hiện hai lần trong một tập khóa.

**Quy tắc làm gì**: báo lần xuất hiện thứ hai của một khóa trong một tập khóa.

**Vì sao quan trọng**: YAML chỉ giữ giá trị cuối cùng, nên giá trị đầu bị mất mà không ai
hay: một `target` ghi hai lần nghĩa là một trong hai chưa bao giờ là chỉ tiêu thật.

**Ví dụ**:

```yaml
- id: KR1
  target: 100
  target: 120
```

**Nên viết**: chỉ giữ một:

```yaml
- id: KR1
  target: 120
```

Cấu hình trong .okr.yaml (giá trị mặc định):

  rules:
    duplicate-key: {level: error}
"""


@pytest.mark.parametrize("how", ["option", "environment", "config"])
def test_one_rule_in_vietnamese(tmp_path: Path, how: str) -> None:
    write_files(tmp_path, {".okr.yaml": "language: vi\n" if how == "config" else ""})
    args = ("--lang", "vi") if how == "option" else ()
    result = run_okr("rules", "duplicate-key", *args, cwd=tmp_path, env={"OKR_LANG": "vi"} if how == "environment" else {})
    assert (result.code, result.out, result.err) == (0, DUPLICATE_KEY, "")


def test_one_rule_as_markdown_in_vietnamese() -> None:
    out = run_okr("rules", "ambiguous-number", "--format", "markdown", "--lang", "vi").out
    assert out.startswith(
        "## `ambiguous-number`\n\nMức: lỗi (vi) / cảnh báo (en). Tùy chọn: không có. Sửa: tự động, an toàn (okr check --fix).\n\n"
        "Một số thực YAML không có dấu nháy nhưng viết như số có dấu phân cách hàng nghìn\n(`308.000`).\n\n"
    )
    assert out.endswith("```yaml\nrules:\n  ambiguous-number: enable\n```\n")


def test_the_rule_table_in_vietnamese_piped(tmp_path: Path) -> None:
    write_files(tmp_path, {".okr.yaml": "language: vi\nrules:\n  objective-number: disable\n  kpi-count: {level: error, max: 6}\n"})
    out = run_okr("rules", cwd=tmp_path).out.splitlines()
    assert out[0] == "quy tắc                  mức       tùy chọn              phát hiện gì"
    assert out[1] == "yaml-syntax              lỗi                             YAML không đọc được, báo tại vị trí trình đọc YAML dừng lại."
    assert "objective-number         tắt                             Tên mục tiêu có con số." in out
    assert ("kpi-count                lỗi       min: 3, max: 6        "
            "Một người phụ trách có KPI trong một kỳ nhưng ít hơn 3 hoặc nhiều hơn 5 KPI.") in out
    markdown = run_okr("rules", "--format", "markdown", cwd=tmp_path).out.splitlines()
    assert markdown[:3] == [
        "| quy tắc | mức | tùy chọn | phát hiện gì |",
        "|---|---|---|---|",
        "| `yaml-syntax` | lỗi | — | YAML không đọc được, báo tại vị trí trình đọc YAML dừng lại. |",
    ]
    assert markdown[RULES_INDEX["ambiguous-number"] + 2] == (
        "| `ambiguous-number` | lỗi (vi) / cảnh báo (en) | — | "
        "Một số thực YAML không có dấu nháy nhưng viết như số có dấu phân cách hàng nghìn (`308.000`). |"
    )


RULES_INDEX = {rule: index for index, rule in enumerate(RULES)}
CONFIG = "number_locale: vi\nlanguage: vi\nrules:\n  max-objectives: {max: 5, level: warning}\n  objective-number: disable\n"


def test_the_rule_table_at_80_columns_in_vietnamese(tmp_path: Path) -> None:
    write_files(tmp_path, {".okr.yaml": CONFIG})
    code, out = on_pty(tmp_path, 80, "rules")
    assert code == 0
    shown = lines(out)
    assert shown[:4] == [
        "quy tắc                  mức       phát hiện gì",
        "─" * 80,
        "yaml-syntax              lỗi       YAML không đọc được, báo tại vị trí trình đọc",
        "                                   YAML dừng lại.",
    ]
    at = shown.index("max-objectives           cảnh báo  Hơn 3 mục tiêu cho một người phụ trách trong")
    assert shown[at + 1:at + 3] == ["                                   một kỳ.", "                                   max: 5"]
    assert "objective-number         tắt       Tên mục tiêu có con số." in shown
    assert "ambiguous-number         lỗi       Một số thực YAML không có dấu nháy nhưng viết" in shown
    assert [line.split()[0] for line in shown[2:] if line and not line.startswith(" ")] == list(RULES)
    assert max(len(line) for line in shown) <= 80


def test_the_rule_table_at_200_columns_in_vietnamese(tmp_path: Path) -> None:
    write_files(tmp_path, {".okr.yaml": CONFIG})
    code, out = on_pty(tmp_path, 200, "rules")
    assert code == 0
    shown = lines(out)
    assert shown[2:4] == [
        "yaml-syntax              lỗi       YAML không đọc được, báo tại vị trí trình đọc YAML dừng lại.",
        "duplicate-key            lỗi       Cùng một khóa xuất hiện hai lần trong một tập khóa.",
    ]
    rows = [line for line in shown[2:] if line and not line.startswith(" ")]
    assert [line.split()[0] for line in rows] == list(RULES)  # a row each: every description fits on its line
    assert "max-objectives           cảnh báo  Hơn 3 mục tiêu cho một người phụ trách trong một kỳ." in rows


@pytest.mark.parametrize("module", RULES.values(), ids=list(RULES))
def test_the_documentation_in_english_is_the_docstring(module: Rule) -> None:
    assert documentation(module) == inspect.cleandoc(module.__doc__ or "")
    assert summary_line(module) == inspect.cleandoc(module.__doc__ or "").splitlines()[0]


@pytest.mark.parametrize("module", RULES.values(), ids=list(RULES))
def test_the_documentation_in_vietnamese_keeps_every_example_and_translates_every_paragraph(module: Rule) -> None:
    doc = inspect.cleandoc(module.__doc__ or "")
    blocks = list(paragraphs(doc))
    assert "\n\n".join(b.text for b in blocks) == doc  # the blocks are the whole docstring, in order
    assert "\n" not in blocks[0].text, "the summary (the table's line) is the first paragraph: one line"
    with speaking("vi"):
        translated = documentation(module)
    parts = translated.split("\n\n")
    code = [b.text for b in blocks if b.code]
    assert code and all(block in translated for block in code)
    assert translated.count("```") == doc.count("```")
    english = [b.body for b in blocks if not b.code and b.body]
    assert [message for message, _ in messages(module)] == english
    assert not any(message in translated for message in english if len(message) > 20)
    labels = ["**Quy tắc làm gì**", "**Vì sao quan trọng**", "**Ví dụ**", "**Nên viết**"]
    assert [label for label in labels if any(part.startswith(label) for part in parts)] == labels
