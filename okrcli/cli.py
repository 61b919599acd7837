"""The `okr` command line: Typer wiring only. Every command returns an exit code, and
`run` is the one place that turns failures into messages and exit codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from okrcli import __version__
from okrcli.commands.check import check
from okrcli.commands.checkin import checkin
from okrcli.commands.history import history
from okrcli.commands.init import init
from okrcli.commands.report import report
from okrcli.commands.rules import rules
from okrcli.commands.schema import schema
from okrcli.commands.score import score
from okrcli.commands.scorecard import scorecard
from okrcli.commands.tree import tree
from okrcli.errors import EXIT_INTERNAL, EXIT_USAGE, OkrError

app = typer.Typer(
    name="okr",
    help="Validate, lint and score OKRs and KPIs kept as YAML in git.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"okr {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    context: typer.Context,
    repo: Annotated[Optional[Path], typer.Option("-C", "--repo", help="Run as if okr was started in DIR.", metavar="DIR", show_default=False)] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
) -> None:
    context.obj = {"repo": repo, "debug": debug}


app.command("init")(init)
app.command("check")(check)
app.command("score")(score)
app.command("scorecard")(scorecard)
app.command("tree")(tree)
app.command("checkin")(checkin)
app.command("history")(history)
app.command("report")(report)
app.command("schema")(schema)
app.command("rules")(rules)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; no input ever escapes as a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="okr", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as err:
        err.show()
        return EXIT_USAGE if err.exit_code == 2 else err.exit_code
    except click.exceptions.Abort:
        return 130
    except OkrError as err:
        print(f"okr: {err}", file=sys.stderr)
        return getattr(err, "exit_code", EXIT_USAGE)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # the one place a bug becomes exit 3
        if "--debug" in args or os.environ.get("OKR_DEBUG") == "1":
            raise
        print(f"okr: internal error: {type(err).__name__}: {err}; rerun with --debug and report it", file=sys.stderr)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0


def main() -> None:
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    raise SystemExit(code)
