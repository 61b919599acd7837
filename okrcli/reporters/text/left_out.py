"""The sheets left out of the scores, one line each on stderr, naming the problem that leaves
it out (shown even when `okr check` is told not to report it)."""

from __future__ import annotations

from collections.abc import Sequence

from okrcli.i18n import _
from okrcli.reporters.terminal import notice
from okrcli.score.records import LeftOut


def notices(left_out: Sequence[LeftOut]) -> None:
    for item in left_out:
        p = item.problem
        notice(_("left out of the scores: {where}: {message} ({rule})").format(where=f"{p.path}:{p.line}:{p.column}", message=p.message, rule=p.rule))
