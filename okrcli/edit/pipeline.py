"""The one way okr edits a sheet in place, whatever the edit (`okr checkin` today; closing a
period, a rollover, `okr check --fix` plug in the same way): only the intended lines change.

An edit is two things, both made by the client from the file as it is now (`Source`):
*splices* of the original text (`okrcli.edit.splice`), placed through the composed nodes
(`okrcli.edit.nodes`) and spelled in the file's own style (`okrcli.edit.style`), and *the
data the file must read back as*, a function of the old data (`Edit.wanted`). The pipeline:

1. reads the sheet and refuses one that does not validate, or has lone CR line endings;
2. applies the splices, and refuses unless every line outside them is byte-identical and in
   the same order;
3. reads the new text back with our own loader and refuses unless it equals the wanted data,
   types included (a `308.000` can never turn into the float 308.0);
4. validates the new sheet (any error refuses the edit).

A fix (`okr check --fix`, `fixing=True`) edits a sheet that may be invalid, since its
problems are what it fixes: step 1 then takes the sheet as it is, and step 4 refuses unless
every problem of the new sheet was there before (compared by rule, level and message, as
lines move), so a fix only ever removes problems.

The client writes the returned bytes with `okrcli.edit.atomic.replace_file`. Any refusal is an
EditRefused and the file is not touched.
"""

from __future__ import annotations

import copy
import pathlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode

from okrcli.edit.splice import Splice, apply_splices, unchanged_outside
from okrcli.edit.style import same
from okrcli.errors import EditRefused
from okrcli.i18n import _
from okrcli.load.parsers import compose
from okrcli.load.reader import YamlPath, load_bytes
from okrcli.load.validate import SheetDoc, validate
from okrcli.problem import Problem

BOM = "\ufeff"
Wanted = Callable[[Any], Any]  # a copy of the old data → the data the new file must read as


@dataclass(frozen=True, slots=True)
class Source:
    """The sheet as an edit is planned on: its text (no BOM) and composed nodes."""

    text: str
    root: MappingNode
    name: str  # the path shown in refusals
    locale: str  # the repo's number_locale: how values typed by the user read


@dataclass(frozen=True, slots=True)
class Edit:
    splices: list[Splice]
    wanted: Wanted


@dataclass(frozen=True, slots=True)
class Edited:
    raw: bytes  # the new file's bytes, BOM kept
    doc: SheetDoc  # and their validated document


def combine(edits: Sequence[Edit]) -> Edit:
    """Several edits of one file as one: their splices together, their data changes in order."""

    def wanted(data: Any) -> Any:
        for edit in edits:
            data = edit.wanted(data)
        return data

    return Edit([s for edit in edits for s in edit.splices], wanted)


def apply_edit(
    raw: bytes, name: str, locale: str, plan: Callable[[Source], Edit], not_written: str, *, fixing: bool = False
) -> Edited:
    """The sheet's new bytes after the edit `plan` makes of it; raises EditRefused, with
    `not_written` (`the check-in was not written`) as the advice when the result is invalid.
    `fixing`: the old sheet may have problems, and the new one may have only some of them."""
    old = load_bytes(raw, name)
    old_doc = validate(old, locale)
    if not fixing:
        _require_valid(old_doc, name, _("fix it first (see `okr check`)"))
    text = raw.decode("utf-8").removeprefix(BOM)
    if text.count("\r") != text.count("\r\n"):
        raise EditRefused(_("{path}: has lone CR line endings; save it with LF or CRLF line endings first").format(path=name))
    edit = plan(Source(text, _compose(text, name), name, locale))
    new_text = apply_splices(text, edit.splices)
    unchanged_outside(text, new_text, edit.splices, name)
    new_raw = ((BOM if old.bom else "") + new_text).encode("utf-8")
    new = load_bytes(new_raw, name)
    loads_again = not new.problems if not fixing else _within(new.problems, old.problems)
    if not loads_again or not same(new.data, edit.wanted(copy.deepcopy(old.data))):
        raise EditRefused(_("{path}: the edited file would not read back as intended; the file was left as it was").format(path=name))
    doc = validate(new, locale)
    if fixing:
        _require_no_new(doc, old_doc, name, not_written)
    else:
        _require_valid(doc, name, not_written)
    return Edited(new_raw, doc)


def read_sheet_bytes(root: pathlib.Path, relative: str) -> bytes:
    """The sheet's bytes as okr reads any sheet (a regular file inside the root, never
    opened otherwise); EditRefused when it cannot be."""
    from okrcli.repo.root import Unreadable, read_capped

    try:
        return read_capped(root, relative)
    except Unreadable as err:
        raise EditRefused(f"{relative}: {err.advice()}") from None


def item_at(data: Any, path: YamlPath) -> Any:
    """The value at `path` of loaded data (a `Wanted` finds what it changes with it)."""
    for part in path:
        data = data[part]
    return data


def _compose(text: str, name: str) -> MappingNode:
    try:
        node = compose(text)  # every node's span, read by the parser that read the sheet
    except YAMLError as err:
        raise EditRefused(_("{path}: cannot read it for editing: {reason}").format(path=name, reason=" ".join(str(err).split()))) from None
    if not isinstance(node, MappingNode):
        raise EditRefused(_("{path}: the top level is not a mapping").format(path=name))
    return node


def _require_valid(doc: SheetDoc, name: str, advice: str) -> None:
    errors = sorted(p for p in doc.loaded.problems + doc.problems if p.level == "error")
    if errors:
        first = errors[0]
        raise EditRefused(f"{name}:{first.line}:{first.column}: {first.message} ({first.rule}); {advice}")


def _require_no_new(doc: SheetDoc, old: SheetDoc, name: str, advice: str) -> None:
    """Refuse unless every problem of `doc` (ambiguous floats included) was in `old`."""
    if len(doc.loaded.grouped_floats) > len(old.loaded.grouped_floats):
        raise EditRefused(_("{path}: the edit would write a new ambiguous number; {advice}").format(path=name, advice=advice))
    before = Counter(_what(p) for p in old.loaded.problems + old.problems)
    for problem in sorted(doc.loaded.problems + doc.problems):
        if before[_what(problem)] == 0:
            raise EditRefused(f"{name}:{problem.line}:{problem.column}: {problem.message} ({problem.rule}); {advice}")
        before[_what(problem)] -= 1


def _within(new: list[Problem], old: list[Problem]) -> bool:
    """Whether every problem of `new` is one of `old` (as a multiset: two stay two)."""
    return not Counter(_what(p) for p in new) - Counter(_what(p) for p in old)


def _what(problem: Problem) -> tuple[str, str, str]:
    # Not the position: an edit above a problem moves it without changing it.
    return (problem.rule, problem.level, problem.message)
