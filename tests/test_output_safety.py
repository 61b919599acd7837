"""SPEC 7: a sheet can neither forge an output line nor drive the terminal.

A hostile repository (titles, notes, units, initiatives, parents, a YAML key and a file name
holding escape sequences, OSC and C1 controls, bidi overrides, line breaks and separators)
goes through every command and every format, piped and on a real terminal (a pty, where
Rich draws the tables): no raw control character reaches stdout or stderr other than the
line breaks okr writes itself (and, on a terminal, Rich's own colour codes). Human formats
show them escaped (`\\x1b`, `\\n`); JSON and SARIF keep the text exactly, as JSON escapes.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import Result, run_okr, write_files

AS_OF = ("--as-of", "2025-08-15")
TEAM = r"""
period: 2025-Q3
owner: team
objectives:
  - id: O1
    title: "Grow \e[2J traffic \e]0;pwned\a now \x9b31m \u202egnp.exe 🚀 Tăng trưởng"
    key_results:
      - id: KR1
        title: "Visits \e[5m reach\r\nfake.yaml:1:1: [error] forged (schema)"
        start: 0
        target: 100
        current: 50
        unit: "visits\e[31m"
        check_ins:
          - {date: 2025-07-10, value: 40, note: "note \e]8;;http://evil\a link\nsecond line\x85third\u2029"}
      - id: KR2
        title: "=HYPERLINK(\"http://evil\")\u2028 next\t\x7f"
        target: ">= 40"
        current: 20
    initiatives:
      - "SEO \e[2J"
kpis:
  - id: K1
    title: "+cmd|' /C calc'!A0 \u2066hidden\u2069"
    target: ">= 5"
    actual: 3
"""
# Set aside from the scores: its owner and its key break refs, its name holds an escape.
ODD_NAME = "2025-Q3/odd\x1b[2J\nname.yaml"
ODD = r"""
period: 2025-Q3
owner: "mar/keting\e[31m"
objectives:
  - id: O1
    title: Odd
    "a\nb.yaml:1:1: [error] fake (schema)": 1
"""
# A parent that resolves to nothing: quoted in the message.
REF = r"""
period: 2025-Q3
owner: refs
objectives:
  - id: O1
    title: Aligned
    parent: "company/O9\e[2J"
    key_results:
      - {id: KR1, title: Done, done: true}
      - {id: KR2, title: Not done, done: false}
"""
# What a terminal would act on, or what would end a line or reorder it.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
RICH_COLOUR = re.compile("\x1b\\[[0-9;]*m")


@pytest.fixture
def hostile(git_repo: Path) -> Path:
    write_files(git_repo, {"2025-Q3/team.yaml": TEAM, ODD_NAME: ODD, "2025-Q3/refs.yaml": REF})
    stamp = "2025-07-20T18:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(git_repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(git_repo), "commit", "-q", "-m", "hostile"], check=True, env=env)
    return git_repo


def assert_safe(text: str, where: object) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(text)})
    assert found == [], (where, found)


RUNS = [
    *[("check", "--format", f, *AS_OF) for f in ("text", "parsable", "json", "github", "sarif")],
    *[("score", "--format", f, *AS_OF) for f in ("text", "json", "markdown", "csv")],
    *[("scorecard", "team", "--format", f, *AS_OF) for f in ("text", "json")],
    *[("tree", "--format", f, *AS_OF) for f in ("text", "json")],
    *[("history", "team/O1/KR1", "--format", f, *AS_OF) for f in ("text", "json")],
    *[("report", "--format", f, *AS_OF) for f in ("markdown", "html")],
    *[("rules", "--format", f) for f in ("text", "json", "markdown")],
    # usage errors that quote what was asked for
    ("history", "team/O1/KR9\x1b[2J\nforged", *AS_OF),
    ("score", "--owner", "zoe\x1b]0;x\x07", *AS_OF),
    ("scorecard", "zoe\u202e", *AS_OF),
    ("rules", "vague\x1b[2J"),
    ("checkin", "team/O1/KR9\x9b2J", "3", *AS_OF),
]


@pytest.mark.parametrize("args", RUNS, ids=lambda args: " ".join(args).encode("unicode_escape").decode())
def test_piped_output_holds_no_control_character(hostile: Path, args: tuple[str, ...]) -> None:
    result = run_okr(*args, cwd=hostile)
    assert result.code in (0, 1, 2), result.err
    assert_safe(result.out, ("stdout", args))
    assert_safe(result.err, ("stderr", args))
    if "json" in args or "sarif" in args:
        json.loads(result.out)  # and a JSON document still


TERMINAL_RUNS = [
    ("check", *AS_OF), ("score", *AS_OF), ("scorecard", "team", *AS_OF), ("tree", *AS_OF),
    ("history", "team/O1/KR1", *AS_OF), ("rules",), ("history", "team/O1/KR9\x1b[2J", *AS_OF),
]


@pytest.mark.parametrize("args", TERMINAL_RUNS, ids=lambda args: " ".join(args).encode("unicode_escape").decode())
def test_terminal_output_holds_only_richs_own_colours(hostile: Path, args: tuple[str, ...]) -> None:
    out = on_terminal(hostile, *args)
    assert RICH_COLOUR.search(out) or "KR9" in args[1], "not drawn by Rich: the test would prove nothing"
    assert_safe(RICH_COLOUR.sub("", out.replace("\r\n", "\n")), args)
    if args[0] in ("score", "tree", "check"):
        assert "\\x1b[2J" in out  # shown, escaped: in the file name, in the title
    if args[0] in ("score", "tree"):
        assert "\\u202egnp.exe" in out


def on_terminal(cwd: Path, *args: str) -> str:
    """`okr ARGS` with stdout and stderr on a pseudo-terminal 160 columns wide, as a user sees it."""
    main, child = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")} | {"TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "okrcli", *args], cwd=cwd, env=env, stdin=child, stdout=child, stderr=child)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert process.wait(timeout=60) in (0, 1, 2)
    return b"".join(chunks).decode("utf-8")


# --- the visible forms, exactly ---------------------------------------------------------------


def test_parsable_and_github_keep_one_line_per_problem(hostile: Path) -> None:
    found: Any = run_okr("check", "--format", "json", *AS_OF, cwd=hostile).json()
    parsable = run_okr("check", "--format", "parsable", *AS_OF, cwd=hostile).out.splitlines()
    github = run_okr("check", "--format", "github", *AS_OF, cwd=hostile).out.splitlines()
    assert len(parsable) == len(github) == len(found["problems"]) and all(line.startswith("::") for line in github)
    odd = "2025-Q3/odd\\x1b[2J\\nname.yaml"
    assert (
        f"{odd}:2:8: [error] owner 'mar/keting\\x1b[31m' holds '/', which cannot be part of a ref like "
        "owner/O1/KR1; use letters, digits, '-', '_' and '.' only, e.g. 'mar-keting-31m' (schema)"
        in parsable
    )
    unknown = next(line for line in parsable if line.startswith(f"{odd}:6:5: "))
    assert unknown.startswith(f"{odd}:6:5: [error] unknown key 'a\\nb.yaml:1:1: [error] fake (schema)' in objective; allowed keys: id, ")
    assert (
        "2025-Q3/refs.yaml:6:13: [error] parent 'company/O9\\x1b[2J' matches no objective in 2025-Q3; write the ref of "
        "an existing objective as owner/O1 (unknown-ref)"
    ) in parsable
    assert any(
        line.startswith(
            "::error file=2025-Q3/odd\\x1b[2J\\nname.yaml,line=6,col=5,title=schema::unknown key "
            "'a\\nb.yaml:1:1: [error] fake (schema)' in objective; allowed keys: id, "
        )
        for line in github
    )
    # JSON keeps the text itself
    assert "a\nb.yaml:1:1: [error] fake (schema)" in next(p["message"] for p in found["problems"] if p["line"] == 6 and p["column"] == 5)


def test_plain_text_score_shows_titles_escaped(hostile: Path) -> None:
    result = run_okr("score", *AS_OF, cwd=hostile)
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "okr: left out of the scores: 2025-Q3/odd\\x1b[2J\\nname.yaml:2:8: owner 'mar/keting\\x1b[31m' holds '/', which "
        "cannot be part of a ref like owner/O1/KR1; use letters, digits, '-', '_' and '.' only, e.g. 'mar-keting-31m' (schema)"
    )
    lines = result.out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("  team/O1 ")))
    assert lines[start : start + 3] == [
        "  team/O1      [#####-----]  0.50  ~green   on-track: projected 0.75, needs 0.60  Grow \\x1b[2J traffic "
        "\\x1b]0;pwned\\x07 now \\x9b31m \\u202egnp.exe 🚀 Tăng trưởng (aspirational)",
        "  team/O1/KR1  [#####-----]  0.50           on-track, stale: projected 1.00, needs 0.60, reaches the target 2025-08-15"
        "  Visits \\x1b[5m reach\\r\\nfake.yaml:1:1: [error] forged (schema)  [50 / 100 visits\\x1b[31m]",  # the unit, escaped too
        '  team/O1/KR2  [#####-----]  0.50           on-track, stale   =HYPERLINK("http://evil")\\u2028 next\\t\\x7f  [20 / >= 40]',
    ]


def test_markdown_report_shows_escapes_as_text(hostile: Path) -> None:
    markdown = run_okr("report", "--format", "markdown", *AS_OF, cwd=hostile).out
    row = next(line for line in markdown.splitlines() if line.startswith("| KR1 | Visits"))
    # the backslash itself is escaped for Markdown, so the page shows \x1b
    assert row.startswith("| KR1 | Visits \\\\x1b\\[5m reach\\\\r\\\\nfake.yaml:1:1: \\[error\\] forged (schema) | 0 → 50 → 100 visits\\\\x1b\\[31m |")
    assert "2025-07-10: note \\\\x1b\\]8;;http://evil\\\\x07 link\\\\nsecond line\\\\x85third\\\\u2029 |" in row


def test_checkin_output_and_note_are_escaped(hostile: Path) -> None:
    result = run_okr("checkin", "team/O1/KR2", "30", "--note", "fine \x1b[2J\nfake", "--date", "2025-08-15", *AS_OF, cwd=hostile)
    assert result.code == 0, result.err
    assert result.out == "2025-Q3/team.yaml: checked in team/O1/KR2 on 2025-08-15\nteam/O1/KR2: 0.5000 → 0.7500 (current 20 → 30)\n"
    stamp = "2025-08-15T18:00:00+07:00"  # committed that day: read as of it, the note is there
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(hostile), "commit", "-q", "-am", "check-in"], check=True, env=env)
    shown = run_okr("report", "--format", "html", *AS_OF, cwd=hostile).out
    assert "2025-08-15: <q>fine \\x1b[2J\\nfake</q>" in shown
    assert_safe(shown, "report after the check-in")


def test_json_writes_c1_and_bidi_controls_as_escapes_that_decode_to_the_same_text(hostile: Path) -> None:
    raw = run_okr("score", "--format", "json", *AS_OF, cwd=hostile).out
    assert "\\u009b31m \\u202egnp.exe" in raw and "\\u2066hidden\\u2069" in raw
    titles = [o["title"] for o in json.loads(raw)["objectives"] if o["ref"] == "team/O1"]
    assert titles == ["Grow \x1b[2J traffic \x1b]0;pwned\x07 now \x9b31m \u202egnp.exe 🚀 Tăng trưởng"]


def test_an_unknown_ref_on_the_command_line_is_quoted_escaped(hostile: Path) -> None:
    result: Result = run_okr("history", "team/O1/KR9\x1b[2J\nforged", *AS_OF, cwd=hostile)
    assert result.code == 2 and result.err.count("\n") == 1 and "KR9\\x1b[2J\\nforged" in result.err


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    """Python reads the byte 0xFF of a file name as the lone surrogate U+DCFF, which no
    output encoding can write: shown as an escape, and as a JSON escape."""
    (tmp_path / os.fsdecode(b"bad\xff.yaml")).write_text("period: 2025-Q3\nowner: t\nobjectivs: []\n", encoding="utf-8")
    parsable = run_okr("check", "--format", "parsable", cwd=tmp_path)
    assert parsable.out == "bad\\udcff.yaml:3:1: [error] unknown key 'objectivs' in sheet; did you mean 'objectives'? (schema)\n"
    raw = run_okr("check", "--format", "json", cwd=tmp_path).out
    assert '"path": "bad\\udcff.yaml"' in raw and json.loads(raw)["problems"][0]["path"] == os.fsdecode(b"bad\xff.yaml")
    assert run_okr("score", cwd=tmp_path).err.encode("utf-8")  # stderr is writable text too


# --- the escaping itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Tăng trưởng traffic bền vững", "Tăng trưởng traffic bền vững"),
        (unicodedata.normalize("NFD", "Tăng trưởng"), unicodedata.normalize("NFD", "Tăng trưởng")),  # combining marks
        ("👩‍💻 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ≥ 40% — “ok”", "👩‍💻 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ≥ 40% — “ok”"),  # joiners, tag characters
        ("a\nb\r\nc\td", "a\\nb\\r\\nc\\td"),
        ("\x1b[2J\x1b]0;t\x07\x00\x7f", "\\x1b[2J\\x1b]0;t\\x07\\x00\\x7f"),
        ("\x85\x9b31m", "\\x85\\x9b31m"),
        ("\u202egnp.exe \u2066x\u2069 \u200f\u061c", "\\u202egnp.exe \\u2066x\\u2069 \\u200f\\u061c"),
        ("one\u2028two\u2029", "one\\u2028two\\u2029"),
        ("bad\udcff.yaml", "bad\\udcff.yaml"),
        ("C:\\path\\x1b", "C:\\path\\x1b"),  # a backslash is left alone: escaping twice changes nothing
    ],
)
def test_printable(text: str, shown: str) -> None:
    from okrcli.reporters.terminal import printable

    assert printable(text) == shown and printable(shown) == shown


def test_printable_data_reaches_every_string_and_copies_only_what_changes() -> None:
    import datetime as dt

    from okrcli.history.timeline import Point
    from okrcli.lint.result import CheckResult
    from okrcli.problem import Problem
    from okrcli.reporters.terminal import printable_data

    clean = CheckResult([Problem("a.yaml", 1, 1, "schema", "error", "fine")], 1)
    assert printable_data(clean) is clean
    dirty = CheckResult([clean.problems[0], Problem("b\n.yaml", 2, 3, "schema", "error", "x\x1b")], 2)
    shown = printable_data(dirty)
    assert shown.problems == [clean.problems[0], Problem("b\\n.yaml", 2, 3, "schema", "error", "x\\x1b")]
    assert shown.problems[0] is clean.problems[0] and dirty.problems[1].path == "b\n.yaml"  # the input is left as it was
    point = Point(dt.date(2025, 7, 1), 5.0, "git", "abc", "5 \x9b")
    assert printable_data([point]) == [Point(dt.date(2025, 7, 1), 5.0, "git", "abc", "5 \\x9b")]
    assert printable_data({"k\t": ("v\n", 1)}) == {"k\\t": ("v\\n", 1)}


UNSAFE_CHARACTERS = [chr(c) for c in range(0x110000) if UNSAFE.match(chr(c)) or chr(c) == "\n" or 0xD800 <= c <= 0xDFFF]


def test_printable_json_finds_every_character_printable_escapes_raw_or_escaped() -> None:
    from okrcli.reporters.terminal import printable, printable_json

    for char in UNSAFE_CHARACTERS:
        assert printable(char) != char
        assert not printable_json(json.dumps(["fine", f"a{char}b"], ensure_ascii=False)), repr(char)
    as_is = ["Tăng trưởng 🚀 “ok”", 'a "quoted" title', "C:\\path\\x1b", "a\\", "\\"]
    assert [printable_json(json.dumps([text, 1.5, None], ensure_ascii=False)) for text in as_is] == [True] * len(as_is)
    assert not printable_json(json.dumps(["C:\\new"], ensure_ascii=False))  # an escaped backslash before n: each string looked at


def test_records_taken_as_printable_are_shown_as_they_are_until_the_next_ones() -> None:
    from okrcli.problem import Problem
    from okrcli.reporters.terminal import printable_data, take_as_printable

    checked, other = Problem("a.yaml", 1, 1, "schema", "error", "fine"), Problem("b.yaml", 1, 1, "schema", "error", "x\x1b")
    take_as_printable([checked, other])  # as if their text had been checked: not looked at again
    assert printable_data([checked, other])[1] is other
    take_as_printable([checked])
    assert printable_data([checked, other]) == [checked, Problem("b.yaml", 1, 1, "schema", "error", "x\\x1b")]
    take_as_printable([])


def test_a_warm_score_shows_the_same_escapes_as_a_cold_one(hostile: Path) -> None:
    """The cache entry's text holds escapes: each string is looked at, as on a cold run."""
    for args in [("score", *AS_OF), ("score", "--format", "markdown", *AS_OF), ("scorecard", "team", *AS_OF), ("tree", *AS_OF)]:
        cold = run_okr(*args, cwd=hostile)
        warm = run_okr(*args, cwd=hostile)
        assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
        assert "x1b" in warm.out, args  # shown escaped (a backslash Markdown escapes again)
        assert_safe(warm.out, args)


MARKUP_TITLE = "Revenue 200 <img src=https://evil.example/p.gif> [docs](javascript:alert(1)) **LGTM** <details open>"
MARKUP_SHEET = f"""\
period: 2025-Q3
owner: team
objectives:
  - id: O1
    title: Grow revenue
    key_results:
      - {{id: KR1, title: "{MARKUP_TITLE}", start: 0, target: 100, current: 50}}
      - {{id: KR2, title: Churn stays low, target: "<= 3%", current: 2%}}
"""
MARKUP_SHOWN = r"Revenue 200 \<img src=https://evil.example/p.gif> \[docs\](javascript:alert(1)) \*\*LGTM\*\* \<details open>"


def test_markdown_for_pull_requests_shows_titles_as_text_not_markup(git_repo: Path) -> None:
    """Score, diff and due Markdown go into pull-request comments and job summaries: a title's
    HTML, links and emphasis are shown as written, values' `<=` untouched."""
    for day, sheet in (("2025-07-01", MARKUP_SHEET.replace(MARKUP_TITLE, "Revenue 200")), ("2025-07-02", MARKUP_SHEET)):
        write_files(git_repo, {"2025-Q3/team.yaml": sheet})
        dates = {"GIT_AUTHOR_DATE": f"{day}T09:00:00+00:00", "GIT_COMMITTER_DATE": f"{day}T09:00:00+00:00"}
        subprocess.run(["git", "-C", str(git_repo), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(git_repo), "commit", "-q", "-m", "goals"], check=True, env={**os.environ, **dates})
    score = run_okr("score", *AS_OF, "--format", "markdown", cwd=git_repo).out
    assert f"| team/O1/KR1 | {MARKUP_SHOWN} | 50 / 100 | 0.50 | | on-track, stale |" in score, score
    assert "| team/O1/KR2 | Churn stays low | 2% / <= 3% |" in score
    diff = run_okr("diff", "HEAD~1", "HEAD", *AS_OF, "--format", "markdown", cwd=git_repo).out
    assert f"| title Revenue 200 → {MARKUP_SHOWN} |" in diff, diff
    due = run_okr("due", *AS_OF, "--format", "markdown", cwd=git_repo).out
    assert MARKUP_SHOWN in due, due
    for out in (score, diff, due):
        assert re.search(r"(?<!\\)(<img|<details|\[docs\]|\*\*LGTM)", out) is None
