"""Statuses once a period has ended (SPEC 3.1 "Closed periods"). Pure.

A period has ended when its last day is before the as-of date. Nothing in it is on-track,
at-risk, off-track, pending or stale any more: a key result is `done` (its score reaches 1)
or `closed`; an objective is `done` when it has key results and all of them are, else
`closed`. While the period runs, the pace rule (`okrcli.score.key_results.kr_status`) holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from okrcli.model.periods import Period
from okrcli.score.key_results import reaches

EndedStatus = Literal["done", "closed"]


def has_ended(period: Period, as_of: dt.date) -> bool:
    return period.end < as_of


def ended_kr_status(score: float | None) -> EndedStatus:
    """A key result of an ended period: `done` at a score of 1 (as shown, 4 decimals)."""
    return "done" if score is not None and reaches(score, 1.0) else "closed"


def ended_objective_status(kr_statuses: Sequence[str]) -> EndedStatus:
    """`done` when every key result is; an objective without key results is `closed`."""
    return "done" if kr_statuses and all(status == "done" for status in kr_statuses) else "closed"


def finals_apply(period: Period, closed: dt.date | None, as_of: dt.date) -> bool:
    """Whether the `final:` a sheet carries holds at `as_of`: once its period has ended and
    the sheet's closing day (`closed:`, when written) has come. Read at an earlier day, a
    sheet outside git still carries the finals written later; the period was not closed then,
    as the same sheet read from git at that day shows."""
    return has_ended(period, as_of) and (closed is None or closed <= as_of)


def stale_at(stale: bool, period: Period, as_of: dt.date) -> bool:
    """Staleness as the pace rule found it, never once the period has ended."""
    return stale and not has_ended(period, as_of)
