"""Round-trip edits of a sheet for `okr checkin`: only the intended lines change.

The guarantee, and how it holds:

1. *Locate, never re-serialise.* The file's nodes, composed from the events of the parser
   that read it (`okrcli.load.parsers`), give every node's exact character span. The edit
   splices the original text: the value of `current` is replaced and the check-in lines
   are inserted, indented like the file's own sequences (detected from the file, never
   assumed) and ended like the line before them. Nothing a YAML dump would normalise
   (quotes, indentation, flow style, comments, blank lines, line endings, BOM) is ever
   rewritten. Where and how to splice is
   `okrcli.edit.plan`; how each scalar is spelled is `okrcli.edit.style`.
2. *Verify before writing.* (a) Every line outside the spliced ones is byte-identical and in
   the same order; (b) our own loader reads back exactly the old data plus the intended
   change, with the same types, so a `308.000` can never turn into the float 308.0; (c) the
   sheet still validates. Any failure refuses the edit and the file is not touched.
3. *Write atomically* (`okrcli.edit.atomic.replace_file`): a temp file beside the real file
   (symlinks resolved, never outside the repository), fsync, the old file mode, then a
   rename over it.
"""

from __future__ import annotations

import copy
import datetime as dt
import pathlib
from dataclasses import dataclass

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode

from okrcli.edit.plan import Plan, Planner, Splice
from okrcli.edit.style import same
from okrcli.errors import EditRefused
from okrcli.load.parsers import compose
from okrcli.load.reader import Loaded, YamlPath, load_bytes
from okrcli.load.validate import SheetDoc, validate

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class CheckInEdit:
    """What `okr checkin` writes into the item (key result or KPI) at `path` of one sheet."""

    path: YamlPath
    day: dt.date
    value: str | bool  # VALUE as typed; True/False for a milestone
    field: str | None  # `current`, `actual` or `done` to set to the value; None leaves it be
    confidence: str | None = None  # a YAML number in 0..1, as `okr checkin` read --confidence
    note: str | None = None


def apply_checkin(raw: bytes, edit: CheckInEdit, name: str, locale: str) -> tuple[bytes, SheetDoc]:
    """The sheet's new bytes and their validated document; raises EditRefused."""
    old = load_bytes(raw, name)
    _require_valid(validate(old, locale), name, "fix it first (see `okr check`)")
    text = raw.decode("utf-8").removeprefix(BOM)
    if text.count("\r") != text.count("\r\n"):
        raise EditRefused(f"{name}: has lone CR line endings; save it with LF or CRLF line endings first")
    plan = Planner(text, _compose(text, name), edit, name, locale).plan()
    new_text = apply_splices(text, plan.splices)
    unchanged_outside(text, new_text, plan.splices, name)
    new_raw = ((BOM if old.bom else "") + new_text).encode("utf-8")
    new = load_bytes(new_raw, name)
    _same_data(old, new, edit, plan, name)
    doc = validate(new, locale)
    _require_valid(doc, name, "the check-in was not written")
    return new_raw, doc


def read_sheet_bytes(root: pathlib.Path, relative: str) -> bytes:
    """The sheet's bytes as okr reads any sheet (a regular file inside the root, never
    opened otherwise); EditRefused when it cannot be."""
    from okrcli.repo.root import Unreadable, read_capped

    try:
        return read_capped(root, relative)
    except Unreadable as err:
        raise EditRefused(f"{relative}: {err.advice()}") from None


def _compose(text: str, name: str) -> MappingNode:
    try:
        node = compose(text)  # every node's span, read by the parser that read the sheet
    except YAMLError as err:
        raise EditRefused(f"{name}: cannot read it for editing: {' '.join(str(err).split())}") from None
    if not isinstance(node, MappingNode):
        raise EditRefused(f"{name}: the top level is not a mapping")
    return node


def _require_valid(doc: SheetDoc, name: str, advice: str) -> None:
    errors = sorted(p for p in doc.loaded.problems + doc.problems if p.level == "error")
    if errors:
        first = errors[0]
        raise EditRefused(f"{name}:{first.line}:{first.column}: {first.message} ({first.rule}); {advice}")


# --- splicing and its line-level verification ---------------------------------------------


def apply_splices(text: str, splices: list[Splice]) -> str:
    for start, end, replacement in sorted(splices, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def unchanged_outside(old: str, new: str, splices: list[Splice], name: str) -> None:
    """Refuse unless the lines no splice touches are byte-identical and in the same order."""
    shifted: list[tuple[int, int]] = []
    shift = 0
    for start, end, replacement in sorted(splices):
        shifted.append((start + shift, start + shift + len(replacement)))
        shift += len(replacement) - (end - start)
    kept_old = _untouched(old, [(s, e) for s, e, _ in splices])
    kept_new = _untouched(new, shifted)
    if kept_old != kept_new:
        raise EditRefused(f"{name}: the edit would change lines it should not touch; the file was left as it was")


def _untouched(text: str, spans: list[tuple[int, int]]) -> list[str]:
    kept = []
    start = 0
    for line in _lines(text):
        end = start + len(line)
        if not any(_touches(start, end, a, b, text) for a, b in spans):
            kept.append(line)
        start = end
    return kept


def _lines(text: str) -> list[str]:
    """Lines with their endings; only LF ends a line (CRLF ends in LF too)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def _touches(line_start: int, line_end: int, a: int, b: int, text: str) -> bool:
    if a < b:
        return a < line_end and b > line_start
    # An insertion touches the line it lands inside, or an unterminated last line it extends.
    return line_start < a < line_end or (a == line_end == len(text) and not text.endswith("\n"))


# --- read-back verification ------------------------------------------------------------------


def _same_data(old: Loaded, new: Loaded, edit: CheckInEdit, plan: Plan, name: str) -> None:
    """Refuse unless the new file reads as the old data plus exactly the intended change."""
    wanted = copy.deepcopy(old.data)
    item = wanted
    for part in edit.path:
        item = item[part]
    if edit.field is not None:
        item[edit.field] = plan.field_value
    if not isinstance(item.get("check_ins"), list):
        item["check_ins"] = []
    item["check_ins"].append(plan.check_in)
    if new.problems or not same(new.data, wanted):
        raise EditRefused(f"{name}: the edited file would not read back as intended; the file was left as it was")

