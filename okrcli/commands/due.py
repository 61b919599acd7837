"""`okr due`: the key results and KPIs of the open periods that need a check-in, by owner,
with their CODEOWNERS handles; exit 1 when anything is due (for a scheduled CI job)."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.commands.common import (
    AsOfOption,
    AtOption,
    ConfigOption,
    OwnerOption,
    RepoOption,
    choose,
    config_path,
    parse_when,
    start_dir,
)

FORMATS = ("text", "markdown", "json", "github")


SUMMARY = "The key results and KPIs that need a check-in, by owner."
EXAMPLES = (
    ('okr due', 'Who owes a check-in today; exit 1 when anyone does.'),
    ('okr due --owner growth --format markdown', 'One owner\'s list, for a scheduled job to post.'),
)


def due(
    owner: OwnerOption = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="text, markdown, json or github.", show_default=False)] = None,
    repo: RepoOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    at: AtOption = None,
) -> int:
    """List the key results and KPIs of the open periods that need a check-in, by owner."""
    from okrcli.i18n import _
    from okrcli.reporters import due_formats
    from okrcli.reporters.terminal import notice
    from okrcli.reporters.text.left_out import notices
    from okrcli.score.due import due as run_due

    chosen = choose(format, FORMATS, "--format", "text")
    base = start_dir(repo)
    found = run_due(base, config_path(config, base), parse_when(as_of, at), owner, notice)
    for line in found.ignored:
        notice(_("{line} (line ignored)").format(line=line))
    notices(found.left_out)
    getattr(due_formats, chosen)(found)
    return found.exit_code
