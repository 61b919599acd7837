"""`okr diff BASE [HEAD]`: the objectives, key results and KPIs a change added, removed or
changed, both sides scored as of the same date."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    ConfigOption,
    RepoOption,
    choose,
    config_path,
    parse_as_of,
    start_dir,
)

FORMATS = ("text", "markdown", "json")


SUMMARY = "Goals added, removed or changed between two git refs."
EXAMPLES = (
    ('okr diff main', 'What the working tree changes against main, for a pull request.'),
    ('okr diff v1 v2 --format markdown', 'The changes between two tags, as a pull-request comment.'),
)


def diff(
    base: Annotated[str, typer.Argument(help="The git ref to compare from (a branch, tag or commit).", metavar="BASE", show_default=False)],
    head: Annotated[str | None, typer.Argument(help="The git ref to compare to; default: the working tree.", metavar="[HEAD]", show_default=False)] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, markdown or json.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> int:
    """Show the goals added, removed or changed between two git refs (a pull request's)."""
    from okrcli.reporters import diff_formats
    from okrcli.reporters.text.left_out import notices
    from okrcli.score.diff import DiffRequest
    from okrcli.score.diff import diff as run_diff

    chosen = choose(format, FORMATS, "--format", "text")
    where = start_dir(repo)
    found = run_diff(DiffRequest(where, config_path(config, where), base, head, parse_as_of(as_of), notices))
    getattr(diff_formats, chosen)(found)
    return found.exit_code
