"""The repository at a moment: which commit `--as-of D` and `--at REF` read, and the sheets
of that commit, read as the working tree reads them. Real git repositories, dated commits."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import write_files

from okrcli.errors import UsageError
from okrcli.repo.moment import AsOfSource, Moment, as_of_source, end_of_day, git_facts, resolve_ref
from okrcli.repo.root import CONFIG_NAME, MAX_BYTES, Unreadable, list_sheets, read_config
from okrcli.repo.snapshot import Snapshot, read_snapshot
from okrcli.repo.workspace import read_all

SHEET = "period: 2025-Q3\nowner: {owner}\nobjectives: []\n"


def commit(repo: Path, when: str, message: str = "change") -> str:
    """Commit everything with author and committer date `when` (ISO 8601 with its zone)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "--allow-empty", "-m", message], check=True, env=env)
    return head(repo)


def head(repo: Path, ref: str = "HEAD") -> str:
    return subprocess.run(["git", "-C", str(repo), "rev-parse", ref], check=True, capture_output=True, text=True).stdout.strip()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def shown(contents: dict[str, bytes | Unreadable]) -> dict[str, bytes | str]:
    return {path: raw if isinstance(raw, bytes) else f"unreadable: {raw.what}" for path, raw in contents.items()}


def snapshot(root: Path, ref: str = "HEAD") -> Snapshot:
    facts = git_facts(root)
    assert facts is not None
    return read_snapshot(root, facts.prefix, resolve_ref(root, ref))


# --- the end of a day ------------------------------------------------------------------------


def test_the_end_of_a_day_is_on_the_committers_calendar(git_repo: Path) -> None:
    late = commit(git_repo, "2025-08-15T23:30:00+07:00")  # 16:30 UTC on the 15th
    early = commit(git_repo, "2025-08-16T00:30:00+07:00")  # 17:30 UTC on the 15th: the 16th in Hanoi
    assert end_of_day(git_repo, day("2025-08-14")) is None
    assert end_of_day(git_repo, day("2025-08-15")) == Moment(late, late[:7], day("2025-08-15"))
    assert end_of_day(git_repo, day("2025-08-16")) == Moment(early, early[:7], day("2025-08-16"))
    assert end_of_day(git_repo, day("2026-01-01")) == Moment(early, early[:7], day("2025-08-16"))


def test_a_commit_west_of_greenwich_counts_on_its_own_day(git_repo: Path) -> None:
    first = commit(git_repo, "2025-08-15T09:00:00+07:00")
    west = commit(git_repo, "2025-08-15T20:00:00-05:00")  # 01:00 UTC on the 16th, still the 15th in Bogotá
    commit(git_repo, "2025-08-17T10:00:00+00:00")
    assert end_of_day(git_repo, day("2025-08-15")) == Moment(west, west[:7], day("2025-08-15"))
    assert end_of_day(git_repo, day("2025-08-14")) is None
    assert first != west


def test_a_side_branch_counts_from_its_merge(git_repo: Path) -> None:
    base = commit(git_repo, "2025-08-01T10:00:00+00:00")
    subprocess.run(["git", "-C", str(git_repo), "checkout", "-q", "-b", "side"], check=True)
    side = commit(git_repo, "2025-08-05T10:00:00+00:00", "side work")
    subprocess.run(["git", "-C", str(git_repo), "checkout", "-q", "main"], check=True)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2025-08-20T10:00:00+00:00", "GIT_COMMITTER_DATE": "2025-08-20T10:00:00+00:00"}
    subprocess.run(["git", "-C", str(git_repo), "merge", "-q", "--no-ff", "-m", "merge", "side"], check=True, env=env)
    assert end_of_day(git_repo, day("2025-08-10")) == Moment(base, base[:7], day("2025-08-01"))
    assert end_of_day(git_repo, day("2025-08-20")) == Moment(head(git_repo), head(git_repo)[:7], day("2025-08-20"))
    assert side != base


def test_a_commit_dated_before_its_parent_stops_the_walk(git_repo: Path) -> None:
    commit(git_repo, "2025-08-10T10:00:00+00:00")
    skewed = commit(git_repo, "2025-08-01T10:00:00+00:00")  # a clock set wrong
    assert end_of_day(git_repo, day("2025-08-05")) == Moment(skewed, skewed[:7], day("2025-08-01"))
    assert end_of_day(git_repo, day("2025-08-12")) == Moment(skewed, skewed[:7], day("2025-08-01"))


def test_the_source_of_an_as_of_date(git_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    write_files(git_repo, {"a.yaml": SHEET.format(owner="a")})
    first = commit(git_repo, "2025-08-01T10:00:00+00:00")
    commit(git_repo, "2025-08-20T10:00:00+00:00")
    today = day("2025-09-01")
    assert as_of_source(git_repo, day("2025-08-10"), today) == AsOfSource(Moment(first, first[:7], day("2025-08-01")))
    assert as_of_source(git_repo, today, today) == AsOfSource(None)  # today: the working tree
    assert as_of_source(git_repo, day("2025-09-05"), today) == AsOfSource(None)
    assert as_of_source(git_repo, day("2025-07-01"), today) == AsOfSource(None)  # before the first commit: nothing committed
    outside = tmp_path_factory.mktemp("plain")
    assert as_of_source(outside, day("2025-08-10"), today) == AsOfSource(None, outside_git=True)  # the working tree, by the value rule
    assert as_of_source(outside, today, today) == AsOfSource(None)
    assert (git_facts(outside), end_of_day(outside, day("2025-08-10"))) == (None, None)


def test_a_shallow_clone_that_does_not_reach_the_day_says_so(git_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    write_files(git_repo, {"a.yaml": SHEET.format(owner="a")})
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    last = commit(git_repo, "2025-08-20T10:00:00+00:00")
    clone = tmp_path_factory.mktemp("clone") / "goals"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{git_repo}", str(clone)], check=True)
    today = day("2025-09-01")
    assert git_facts(clone) == (("", True))
    assert as_of_source(clone, day("2025-08-25"), today) == AsOfSource(Moment(last, last[:7], day("2025-08-20")))
    assert as_of_source(clone, day("2025-08-10"), today) == AsOfSource(None, (
        "this clone is shallow and its history does not reach 2025-08-10: the sheets are read from the working tree, "
        "with check-ins after that day left out; run `git fetch --unshallow` for the sheets as committed then"
    ))


# --- --at REF --------------------------------------------------------------------------------


def test_refs_name_commits(git_repo: Path) -> None:
    first = commit(git_repo, "2025-08-01T10:00:00+07:00")
    subprocess.run(["git", "-C", str(git_repo), "tag", "-a", "-m", "review", "review-1"], check=True)
    second = commit(git_repo, "2025-08-20T23:59:00-03:00")
    subprocess.run(["git", "-C", str(git_repo), "branch", "feature/x", first], check=True)
    expected = {
        "HEAD": second, "main": second, "HEAD~1": first, "review-1": first, "feature/x": first,
        first[:10]: first, second: second, "main@{0}": second,
    }
    assert {ref: resolve_ref(git_repo, ref).commit for ref in expected} == expected
    assert resolve_ref(git_repo, "HEAD") == Moment(second, second[:7], day("2025-08-20"))


HOSTILE = ["--upload-pack=touch pwned", "-x", "--output=pwned", "-", "", "HEAD~999", "no such", "a\nb", "x\x1b[31m", "HEAD:a.yaml", "HEAD..main"]


@pytest.mark.parametrize("ref", HOSTILE)
def test_an_unknown_or_hostile_ref_is_one_usage_error(git_repo: Path, ref: str) -> None:
    write_files(git_repo, {"a.yaml": SHEET.format(owner="a")})
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    with pytest.raises(UsageError) as raised:
        resolve_ref(git_repo, ref)
    assert str(raised.value) == f"unknown git ref '{ref}': no tag, branch or commit of that name; see `git tag`, `git branch` or `git log`"
    assert raised.value.exit_code == 2
    assert sorted(p.name for p in git_repo.iterdir()) == [".git", "a.yaml"]


def test_hostile_refs_never_reach_git_as_options(git_repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    log = shim_git(tmp_path_factory.mktemp("bin"), monkeypatch)
    for ref in HOSTILE:
        with pytest.raises(UsageError):
            resolve_ref(git_repo, ref)
    # git -C ROOT COMMAND ARGS…: rev-parse runs only with its own options, and every ref that
    # reaches it is a revision ending in ^{commit}; for-each-ref lists the branches and tags
    # for "did you mean", the ref never among its arguments.
    arguments = [line.split("\0")[2:-1] for line in log.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert {a[0] for a in arguments} == {"rev-parse", "for-each-ref"}
    assert {tuple(a) for a in arguments if a[0] == "for-each-ref"} == {("for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags")}
    assert {x for a in arguments if a[0] == "rev-parse" for x in a[1:] if x.startswith("-")} == {
        "--show-prefix", "--is-shallow-repository", "--verify", "--quiet"}
    assert [a[-1] for a in arguments if "--verify" in a] == [
        "HEAD~999^{commit}", "no such^{commit}", "HEAD:a.yaml^{commit}", "HEAD..main^{commit}",
    ]


def test_at_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        resolve_ref(tmp_path, "main")
    assert str(raised.value) == f"--at main: {tmp_path} is not in a git repository (or git is not installed), so there is no ref to read"


def shim_git(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `git` first on the PATH that logs its arguments (NUL-separated, one run a line) and
    runs the real git."""
    real = subprocess.run(["sh", "-c", "command -v git"], check=True, capture_output=True, text=True).stdout.strip()
    log = folder / "git.log"
    script = folder / "git"
    script.write_text(f'#!/bin/sh\nprintf "%s\\0" "$@" | tr "\\n" " " >> "{log}"\nprintf "\\n" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    log.touch()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


# --- the sheets of a commit --------------------------------------------------------------------


TREE = {
    "2025-Q3/company.yaml": SHEET.format(owner="company"),
    "2025-Q3/marketing/lan.yml": SHEET.format(owner="lan"),
    "2025-Q3/sales.yaml": SHEET.format(owner="sales"),
    "drafts/idea.yaml": SHEET.format(owner="idea"),
    "old/2024/drafts/x.yaml": SHEET.format(owner="x"),
    ".github/workflows/ci.yaml": "on: push\n",
    ".pre-commit-config.yaml": "repos: []\n",
    "notes.txt": "period: 2025-Q3\nowner: notes\n",
    "README.md": "# goals\n",
    "odd name\nwith a line break.yaml": SHEET.format(owner="odd"),
    "không dấu/đội.yaml": SHEET.format(owner="doi"),
    CONFIG_NAME: 'exclude: ["drafts/**"]\n',
}
LINKS = {
    "link.yaml": "2025-Q3/sales.yaml",  # inside: read
    "chain.yaml": "link.yaml",  # a link to a link: read
    "text.yaml": "notes.txt",  # to a file that is not YAML: read
    "out.yaml": "../{name}-outside.yaml",  # out of the root (a real file there)
    "dangling.yaml": "2025-Q3/nothing.yaml",
    "loop-a.yaml": "loop-b.yaml",
    "loop-b.yaml": "loop-a.yaml",
    "folder.yaml": "2025-Q3",
    "hidden.yaml": ".github/workflows/ci.yaml",
    "self.yaml": ".",
    "through.yaml": "2025-Q3/sales.yaml/x",
    "via-folder-link.yaml": "q3/company.yaml",
    "q3": "2025-Q3",
}


def build(root: Path) -> None:
    write_files(root, dict(TREE))
    (root / "2025-Q3" / "run.yaml").write_text(SHEET.format(owner="run"), encoding="utf-8")
    (root / "2025-Q3" / "run.yaml").chmod(0o755)
    (root.parent / f"{root.name}-outside.yaml").write_text(SHEET.format(owner="outside"), encoding="utf-8")
    for name, target in LINKS.items():
        (root / name).symlink_to(target.format(name=root.name))
    (root / "absolute.yaml").symlink_to(root / "2025-Q3" / "company.yaml")


@pytest.mark.parametrize("exclude", [[], ["drafts/**"], ["**/drafts/**", "*.yml"], ["2025-Q3"]])
def test_a_commit_reads_as_the_working_tree_it_was(git_repo: Path, exclude: list[str]) -> None:
    build(git_repo)
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    taken = snapshot(git_repo)
    assert shown(taken.contents(exclude)) == shown(read_all(git_repo, list_sheets(git_repo, exclude)))
    assert taken.config == read_config(git_repo / CONFIG_NAME, git_repo) == b'exclude: ["drafts/**"]\n'


def test_what_a_commit_reads(git_repo: Path) -> None:
    build(git_repo)
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    found = shown(snapshot(git_repo).contents(["drafts/**"]))
    sheet = SHEET.format
    assert found == {
        "2025-Q3/company.yaml": sheet(owner="company").encode(),
        "2025-Q3/marketing/lan.yml": sheet(owner="lan").encode(),
        "2025-Q3/run.yaml": sheet(owner="run").encode(),
        "2025-Q3/sales.yaml": sheet(owner="sales").encode(),
        "absolute.yaml": sheet(owner="company").encode(),
        "chain.yaml": sheet(owner="sales").encode(),
        "dangling.yaml": "unreadable: a symlink to a file that does not exist",
        "folder.yaml": "unreadable: a folder",
        "hidden.yaml": "unreadable: a symlink into a dot folder or to a dot file, which okr never reads as a sheet",
        "không dấu/đội.yaml": sheet(owner="doi").encode(),
        "link.yaml": sheet(owner="sales").encode(),
        "loop-a.yaml": "unreadable: a symlink in a loop",
        "loop-b.yaml": "unreadable: a symlink in a loop",
        "odd name\nwith a line break.yaml": sheet(owner="odd").encode(),
        "old/2024/drafts/x.yaml": sheet(owner="x").encode(),
        "out.yaml": "unreadable: a symlink that leads out of the repository",
        "self.yaml": "unreadable: a symlink that leads out of the repository",
        "text.yaml": b"period: 2025-Q3\nowner: notes\n",
        "through.yaml": "unreadable: a symlink to a file that does not exist",
        "via-folder-link.yaml": sheet(owner="company").encode(),
    }


def test_a_root_below_the_top_of_the_repository(git_repo: Path) -> None:
    write_files(git_repo, {
        "goals/.okr.yaml": "number_locale: vi\n", "goals/2025-Q3/a.yaml": SHEET.format(owner="a"),
        "src/config.yaml": "not: goals\n", "top.yaml": SHEET.format(owner="top"),
    })
    (git_repo / "goals" / "up.yaml").symlink_to("../top.yaml")
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    root = git_repo / "goals"
    taken = snapshot(root)
    assert shown(taken.contents([])) == shown(read_all(root, list_sheets(root, []))) == {
        "2025-Q3/a.yaml": SHEET.format(owner="a").encode(),
        "up.yaml": "unreadable: a symlink that leads out of the repository",
    }
    assert taken.config == b"number_locale: vi\n"


def test_the_sheets_as_they_were_committed(git_repo: Path) -> None:
    write_files(git_repo, {"a.yaml": "period: 2025-Q3\nowner: a\n# first\n", "gone.yaml": SHEET.format(owner="gone")})
    first = commit(git_repo, "2025-08-01T10:00:00+00:00")
    (git_repo / "gone.yaml").unlink()
    write_files(git_repo, {"a.yaml": "period: 2025-Q3\nowner: a\n# second\n", "new.yaml": SHEET.format(owner="new"), CONFIG_NAME: "language: vi\n"})
    commit(git_repo, "2025-08-20T10:00:00+00:00")
    (git_repo / "a.yaml").write_text("uncommitted\n", encoding="utf-8")
    old = read_snapshot(git_repo, "", Moment(first, first[:7], day("2025-08-01")))
    gone = SHEET.format(owner="gone").encode()
    assert (shown(old.contents([])), old.config) == ({"a.yaml": b"period: 2025-Q3\nowner: a\n# first\n", "gone.yaml": gone}, None)
    assert shown(snapshot(git_repo).contents([])) == {"a.yaml": b"period: 2025-Q3\nowner: a\n# second\n", "new.yaml": SHEET.format(owner="new").encode()}
    assert snapshot(git_repo).config == b"language: vi\n"


def test_a_root_folder_missing_from_the_commit_has_no_sheets(git_repo: Path) -> None:
    write_files(git_repo, {"top.yaml": SHEET.format(owner="top")})
    first = commit(git_repo, "2025-08-01T10:00:00+00:00")
    write_files(git_repo, {"goals/.okr.yaml": "", "goals/a.yaml": SHEET.format(owner="a")})
    commit(git_repo, "2025-08-02T10:00:00+00:00")
    assert read_snapshot(git_repo / "goals", "goals/", Moment(first, first[:7], day("2025-08-01"))) == Snapshot(Moment(first, first[:7], day("2025-08-01")))
    assert snapshot(git_repo / "goals").config == b""


def test_a_huge_blob_is_cut_one_byte_past_the_limit(git_repo: Path) -> None:
    huge = b"period: 2025-Q3\n" + b"#" * (MAX_BYTES + 5000) + b"\n"
    write_files(git_repo, {"huge.yaml": huge, "small.yaml": SHEET.format(owner="small")})
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    found = snapshot(git_repo).contents([])
    assert found == read_all(git_repo, list_sheets(git_repo, []))
    assert (len(found["huge.yaml"]), found["small.yaml"]) == (MAX_BYTES + 1, SHEET.format(owner="small").encode())  # type: ignore[arg-type]


def test_submodules_and_a_config_that_is_no_file(git_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    inner = tmp_path_factory.mktemp("inner")
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    write_files(inner, {"x.yaml": SHEET.format(owner="x")})
    commit(inner, "2025-07-01T10:00:00+00:00")
    write_files(git_repo, {"a.yaml": SHEET.format(owner="a")})
    for name in ("module.yaml", CONFIG_NAME):
        add = ["git", "-C", str(git_repo), "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), name]
        subprocess.run(add, check=True, capture_output=True)
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    taken = snapshot(git_repo)
    assert shown(taken.contents([])) == {"a.yaml": SHEET.format(owner="a").encode()}
    assert isinstance(taken.config, Unreadable) and taken.config.what == "a folder"


def test_one_listing_and_one_read_for_every_sheet(git_repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(git_repo, {f"2025-Q3/team-{n}.yaml": SHEET.format(owner=f"team-{n}") for n in range(60)})
    (git_repo / "link.yaml").symlink_to("2025-Q3/team-1.yaml")
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    log = shim_git(tmp_path_factory.mktemp("bin"), monkeypatch)
    taken = snapshot(git_repo)
    assert len(taken.contents([])) == 61
    commands = [line.split("\0")[2] for line in log.read_text(encoding="utf-8").splitlines()]
    assert commands == ["rev-parse", "rev-parse", "rev-parse", "log", "ls-tree", "cat-file"]


def test_a_link_to_a_file_that_is_not_yaml_costs_one_more_read(
    git_repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_files(git_repo, {"notes.txt": "period: 2025-Q3\nowner: notes\n"})
    (git_repo / "text.yaml").symlink_to("notes.txt")
    commit(git_repo, "2025-08-01T10:00:00+00:00")
    facts, moment = git_facts(git_repo), resolve_ref(git_repo, "HEAD")
    assert facts is not None
    log = shim_git(tmp_path_factory.mktemp("bin"), monkeypatch)
    assert shown(read_snapshot(git_repo, facts.prefix, moment).contents([])) == {"text.yaml": b"period: 2025-Q3\nowner: notes\n"}
    assert [line.split("\0")[2] for line in log.read_text(encoding="utf-8").splitlines()] == ["ls-tree", "cat-file", "cat-file"]
    assert stat.S_ISLNK(os.lstat(git_repo / "text.yaml").st_mode)
