"""Hostile input through every command, continuously: generated sheets, configs, arguments and
git histories (tests/strategies.py), and the promises of SPEC sections 1, 2.1, 6 and 7 asserted
on every run: no exit 3, no traceback, an exit code the command documents, JSON that parses
without NaN or Infinity and keeps every score in its range, and no byte written where the
command may not write. Derandomized, so a failure here fails the same way everywhere."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import strategies as hs
from conftest import Result, run_okr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# OKR_EXPLORE=N runs N times the examples with fresh randomness, to hunt for new defects
# locally; CI runs the same derandomized examples every time.
EXPLORE = int(os.environ.get("OKR_EXPLORE", "0") or 0)


def scaled(examples: int) -> int:
    return examples * max(EXPLORE, 1)


ADVERSARIAL = settings(
    derandomize=not EXPLORE,
    database=None,
    deadline=None,
    max_examples=scaled(18),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
EXITS = {
    "check": {0, 1, 2},
    "score": {0, 1, 2},
    "scorecard": {0, 1, 2},
    "tree": {0, 1, 2},
    "history": {0, 1, 2},
    "report": {0, 1, 2},
    "diff": {0, 1, 2},  # 1: a sheet left out of the scores (SPEC 3)
    "due": {0, 1, 2},
    "rules": {0, 2},
    "schema": {0, 2},
    "checkin": {0, 2},
    "init": {0, 2},
    "close": {0, 2},
    "rollover": {0, 2},
}
AS_OF = "2025-08-15"


# --- the promises ---------------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise AssertionError(f"JSON holds {name}")


def _ranges(node: Any, where: str = "") -> None:
    """Every score, fraction and confidence within 0..1; every number finite."""
    if isinstance(node, dict):
        for key, value in node.items():
            if (
                key in ("score", "elapsed", "confidence", "projected_score", "kr_part", "kpis", "key_results")
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
            ):
                assert 0 <= value <= 1, f"{where}.{key} = {value}"
            _ranges(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _ranges(item, f"{where}[{index}]")


def _format(args: list[str]) -> str | None:
    chosen = None
    for index, arg in enumerate(args[:-1]):
        if arg in ("--format", "-f"):
            chosen = args[index + 1]
    return chosen


def kept_promises(args: list[str], result: Result) -> None:
    command = args[0]
    shown = result.out + result.err
    assert result.code in EXITS[command], (args, result.code, result.err[-2000:])
    assert "Traceback" not in shown and "internal error" not in shown, (args, result.err[-2000:])
    if _format(args) in ("json", "sarif") and result.code in (0, 1) and result.out.strip() and "--help" not in args and "-h" not in args:
        data = json.loads(result.out, parse_constant=_no_constant)
        if command != "rules":
            _ranges(data)
    hs.CASES[command] += 1


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every path under `folder` with its bytes (a link: where it points)."""
    seen: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            seen[key] = "-> " + str(path.readlink())
        elif path.is_file():
            seen[key] = path.read_bytes()
        elif path.is_dir():
            seen[key] = "dir"
        else:
            seen[key] = "special"
    return seen


def changed(before: dict[str, bytes | str], after: dict[str, bytes | str]) -> list[str]:
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def make_repo(top: Path, example: str, replaced: list[tuple[str, bytes]], config: str | None) -> Path:
    """A copy of an example repository with some sheets replaced, beside a folder `outside`."""
    (top / "outside").mkdir()
    (top / "outside" / "secret.yaml").write_text("period: 2025-Q3\nowner: outsider\n", encoding="utf-8")
    (top / "outside.yaml").write_text("number_locale: vi\n", encoding="utf-8")
    repo = top / "repo"
    shutil.copytree(hs.EXAMPLE_REPOS[example], repo)
    for path, data in replaced:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(data)
    if config is not None:
        (repo / ".okr.yaml").write_text(config, encoding="utf-8")
    return repo


def _option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args[:-1] else None


def _reading_run(top: Path, repo: Path, args: list[str]) -> None:
    """Run a reading command: it writes nothing but `report -o FILE`'s file (and its folder),
    or `check --write-baseline FILE`'s."""
    before = snapshot(top)
    result = run_okr(*args, cwd=repo)
    kept_promises(args, result)
    written = changed(before, snapshot(top))
    allowed: set[str] = set()
    output = _option(args, "-o") or _option(args, "--write-baseline")
    if output is not None and result.code in (0, 1):
        base = repo / (_option(args, "-C") or ".")
        target = (base / output).resolve()
        allowed = {str(p.relative_to(top.resolve())) for p in (target, *target.parents) if p.is_relative_to(repo.resolve()) and p != repo.resolve()}
    assert set(written) <= allowed, (args, written, result.err[-1000:])


examples = st.sampled_from(sorted(hs.EXAMPLE_REPOS))


@st.composite
def hostile_repos(draw: st.DrawFn) -> tuple[str, list[tuple[str, bytes]], str | None]:
    example = draw(examples)
    replaced = draw(st.lists(hs.sheet_bytes(example), min_size=1, max_size=2))
    config = draw(hs.config_texts()) if draw(st.integers(0, 3)) == 0 else None
    return example, replaced, config


# --- reading commands -----------------------------------------------------------------------------


@ADVERSARIAL
@given(repo=hostile_repos(), data=st.data())
def test_reading_commands_on_hostile_sheets(repo: tuple[str, list[tuple[str, bytes]], str | None], data: st.DataObject) -> None:
    example, replaced, config = repo
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        root = make_repo(top, example, replaced, config)
        for command in ("check", "score", "scorecard", "tree", "history", "report", "due"):
            args = data.draw(hs.reading_commands(example, command), label=command)
            _reading_run(top, root, args)


@ADVERSARIAL
@given(example=examples, config=hs.config_texts(), data=st.data())
def test_reading_commands_under_hostile_configs(example: str, config: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        root = make_repo(top, example, [], config)
        for _ in range(3):
            _reading_run(top, root, data.draw(hs.reading_commands(example)))


@settings(ADVERSARIAL, max_examples=scaled(24))
@given(example=examples, args=st.data())
def test_hostile_arguments(example: str, args: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        root = make_repo(top, example, [], None)
        for _ in range(4):
            _reading_run(top, root, args.draw(hs.reading_commands(example)))


# --- okr checkin: exit 0 and only the intended lines changed, or exit 2 and nothing changed -------

INTENDED = re.compile(r"^\s*(-\s+)?(current|actual|done|check_ins)\s*:|\{.*\b(current|actual|done|check_ins)\s*:")


def intended_edit(old: bytes, new: bytes) -> None:
    """`new` keeps every line of `old` but the one holding the value (or the check-in list),
    and keeps its BOM and line endings."""
    assert old.startswith(b"\xef\xbb\xbf") == new.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in old and old.count(b"\r\n") == old.count(b"\n"):
        assert new.count(b"\r\n") == new.count(b"\n"), "CRLF lost"
    old_lines, new_lines = old.decode("utf-8-sig").splitlines(), new.decode("utf-8-sig").splitlines()
    removed = [
        line
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
        if tag in ("replace", "delete")
        for line in old_lines[i1:i2]
    ]
    assert len(removed) <= 2 and all(INTENDED.search(line) for line in removed), removed


@st.composite
def checkin_args(draw: st.DrawFn, example: str) -> list[str]:
    value = draw(st.one_of(hs.value_texts(), st.sampled_from(["done", "true", "false", "DONE", "1", "0", "", "-", "nan", "1e309"]), hs.odd_args))
    args = ["checkin", draw(st.one_of(st.sampled_from(hs.REFS[example]), hs.odd_args)), value]
    if draw(st.booleans()):
        args += [
            "--confidence",
            draw(
                st.one_of(
                    st.sampled_from(["0.7", "0,7", "70%", "1", "0", "1.5", "-0.1", "150%", "1e309", "nan", "inf", ".7", "7/10"]), hs.value_texts()
                )
            ),
        ]
    if draw(st.booleans()):
        args += [
            "--note",
            draw(st.one_of(hs.hostile_text, hs.odd_args, st.sampled_from(["a: b", "# x", "yes", "- [x]", "*a", "&a", "'", '"', "\\", "|", ">"]))),
        ]
    if draw(st.booleans()):
        args += [
            "--date",
            draw(st.one_of(st.sampled_from(["2025-08-15", "2025-07-01", "2025-09-30", "2025-10-05", "2025-06-30"]), hs.dates, hs.odd_args)),
        ]
    if draw(st.integers(0, 2)) == 0:
        args += ["--as-of", draw(hs.as_of_args)]
    return args


@settings(ADVERSARIAL, max_examples=scaled(36))
@given(example=examples, data=st.data())
def test_checkin_edits_only_the_intended_lines_or_nothing(example: str, data: st.DataObject) -> None:
    replaced = data.draw(st.lists(hs.sheet_bytes(example), max_size=1), label="sheets")
    config = data.draw(hs.config_texts()) if data.draw(st.integers(0, 4), label="config?") == 0 else None
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        root = make_repo(top, example, replaced, config)
        for _ in range(2):
            args = data.draw(checkin_args(example), label="checkin")
            before = snapshot(top)
            result = run_okr(*args, cwd=root)
            kept_promises(args, result)
            after = snapshot(top)
            written = changed(before, after)
            if result.code != 0 or "-h" in args or "--help" in args:
                assert written == [], (args, written, result.err)
                continue
            assert len(written) == 1 and written[0].startswith("repo/"), (args, written)
            old, new = before[written[0]], after[written[0]]
            assert isinstance(old, bytes) and isinstance(new, bytes)
            intended_edit(old, new)


# --- okr close and okr rollover: write what they promise, or nothing ------------------------------


@st.composite
def period_edit_args(draw: st.DrawFn, example: str) -> list[str]:
    period = st.one_of(st.sampled_from(["2025-Q3", "2025-Q2", "Q3", "2025", "2025-Q4", "2026-Q1"]), hs.periods, hs.odd_args)
    if draw(st.booleans()):
        args = ["close", draw(period)]
        if draw(st.integers(0, 2)):
            args += [
                "--date",
                draw(st.one_of(st.sampled_from(["2025-10-03", "2025-10-01", "2025-09-30", "2025-08-15", "2026-01-01"]), hs.dates, hs.odd_args)),
            ]
    else:
        args = ["rollover", draw(period), draw(period)]
        for flag in ("--all", "--dry-run"):
            if draw(st.booleans()):
                args.append(flag)
        if draw(st.integers(0, 3)) == 0:
            args += ["--owner", draw(st.one_of(st.sampled_from(hs.OWNERS[example]), hs.odd_args))]
    if draw(st.integers(0, 5)) == 0:
        args += ["--config", draw(st.sampled_from([".okr.yaml", "missing.yaml", "/dev/null", "../outside.yaml"]))]
    return args


@settings(ADVERSARIAL, max_examples=scaled(24))
@given(example=examples, data=st.data())
def test_close_and_rollover_write_sheets_in_the_repo_or_nothing(example: str, data: st.DataObject) -> None:
    """close edits existing sheets, rollover creates new ones (never overwrites); a refusal,
    --dry-run or --help writes nothing; neither writes outside the repository."""
    replaced = data.draw(st.lists(hs.sheet_bytes(example), max_size=1), label="sheets")
    config = data.draw(hs.config_texts()) if data.draw(st.integers(0, 5), label="config?") == 0 else None
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        root = make_repo(top, example, replaced, config)
        for _ in range(2):
            args = data.draw(period_edit_args(example), label="args")
            before = snapshot(top)
            result = run_okr(*args, cwd=root)
            kept_promises(args, result)
            after = snapshot(top)
            written = changed(before, after)
            if result.code != 0 or {"-h", "--help", "--dry-run"} & set(args):
                assert written == [], (args, written, result.err)
                continue
            assert all(key.startswith("repo/") and not key.startswith("repo/.okr") for key in written), (args, written)
            if args[0] == "close":
                assert all(key in before for key in written), (args, written)
            else:
                assert not [key for key in written if key in before and before[key] != "dir"], (args, written)


# --- okr init, schema, rules ----------------------------------------------------------------------


@settings(ADVERSARIAL, max_examples=scaled(30))
@given(
    existing=st.lists(
        st.tuples(st.sampled_from([".okr.yaml", "goals/.okr.yaml", "x.yaml", "2025-Q3/team.yaml", "goals"]), hs.hostile_text), max_size=2
    ),
    target=st.one_of(
        st.just([]),
        st.sampled_from(["goals", ".", "new/deep/dir", "x.yaml", "../outside", "goals/.okr.yaml"]).map(lambda d: [d]),
        # an absolute DIR is where the user asks okr to write: never one outside this test's folder
        hs.odd_args.filter(lambda d: not os.path.isabs(d)).map(lambda d: [d]),
    ),
    locale=st.one_of(st.just([]), st.sampled_from(["en", "vi", "VI", "fr", "", "vi\n"]).map(lambda loc: ["--locale", loc])),
    as_of=st.one_of(st.just([]), hs.as_of_args.map(lambda d: ["--as-of", d])),
)
def test_init_never_overwrites(existing: list[tuple[str, str]], target: list[str], locale: list[str], as_of: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        work = top / "work"
        work.mkdir()
        for path, text in existing:
            if not (work / path).exists() and not any(parent.is_file() for parent in (work / path).parents):
                (work / path).parent.mkdir(parents=True, exist_ok=True)
                (work / path).write_text(text, encoding="utf-8", errors="surrogatepass")
        before = snapshot(top)
        args = ["init", *target, *locale, *as_of]
        result = run_okr(*args, cwd=work)
        kept_promises(args, result)
        after = snapshot(top)
        overwritten = [key for key in before if before[key] != after.get(key)]
        assert overwritten == [], (args, overwritten)
        if result.code != 0:
            assert changed(before, after) == [], (args, result.err)


@settings(ADVERSARIAL, max_examples=scaled(30))
@given(
    args=st.one_of(
        st.tuples(
            st.just("rules"),
            st.lists(
                st.one_of(
                    st.sampled_from(["schema", "vague-wording", "--format", "json", "markdown", "-f", "text", "vague_wording", "VAGUE-WORDING"]),
                    hs.odd_args,
                ),
                max_size=3,
            ),
        ),
        st.tuples(st.just("schema"), st.lists(st.sampled_from(["--format", "json", "-C", "."]), max_size=1)),
    )
)
def test_rules_and_schema_with_odd_arguments(args: tuple[str, list[str]]) -> None:
    command, rest = args
    with tempfile.TemporaryDirectory() as folder:
        before = snapshot(Path(folder))
        result = run_okr(command, *rest, cwd=folder)
        kept_promises([command, *rest], result)
        assert snapshot(Path(folder)) == before
        if command == "schema" and result.code == 0:
            json.loads(result.out, parse_constant=_no_constant)


# --- git states -------------------------------------------------------------------------------------


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **env})


def init_git(repo: Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.email", "test@example.com"), ("user.name", "Test"), ("commit.gpgsign", "false")):
        git(repo, "config", key, value)


COMMIT_DATES = [
    "2025-07-01T09:00:00+07:00",
    "2025-07-20T23:30:00+07:00",
    "2025-08-01T00:30:00+07:00",
    "2025-08-15T12:00:00Z",
    "2025-09-29T18:00:00-05:00",
    "2024-12-31T23:59:59+14:00",
]


@settings(ADVERSARIAL, max_examples=scaled(10))
@given(example=examples, data=st.data())
def test_reading_commands_over_git_histories(example: str, data: st.DataObject) -> None:
    """Commits at set dates, hostile versions in history, a sheet deleted along the way."""
    with tempfile.TemporaryDirectory() as folder:
        top = Path(folder)
        root = make_repo(top, example, [], None)
        init_git(root)
        dates = sorted(data.draw(st.lists(st.sampled_from(COMMIT_DATES), min_size=1, max_size=3, unique=True), label="dates"))
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "start", date=dates[0])
        for date in dates[1:]:
            path, content = data.draw(hs.sheet_bytes(example), label="version")
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content)
            if data.draw(st.booleans(), label="delete?"):
                victim = data.draw(st.sampled_from(hs.EXAMPLE_SHEETS[example]), label="deleted")
                (root / victim).unlink(missing_ok=True)
            git(root, "add", "-A")
            git(root, "commit", "-q", "--allow-empty", "-m", "change", date=date)
        if data.draw(st.booleans(), label="dirty?"):
            path, content = data.draw(hs.sheet_bytes(example), label="uncommitted")
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content)
        for command in ("check", "score", "history", "report", "tree", "scorecard", "diff", "due"):
            args = data.draw(hs.reading_commands(example, command), label=command)
            _reading_run(top, root, args)
