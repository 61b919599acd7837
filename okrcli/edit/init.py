"""A new goals repository (`okr init`): the config, the sheet schema and a sample sheet for
the quarter of a day, written all or none, and never over an existing file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from okrcli.edit.atomic import write_atomic
from okrcli.edit.templates import (
    SCHEMA_FILE,
    Locale,
    config_text,
    quarter_of,
    sheet_path,
    sheet_text,
)
from okrcli.errors import EditRefused, UsageError
from okrcli.i18n import _, ngettext
from okrcli.repo.root import CONFIG_NAME, shown_path


def start_repository(root: Path, locale: Locale, day: dt.date, base: Path, today: dt.date | None = None) -> str:
    """Write the files under `root` and say what was written; paths in messages are shown
    relative to `base`, the folder the command started in. A `day` after `today` gives a
    sample without check-ins."""
    files = sample_files(locale, day, today)
    _refuse_existing(root, list(files), base)
    _write_all(root, files, base)
    return _summary(root, list(files), base, sheet_path(quarter_of(day)))


def sample_files(locale: Locale, day: dt.date, today: dt.date | None = None) -> dict[str, str]:
    """Root-relative path → text of every file a new repository starts with."""
    return {
        CONFIG_NAME: config_text(locale),
        SCHEMA_FILE: _schema_text(),
        sheet_path(quarter_of(day)): sheet_text(locale, day, today),
    }


def _schema_text() -> str:
    # Imported here: the schema is built from the pydantic models, which `okr check` avoids.
    from okrcli.model.schema import schema_text

    return schema_text()


def _refuse_existing(root: Path, relatives: list[str], base: Path) -> None:
    if root.exists() and not root.is_dir():
        raise UsageError(_("{path} exists and is not a folder; choose another DIR").format(path=shown_path(root, base)))
    existing = [shown_path(root / r, base) for r in relatives if os.path.lexists(root / r)]
    if existing:
        raise UsageError(ngettext(
            "{paths} already exists; okr init never overwrites a file, so it wrote nothing",
            "{paths} already exist; okr init never overwrites a file, so it wrote nothing",
            len(existing),
        ).format(paths=", ".join(existing)))


def _write_all(root: Path, files: dict[str, str], base: Path) -> None:
    """Write every file or none: a failure part-way removes what was already written. Each
    file is new (a link that fails if anything appeared there since the check), and never
    lands outside DIR through a linked folder."""
    for relative in files:
        _refuse_outside(root, relative, base)
    written: list[Path] = []
    try:
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            _refuse_outside(root, relative, base)  # again: a folder may have been swapped meanwhile
            write_atomic(path, text.encode("utf-8"), new_only=True)  # the mode follows the umask, as for any new file
            written.append(path)
    except EditRefused as err:
        _remove_all(written)
        raise UsageError(_("{reason}; okr init removed the files it had written").format(reason=err) if written else str(err)) from None
    except OSError as err:
        _remove_all(written)
        failed = shown_path(Path(err.filename), base) if err.filename else shown_path(root, base)
        raise UsageError(_("cannot write {path}: {reason}; okr init removed the files it had written").format(path=failed, reason=err.strerror)) from None


def _refuse_outside(root: Path, relative: str, base: Path) -> None:
    folder = (root / relative).parent
    if not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(root)):
        raise EditRefused(_("{path} is a link that leads out of {root}; okr init writes inside it only").format(
            path=shown_path(folder, base), root=shown_path(root, base)))


def _remove_all(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _summary(root: Path, relatives: list[str], base: Path, sheet: str) -> str:
    lines = [_("Wrote a sample goals repository:"), *(f"  {shown_path(root / r, base)}" for r in relatives)]
    where = "" if root == base else f" -C {shown_path(root, base)}"
    lines.append(_("Next: replace the sample goals in {sheet} with yours, then run `okr{where} check`.").format(
        sheet=shown_path(root / sheet, base), where=where))
    return "\n".join(lines)
