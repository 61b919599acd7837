"""The `okr` command line: Typer wiring only. Every command returns an exit code, and
`run` is the one place that turns failures into messages and exit codes."""

from __future__ import annotations

import difflib
import importlib
import os
import re
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import click
import typer

from okrcli import __version__
from okrcli.errors import EXIT_INTERNAL, EXIT_USAGE, OkrError, UsageError
from okrcli.i18n import _, use_language
from okrcli.reporters.terminal import notice

# Each command lives in okrcli/commands/<module>.py as a function of the same name. They are
# imported and turned into click commands only when invoked (or listed by --help): the
# pre-commit hook runs `okr check` on every commit, and building all ten costs more than the
# check itself on a warm cache.
COMMANDS = ("init", "check", "score", "scorecard", "tree", "checkin", "history", "report", "close", "rollover", "diff", "due", "schema", "rules")

COMPLETE_VAR = "_OKR_COMPLETE"  # what the installed completion scripts set


class _Command(typer.core.TyperCommand):
    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Typer's own "Arguments" section lists them; click 8.2+ would list them twice."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _negatives_last(self, args))


_NEGATIVE = re.compile(r"-[0-9]")


def _negatives_last(command: click.Command, args: list[str]) -> list[str]:
    """A negative number is a value, never an option: `okr checkin fin/O1/KR1 -5tỷ` checks
    in -5 tỷ. Such arguments go after a `--` (unless an option takes them as its value, or
    the user wrote `--` already), so the parser reads them as the arguments they are."""
    if "--" in args:
        return args
    takes_value = {
        name for p in command.params if isinstance(p, click.Option) and not p.is_flag and not p.count for name in (*p.opts, *p.secondary_opts)
    }
    moved = [i for i, token in enumerate(args) if _NEGATIVE.match(token) and not (i and args[i - 1] in takes_value)]
    if not moved:
        return args
    return [t for i, t in enumerate(args) if i not in moved] + ["--"] + [args[i] for i in moved]


class _LazyGroup(typer.core.TyperGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        """A mistyped command is a usage error that names the closest one."""
        name = click.utils.make_str(args[0])
        if name not in COMMANDS and not name.startswith("-"):
            _speak_as_configured(ctx)
            guess = difflib.get_close_matches(name, COMMANDS, n=1)
            hint = _("did you mean '{guess}'?").format(guess=guess[0]) if guess else _("run `okr --help` for the list")
            raise UsageError(_("unknown command '{name}'; {hint}").format(name=name, hint=hint))
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"okrcli.commands.{name}")
        function = getattr(module, name)
        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
        single.command(name, cls=_Command, context_settings={"help_option_names": ["-h", "--help"]}, short_help=module.SUMMARY,
                       epilog=_examples(module.EXAMPLES))(function)
        command = _with_argument_help(typer.main.get_command(single), function)
        _optional_values(command, getattr(module, "OPTIONAL_VALUES", {}))
        return _speaking(command)


def _speak_as_configured(ctx: click.Context) -> None:
    """The language of an error found before a command reads its `--lang`: OKR_LANG, else
    `language:` in the config of -C DIR or the working directory; English when neither can be
    read (that error is the command's to report)."""
    from okrcli.commands.common import speak_chosen_language

    repo = ctx.params.get("repo")
    try:
        speak_chosen_language(None, Path(repo) if isinstance(repo, (str, Path)) else None, None)
    except OkrError:
        pass


def _optional_values(command: click.Command, values: dict[str, str]) -> None:
    """Options whose value may be left out (`--baseline [FILE]`), taking `values[name]` then.
    Typer cannot declare them; click can (its `is_flag=False, flag_value=...`), set here."""
    for param in command.params:
        if isinstance(param, click.Option) and param.name in values:
            param.flag_value = values[param.name]
            param._flag_needs_value = True


def _examples(examples: tuple[tuple[str, str], ...]) -> str:
    """The help's closing lines: each example and what it does, kept as written (\b)."""
    lines = [f"  {command}\n      {what}" for command, what in examples]
    return "Examples:\n\n\b\n" + "\n".join(lines)


def _with_argument_help(command: click.Command, function: Callable[..., Any]) -> click.Command:
    """Put back the arguments' help: click 8.2+ resets it after typer < 0.26 has set it."""
    hints = typing.get_type_hints(function, include_extras=True)
    for param in command.params:
        if isinstance(param, click.Argument) and param.name in hints:
            infos = [m for m in getattr(hints[param.name], "__metadata__", ()) if isinstance(m, typer.models.ArgumentInfo)]
            param.help = infos[0].help if infos else None
    return command


def _speaking(command: click.Command) -> click.Command:
    """`command` with the common `--lang` option: the language is chosen, once, before the
    command runs, from the option, OKR_LANG or the config the command reads (SPEC 9)."""
    from okrcli.commands.common import speak_chosen_language

    help_text = "Language of messages and reports: en or vi; default OKR_LANG, else language: in .okr.yaml, else en."
    command.params.append(click.Option(["--lang"], metavar="LANG", help=help_text))
    run_command = command.callback
    assert run_command is not None

    def with_language(**options: object) -> object:
        chosen = options.pop("lang")
        repo, config = options.get("repo"), options.get("config")
        speak_chosen_language(
            chosen if isinstance(chosen, str) else None,
            Path(repo) if isinstance(repo, (str, Path)) else None,
            Path(config) if isinstance(config, (str, Path)) else None,
        )
        return run_command(**options)

    command.callback = with_language
    return command


app = typer.Typer(
    cls=_LazyGroup,
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


def _install_completion(context: click.Context, _: click.Parameter, value: bool) -> None:
    """Install completion for the shell $SHELL names (else the one okr runs under)."""
    if not value or context.resilient_parsing:
        return
    from typer._completion_shared import install

    shell = Path(os.environ["SHELL"]).name if os.environ.get("SHELL") else None
    shell, path = install(shell=shell, prog_name="okr", complete_var=COMPLETE_VAR)
    print(f"{shell} completion installed in {path}; it takes effect in a new shell")
    raise typer.Exit(0)


@app.callback()
def _main(
    context: typer.Context,
    repo: Annotated[Path | None, typer.Option("-C", "--repo", help="Run as if okr was started in DIR.", metavar="DIR", show_default=False)] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    install_completion: Annotated[bool, typer.Option(
        "--install-completion", callback=_install_completion, is_eager=True, expose_value=False,
        help="Install tab completion for your shell (bash, zsh, fish).")] = False,
) -> None:
    context.ensure_object(dict).update(repo=repo, debug=debug)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; no input ever escapes as a traceback."""
    args = list(sys.argv[1:] if argv is None else argv)
    if COMPLETE_VAR in os.environ:  # the shell asks for completions: Typer's formats answer
        from typer._completion_classes import completion_init

        completion_init()
    command = typer.main.get_command(app)
    options: dict[str, object] = {}  # the global options as parsed (`_main` fills it)
    use_language("en")  # until the command has read its language, as in a fresh process
    try:
        _refuse_nul(args)
        result = command.main(args=args, prog_name="okr", standalone_mode=False, obj=options)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as err:
        _show(err, args)
        return EXIT_USAGE if err.exit_code == 2 else err.exit_code
    except click.exceptions.Abort:
        return 130
    except OkrError as err:
        notice(str(err))  # messages quote refs, paths and values: escaped like every output
        return getattr(err, "exit_code", EXIT_USAGE)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # the one place a bug becomes exit 3
        # The parsed option, never the word anywhere in argv: `--note --debug` is a note.
        if options.get("debug") is True or os.environ.get("OKR_DEBUG") == "1":
            raise
        notice(f"internal error: {type(err).__name__}: {err}; rerun with --debug and report it")
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0


def _show(err: click.ClickException, args: list[str]) -> None:
    """A usage error found by the parser, in the language the user chose: `--lang` as
    written, else OKR_LANG or the config (the parser stopped before the command read them)."""
    language = _language_of(args)
    if language == "en" or not isinstance(err, click.UsageError):
        err.show()
        return
    use_language(language)
    lines = []
    if err.ctx is not None:
        usage = err.ctx.get_usage().removeprefix("Usage: ")
        lines += [_("Usage: {usage}").format(usage=usage)]
        if err.ctx.command.get_help_option(err.ctx) is not None:
            lines += [_("Try '{command} --help' for help.").format(command=err.ctx.command_path), ""]
    lines.append(_("Error: {message}").format(message=_usage_message(err)))
    click.echo("\n".join(lines), err=True)


def _usage_message(err: click.UsageError) -> str:
    """click's message of `err` in the active language, for the errors the parser raises."""
    if isinstance(err, click.NoSuchOption):
        message = _("no such option '{name}'").format(name=err.option_name)
        near = sorted(err.possibilities or [])
        return message + (_("; did you mean {options}?").format(options=", ".join(f"'{o}'" for o in near)) if near else "")
    if isinstance(err, click.BadOptionUsage) and err.message.endswith(("requires an argument.", "requires {nargs} arguments.")):
        return _("option '{name}' needs a value").format(name=err.option_name)
    if isinstance(err, click.MissingParameter) and err.param is not None:
        name = err.param.human_readable_name if isinstance(err.param, click.Argument) else (err.param.opts or [""])[0]
        return _("missing {name}").format(name=name)
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", err.message)
    if extra:
        return _("unexpected extra argument: {arguments}; quote a value that holds spaces").format(arguments=extra.group(1))
    return err.format_message()


def _language_of(args: list[str]) -> str:
    """`--lang X` (or `--lang=X`) as written, else OKR_LANG or the config; English when
    none can be read."""
    from okrcli.commands.common import chosen_language

    option: str | None = None
    repo: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        following = args[i + 1] if i + 1 < len(args) else None
        if arg == "--lang":
            option = following
        elif arg.startswith("--lang="):
            option = arg.removeprefix("--lang=")
        elif arg in ("-C", "--repo"):
            repo = following
        elif arg.startswith("--repo="):
            repo = arg.removeprefix("--repo=")
    try:
        return chosen_language(option, Path(repo) if repo else None, None)
    except OkrError:
        return "en"


def _refuse_nul(args: list[str]) -> None:
    """No path, ref or value holds a NUL, and the OS refuses a path with one: say so once,
    whichever argument carries it (a shell cannot pass one; a program calling okr can)."""
    for arg in args:
        if "\0" in arg:
            raise OkrError(f"argument {arg!r} holds a NUL character, which no path, ref or value can hold")


def main() -> None:
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    raise SystemExit(code)
