"""The cache never changes an answer: its entries are data (no pickle), authenticated with a
per-user secret kept outside it, and any entry okr did not write itself is ignored."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import NOBODY, run_okr, write_files

from okrcli.lint.result import CheckResult, decode_result, encode_result
from okrcli.load.reader import load_bytes
from okrcli.problem import Problem
from okrcli.repo.cache import MAGIC, Cache
from okrcli.repo.cache_entries import decode_loaded, encode_loaded

# A sheet with errors: a repo that must never pass `okr check` whatever the cache holds.
BAD = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Improve things
        key_results:
          - {id: KR1, title: Signups reach 2400 (from 1500), start: 1500, target: 2400}
          - {id: KR2, title: Better onboarding}
"""
EXPECTED_CODE = 1


def check(root: Path, **env: str) -> tuple[int, str]:
    result = run_okr("check", "--format", "parsable", "--as-of", "2025-08-15", cwd=root, env=env)
    assert result.err == ""
    return result.code, result.out


def fresh(root: Path) -> tuple[int, str]:
    return check(root, OKR_NO_CACHE="1")


def cache_folder() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"]) / "okr"


def entries(kind: str | None = None) -> list[Path]:
    found = sorted(p for p in cache_folder().rglob("*") if p.is_file() and not p.is_symlink())
    return [p for p in found if kind is None or p.parent.parent.name == kind]


def key_of(entry: Path) -> str:
    return entry.parent.name + entry.name


def version_folder() -> Path:
    return next(cache_folder().iterdir())


@pytest.fixture
def bad_repo(tmp_path: Path) -> Path:
    root = write_files(tmp_path / "repo", {"2025-Q3/growth.yaml": BAD, ".okr.yaml": "number_locale: en\n"})
    answer = fresh(root)
    assert answer[0] == EXPECTED_CODE and "(vague-wording)" in answer[1] and "(measurable-kr)" in answer[1]
    assert check(root) == answer  # the cold run writes the entries
    assert len(entries("runs")) == 1 and len(entries("sheets")) == 1
    return root


class Payload:
    """Unpickling this runs `touch MARKER`: what a planted pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_entries_are_authenticated_json_never_pickle(bad_repo: Path) -> None:
    for entry in entries():
        raw = entry.read_bytes()
        assert raw.startswith(MAGIC)
        json.loads(raw[len(MAGIC) + 32 :])  # the rest is JSON
    run = json.loads(entries("runs")[0].read_bytes()[len(MAGIC) + 32 :])
    assert run["files"] == 1 and [p[3] for p in run["problems"]] == ["measurable-kr", "vague-wording"]


def test_a_planted_pickle_is_never_executed(bad_repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    payload = pickle.dumps(Payload(marker))
    pickle.loads(pickle.dumps(Payload(tmp_path / "control")))  # the payload does work when unpickled
    assert (tmp_path / "control").exists()
    for entry in entries():
        entry.write_bytes(payload)
        (entry.parent / (entry.name + "x")).write_bytes(payload)
    # and where okr 0.x kept its pickles
    old = cache_folder() / (version_folder().name.rsplit("-", 1)[0] + "-1") / "runs"
    old.mkdir(parents=True)
    (old / "payload").write_bytes(payload)
    assert check(bad_repo) == fresh(bad_repo)
    assert not marker.exists()


def test_a_forged_entry_does_not_make_a_bad_repo_pass(bad_repo: Path) -> None:
    clean = json.dumps({"files": 1, "problems": [], "suppressed": [], "checked": ["2025-Q3/growth.yaml"]}).encode()
    run = entries("runs")[0]
    for forged in (MAGIC + b"\0" * 32 + clean, MAGIC + clean, clean, run.read_bytes()[: len(MAGIC) + 32] + clean):
        run.write_bytes(forged)
        assert check(bad_repo) == fresh(bad_repo)


def test_an_entry_made_with_another_users_secret_is_ignored(bad_repo: Path, tmp_path: Path) -> None:
    run = entries("runs")[0]
    theirs = Cache(version_folder(), secret=b"another user's secret, 32 bytes")
    theirs.put("runs", key_of(run), encode_result(CheckResult([], 1)))
    assert check(bad_repo) == fresh(bad_repo)
    # The same entry under this user's own secret is read: the forgery was where it counts.
    mine = Cache(version_folder())
    mine.put("runs", key_of(run), encode_result(CheckResult([], 1)))
    assert check(bad_repo) == (0, "")


def test_a_cache_copied_from_elsewhere_is_ignored(bad_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    run = entries("runs")[0]
    Cache(version_folder()).put("runs", key_of(run), encode_result(CheckResult([], 1)))
    assert check(bad_repo) == (0, "")  # this user's entry, wrong on purpose
    elsewhere = str(tmp_path_factory.mktemp("other-state"))
    assert check(bad_repo, XDG_STATE_HOME=elsewhere) == fresh(bad_repo)


@pytest.mark.parametrize(
    "damage",
    ["flip-11-bytes", "truncate-half", "truncate-header", "empty", "huge", "fifo", "link-to-dev-zero", "folder", "garbage"],
)
def test_damaged_entries_are_ignored(bad_repo: Path, damage: str) -> None:
    for entry in entries():
        raw = entry.read_bytes()
        entry.unlink()
        if damage == "flip-11-bytes":
            data = bytearray(raw)
            for n in range(11):
                data[len(MAGIC) + 32 + n * 7 % (len(raw) - len(MAGIC) - 32)] ^= 0xFF
            entry.write_bytes(bytes(data))
        elif damage.startswith("truncate"):
            entry.write_bytes(raw[: len(raw) // 2] if damage == "truncate-half" else raw[: len(MAGIC) + 10])
        elif damage == "empty":
            entry.write_bytes(b"")
        elif damage == "huge":
            with open(entry, "wb") as out:  # sparse: no disk used, and okr must not read it
                out.write(raw[: len(MAGIC) + 32])
                out.truncate(65 * 1024 * 1024)
        elif damage == "fifo":
            os.mkfifo(entry)
        elif damage == "link-to-dev-zero":
            entry.symlink_to("/dev/zero")
        elif damage == "folder":
            entry.mkdir()
        else:
            entry.write_bytes(b"\x80\x04\x95" + os.urandom(200))
    assert check(bad_repo) == fresh(bad_repo)


def run_entry(**changed: object) -> dict[str, object]:
    """A run entry of the shape `encode_result` writes, with `changed` keys replaced."""
    return {"files": 1, "problems": [], "suppressed": [], "checked": ["a"]} | changed


OK = ["a", 1, 1, "r", "error", "m", [], "O1"]


@pytest.mark.parametrize(
    "value",
    [
        None, [], "x", {"files": 1}, run_entry(extra=1), run_entry(files=-1), run_entry(files=True),
        {"files": 1, "problems": [], "checked": []},
        run_entry(problems=[["a", 1, 1, "r", "fatal", "m", [], ""]]), run_entry(problems=[["a", 0, 1, "r", "error", "m", [], ""]]),
        run_entry(problems=[["a", 1, 1, "r", "error", "m", []]]), run_entry(problems=[["a", "1", 1, "r", "error", "m", [], ""]]),
        run_entry(problems={"a": 1}), run_entry(problems=[["a", 1, 1, "r", "error", "m", "b.yaml", ""]]),
        run_entry(problems=[["a", 1, 1, "r", "error", "m", [1], ""]]), run_entry(problems=[["a", 1, 1, "r", "error", "m", [], 1]]),
        run_entry(suppressed=[[OK]]), run_entry(suppressed=[[OK, 1]]), run_entry(suppressed=[[OK[:7], "why"]]), run_entry(suppressed={}),
        run_entry(checked="a"), run_entry(checked=[1]),
    ],
)
def test_a_run_entry_of_another_shape_is_refused(value: object) -> None:
    assert decode_result(value) is None
    assert decode_result(run_entry(problems=[OK], suppressed=[[OK, "why"], [OK, None]])) is not None


def test_run_and_sheet_entries_read_back_exactly(tmp_path: Path) -> None:
    result = CheckResult(
        [Problem("a.yaml", 3, 5, "schema", "error", "bad"), Problem("b.yaml", 1, 1, "weights", "warning", "w", frozenset({"a.yaml", "c.yaml"}))],
        2,
    )
    back = decode_result(json.loads(json.dumps(encode_result(result))))
    assert back == result and back is not None and [p.involves for p in back.problems] == [frozenset(), frozenset({"a.yaml", "c.yaml"})]
    text = (
        "# okr: disable-file=weights\n"
        "period: 2025-Q3  # okr: disable=schema\n"
        "owner: growth\n"
        '2025: {true: 1, 2: [2025-07-14, 1.5, .nan, .inf, ~], 1.5: x, ~: y, 2025-07-01: z, "\\0date": "2025-01-01"}\n'
        "n: 308.000\n"
        "dup: 1\n"
        "dup: 2\n"
        "w: [0.999999999999999950, -1.00000000000000001e3]\n"
    )
    raw = ("\ufeff" + text).encode()
    loaded = load_bytes(raw, "a.yaml")
    cache = Cache(tmp_path, secret=b"s" * 32)
    cache.put("sheets", "0123456789", encode_loaded(loaded))
    assert b"disable-file" not in (tmp_path / "sheets/01/23456789").read_bytes()  # no text: the key's bytes are it
    back = decode_loaded(cache.get("sheets", "0123456789"), "a.yaml", raw)
    assert back is not None
    assert repr(back.data) == repr(loaded.data)  # repr: NaN and the types of keys compared too
    assert (back.grouped_floats, back.problems, back.suppressions, back.bom, back.text) == (
        loaded.grouped_floats,
        loaded.problems,
        loaded.suppressions,
        loaded.bom,
        loaded.text,
    )
    assert [p.rule for p in back.problems] == ["duplicate-key"] and back.grouped_floats == [((5, 4), "308.000")]
    assert back.text == text and back.values == loaded.values and back.keys == loaded.keys
    # a float of more digits than a float holds keeps the text it was read from
    assert [(type(f).__name__, f.text) for f in back.data["w"]] == [("WrittenFloat", "0.999999999999999950"), ("WrittenFloat", "-1.00000000000000001e3")]
    assert decode_loaded(cache.get("sheets", "0123456789"), "b.yaml", raw) is None  # an entry for another path


def test_a_sheet_entry_is_used_and_checked(bad_repo: Path) -> None:
    # A changed config misses the run entry but reuses the sheet entry: make it say something
    # else, authentically, and see it used; then break its shape and see it ignored.
    sheet = entries("sheets")[0]
    loaded = load_bytes((bad_repo / "2025-Q3/growth.yaml").read_bytes(), "2025-Q3/growth.yaml")
    loaded.data["objectives"][0]["key_results"][1]["title"] = "Onboarding NPS reaches 50"
    Cache(version_folder()).put("sheets", key_of(sheet), encode_loaded(loaded))
    (bad_repo / ".okr.yaml").write_text("number_locale: en\nstale_after_days: 20\n", encoding="utf-8")
    assert fresh(bad_repo)[1].count("(vague-wording)") == 1
    code, out = check(bad_repo)
    assert (code, out.count("(measurable-kr)"), out.count("(vague-wording)")) == (1, 1, 0)
    Cache(version_folder()).put("sheets", key_of(sheet), {**encode_loaded(loaded), "bom": "yes"})
    (bad_repo / ".okr.yaml").write_text("number_locale: en\nstale_after_days: 21\n", encoding="utf-8")
    assert check(bad_repo) == fresh(bad_repo)


def test_secret_and_folders_are_private(bad_repo: Path) -> None:
    secret = Path(os.environ["XDG_STATE_HOME"]) / "okr" / "cache-key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and secret.stat().st_size == 32
    assert stat.S_IMODE(secret.parent.stat().st_mode) == 0o700
    folders = [p for p in cache_folder().rglob("*") if p.is_dir()] + [cache_folder()]
    assert folders and {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o700}
    assert {stat.S_IMODE(p.stat().st_mode) for p in entries()} == {0o600}


@pytest.mark.parametrize("problem", ["group-readable", "a-link", "wrong-size", "a-fifo"])
def test_a_secret_okr_cannot_trust_turns_the_cache_off(bad_repo: Path, tmp_path: Path, problem: str) -> None:
    secret = Path(os.environ["XDG_STATE_HOME"]) / "okr" / "cache-key"
    if problem == "group-readable":
        secret.chmod(0o640)
    elif problem == "a-link":
        (tmp_path / "elsewhere").write_bytes(secret.read_bytes())
        secret.unlink()
        secret.symlink_to(tmp_path / "elsewhere")
    elif problem == "wrong-size":
        secret.write_bytes(secret.read_bytes()[:16])
    else:
        secret.unlink()
        os.mkfifo(secret)
    run = entries("runs")[0]
    before = run.read_bytes()
    (bad_repo / "2025-Q3/growth.yaml").write_text(BAD.replace("Improve things", "Improve more"), encoding="utf-8")
    assert check(bad_repo) == fresh(bad_repo)
    assert entries("runs") == [run] and run.read_bytes() == before  # nothing read, nothing written


def test_cache_keeps_answers_when_git_appears(git_repo: Path, tmp_path: Path) -> None:
    """No git on the PATH, then git: the answer is the fresh one each time."""
    stale_repo(git_repo)
    empty = tmp_path / "no-git"
    empty.mkdir()
    without = check(git_repo, PATH=str(empty))
    assert without == check(git_repo, PATH=str(empty), OKR_NO_CACHE="1") and "(stale-check-in)" not in without[1]
    with_git = check(git_repo)
    assert with_git == fresh(git_repo) and "(stale-check-in)" in with_git[1]
    assert check(git_repo, PATH=str(empty)) == without


def test_cache_keeps_answers_when_a_shallow_clone_is_deepened(git_repo: Path, tmp_path: Path) -> None:
    """A shallow clone, then the same HEAD unshallowed: the answer is the fresh one each time."""
    stale_repo(git_repo)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{git_repo}", str(clone))
    assert (clone / ".git/shallow").exists()
    shallow = check(clone)
    assert shallow == fresh(clone) and "(stale-check-in)" not in shallow[1]
    head = git(clone, "rev-parse", "HEAD")
    git(clone, "fetch", "-q", "--unshallow")
    assert git(clone, "rev-parse", "HEAD") == head and not (clone / ".git/shallow").exists()
    deep = check(clone)
    assert deep == fresh(clone) and "(stale-check-in)" in deep[1]


STALE = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: {title}
        key_results:
          - {{id: KR1, title: Signups reach 2400 (from 1500), start: 1500, target: 2400, current: 1640}}
          - {{id: KR2, title: Conversion reaches 18% (from 12%), start: 12%, target: 18%}}
"""


def stale_repo(repo: Path) -> None:
    """KR1's value set on 2025-07-01 (45 days before the as-of date), the sheet touched again
    on 2025-08-10 without changing it: stale by the full history, fresh by the last commit."""
    write_files(repo, {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": STALE.format(title="Grow signups")})
    commit(repo, "2025-07-01T10:00:00")
    write_files(repo, {"2025-Q3/growth.yaml": STALE.format(title="Grow self-serve signups")})
    commit(repo, "2025-08-10T10:00:00")


def commit(repo: Path, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", when], check=True, env=env)


def amend(repo: Path, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "--amend", "--no-edit", "--reset-author"], check=True, env=env)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def test_cache_keeps_answers_when_git_starts_trusting_a_repository_of_another_user(git_repo: Path, tmp_path: Path) -> None:
    """A repository of another user (a CI container's checkout): git refuses it until a
    `safe.directory` says otherwise. Each answer is the fresh one."""
    stale_repo(git_repo)
    home = tmp_path / "home"
    home.mkdir()
    as_root = os.geteuid() == 0
    if as_root:  # only root can give a folder away; anyone else checks their own repository
        for path in (git_repo, *git_repo.rglob("*")):
            os.lchown(path, NOBODY, -1)
    refused = check(git_repo, HOME=str(home))
    assert refused == check(git_repo, HOME=str(home), OKR_NO_CACHE="1")
    assert ("(stale-check-in)" in refused[1]) is not as_root
    subprocess.run(["git", "config", "--global", "--add", "safe.directory", str(git_repo)], check=True, env={**os.environ, "HOME": str(home)})
    trusted = check(git_repo, HOME=str(home))
    assert trusted == check(git_repo, HOME=str(home), OKR_NO_CACHE="1")
    assert trusted[1] == STALE_OUTPUT


def test_replacement_refs_and_grafts_do_not_change_the_answer(git_repo: Path) -> None:
    """`git replace` and `info/grafts` change what `git log` shows without changing HEAD:
    okr reads the commits as made, warm or cold."""
    stale_repo(git_repo)
    assert check(git_repo) == (0, STALE_OUTPUT)
    later = subprocess.run(["git", "-C", str(git_repo), "commit-tree", "HEAD^{tree}", "-m", "a2"], capture_output=True, text=True, check=True,
                           env={**os.environ, "GIT_AUTHOR_DATE": "2025-08-14T10:00:00", "GIT_COMMITTER_DATE": "2025-08-14T10:00:00"}).stdout.strip()
    git(git_repo, "replace", "HEAD", later)
    assert check(git_repo) == fresh(git_repo) == (0, STALE_OUTPUT)
    git(git_repo, "replace", "-d", git(git_repo, "rev-parse", "HEAD"))
    (git_repo / ".git/info").mkdir(exist_ok=True)
    (git_repo / ".git/info/grafts").write_text(git(git_repo, "rev-parse", "HEAD") + "\n", encoding="ascii")  # HEAD without parents
    assert check(git_repo) == fresh(git_repo) == (0, STALE_OUTPUT)


STALE_OUTPUT = (
    "2025-Q3/growth.yaml:7:9: [warning] key result 'growth/O1/KR1' has had no check-in and no commit changing its value since 2025-07-01 "
    "(45 days, more than stale_after_days 14); record where it stands: okr checkin growth/O1/KR1 VALUE (stale-check-in)\n"
)

# --- every command that reads the sheets reads them through the cache ---------------------------

COMMANDS = [
    ("score", "--format", "json"), ("tree",), ("scorecard", "growth", "--format", "json"),
    ("report", "--format", "markdown"), ("history", "growth/O1/KR1", "--format", "json"),
]
GROWTH = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: {title}
        key_results:
          - {{id: KR1, title: Signups reach 2400 (from 1500), start: 1500, target: "2,400", current: "1,940"}}
    kpis:
      - {{id: K1, title: Uptime, target: ">= 99%", actual: 99.5%}}
"""


def answer(root: Path, command: tuple[str, ...], as_of: str = "2025-08-15", **env: str) -> tuple[int, str, str]:
    result = run_okr(*command, "--as-of", as_of, cwd=root, env=env)
    return result.code, result.out, result.err


def growth_repo(repo: Path, title: str, when: str) -> None:
    write_files(repo, {".okr.yaml": "number_locale: en\n", "2025-Q3/growth.yaml": GROWTH.format(title=title)})
    commit(repo, when)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_commands_read_sheets_from_the_cache(git_repo: Path, command: tuple[str, ...]) -> None:
    growth_repo(git_repo, "Grow signups", "2025-07-01T10:00:00")
    cold = answer(git_repo, command)
    assert cold == answer(git_repo, command, OKR_NO_CACHE="1") and len(entries("sheets")) == 1
    # An authentic entry that says something else is used: the command read the cache.
    sheet = entries("sheets")[0]
    loaded = load_bytes((git_repo / "2025-Q3/growth.yaml").read_bytes(), "2025-Q3/growth.yaml")
    kr = loaded.data["objectives"][0]["key_results"][0]
    kr["current"], kr["check_ins"] = "2,200", [{"date": dt.date(2025, 8, 1), "value": "2,200"}]
    Cache(version_folder()).put("sheets", key_of(sheet), encode_loaded(loaded))
    for scores in entries("scores"):  # the period's scores, which a warm run reads before any sheet
        scores.unlink()
    warm = answer(git_repo, command)
    assert warm[1] != cold[1]  # KR1 is further along: its score, or the objective's, moved


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_commands_never_give_an_old_answer(git_repo: Path, command: tuple[str, ...]) -> None:
    """A changed sheet, a changed config and a new commit: each answer is the fresh one.
    Read as of today: uncommitted changes count only then (an earlier day reads the commit)."""
    growth_repo(git_repo, "Grow signups", "2025-07-01T10:00:00")
    today = dt.date.today().isoformat()
    seen = [answer(git_repo, command, today)]
    changes = [
        lambda: write_files(git_repo, {"2025-Q3/growth.yaml": GROWTH.format(title="Grow signups").replace('"1,940"', '"2,100"')}),
        lambda: write_files(git_repo, {".okr.yaml": "number_locale: vi\n"}),  # "2,400" now reads as 2.4
        lambda: commit(git_repo, "2025-07-02T10:00:00"),
        lambda: amend(git_repo, "2025-08-12T10:00:00"),  # the same bytes, a newer last update
    ]
    for change in changes:
        change()
        fresh_answer = answer(git_repo, command, today, OKR_NO_CACHE="1")
        assert answer(git_repo, command, today) == fresh_answer == answer(git_repo, command, today)
        seen.append(fresh_answer)
    assert len(set(seen)) >= 3  # the changes changed the answers: the cache had old ones to give


@pytest.mark.parametrize("module", ["model/sheet.py", "lint/rules/vague_wording.py", "reporters/text/score.py", "locale/vi/LC_MESSAGES/okr.mo"])
def test_every_module_and_catalog_of_okr_is_in_the_code_fingerprint(tmp_path: Path, module: str) -> None:
    # An edited okr (an editable install, a patched site-packages, a new translation) never
    # reads an entry its old code made: a change to any module or catalog changes the key. (-S:
    # without site-packages, and run from the copy, it is the okrcli imported, not the installed one.)
    import shutil
    import sys

    import okrcli

    copy = tmp_path / "okrcli"
    shutil.copytree(Path(okrcli.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    script = "from okrcli.repo.cache import code_fingerprint; print(code_fingerprint())"

    def fingerprint() -> str:
        done = subprocess.run([sys.executable, "-S", "-c", script], env={**os.environ, "PYTHONPATH": str(tmp_path)}, cwd=tmp_path,
                              capture_output=True, text=True, check=True)
        return done.stdout.strip()

    before = fingerprint()
    target = copy / module
    stamp = target.stat()
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
    assert fingerprint() != before
