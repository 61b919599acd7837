"""`okr report -o`: never into git's own data; `-o -` is standard output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_okr

AS_OF = ("--as-of", "2025-08-15")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "startup-en", target)
    (target / ".git").mkdir()
    (target / ".git" / "config").write_bytes(b"[core]\n\tbare = false\n")
    (target / "link").symlink_to(target / ".git")
    return target


@pytest.mark.parametrize("output", [".git/config", ".git/new.html", "link/config", "link/x.md", ".git"])
def test_a_path_in_the_git_folder_is_refused_and_left_alone(repo: Path, output: str) -> None:
    result = run_okr("report", "Q3", "-o", output, *AS_OF, cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"okr: -o {repo / output}: is inside a .git folder, git's own data; okr report never writes there: choose another place\n"
    )
    assert (repo / ".git" / "config").read_bytes() == b"[core]\n\tbare = false\n"
    assert sorted(p.name for p in (repo / ".git").iterdir()) == ["config"]


def test_the_refusals_of_o_speak_vietnamese(repo: Path) -> None:
    (repo / "2025-Q3" / "old.yaml").write_bytes(b"x: 1\n")
    in_git = run_okr("report", "Q3", "-o", ".git/new.html", "--lang", "vi", *AS_OF, cwd=repo)
    over_yaml = run_okr("report", "Q3", "-o", "2025-Q3/old.yaml", "--lang", "vi", *AS_OF, cwd=repo)
    assert (in_git.code, in_git.err) == (2, f"okr: -o {repo / '.git/new.html'}: nằm trong thư mục .git, dữ liệu riêng của git; "
                                            "okr report không bao giờ ghi vào đó: hãy chọn chỗ khác\n")
    assert (over_yaml.code, over_yaml.err) == (2, f"okr: -o {repo / '2025-Q3/old.yaml'}: là một file YAML (file mục tiêu hoặc file "
                                                  "cấu hình); okr report không bao giờ ghi đè lên nó và đã để nguyên: hãy chọn tên khác\n")
    assert (repo / "2025-Q3" / "old.yaml").read_bytes() == b"x: 1\n"


def test_dash_writes_the_report_to_standard_output(repo: Path) -> None:
    to_stdout = run_okr("report", "Q3", "-o", "-", *AS_OF, cwd=repo)
    plain = run_okr("report", "Q3", *AS_OF, cwd=repo)
    assert (to_stdout.code, to_stdout.out) == (plain.code, plain.out)
    assert to_stdout.out.startswith("# ") and not (repo / "-").exists()
