"""Where a reading command's sheets come from (SPEC 3.1): the working tree, or a commit.

`--at REF` reads the sheets of REF's commit only, and sets the as-of date to that commit's
day unless `--as-of` is given. `--as-of D` before today, in git, reads the commit at the
end of day D (`okrcli.repo.moment.end_of_day`) plus the working-tree sheets that commit
does not have (not committed yet at D: the value rule reads them); from today on, outside
git, or in a shallow clone that does not reach D (with a notice), the working tree.

`--config FILE` wins over the commit's `.okr.yaml`: the file named is read as it is now,
as the user asked; without it the config is the commit's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from okrcli.repo.moment import Moment, as_of_source, git_facts, resolve_ref


@dataclass(frozen=True, slots=True)
class Source:
    moment: Moment | None = None  # None: the working tree
    prefix: str = ""  # the root's folder in the repository, '' or ending in '/'
    only_commit: bool = False  # --at: the commit's sheets only, none from the working tree
    notice: str | None = None  # for stderr: the shallow clone that does not reach D
    ref: str = ""  # --at's ref, as given
    outside_git: bool = False  # a past day outside git (`okrcli.repo.moment.no_git_notice`)


@dataclass(frozen=True, slots=True)
class When:
    """The moment options as given: `--as-of` (None: not given) and `--at`."""

    as_of: dt.date | None = None
    at: str | None = None

    def day(self, today: dt.date) -> dt.date:
        return self.as_of if self.as_of is not None else today


def choose_source(root: Path, when: When, today: dt.date) -> tuple[Source, dt.date]:
    """The source to read and the as-of date that goes with it."""
    if when.at is not None:
        moment = resolve_ref(root, when.at)
        facts = git_facts(root)
        prefix = facts.prefix if facts is not None else ""
        return Source(moment, prefix, only_commit=True, ref=when.at), when.as_of if when.as_of is not None else moment.day
    day = when.day(today)
    found = as_of_source(root, day, today)
    return Source(found.moment, found.prefix, notice=found.notice, outside_git=found.outside_git), day
