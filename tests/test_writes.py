"""Every write replaces only a regular file or creates a new one; a sheet edit keeps the
file's owner and mode, or is refused. Real FIFOs, links, device nodes, owners and users."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import (
    EXAMPLES,
    NOBODY,
    Result,
    run_okr,
    special_file,
    unprivileged,
    write_files,
)

SHEET = (EXAMPLES / "broken/not-a-sheet/growth.yaml").read_text(encoding="utf-8")
AS_OF = ("--as-of", "2025-08-15")
EDITED = SHEET.replace(
    "        target: 30000\n",
    "        target: 30000\n        check_ins:\n          - date: 2025-08-01\n            value: 21000\n",
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_files(tmp_path / "goals", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})


def snapshot(path: Path) -> tuple[object, ...]:
    """What a path is, without following it: kind, owner, mode, link target or bytes."""
    info = os.lstat(path)
    content: object = os.readlink(path) if stat.S_ISLNK(info.st_mode) else path.read_bytes() if stat.S_ISREG(info.st_mode) else None
    return (stat.S_IFMT(info.st_mode), info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode), info.st_ino, content)


def report(repo: Path, output: str) -> Result:
    return run_okr("report", "Q3", *AS_OF, "-o", output, cwd=repo)


# --- okr report -o ----------------------------------------------------------------------------------


def test_report_refuses_anything_but_a_regular_file(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "target.html").write_text("someone's page\n", encoding="utf-8")
    os.mkfifo(repo / "fifo.html")
    (repo / "link.html").symlink_to(tmp_path / "target.html")
    (repo / "dangling.html").symlink_to(tmp_path / "nowhere.html")
    (repo / "folder.html").mkdir()
    device = special_file(repo / "device.html")
    cases = {
        "fifo.html": "a FIFO (named pipe)", "link.html": "a symlink", "dangling.html": "a symlink",
        "folder.html": "a folder", "device.html": device,
    }
    for name, what in cases.items():
        before = snapshot(repo / name)
        result = report(repo, name)
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            f"okr: -o {repo}/{name}: is {what}, not a regular file; okr writes over a regular file or creates a new one, "
            "and left it untouched: choose another path\n"
        )
        assert snapshot(repo / name) == before
    assert (tmp_path / "target.html").read_text(encoding="utf-8") == "someone's page\n"
    assert not (tmp_path / "nowhere.html").exists()
    assert sorted(p.name for p in repo.iterdir()) == sorted([".okr.yaml", "2025-Q3", *cases])  # no temporary file left


def test_report_never_writes_a_system_device(repo: Path) -> None:
    # As root, `-o /dev/full` once replaced the device node with a file.
    target = "/dev/full" if os.geteuid() == 0 else "/dev/null"
    before = snapshot(Path(target))
    result = report(repo, target)
    assert (result.code, result.err) == (
        2,
        f"okr: -o {target}: is a character device, not a regular file; okr writes over a "
        "regular file or creates a new one, and left it untouched: choose another path\n",
    )
    assert snapshot(Path(target)) == before


@pytest.mark.parametrize("name", ["2025-Q3/growth.yaml", ".okr.yaml", "notes.yml"])
def test_report_never_writes_over_a_goal_sheet_or_config(repo: Path, name: str) -> None:
    (repo / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    before = snapshot(repo / name)
    result = report(repo, name)
    assert (result.code, result.err) == (
        2,
        f"okr: -o {repo}/{name}: is a YAML file (a goal sheet or a config); okr report never writes over one and left it untouched: choose another name\n",
    )
    assert snapshot(repo / name) == before


def test_report_creates_or_replaces_a_regular_file(repo: Path) -> None:
    assert report(repo, "review.md").code == 0
    first = (repo / "review.md").read_text(encoding="utf-8")
    (repo / "review.md").write_text("old\n", encoding="utf-8")
    assert report(repo, "review.md").code == 0
    assert (repo / "review.md").read_text(encoding="utf-8") == first and first.startswith("# OKR review")


# --- okr init ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "link", "device"])
def test_init_never_writes_over_a_special_file(tmp_path: Path, kind: str) -> None:
    config = tmp_path / ".okr.yaml"
    if kind == "fifo":
        os.mkfifo(config)
    elif kind == "link":
        config.symlink_to(tmp_path / "elsewhere.yaml")
    else:
        special_file(config)
    before = snapshot(config)
    result = run_okr("init", *AS_OF, cwd=tmp_path)
    assert (result.code, result.err) == (2, "okr: .okr.yaml already exists; okr init never overwrites a file, so it wrote nothing\n")
    assert snapshot(config) == before and sorted(p.name for p in tmp_path.iterdir()) == [".okr.yaml"]


def test_init_never_writes_through_a_folder_link_out_of_dir(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals/2025-Q3").symlink_to(tmp_path / "outside")
    result = run_okr("init", "goals", *AS_OF, cwd=tmp_path)
    assert (result.code, result.out, result.err) == (2, "", "okr: goals/2025-Q3 is a link that leads out of goals; okr init writes inside it only\n")
    assert list((tmp_path / "outside").iterdir()) == [] and sorted(p.name for p in (tmp_path / "goals").iterdir()) == ["2025-Q3"]


# --- okr checkin: owner, group and mode kept, or the edit refused ------------------------------------


def checkin(repo: Path) -> Result:
    return run_okr("checkin", "growth/O1/KR1", "21000", "--date", "2025-08-01", *AS_OF, cwd=repo, env={"OKR_NO_CACHE": "1"})


def test_an_edit_keeps_owner_group_and_mode(repo: Path) -> None:
    sheet = repo / "2025-Q3/growth.yaml"
    if os.geteuid() == 0:  # root edits anyone's sheet: the sheet stays theirs
        os.chown(sheet, 12345, 23456)
    sheet.chmod(0o640)
    before = os.stat(sheet)
    result = checkin(repo)
    assert (result.code, result.err) == (0, "")
    after = os.stat(sheet)
    assert sheet.read_text(encoding="utf-8") == EDITED
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (before.st_uid, before.st_gid, 0o640)
    assert after.st_ino != before.st_ino  # replaced by a rename, not rewritten in place
    assert sorted(p.name for p in sheet.parent.iterdir()) == ["growth.yaml"]


def test_a_file_okr_may_not_write_is_refused_through_a_writable_folder(public_tmp: Path) -> None:
    # The folder lets anyone replace its files; the sheet itself is read-only. A rename would
    # take the sheet over (as root: another user's sheet); okr refuses instead.
    repo = write_files(public_tmp / "goals", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    warm = write_files(public_tmp / "warm", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    sheet = repo / "2025-Q3/growth.yaml"
    (repo / "2025-Q3").chmod(0o777)
    sheet.chmod(0o444 if os.geteuid() != 0 else 0o644)  # as root: root's sheet, run as nobody
    before = snapshot(sheet)
    result = unprivileged(lambda: checkin(repo), warm_up=lambda: checkin(warm))
    owner = os.geteuid()
    mode = "-r--r--r--" if owner != 0 else "-rw-r--r--"
    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"okr: growth.yaml: okr may not write this file (owner uid {owner}, mode {mode}); edit it as a user who may, and it was left as it was\n",
    )
    assert snapshot(sheet) == before
    assert sorted(p.name for p in sheet.parent.iterdir()) == ["growth.yaml"]


def test_an_owner_okr_cannot_keep_is_refused(public_tmp: Path) -> None:
    # As root: a sheet owned by root that nobody may write (its group is nobody's). Editing it
    # in place would keep root as its owner; a rename would hand it to nobody: refused. As any
    # other user, the sheet is the user's own, and the edit keeps it so.
    repo = write_files(public_tmp / "goals", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    warm = write_files(public_tmp / "warm", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    sheet = repo / "2025-Q3/growth.yaml"
    (repo / "2025-Q3").chmod(0o777)
    if os.geteuid() == 0:
        os.chown(sheet, 0, NOBODY)
    sheet.chmod(0o664)
    before = snapshot(sheet)
    result = unprivileged(lambda: checkin(repo), warm_up=lambda: checkin(warm))
    if os.geteuid() != 0:  # the user owns the sheet: the edit is theirs to make
        assert result.code == 0 and snapshot(sheet)[1:4] == before[1:4]
        return
    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"okr: growth.yaml: belongs to uid 0 gid {NOBODY}, and the edited file could not keep that owner; edit it as its owner, and it was left as it was\n",
    )
    assert snapshot(sheet) == before
    assert sorted(p.name for p in sheet.parent.iterdir()) == ["growth.yaml"]
