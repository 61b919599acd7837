"""Paths that are not regular files inside the repository: never opened, never followed out,
never written through. Real symlinks, FIFOs, device nodes and permissions; as root, the
permission cases run in a child process that has given up root for `nobody`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES, Result, run_okr, special_file, unprivileged, write_files

from okrcli.repo.root import Unreadable, read_capped

SHEET = (EXAMPLES / "broken/not-a-sheet/growth.yaml").read_text(encoding="utf-8")
SECRET = "password: hunter2-do-not-print\n"
NOT_READ = (
    "not read: it is {}; okr reads only regular files inside the repository and opens nothing else: "
    "put the sheet itself there or remove the path, or list it under `exclude:` in .okr.yaml"
)
DENIED = "not read: it is {}; give the user running okr read access, or list it under `exclude:` in .okr.yaml"
READING = [
    ["check", "--format", "parsable"],
    ["score", "Q3", "--format", "json"],
    ["scorecard", "growth", "Q3"],
    ["tree", "Q3"],
    ["report", "Q3", "--format", "html"],
    ["history", "growth/O1/KR1"],
]


def line(path: str, message: str) -> str:
    return f"{path}:1:1: [error] {message} (unreadable-file)\n"


def check(root: Path, *args: str) -> Result:
    return run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", *args, cwd=root, env={"OKR_NO_CACHE": "1"})


def check_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """In a process of its own, so that a path that blocks (a FIFO) fails the test instead of
    hanging it."""
    command = [sys.executable, "-m", "okrcli", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120, env={**os.environ, "OKR_NO_CACHE": "1"})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_files(tmp_path / "goals", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    return root


# --- okr check reports every kind, at 1:1, and reads none of them ----------------------------------


def test_each_kind_of_path_is_reported_and_never_opened(repo: Path, tmp_path: Path) -> None:
    folder = repo / "2025-Q3"
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "ping.yaml").symlink_to("pong.yaml")
    (folder / "pong.yaml").symlink_to("ping.yaml")
    (folder / "gone.yaml").symlink_to("drafts/gone.yaml")
    (folder / "out.yaml").symlink_to(tmp_path / "secret.yaml")
    (folder / "up.yml").symlink_to("../../secret.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "git.yaml").symlink_to("../.git/config")
    (repo / ".git").mkdir()
    (repo / ".git/config").write_text(SECRET, encoding="utf-8")
    (folder / "to-folder.yaml").symlink_to("../2025-Q3")
    os.mkfifo(folder / "fifo.yaml")
    device = special_file(folder / "device.yaml")
    expected = (
        line("2025-Q3/device.yaml", NOT_READ.format(device))
        + line("2025-Q3/fifo.yaml", NOT_READ.format("a FIFO (named pipe)"))
        + line("2025-Q3/git.yaml", NOT_READ.format("a symlink into a dot folder or to a dot file, which okr never reads as a sheet"))
        + line("2025-Q3/gone.yaml", NOT_READ.format("a symlink to a file that does not exist"))
        + line("2025-Q3/loop.yaml", NOT_READ.format("a symlink in a loop"))
        + line("2025-Q3/out.yaml", NOT_READ.format("a symlink that leads out of the repository"))
        + line("2025-Q3/ping.yaml", NOT_READ.format("a symlink in a loop"))
        + line("2025-Q3/pong.yaml", NOT_READ.format("a symlink in a loop"))
        + line("2025-Q3/to-folder.yaml", NOT_READ.format("a folder"))
        + line("2025-Q3/up.yml", NOT_READ.format("a symlink that leads out of the repository"))
        + line("2025-Q3/zero.yaml", NOT_READ.format("a symlink that leads out of the repository"))
    )
    done = check_process(repo, "check", "--format", "parsable", "--as-of", "2025-08-15")
    assert (done.returncode, done.stdout, done.stderr) == (1, expected, "")
    assert check(repo).out == expected  # in-process too, and with the cache:
    assert run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=repo).out == expected
    assert run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=repo).out == expected


def test_every_reading_command_answers_and_prints_nothing_from_outside(repo: Path, tmp_path: Path) -> None:
    folder = repo / "2025-Q3"
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "out.yaml").symlink_to(tmp_path / "secret.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.yaml")
    special_file(folder / "device.yaml")
    for command in READING:
        done = check_process(repo, *command, "--as-of", "2025-08-15")
        assert done.returncode in (0, 1), (command, done.stderr)
        assert "hunter2" not in done.stdout + done.stderr and "Traceback" not in done.stderr
    score = check_process(repo, "score", "Q3", "--as-of", "2025-08-15")
    device = "a character device" if os.geteuid() == 0 else "a socket"
    assert score.stderr == "".join(
        f"okr: left out of the scores: 2025-Q3/{name}:1:1: {NOT_READ.format(what)} (unreadable-file)\n"
        for name, what in (
            ("device.yaml", device), ("fifo.yaml", "a FIFO (named pipe)"), ("loop.yaml", "a symlink in a loop"),
            ("out.yaml", "a symlink that leads out of the repository"), ("zero.yaml", "a symlink that leads out of the repository"),
        )
    )
    assert "growth/O1/KR1" in score.stdout


def test_a_link_to_a_sheet_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "2025-Q3/growth.yaml").rename(repo / "2025-Q3/real.yaml")
    (repo / "2025-Q3/growth.yaml").symlink_to("real.yaml")
    (repo / "shared").mkdir()
    (repo / "shared/team.yaml").write_text(SHEET.replace("owner: growth", "owner: team"), encoding="utf-8")
    (repo / "2025-Q3/team.yaml").symlink_to("../shared/team.yaml")
    result = check(repo)
    assert result.code == 1 and "(unreadable-file)" not in result.out
    assert result.out.count("(duplicate-id)") == 2  # each sheet is read twice: by its name and its link


def test_files_named_on_the_command_line(repo: Path) -> None:
    (repo / "2025-Q3/loop.yaml").symlink_to("loop.yaml")
    os.mkfifo(repo / "2025-Q3/fifo.yaml")
    expected = line("2025-Q3/loop.yaml", NOT_READ.format("a symlink in a loop"))
    assert (check(repo, "2025-Q3/loop.yaml").code, check(repo, "2025-Q3/loop.yaml").out) == (1, expected)
    fifo = line("2025-Q3/fifo.yaml", NOT_READ.format("a FIFO (named pipe)"))
    assert check(repo, "2025-Q3").out == fifo + expected


def test_a_folder_on_the_way_that_became_a_link_is_not_followed(repo: Path, tmp_path: Path) -> None:
    # What `list_sheets` lists has no link on the way; should a folder be swapped for a link
    # between listing and reading, the descriptor walk refuses to follow it.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "growth.yaml").write_text(SECRET, encoding="utf-8")
    (repo / "swapped").symlink_to(outside)
    with pytest.raises(Unreadable) as caught:
        read_capped(repo, "swapped/growth.yaml")
    assert caught.value.what == "a path that changed while okr read it: a folder on the way is now a link or a file"
    assert read_capped(repo, "2025-Q3/growth.yaml") == SHEET.encode()


def test_unreadable_files_and_folders(public_tmp: Path) -> None:
    repo = write_files(public_tmp / "goals", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    write_files(repo, {"2025-Q3/private.yaml": SHEET.replace("growth", "private"), "locked/team.yaml": SHEET.replace("growth", "team")})
    (repo / "2025-Q3/private.yaml").chmod(0o000)
    (repo / "locked").chmod(0o000)
    (repo / "2025-Q3/listed-only").mkdir()
    (repo / "2025-Q3/listed-only/kpis.yaml").write_text(SHEET.replace("growth", "kpis"), encoding="utf-8")
    (repo / "2025-Q3/listed-only").chmod(0o444)  # its names can be listed, its files not opened
    expected = (
        line("2025-Q3/listed-only/kpis.yaml", DENIED.format("a file okr may not read (permission denied)"))
        + line("2025-Q3/private.yaml", DENIED.format("a file okr may not read (permission denied)"))
        + line("locked", DENIED.format("a folder okr may not read (permission denied), so its sheets are not checked"))
    )
    result = unprivileged(lambda: check(repo))
    assert (result.code, result.out, result.err) == (1, expected, "")
    score = unprivileged(lambda: run_okr("score", "Q3", "--as-of", "2025-08-15", cwd=repo, env={"OKR_NO_CACHE": "1"}))
    assert (score.code, score.err) == (
        1,
        "".join(f"okr: left out of the scores: {problem}" for problem in expected.replace(": [error] ", ": ").splitlines(keepends=True)),
    )


# --- the config: a usage error naming the file, never a hang --------------------------------------


def config_cases(repo: Path, tmp_path: Path) -> Iterator[str]:
    """Make `.okr.yaml` each hostile kind in turn; yield what okr must call it."""
    config = repo / ".okr.yaml"
    config.unlink()
    os.mkfifo(config)
    yield "a FIFO (named pipe)"
    config.unlink()
    yield special_file(config)
    config.unlink()
    config.symlink_to("/dev/zero")
    yield "a symlink that leads out of the repository"
    config.unlink()
    config.symlink_to(tmp_path / "secret.yaml")
    yield "a symlink that leads out of the repository"
    config.unlink()
    config.symlink_to(".okr.yaml")
    yield "a symlink in a loop"
    config.unlink()
    config.mkdir()
    yield "a folder"


def test_a_hostile_config_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    advice = "okr reads a config only from a regular file, never through a link out of the repository"
    for what in config_cases(repo, tmp_path):
        for command in READING + [["checkin", "growth/O1/KR1", "21000", "--date", "2025-08-01"]]:
            done = check_process(repo, *command, "--as-of", "2025-08-15")
            assert (done.returncode, done.stdout) == (2, ""), (what, command)
            assert done.stderr == f"okr: {repo}/.okr.yaml: cannot read the config: it is {what}; {advice}\n", (what, command)
    assert (repo / "2025-Q3/growth.yaml").read_text(encoding="utf-8") == SHEET


def test_a_hostile_config_file_option_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    advice = "okr reads a config only from a regular file, never through a link out of the repository"
    os.mkfifo(repo / "fifo.cfg")
    (repo / "zero.cfg").symlink_to("/dev/zero")
    (repo / "out.cfg").symlink_to(tmp_path / "secret.yaml")
    device = special_file(repo / "device.cfg")
    (repo / "linked").symlink_to(tmp_path)  # a folder of the repository that leads out of it
    for name, what in (
        ("fifo.cfg", "a FIFO (named pipe)"),
        ("zero.cfg", "a symlink that leads out of the repository"),
        ("linked/secret.yaml", "a symlink that leads out of the repository"),
        ("out.cfg", "a symlink that leads out of the repository"),
        ("device.cfg", device),
        ("/dev/zero", "a character device"),
    ):
        for command in (READING[0], READING[1]):
            done = check_process(repo, *command, "--config", name, "--as-of", "2025-08-15")
            shown = name if name.startswith("/") else f"{repo}/{name}"
            assert (done.returncode, done.stdout, done.stderr) == (2, "", f"okr: {shown}: cannot read the config: it is {what}; {advice}\n")
    # a regular file outside the repository, named by the user, is theirs to choose
    (tmp_path / "shared.yaml").write_text("number_locale: en\n", encoding="utf-8")
    assert check(repo, "--config", str(tmp_path / "shared.yaml")).code == 0


def test_an_unreadable_config_is_a_usage_error(public_tmp: Path) -> None:
    repo = write_files(public_tmp / "goals", {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": SHEET})
    (repo / ".okr.yaml").chmod(0o000)
    result = unprivileged(lambda: check(repo))
    message = f"okr: {repo}/.okr.yaml: cannot read the config: it is a file okr may not read (permission denied); give the user running okr read access\n"
    assert (result.code, result.out, result.err) == (2, "", message)


def test_a_huge_config_is_refused_without_reading_it_all(repo: Path) -> None:
    with open(repo / ".okr.yaml", "wb") as out:
        out.truncate(3 * 1024 * 1024)
    result = check(repo)
    assert (result.code, result.err) == (2, f"okr: {repo}/.okr.yaml: the config is larger than the 2,097,152-byte limit; a config needs a few lines\n")
