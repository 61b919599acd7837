"""The whole goals repository loaded: every sheet validated, with the settings in force."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from okrcli.load.reader import Loaded, load_bytes
from okrcli.load.validate import SheetDoc, validate
from okrcli.model.periods import Period
from okrcli.problem import Problem
from okrcli.repo.config import RuleResolver, Settings, load_settings
from okrcli.repo.root import (
    CONFIG_NAME,
    Unreadable,
    find_root,
    list_sheets,
    read_capped,
)


@dataclass(slots=True)
class Workspace:
    root: Path
    settings: Settings
    docs: list[SheetDoc] = field(default_factory=list)

    @property
    def sheets(self) -> list[SheetDoc]:
        return [doc for doc in self.docs if doc.is_sheet]

    def periods(self) -> list[Period]:
        found = {doc.period.text: doc.period for doc in self.sheets if doc.period is not None}
        return sorted(found.values(), key=lambda p: (p.start, -p.days))

    def problems(self) -> list[Problem]:
        """Problems found while loading and validating, before the rules run."""
        return [p for doc in self.docs for p in (*doc.loaded.problems, *doc.problems)]


def settings_for(root: Path, config_file: Path | None, rules: RuleResolver) -> Settings:
    path = config_file if config_file is not None else root / CONFIG_NAME
    # lexists, not is_file: a `.okr.yaml` that is a FIFO or a dangling link is an error to
    # report, never a reason to fall back to the defaults.
    return load_settings(path if config_file is not None or os.path.lexists(path) else None, rules, root)


Reader = Callable[[Path, str], Loaded]


def open_workspace(start: Path, config_file: Path | None, rules: RuleResolver, reader: Reader | None = None) -> Workspace:
    """Load and validate every sheet under the root around `start`; the config's `rules:`
    resolved by `rules` first, so a bad entry stops every command that opens the repository."""
    root = find_root(start)
    settings = settings_for(root, config_file, rules)
    workspace = Workspace(root, settings)
    locale = settings.config.number_locale
    read = reader or read_sheet
    with paused_gc():
        for relative in list_sheets(root, settings.config.exclude):
            workspace.docs.append(validate(read(root, relative), locale))
    return workspace


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading builds millions of small acyclic objects; the cyclic collector would scan
    the growing heap again and again (a third of a cold run) and find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_sheet(root: Path, relative: str, raw: bytes | None = None) -> Loaded:
    if raw is None:
        try:
            raw = read_capped(root, relative)
        except Unreadable as err:
            return unreadable(relative, err)
    return load_bytes(raw, relative)


def unreadable(relative: str, err: Unreadable) -> Loaded:
    """A sheet path okr did not read: no data, one `unreadable-file` problem at 1:1."""
    loaded = Loaded(relative)
    loaded.problems.append(Problem(relative, 1, 1, "unreadable-file", "error", err.advice()))
    return loaded
