"""`okr check` keeps less of each sheet than the other commands: a sheet without a problem
keeps its models, the skeleton of its data the counting rules and the history read, and its
bytes packed; the rest comes back on demand, equal to what a full load gives. The sheets
are read a chunk at a time, a commit's again from git, and a run whose sheets changed while
okr read them is not cached. Real files, real git."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from conftest import run_okr, write_files

import okrcli.lint.check as check_module
from okrcli.load.reader import load_bytes
from okrcli.load.validate import validate_lean
from okrcli.load.written import WrittenDates
from okrcli.repo.git import Revision, each_blob
from okrcli.repo.snapshot import is_blob

SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Trial users love the product
    parent: company/O1
    key_results:
      - id: KR1
        title: Trial signups reach 2400 (from 1500)
        start: 1500
        target: 2400
        current: 1980
        unit: users
        check_ins:
          - {date: 2025-07-10, value: 1700, confidence: 0.7, note: first campaign}
          - {date: "2025-08-01", value: 1980}
kpis:
  - id: K1
    title: Uptime
    target: 99.9%
    actual: 99.95%
    readings:
      - {period: 2025-07, value: 99.95%}
"""


def test_a_sheet_without_problems_keeps_the_skeleton_and_gives_back_the_rest_as_loaded() -> None:
    raw = SHEET.encode()
    full = load_bytes(raw, "2025-Q3/growth.yaml")
    loaded = load_bytes(raw, "2025-Q3/growth.yaml")
    doc = validate_lean(loaded)
    assert doc.problems == [] and loaded.packed and loaded.tree is None
    assert loaded.written == {
        "period": "2025-Q3", "owner": "growth",
        "objectives": [{"id": "O1", "parent": "company/O1", "key_results": [
            {"id": "KR1", "start": 1500, "target": 2400, "current": 1980,
             "check_ins": WrittenDates((dt.date(2025, 7, 10), "2025-08-01"))},
        ]}],
        "kpis": [{"id": "K1", "target": "99.9%", "actual": "99.95%"}],
    }
    assert doc.written(("objectives", 0, "key_results", 0, "check_ins")) == (dt.date(2025, 7, 10), "2025-08-01")
    assert loaded.source == raw and len(loaded.kept) < len(raw)
    assert loaded.position(("objectives", 0, "key_results", 0, "target")) == full.position(("objectives", 0, "key_results", 0, "target")) == (11, 17)
    assert loaded.data == full.data  # read again from the packed bytes, on demand
    assert doc.objectives[0].key_results[0].check_ins[1].date == dt.date(2025, 8, 1)


def test_a_sheet_with_a_problem_keeps_all_of_its_data() -> None:
    raw = SHEET.replace("target: 2400", "target: lots").encode()
    loaded = load_bytes(raw, "2025-Q3/growth.yaml")
    doc = validate_lean(loaded)
    assert [p.rule for p in doc.problems] == ["schema"]
    assert not loaded.packed and loaded.written is loaded.tree and loaded.tree["objectives"][0]["title"] == "Trial users love the product"


def test_check_in_rules_read_a_lean_sheets_dates(git_repo: Path) -> None:
    late = SHEET.replace('date: "2025-08-01"', 'date: "2025-10-02"')
    write_files(git_repo, {"2025-Q3/growth.yaml": late})
    found = check_module.run_check(git_repo, [], None, dt.date(2025, 8, 15))
    assert [(p.line, p.column, p.rule) for p in found.problems if p.rule.startswith("check-in")] == [(16, 20, "check-in-outside-period")]


def commit(root: Path, day: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "sheets"], check=True, env=env)


def runs_cached() -> int:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "okr"
    return sum(1 for p in folder.rglob("*") if p.is_file() and p.parent.parent.name == "runs")


def test_a_run_is_cached_only_under_the_bytes_it_loaded(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(git_repo, {"2025-Q3/growth.yaml": SHEET})
    commit(git_repo, "2025-07-01T10:00:00+00:00")
    read = check_module._read_sheets

    def changed_since(root: Path, exclude: list[str]) -> dict[str, str]:  # as if the file changed after this read
        return {path: "another digest" for path in read(root, exclude)}

    monkeypatch.setattr(check_module, "_read_sheets", changed_since)
    first = check_module.check_repo(git_repo, None, dt.date(2025, 8, 15))
    assert ([p.rule for p in first.problems], runs_cached()) == (["min-key-results", "unknown-ref", "kpi-count"], 0)
    monkeypatch.setattr(check_module, "_read_sheets", read)
    assert check_module.check_repo(git_repo, None, dt.date(2025, 8, 15)) == first
    assert runs_cached() == 1


def test_a_blob_is_known_by_its_id_and_streamed_in_order(git_repo: Path) -> None:
    write_files(git_repo, {"a.yaml": "a: 1\n", "b.yaml": "b: 2\n"})
    commit(git_repo, "2025-07-01T10:00:00+00:00")
    def oid(name: str) -> str:
        return subprocess.run(["git", "-C", str(git_repo), "rev-parse", f"HEAD:{name}"], capture_output=True, text=True, check=True).stdout.strip()

    oids = [oid("a.yaml"), oid("b.yaml")]
    assert is_blob(b"a: 1\n", oids[0]) and not is_blob(b"a: 1\n ", oids[0]) and not is_blob(b"a: 1\n", oids[1])
    missing = "0" * 40
    asked = [Revision("c", "c", dt.date(2025, 7, 1), "x", blob) for blob in (oids[0], missing, oids[1], oids[0])]
    assert list(each_blob(git_repo, asked)) == [b"a: 1\n", None, b"b: 2\n", b"a: 1\n"]
    assert list(each_blob(git_repo / "nowhere", asked[:2])) == [None, None]


def test_a_large_commit_is_read_again_from_git_a_chunk_at_a_time(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import okrcli.repo.workspace as workspace

    sheets = {f"2025-Q3/team-{n}.yaml": SHEET.replace("owner: growth", f"owner: team-{n}") for n in range(3)}
    write_files(git_repo, {**sheets, "2025-Q3/broken.yaml": "period: 2025-Q3\nowner: broken\nobjectives: [\n"})
    commit(git_repo, "2025-07-01T10:00:00+00:00")
    write_files(git_repo, {"2025-Q3/team-0.yaml": SHEET.replace("owner: growth", "owner: team-0").replace("target: 2400", "target: 9")})
    asked = ["check", "--format", "parsable", "--as-of", "2025-08-15"]
    whole = run_okr(*asked, cwd=git_repo, env={"OKR_NO_CACHE": "1"})
    read_again: list[list[str]] = []
    reader = workspace.lean_commit

    def counted(root: Path, source: object, contents: dict[str, object]) -> object:
        read = reader(root, source, contents)  # type: ignore[arg-type]
        return lambda relatives: read_again.append(relatives) or read(relatives)

    monkeypatch.setattr(workspace, "CHUNK", 2)
    monkeypatch.setattr(workspace, "lean_commit", counted)
    chunked = run_okr(*asked, cwd=git_repo, env={"OKR_NO_CACHE": "1"})
    assert (chunked.code, chunked.out) == (whole.code, whole.out) and "broken.yaml:4:1" in whole.out
    assert read_again == [["2025-Q3/broken.yaml", "2025-Q3/team-0.yaml"], ["2025-Q3/team-1.yaml", "2025-Q3/team-2.yaml"]]


@pytest.mark.parametrize("padding", [0, 70])  # a few items are looked along, many indexed
def test_a_committed_version_finds_the_first_item_of_each_id(padding: int) -> None:
    from okrcli.history.facts import Version

    first = {"id": "KR1", "target": 1}
    data = {
        "objectives": [
            "not a mapping",
            {"id": "O1", "key_results": [first, {"id": "KR1", "target": 2}, *({"id": f"P{n}"} for n in range(padding))]},
            {"id": "O1", "key_results": [{"id": "KR9"}]},  # a later O1 is never looked at
            {"id": 2, "key_results": [{"id": 7}]},
        ],
        "kpis": [{"id": "K1", "actual": 3}, {"id": "K1", "actual": 4}],
    }
    version = Version(data)
    assert version == data and (version._items is None) == (padding > 0)
    found = [version.find(ids) for ids in (("O1", "KR1"), ("O1", "KR9"), ("2", "7"), ("K1",), ("O9", "KR1"), ("K9",))]
    assert found == [first, None, {"id": 7}, {"id": "K1", "actual": 3}, None, None] and found[0] is first


def test_numbers_shared_between_sheets_keep_how_each_was_written() -> None:
    from okrcli.model.values import parse_value

    written = [parse_value(raw).raw for raw in (0.0, -0.0, 1, 1.0, 0.0, -0.0)]
    assert written == ["0.0", "-0.0", "1", "1.0", "0.0", "-0.0"]
    assert parse_value(-0.0) is parse_value(-0.0)  # one Value for each way of writing a number
