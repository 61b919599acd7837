"""`okr init [DIR]`: start a goals repository with a config, a sample sheet and the schema."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated, Optional, cast

import typer

from okrcli.commands.common import AsOfOption, RepoOption, choose, parse_as_of, start_dir
from okrcli.errors import UsageError
from okrcli.repo import CONFIG_NAME
from okrcli.templates import LOCALES, SCHEMA_FILE, Locale, config_text, quarter_of, sheet_path, sheet_text


def init(
    directory: Annotated[Optional[Path], typer.Argument(metavar="DIR", help="Where to start the goals repository (created if missing); default: here.", show_default=False)] = None,
    locale: Annotated[str, typer.Option("--locale", help="Language of the sample and number style: en or vi.")] = "en",
    repo: RepoOption = None,
    as_of: AsOfOption = None,
) -> int:
    """Write .okr.yaml and a sample sheet for the current quarter; never overwrites."""
    chosen = cast(Locale, choose(locale, LOCALES, "--locale", "en"))
    base = start_dir(repo)
    day = parse_as_of(as_of)
    root = base / directory if directory is not None else base
    files = {
        CONFIG_NAME: config_text(chosen),
        SCHEMA_FILE: _schema_text(),
        sheet_path(quarter_of(day)): sheet_text(chosen, day),
    }
    _refuse_existing(root, list(files), base)
    _write_all(root, files, base)
    print(_report(root, list(files), base, sheet_path(quarter_of(day))))
    return 0


def _schema_text() -> str:
    # Imported here: the schema is built from the pydantic models, which `okr check` avoids.
    from okrcli.schema import schema_text

    return schema_text()


def _refuse_existing(root: Path, relatives: list[str], base: Path) -> None:
    if root.exists() and not root.is_dir():
        raise UsageError(f"{_shown(root, base)} exists and is not a folder; choose another DIR")
    existing = [_shown(root / r, base) for r in relatives if os.path.lexists(root / r)]
    if existing:
        verb = "exists" if len(existing) == 1 else "exist"
        raise UsageError(f"{', '.join(existing)} already {verb}; okr init never overwrites a file, so it wrote nothing")


def _write_all(root: Path, files: dict[str, str], base: Path) -> None:
    """Write every file or none: a failure part-way removes what was already written."""
    written: list[Path] = []
    try:
        for relative, text in files.items():
            path = root / relative
            _write_new(path, text)
            written.append(path)
    except OSError as err:
        for path in written:
            path.unlink(missing_ok=True)
        failed = _shown(Path(err.filename), base) if err.filename else _shown(root, base)
        raise UsageError(f"cannot write {failed}: {err.strerror}; okr init removed the files it had written") from None


def _write_new(path: Path, text: str) -> None:
    """Atomic: a temp file in the same folder, fsynced, renamed over the target, so a reader
    never sees half a file. 0o666 lets the umask decide the mode, as for any new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _report(root: Path, relatives: list[str], base: Path, sheet: str) -> str:
    lines = ["Wrote a sample goals repository:", *(f"  {_shown(root / r, base)}" for r in relatives)]
    where = "" if root == base else f" -C {_shown(root, base)}"
    lines.append(f"Next: replace the sample goals in {_shown(root / sheet, base)} with yours, then run `okr{where} check`.")
    return "\n".join(lines)


def _shown(path: Path, base: Path) -> str:
    """A path as the user typed it: relative to where the command started."""
    return Path(os.path.relpath(path, base)).as_posix()
