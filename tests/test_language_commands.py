"""The commands that tell the story of a quarter speak Vietnamese (SPEC 9): `okr history`,
`checkin`, `init`, `close`, `rollover`, `diff` and `due`, their notices and every refusal, with
the language from --lang, OKR_LANG or `language:` in .okr.yaml. JSON stays the same in every
language, and so do the bytes `checkin`, `close` and `rollover` write: a sheet is data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import NOBODY, Result, run_okr, unprivileged, write_files
from test_language import _english_words

from okrcli.lint.rules import RULES

SALES = """\
period: 2025-Q3
owner: kinh-doanh
objectives:
  - id: O1
    title: Tăng trưởng doanh thu bền vững
    parent: cong-ty/O9
    key_results:
      - id: KR1
        title: Doanh thu đạt 2 tỷ (từ 1 tỷ)
        start: 1
        target: 2
        current: 1,2
      - id: KR2
        title: Tỷ lệ chuyển đổi đạt 40% (từ 20%)
        start: 20%
        target: 40%
        current: 25%
  - id: O2
    title: Khách hàng hài lòng hơn
    key_results:
      - id: KR1
        title: Ra mắt cổng hỗ trợ khách hàng
        done: false
      - id: KR2
        title: Điểm NPS đạt 50 (từ 30)
        start: 30
        target: 50
kpis:
  - id: K1
    title: Doanh thu hằng tháng đạt 500 triệu
    target: ">= 500"
    actual: 450
  - id: K2
    title: Số khách hàng mới mỗi tháng
    target: ">= 100"
    readings:
      - {period: 2025-07, value: 90}
      - {period: 2025-08, value: 120}
"""
LAST_QUARTER = """\
period: 2025-Q2
owner: kinh-doanh
objectives:
  - id: O1
    title: Mở rộng thị trường miền Trung
    key_results:
      - id: KR1
        title: Số đại lý đạt 20 (từ 10)
        start: 10
        target: 20
        current: 16
      - id: KR2
        title: Doanh thu miền Trung đạt 3 tỷ (từ 1 tỷ)
        start: 1
        target: 3
        current: 2
"""
CODEOWNERS = "2025-Q3/ @ban-kinh-doanh\n!nhap/ @ai-do\n"
HOW = ("option", "environment", "config")
AS_OF = ("--as-of", "2025-08-15")


def _git(root: Path, *args: str, day: str) -> None:
    stamp = f"{day}T10:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def _quarter(root: Path, config: str = "number_locale: vi\n") -> Path:
    """A sales team's quarter in git: the sheet committed on 10 July, its revenue moved on
    1 August; last quarter closed on 2 July."""
    write_files(root, {"2025-Q3/kinh-doanh.yaml": SALES, "2025-Q2/kinh-doanh.yaml": LAST_QUARTER, ".okr.yaml": config, "CODEOWNERS": CODEOWNERS})
    assert run_okr("close", "2025-Q2", "--date", "2025-07-02", cwd=root).code == 0
    _git(root, "add", "-A", day="2025-07-10")
    _git(root, "commit", "-qm", "Quý 3", day="2025-07-10")
    sheet = root / "2025-Q3/kinh-doanh.yaml"
    sheet.write_text(SALES.replace("current: 1,2", "current: 1,5"), encoding="utf-8")
    _git(root, "commit", "-qam", "Doanh thu tháng 7", day="2025-08-01")
    return root


@pytest.fixture
def quarter(git_repo: Path) -> Path:
    return _quarter(git_repo)


def _speaking(root: Path, how: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The arguments and environment that make okr speak Vietnamese in `root`, `how`."""
    if how == "config":
        config = root / ".okr.yaml"
        config.write_text(config.read_text(encoding="utf-8") + "language: vi\n", encoding="utf-8")
        _git(root, "commit", "-qam", "Tiếng Việt", day="2025-08-02")
    return (("--lang", "vi") if how == "option" else ()), ({"OKR_LANG": "vi"} if how == "environment" else {})


def _vi(root: Path, how: str, *command: str) -> Result:
    args, env = _speaking(root, how)
    return run_okr(*command, *args, cwd=root, env=env)


# What is not prose: refs, paths and lines, options, YAML keys in backticks, commands, commit
# hashes, handles, metavars (VALUE, FROM) and rule IDs. What is left must hold no word of the
# English messages.
_NOT_PROSE = re.compile(
    r"`[^`]*`|'[^']*'|\"[^\"]*\"|--[\w-]+|okr \w+|[\w.-]*/[\w./:-]*|[\w.-]+\.ya?ml(:\d+)*|\b[0-9a-f]{7}\b|@[\w/-]+"
    r"|::\w+ [^:]*::|\b[A-Z]{2,}\b|\b[a-z_]+: |" + "|".join(sorted(RULES, key=len, reverse=True))
)


def _english_left(text: str) -> list[str]:
    english = _english_words(strict=True)
    prose = _NOT_PROSE.sub(" ", text)
    return sorted({word for word in re.findall(r"[A-Za-z]{4,}", prose) if word.lower() in english})


def test_the_filter_finds_english_when_there_is_some(quarter: Path) -> None:
    result = run_okr("due", "--format", "markdown", *AS_OF, cwd=quarter)
    assert {"never", "update", "last"} <= {word.lower() for word in _english_left(result.out + result.err)}
    assert {"ignored"} <= {word.lower() for word in _english_left(result.err)}


SUCCESS = [
    ("history", "kinh-doanh/O1/KR1", *AS_OF),
    ("history", "kinh-doanh/K2", *AS_OF),
    ("history", "kinh-doanh/O2/KR2", *AS_OF),
    ("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2025-08-10", "--note", "Chốt thêm 2 hợp đồng"),
    ("checkin", "kinh-doanh/O1/KR1", "1,4", "--date", "2025-07-20"),
    ("checkin", "kinh-doanh/K2", "130", "--date", "2025-08-12"),
    ("checkin", "kinh-doanh/O2/KR1", "done", "--date", "2025-08-12"),
    ("diff", "HEAD~1", *AS_OF),
    ("diff", "HEAD~1", "--format", "markdown", *AS_OF),
    ("diff", "HEAD", *AS_OF),
    ("due", *AS_OF),
    ("due", "--format", "markdown", *AS_OF),
    ("due", "--format", "github", *AS_OF),
    ("close", "2025-Q3", "--date", "2025-10-03"),
    ("rollover", "2025-Q3", "2025-Q4", "--dry-run"),
    ("rollover", "2025-Q3", "2025-Q4"),
    ("init", "moi", "--locale", "vi", *AS_OF),
    ("schema",),
]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("command", SUCCESS, ids=" ".join)
def test_no_english_phrase_is_left_in_what_the_commands_print(quarter: Path, how: str, command: tuple[str, ...]) -> None:
    if command[0] == "checkin" and command[1] == "kinh-doanh/O1/KR1" and command[3] == "2025-07-20":
        run_okr("checkin", "kinh-doanh/O1/KR1", "1,5", "--date", "2025-08-01", cwd=quarter)  # a later check-in: `current` stays
    result = _vi(quarter, how, *command)
    assert result.code in (0, 1), result.err
    assert _english_left(result.err if command[0] == "schema" else result.out + result.err) == [], result.out + result.err


REFUSALS = [
    ("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2099-01-01"),
    ("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2025-06-30"),
    ("checkin", "2025-Q3:kinh-doanh/O1/KR1", "1,6", "--date", "2025-10-01"),
    ("checkin", "2025-Q2:kinh-doanh/O1/KR1", "18", "--date", "2025-06-30"),
    ("checkin", "kinh-doanh/O2/KR1", "5", *AS_OF),
    ("checkin", "kinh-doanh/O1/KR1", "done", *AS_OF),
    ("checkin", "kinh-doanh/O1/KR1", "1,6", "--confidence", "3", *AS_OF),
    ("checkin", "kinh-doanh/O1/KR1", "1,6", "--note", " ", *AS_OF),
    ("checkin", "kinh-doanh/O1", "1,6", *AS_OF),
    ("checkin", "kinh-doanh/O1/KR3", "1,6", *AS_OF),
    ("checkin", "kinh-doanh", "1,6", *AS_OF),
    ("close", "2025-Q3", "--date", "2025-09-30"),
    ("close", "2025-Q3", "--date", "2099-01-01"),
    ("close", "2025-Q2", "--date", "2025-07-05"),
    ("rollover", "2025-Q3", "2025-Q2"),
    ("rollover", "2025-Q3", "2025-Q4", "--owner", "marketing"),
    ("rollover", "2025-Q2", "2025-Q3", "--owner", "kinh-doanh", "--dry-run"),
    ("init", "2025-Q3/kinh-doanh.yaml"),
    ("init", "."),
    ("history", "kinh-doanh/O1/KR1", "--at", "v9"),
    ("diff", "v9"),
]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("command", REFUSALS, ids=" ".join)
def test_no_english_phrase_is_left_in_a_refusal(quarter: Path, how: str, command: tuple[str, ...]) -> None:
    args, env = _speaking(quarter, how)
    before = {path: path.read_bytes() for path in quarter.rglob("*.yaml")}
    result = run_okr(*command, *args, cwd=quarter, env=env)
    assert (result.code, result.out) == (2, ""), result.out + result.err
    assert result.err.startswith("okr: ") and result.err.count("\n") == 1
    assert _english_left(result.err) == [], result.err
    assert {path: path.read_bytes() for path in quarter.rglob("*.yaml")} == before


@pytest.mark.parametrize("how", HOW)
def test_the_parsers_own_usage_errors_speak_vietnamese(quarter: Path, how: str) -> None:
    args, env = _speaking(quarter, how)
    typo = run_okr("score", "--formatt", "json", *args, cwd=quarter, env=env)
    assert (typo.code, typo.out) == (2, "")
    assert typo.err == ("Cách dùng: okr score [OPTIONS] [PERIOD]\nChạy 'okr score --help' để xem hướng dẫn.\n\n"
                        "Lỗi: không có tùy chọn '--formatt'; có phải ý bạn là '--at', '--format'?\n")
    missing = run_okr("checkin", *args, cwd=quarter, env=env)
    assert (missing.code, missing.err.splitlines()[-1]) == (2, "Lỗi: thiếu REF")
    extra = run_okr("checkin", "kinh-doanh/O1/KR1", "1", "2", *args, cwd=quarter, env=env)
    assert (extra.code, extra.err.splitlines()[-1]) == (2, "Lỗi: thừa đối số: 2; hãy đặt giá trị có khoảng trắng trong dấu ngoặc kép")
    no_value = run_okr("score", *args, "--as-of", cwd=quarter, env=env)
    assert (no_value.code, no_value.err) == (2, "Lỗi: tùy chọn '--as-of' cần một giá trị\n")


def test_the_parsers_usage_errors_stay_english_in_english(quarter: Path) -> None:
    typo = run_okr("score", "--formatt", "json", cwd=quarter)
    assert (typo.code, typo.err.splitlines()[-1]) == (2, "Error: No such option '--formatt'. (Did you mean one of: '--at', '--format'?)")


def _short(root: Path, ref: str) -> str:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", ref], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def test_history_in_vietnamese(quarter: Path) -> None:
    assert run_okr("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2025-08-10", cwd=quarter).code == 0
    _git(quarter, "commit", "-qam", "Cập nhật", day="2025-08-10")
    first, second = _short(quarter, "HEAD~2"), _short(quarter, "HEAD~1")
    result = run_okr("history", "kinh-doanh/O1/KR1", "--lang", "vi", *AS_OF, cwd=quarter)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "kinh-doanh/O1/KR1  ▁▆█  3 mốc số liệu, 2025-07-10 → 2025-08-10\n"
        "ngày        giá trị  chênh lệch  nguồn             commit\n"
        f"2025-07-10      1,2              git               {first}\n"
        f"2025-08-01      1,5        +0,3  git               {second}\n"
        "2025-08-10      1,6        +0,1  cập nhật tiến độ\n"
    )
    readings = run_okr("history", "kinh-doanh/K2", "--lang", "vi", *AS_OF, cwd=quarter)
    assert readings.out.splitlines()[0] == "kinh-doanh/K2  ▁█  2 số đo theo tháng, 2025-07 → 2025-08; mức đạt là trung bình của các số đo này"
    assert readings.out.splitlines()[2:] == ["2025-07       90              số đo tháng", "2025-08      120         +30  số đo tháng"]
    nothing = run_okr("history", "kinh-doanh/O2/KR2", "--lang", "vi", *AS_OF, cwd=quarter)
    assert nothing.out == "kinh-doanh/O2/KR2: chưa có lần cập nhật tiến độ nào và chưa ghi nhận giá trị nào\n"


def test_history_outside_git_and_in_a_shallow_clone_says_so_in_vietnamese(quarter: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    outside = elsewhere / "ngoai-git"
    shutil.copytree(quarter, outside, ignore=shutil.ignore_patterns(".git"))
    result = run_okr("history", "kinh-doanh/O1/KR1", "--lang", "vi", cwd=outside)
    assert result.err == "okr: không nằm trong repo git (hoặc chưa cài git): chỉ hiện các lần cập nhật tiến độ\n"
    assert result.out == (
        "kinh-doanh/O1/KR1: chưa có giá trị nào có ngày (chưa có lần cập nhật tiến độ nào, và chưa commit nào của file ghi "
        "nhận giá trị); file đang ghi 1,5, là giá trị okr score dùng\n"
    )
    clone = elsewhere / "ban-sao"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{quarter}", str(clone)], check=True)
    result = run_okr("history", "kinh-doanh/O1/KR1", "--lang", "vi", "--as-of", "2025-07-05", cwd=clone)
    assert result.err == (
        "okr: bản clone này là shallow và lịch sử của nó không đến ngày 2025-07-05: các file được đọc từ thư mục làm việc, "
        "bỏ qua các lần cập nhật tiến độ sau ngày đó; hãy chạy `git fetch --unshallow` để đọc các file như đã commit vào ngày đó\n"
    )


def test_checkin_in_vietnamese_with_its_notice(quarter: Path) -> None:
    assert run_okr("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2025-08-10", cwd=quarter).code == 0
    result = run_okr("checkin", "kinh-doanh/O1/KR1", "1,4", "--date", "2025-07-20", "--confidence", "0,8", "--lang", "vi", cwd=quarter)
    assert result.code == 0
    assert result.err == "okr: lưu ý: `current` được giữ nguyên vì lần cập nhật ngày 2025-08-10 mới hơn\n"
    assert result.out == (
        "2025-Q3/kinh-doanh.yaml: đã cập nhật tiến độ kinh-doanh/O1/KR1 ngày 2025-07-20\n"
        "kinh-doanh/O1/KR1: 0,6000 → 0,6000 (giá trị 1,6 → 1,6)\n"
    )
    (quarter / ".okr.yaml").write_text("number_locale: vi\nrules:\n  check-in-outside-period: {grace_days: 7}\n", encoding="utf-8")
    late = run_okr("checkin", "kinh-doanh/O2/KR1", "done", "--date", "2025-10-03", "--lang", "vi", cwd=quarter)
    assert late.err == "okr: lưu ý: ngày cập nhật 2025-10-03 nằm sau ngày kết thúc kỳ 2025-Q3 (2025-09-30), nhưng vẫn trong thời gian gia hạn\n"
    assert late.out.splitlines()[1] == "kinh-doanh/O2/KR1: 0,0000 → 1,0000 (chưa hoàn thành → hoàn thành)"
    too_late = run_okr("checkin", "2025-Q3:kinh-doanh/O1/KR2", "30%", "--date", "2025-10-09", "--lang", "vi", cwd=quarter)
    assert (too_late.code, too_late.err) == (2, (
        "okr: --date 2025-10-09 muộn hơn 7 ngày sau khi kỳ 2025-Q3 (2025-07-01 đến 2025-09-30) kết thúc, quá `grace_days` của "
        "quy tắc check-in-outside-period; hãy ghi vào file mục tiêu của kỳ chứa ngày đó\n"
    ))


def test_close_and_rollover_in_vietnamese(quarter: Path) -> None:
    result = run_okr("close", "2025-Q3", "--date", "2025-10-03", "--lang", "vi", cwd=quarter)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "2025-Q3/kinh-doanh.yaml: đã chốt kỳ 2025-Q3 ngày 2025-10-03\n"
        "  kinh-doanh/O1: điểm chốt 0,3750 (đỏ)\n"
        "  kinh-doanh/O2: điểm chốt 0,0000 (đỏ)\n"
        "  kinh-doanh/K1: mức đạt chốt 0,9000 (vàng)\n"
        "  kinh-doanh/K2: mức đạt chốt 1,0500 (xanh)\n"
    )
    for dry_run, verb in ((("--dry-run",), "sẽ ghi"), ((), "đã ghi")):
        result = run_okr("rollover", "2025-Q3", "2025-Q4", *dry_run, "--lang", "vi", cwd=quarter)
        assert (result.code, result.err) == (0, "")
        assert result.out == (
            f"{verb} 2025-Q4/kinh-doanh.yaml: kinh-doanh/O1, kinh-doanh/O2, kinh-doanh/K1, kinh-doanh/K2\n"
            "  đã bỏ `parent` cong-ty/O9 của kinh-doanh/O1 (không tìm thấy trong kỳ 2025-Q4)\n"
        )
    (quarter / "2025-Q1").mkdir()
    (quarter / "2025-Q1/kinh-doanh.yaml").write_text(LAST_QUARTER.replace("2025-Q2", "2025-Q1").replace("current: 16", "current: 20")
                                                     .replace("current: 2", "current: 3"), encoding="utf-8")
    result = run_okr("rollover", "2025-Q1", "2025-Q2", "--dry-run", "--lang", "vi", cwd=quarter)
    assert (result.code, result.out) == (0, "không có gì để chuyển từ kỳ 2025-Q1 sang kỳ 2025-Q2\n")


def test_diff_in_vietnamese(quarter: Path) -> None:
    base = _short(quarter, "HEAD~1")
    result = run_okr("diff", "HEAD~1", "--lang", "vi", *AS_OF, cwd=quarter)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"{base}..thư mục làm việc, tính đến 2025-08-15: 2 mục thay đổi\n"
        "~ 2025-Q3:kinh-doanh/O1  điểm 0,22 → 0,37 (+0,15) · trạng thái chậm tiến độ → có rủi ro\n"
        "~ 2025-Q3:kinh-doanh/O1/KR1  điểm 0,20 → 0,50 (+0,30) · trạng thái chậm tiến độ → đúng tiến độ · "
        "hiện tại 1,2 → 1,5\n"
    )
    result = run_okr("diff", "HEAD~1", "--format", "markdown", "--lang", "vi", *AS_OF, cwd=quarter)
    assert result.out == (
        f"**Mục tiêu, KR, KPI: 2 mục thay đổi** ({base} → thư mục làm việc, tính đến 2025-08-15)\n"
        "\n"
        "#### kinh-doanh\n"
        "\n"
        "| Mục tiêu / KR | Thay đổi | Điểm | Nội dung thay đổi |\n"
        "|---|---|---:|---|\n"
        "| 2025-Q3:kinh-doanh/O1 Tăng trưởng doanh thu bền vững | thay đổi | 0,22 → 0,37 (+0,15) | trạng thái chậm tiến độ → có rủi ro |\n"
        "| 2025-Q3:kinh-doanh/O1/KR1 Doanh thu đạt 2 tỷ (từ 1 tỷ) | thay đổi | 0,20 → 0,50 (+0,30) | "
        "trạng thái chậm tiến độ → đúng tiến độ; hiện tại 1,2 → 1,5 |\n"
    )
    (quarter / "2025-Q3/kinh-doanh.yaml").unlink()
    result = run_okr("diff", "HEAD", "--lang", "vi", *AS_OF, cwd=quarter)
    assert result.out.splitlines()[:2] == [
        f"{_short(quarter, 'HEAD')}..thư mục làm việc, tính đến 2025-08-15: 8 mục bị xóa",
        "- 2025-Q3:kinh-doanh/O1  Tăng trưởng doanh thu bền vững · điểm 0,37",
    ]
    result = run_okr("diff", "HEAD", "HEAD", "--lang", "vi", *AS_OF, cwd=quarter)
    assert result.out.endswith(": không có mục tiêu, KR hay KPI nào thay đổi\n")


def test_due_in_vietnamese(quarter: Path) -> None:
    result = run_okr("due", "--lang", "vi", *AS_OF, cwd=quarter)
    assert result.code == 1
    assert result.err == (
        "okr: CODEOWNERS:2: '!nhap/': GitHub không chấp nhận phủ định, khoảng ký tự hay ký tự thoát trong CODEOWNERS "
        "(đã bỏ qua dòng này)\n"
    )
    assert result.out == (
        "Cần cập nhật tiến độ tính đến 2025-08-15 (chưa từng cập nhật, hoặc đã quá 14 ngày chưa cập nhật)\n"
        "kinh-doanh @ban-kinh-doanh\n"
        "  2025-Q3/kinh-doanh.yaml:13  2025-Q3:kinh-doanh/O1/KR2  Tỷ lệ chuyển đổi đạt 40% (từ 20%)  "
        "(cập nhật lần cuối 2025-07-10, cách đây 36 ngày)\n"
        "  2025-Q3/kinh-doanh.yaml:21  2025-Q3:kinh-doanh/O2/KR1  Ra mắt cổng hỗ trợ khách hàng  (cập nhật lần cuối 2025-07-10, cách đây 36 ngày)\n"
        "  2025-Q3/kinh-doanh.yaml:24  2025-Q3:kinh-doanh/O2/KR2  Điểm NPS đạt 50 (từ 30)  (chưa từng cập nhật)\n"
        "  2025-Q3/kinh-doanh.yaml:29  2025-Q3:kinh-doanh/K1  Doanh thu hằng tháng đạt 500 triệu  (cập nhật lần cuối 2025-07-10, cách đây 36 ngày)\n"
        "  2025-Q3/kinh-doanh.yaml:33  2025-Q3:kinh-doanh/K2  Số khách hàng mới mỗi tháng  (cập nhật lần cuối 2025-07-31, cách đây 15 ngày)\n"
    )
    markdown = run_okr("due", "--format", "markdown", "--lang", "vi", *AS_OF, cwd=quarter).out.splitlines()
    assert markdown[:5] == [
        "### Cần cập nhật tiến độ tính đến 2025-08-15 (chưa từng cập nhật, hoặc đã quá 14 ngày chưa cập nhật)",
        "",
        "#### kinh-doanh @ban-kinh-doanh",
        "",
        "- [ ] 2025-Q3:kinh-doanh/O1/KR2 Tỷ lệ chuyển đổi đạt 40% (từ 20%): cập nhật lần cuối 2025-07-10, cách đây 36 ngày "
        "(2025-Q3/kinh-doanh.yaml:13)",
    ]
    github = run_okr("due", "--format", "github", "--lang", "vi", *AS_OF, cwd=quarter).out.splitlines()
    assert github[2] == (
        "::warning file=2025-Q3/kinh-doanh.yaml,line=24,title=okr due::2025-Q3:kinh-doanh/O2/KR2 (kinh-doanh @ban-kinh-doanh) "
        "cần cập nhật tiến độ: chưa từng cập nhật; hãy ghi: okr checkin 2025-Q3:kinh-doanh/O2/KR2 VALUE"
    )
    # --as-of reads the repository as committed at the end of that day, its config included
    (quarter / ".okr.yaml").write_text("number_locale: vi\nstale_after_days: 60\n", encoding="utf-8")
    _git(quarter, "commit", "-qam", "60 ngày", day="2025-08-14")
    result = run_okr("due", "--lang", "vi", *AS_OF, cwd=quarter)
    assert result.out.splitlines()[0] == "Cần cập nhật tiến độ tính đến 2025-08-15 (chưa từng cập nhật, hoặc đã quá 60 ngày chưa cập nhật)"
    for sheet in quarter.glob("2025-Q3/*.yaml"):
        sheet.unlink()
    _git(quarter, "add", "-A", day="2025-08-14")
    _git(quarter, "commit", "-qm", "Bỏ quý 3", day="2025-08-14")
    result = run_okr("due", "--lang", "vi", *AS_OF, cwd=quarter)
    assert (result.code, result.out) == (0, (
        "Không có gì cần cập nhật: không có kỳ nào đang diễn ra vào ngày 2025-08-15; kỳ gần nhất 2025-Q2 đã kết thúc ngày 2025-06-30\n"
    ))


def test_init_locale_vi_speaks_vietnamese_and_writes_a_vietnamese_sample(tmp_path: Path) -> None:
    result = run_okr("init", "goals", "--locale", "vi", *AS_OF, cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "Đã tạo kho mục tiêu mẫu:\n"
        "  goals/.okr.yaml\n"
        "  goals/.okr/okr-sheet.schema.json\n"
        "  goals/2025-Q3/team.yaml\n"
        "Tiếp theo: thay các mục tiêu mẫu trong goals/2025-Q3/team.yaml bằng mục tiêu của bạn, rồi chạy `okr -C goals check`.\n"
    )
    again = run_okr("init", "goals", "--locale", "vi", *AS_OF, cwd=tmp_path)
    assert (again.code, again.err) == (2, (
        "okr: goals/.okr.yaml, goals/.okr/okr-sheet.schema.json, goals/2025-Q3/team.yaml đã tồn tại; "
        "okr init không bao giờ ghi đè file nên chưa ghi gì\n"
    ))
    assert run_okr("init", "en", "--locale", "vi", "--lang", "en", *AS_OF, cwd=tmp_path).out.startswith("Wrote a sample goals repository:\n")
    assert run_okr("init", "env", "--locale", "vi", *AS_OF, cwd=tmp_path, env={"OKR_LANG": "en"}).out.startswith("Wrote a sample")
    assert run_okr("init", "plain", *AS_OF, cwd=tmp_path / "goals").out.startswith("Đã tạo kho mục tiêu mẫu:\n")  # its language: vi
    assert run_okr("init", "vi", "--lang", "vi", *AS_OF, cwd=tmp_path).out.startswith("Đã tạo kho mục tiêu mẫu:\n")
    assert "language" not in (tmp_path / "vi/.okr.yaml").read_text(encoding="utf-8")  # --lang speaks; --locale writes


def test_the_vietnamese_sample_is_written_in_vietnamese(tmp_path: Path) -> None:
    for locale in ("en", "vi"):
        assert run_okr("init", locale, "--locale", locale, *AS_OF, cwd=tmp_path).code == 0
    english, vietnamese = ((tmp_path / locale / "2025-Q3/team.yaml").read_text(encoding="utf-8") for locale in ("en", "vi"))
    prose = re.compile(r"#(?! yaml-language-server)(.*)$|\b(?:title|note): (.*)$|^ +- ([A-Z].*)$", re.MULTILINE)
    shown = ["".join(match.groups("")) for match in prose.finditer(vietnamese)]
    assert len(shown) == len(["".join(match.groups("")) for match in prose.finditer(english)]) == 20
    assert [text for text in shown if text in english or not re.search("[à-ỹĐđ]", text)] == []
    assert run_okr("check", *AS_OF, cwd=tmp_path / "vi").out == "Không có vấn đề nào trong 1 file.\n"
    assert run_okr("check", *AS_OF, cwd=tmp_path / "en").out == "No problems in 1 file.\n"


JSON = [
    ("history", "kinh-doanh/O1/KR1", "--format", "json", *AS_OF),
    ("history", "kinh-doanh/K2", "--format", "json", *AS_OF),
    ("diff", "HEAD~1", "--format", "json", *AS_OF),
    ("due", "--format", "json", *AS_OF),
]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("command", JSON, ids=" ".join)
def test_json_is_the_same_in_every_language(quarter: Path, how: str, command: tuple[str, ...]) -> None:
    args, env = _speaking(quarter, how)
    english = run_okr(*command, "--lang", "en", cwd=quarter)
    vietnamese = run_okr(*command, *args, cwd=quarter, env=env)
    assert english.out and (vietnamese.code, vietnamese.out) == (english.code, english.out)


EDITS = [
    (("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2025-08-10", "--confidence", "70%", "--note", "Chốt thêm 2 hợp đồng"),),
    (("checkin", "kinh-doanh/K1", "480", "--date", "2025-08-10"), ("checkin", "kinh-doanh/O2/KR1", "done", "--date", "2025-08-11")),
    (("close", "2025-Q3", "--date", "2025-10-03"),),
    (("rollover", "2025-Q3", "2025-Q4"),),
    (("rollover", "2025-Q3", "2025-Q4", "--all"), ("rollover", "2025-Q2", "2025-H2", "--dry-run")),
]


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


def _git_repo(root: Path) -> Path:
    """An empty git repository, as the `git_repo` fixture makes one."""
    for args in (("init", "-q", "-b", "main", "."), ("config", "user.email", "test@example.com"), ("config", "user.name", "Test"),
                 ("config", "commit.gpgsign", "false")):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    return root


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("commands", EDITS, ids=lambda commands: " + ".join(" ".join(c[:2]) for c in commands))
def test_what_the_edits_write_is_the_same_in_every_language(
    quarter: Path, tmp_path_factory: pytest.TempPathFactory, how: str, commands: tuple[tuple[str, ...], ...]
) -> None:
    vietnamese = _quarter(_git_repo(tmp_path_factory.mktemp("vi")))
    args, env = _speaking(vietnamese, how)
    before = _files(quarter)
    for command in commands:
        assert run_okr(*command, cwd=quarter).code == 0
        assert run_okr(*command, *args, cwd=vietnamese, env=env).code == 0
    written = _files(vietnamese)
    if how == "config":
        assert written.pop(".okr.yaml") == b"number_locale: vi\nlanguage: vi\n"
        written[".okr.yaml"] = b"number_locale: vi\n"
    assert written == _files(quarter) != before


# --- the edit machinery's refusals: nothing is written, and the reason is in Vietnamese ----------------

SHARED = """\
period: 2025-Q3
owner: van-hanh
objectives:
  - id: O1
    title: Vận hành ổn định
    key_results:
      - id: KR1
        title: Đơn giao đúng hạn đạt 95% (từ 80%)
        start: 80%
        target: 95%
        check_ins: &c [{date: 2025-07-14, value: 85%}]
      - id: KR2
        title: Đơn giao đủ hàng đạt 95% (từ 80%)
        start: 80%
        target: 95%
        check_ins: *c
"""


def test_an_edit_that_would_reach_another_item_is_refused_in_vietnamese(tmp_path: Path) -> None:
    write_files(tmp_path, {"2025-Q3/van-hanh.yaml": SHARED, ".okr.yaml": "number_locale: vi\nlanguage: vi\n"})
    result = run_okr("checkin", "van-hanh/O1/KR2", "90%", "--date", "2025-08-01", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "okr: 2025-Q3/van-hanh.yaml: mục này chứa một giá trị dùng chung qua anchor hoặc alias của YAML ('&c' / '*c'), nên lần "
        "sửa có thể chạm tới cả mục khác; hãy viết các giá trị ra đầy đủ, hoặc sửa tay\n"
    )
    assert (tmp_path / "2025-Q3/van-hanh.yaml").read_text(encoding="utf-8") == SHARED


def test_a_sheet_the_edit_would_break_is_refused_in_vietnamese(quarter: Path) -> None:
    sheet = quarter / "2025-Q3/kinh-doanh.yaml"
    broken = sheet.read_bytes().replace(b"current: 25%", b"current: 25%\n        current: 26%")
    sheet.write_bytes(broken)
    result = run_okr("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2025-08-10", "--lang", "vi", cwd=quarter)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("okr: 2025-Q3/kinh-doanh.yaml:18:9: ") and result.err.endswith(" (duplicate-key); hãy sửa lỗi này trước (xem `okr check`)\n")
    assert sheet.read_bytes() == broken


def test_close_names_the_sheets_left_out_in_vietnamese(quarter: Path) -> None:
    for owner in ("marketing", "san-pham"):
        (quarter / f"2025-Q3/{owner}.yaml").write_text(f"period: 2025-Q3\nowner: {owner}\nobjectives: [\n", encoding="utf-8")
    result = run_okr("close", "2025-Q3", "--date", "2025-10-03", "--lang", "vi", cwd=quarter)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("okr: 2025-Q3/marketing.yaml:4:1: ") and result.err.endswith(
        " (và 1 file mục tiêu khác); không xác định được số liệu của nó, nên kỳ 2025-Q3 chưa được chốt: hãy sửa trước (xem `okr check`)\n"
    )


def test_a_file_okr_may_not_replace_is_refused_in_vietnamese(tmp_path: Path) -> None:
    repo = write_files(tmp_path / "goals", {"2025-Q3/kinh-doanh.yaml": SALES, ".okr.yaml": "number_locale: vi\n"})
    os.mkfifo(repo / "bao-cao.html")
    result = run_okr("report", "Q3", *AS_OF, "-o", "bao-cao.html", "--lang", "vi", cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"okr: -o {repo}/bao-cao.html: là một FIFO (named pipe), không phải file thông thường; okr chỉ ghi đè một file thông "
        "thường hoặc tạo file mới, nên không động đến nó: hãy chọn đường dẫn khác\n"
    )
    (repo / "2025-Q4").symlink_to(tmp_path, target_is_directory=True)
    result = run_okr("rollover", "2025-Q3", "2025-Q4", "--lang", "vi", cwd=repo)
    assert (result.code, result.err) == (2, (
        "okr: 2025-Q4/kinh-doanh.yaml: đường dẫn đi qua một liên kết tượng trưng (symlink); okr rollover chỉ ghi vào thư mục "
        "thật bên trong kho\n"
    ))
    (repo / "2025-Q4").unlink()
    (repo / "moi").mkdir()
    (repo / "moi/2025-Q3").symlink_to(tmp_path, target_is_directory=True)
    result = run_okr("init", "moi", *AS_OF, "--lang", "vi", cwd=repo)
    assert (result.code, result.err) == (2, "okr: moi/2025-Q3 là liên kết trỏ ra ngoài moi; okr init chỉ ghi bên trong thư mục đó\n")


def test_a_sheet_okr_may_not_write_or_whose_owner_it_cannot_keep_is_refused_in_vietnamese(public_tmp: Path) -> None:
    def checkin(repo: Path) -> Result:
        return run_okr("checkin", "kinh-doanh/O1/KR1", "1,6", "--date", "2025-08-01", "--lang", "vi", cwd=repo, env={"OKR_NO_CACHE": "1"})

    files: dict[str, str | bytes] = {".okr.yaml": "number_locale: vi\n", "2025-Q3/kinh-doanh.yaml": SALES}
    warm = write_files(public_tmp / "warm", files)
    read_only = write_files(public_tmp / "read-only", files)
    sheet = read_only / "2025-Q3/kinh-doanh.yaml"
    (read_only / "2025-Q3").chmod(0o777)
    sheet.chmod(0o444 if os.geteuid() != 0 else 0o644)  # as root: root's sheet, run as nobody
    result = unprivileged(lambda: checkin(read_only), warm_up=lambda: checkin(warm))
    mode = "-r--r--r--" if os.geteuid() != 0 else "-rw-r--r--"
    assert (result.code, result.out, result.err) == (2, "", (
        f"okr: kinh-doanh.yaml: okr không có quyền ghi file này (chủ sở hữu uid {os.geteuid()}, quyền {mode}); hãy sửa bằng một "
        "tài khoản có quyền; file vẫn giữ nguyên\n"
    ))
    assert sheet.read_text(encoding="utf-8") == SALES
    if os.geteuid() != 0:  # only root can hand a sheet to another owner
        return
    shared = write_files(public_tmp / "shared", files)
    sheet = shared / "2025-Q3/kinh-doanh.yaml"
    (shared / "2025-Q3").chmod(0o777)
    os.chown(sheet, 0, NOBODY)
    sheet.chmod(0o664)
    result = unprivileged(lambda: checkin(shared), warm_up=lambda: checkin(warm))
    assert (result.code, result.out, result.err) == (2, "", (
        f"okr: kinh-doanh.yaml: thuộc về uid 0 gid {NOBODY}, và file sau khi sửa không giữ được chủ sở hữu đó; hãy sửa bằng "
        "chính tài khoản sở hữu file; file vẫn giữ nguyên\n"
    ))
    assert sheet.read_text(encoding="utf-8") == SALES
