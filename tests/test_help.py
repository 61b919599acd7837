"""Help that teaches: one-line summaries, described arguments and two examples per
command; "did you mean" for a mistyped command or rule; shell completion installed."""

from __future__ import annotations

import importlib
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from okrcli.cli import COMMANDS
from tests.conftest import run_okr, run_okr_process

WIDE_80 = {"COLUMNS": "80"}


def test_the_command_list_gives_every_summary_whole_at_80_columns() -> None:
    result = run_okr("--help", env=WIDE_80)
    assert result.code == 0
    listed = result.out.split("Commands:\n", 1)[1].splitlines()
    assert listed == [
        "  init       Start a goals repository: config, sample sheet, schema.",
        "  check      Validate and lint the goal sheets.",
        "  score      Score a period's objectives, key results and KPIs.",
        "  scorecard  An owner's 60/40 scorecard of KPIs and key results.",
        "  tree       The alignment tree with scores, grades and status.",
        "  checkin    Record a key result's or KPI's progress in its sheet.",
        "  history    A key result's or KPI's value over time, with a sparkline.",
        "  report     The review-meeting report, as Markdown or HTML.",
        "  close      Freeze a finished period's grades into its sheets.",
        "  rollover   Start the next period's sheets from this one's.",
        "  diff       Goals added, removed or changed between two git refs.",
        "  due        The key results and KPIs that need a check-in, by owner.",
        "  schema     Print the JSON Schema of a goal sheet, for editors.",
        "  rules      List the rules of okr check; RULE documents one.",
    ]
    assert max(len(line) for line in result.out.splitlines()) <= 80


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_ends_its_help_with_two_examples_that_parse(name: str) -> None:
    examples = importlib.import_module(f"okrcli.commands.{name}").EXAMPLES
    result = run_okr(name, "--help", env=WIDE_80)
    assert result.code == 0
    expected = ["  Examples:", ""] + [line for command, what in examples for line in (f"    {command}", f"        {what}")]
    assert result.out.splitlines()[-len(expected):] == expected
    assert len(examples) == 2
    for command, _ in examples:
        words = shlex.split(command)
        words = words[: min([words.index(s) for s in (">", "|") if s in words] or [len(words)])]
        assert words[0] == "okr"
        parsed = run_okr(*words[1:], "--help")  # options are parsed before --help answers
        assert (parsed.code, parsed.err) == (0, ""), command


@pytest.mark.parametrize(("name", "lines"), [
    ("score", ["  [PERIOD]  2025-Q3, Q3 (the most recent), H2, 2025 or 2025-09; default: the",
               "            period holding --as-of."]),
    ("checkin", ["  REF    The key result (owner/O1/KR2) or KPI (owner/K1).  [required]",
                 "  VALUE  The value as you write it in the sheet (290000, 308.000, 36%), or",
                 "         done/true/false for a milestone.  [required]"]),
    ("history", ["  REF  The key result (owner/O1/KR2) or KPI (owner/K1).  [required]"]),
    ("close", ["  PERIOD  The finished period: 2025-Q3, or Q3 for the most recent one.",
               "          [required]"]),
])
def test_arguments_are_described_once(name: str, lines: list[str]) -> None:
    out = run_okr(name, "--help", env=WIDE_80).out
    section = out.split("Arguments:\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == lines
    assert "Positional arguments" not in out


@pytest.mark.parametrize(("args", "message"), [
    (("scroe",), "okr: unknown command 'scroe'; did you mean 'score'?\n"),
    (("scorecrad", "ann"), "okr: unknown command 'scorecrad'; did you mean 'scorecard'?\n"),
    (("chekin", "a/O1/KR1", "3"), "okr: unknown command 'chekin'; did you mean 'checkin'?\n"),
    (("xyzzy",), "okr: unknown command 'xyzzy'; run `okr --help` for the list\n"),
    (("rules", "vague-wordin"), "okr: unknown rule 'vague-wordin'; did you mean 'vague-wording'?\n"),
    (("rules", "max-objective"), "okr: unknown rule 'max-objective'; did you mean 'max-objectives'?\n"),
])
def test_a_mistyped_name_gets_did_you_mean(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run_okr(*args, cwd=tmp_path)
    assert (result.code, result.out, result.err) == (2, "", message)


def test_dash_c_before_a_mistyped_command_still_gets_the_hint(tmp_path: Path) -> None:
    result = run_okr("-C", str(tmp_path), "tre")
    assert (result.code, result.err) == (2, "okr: unknown command 'tre'; did you mean 'tree'?\n")


@pytest.mark.parametrize(("shell", "script", "rc", "rc_line"), [
    ("/bin/bash", ".bash_completions/okr.sh", ".bashrc", "source '{home}/.bash_completions/okr.sh'"),
    ("/usr/bin/zsh", ".zfunc/_okr", ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"),
])
def test_install_completion_writes_the_script_for_the_shell_in_SHELL(tmp_path: Path, shell: str, script: str, rc: str, rc_line: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = run_okr_process("--install-completion", cwd=tmp_path, env={"SHELL": shell, "HOME": str(home)})
    name = Path(shell).name
    assert (result.code, result.err) == (0, "")
    assert result.out == f"{name} completion installed in {home / script}; it takes effect in a new shell\n"
    assert "_OKR_COMPLETE=complete_" + name in (home / script).read_text()
    assert rc_line.format(home=home) in (home / rc).read_text().splitlines()


@pytest.mark.parametrize(("words", "cword", "offered"), [
    ("okr sc", "1", ["score", "scorecard", "schema"]),
    ("okr -C . ro", "3", ["rollover"]),
    ("okr score --ow", "2", ["--owner"]),
])
def test_bash_completion_completes_names(tmp_path: Path, words: str, cword: str, offered: list[str]) -> None:
    """The installed `okr` script, asked as the bash script asks it."""
    env = {**os.environ, "_OKR_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    done = subprocess.run([str(Path(sys.executable).parent / "okr")], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, offered, "")


def test_zsh_completion_completes_command_names_with_their_summaries(tmp_path: Path) -> None:
    env = {"_OKR_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "okr sc"}
    result = run_okr_process(cwd=tmp_path, env=env)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [  # quotes doubled inside zsh's single-quoted word
        "_arguments '*: :((\"score\":\"Score a period''s objectives, key results and KPIs.\"",
        "\"scorecard\":\"An owner''s 60/40 scorecard of KPIs and key results.\"",
        "\"schema\":\"Print the JSON Schema of a goal sheet, for editors.\"))'",
    ]
