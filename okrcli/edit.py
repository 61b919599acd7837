"""Round-trip edits of a sheet for `okr checkin`: only the intended lines change.

The guarantee, and how it holds:

1. *Locate, never re-serialise.* ruamel.yaml's round-trip composer gives every node of the
   file with its exact character span. The edit splices the original text: the value of
   `current` is replaced and the check-in lines are inserted, indented like the file's own
   sequences (detected from the file, never assumed) and ended like the line before them.
   Nothing a YAML dump would normalise (quotes, indentation, flow style, comments, blank
   lines, line endings, BOM) is ever rewritten.
2. *Verify before writing.* (a) Every line outside the spliced ones is byte-identical and in
   the same order; (b) our own loader reads back exactly the old data plus the intended
   change, with the same types, so a `308.000` can never turn into the float 308.0; (c) the
   sheet still validates. Any failure refuses the edit and the file is not touched.
3. *Write atomically* (`write_atomic`): a temp file beside the real file (symlinks resolved,
   never outside the repository), fsync, the old file mode, then a rename over it.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrcli.errors import UsageError
from okrcli.loader import Loaded, Path, load_bytes
from okrcli.validate import SheetDoc, validate

BOM = "\ufeff"
# YAML 1.1 readers (editors, older tools) take these plain words for booleans: quote them.
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
_INVALID = object()


class EditRefused(UsageError):
    """An edit that cannot be made safely; the file is left exactly as it was."""


@dataclass(frozen=True, slots=True)
class CheckInEdit:
    """What `okr checkin` writes into the item (key result or KPI) at `path` of one sheet."""

    path: Path
    day: dt.date
    value: str | bool  # VALUE as typed; True/False for a milestone
    field: str | None  # `current`, `actual` or `done` to set to the value; None leaves it be
    confidence: str | None = None  # as typed, already checked to read as a number in 0..1
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Scalar:
    text: str  # as written into the file
    value: Any  # what a YAML 1.2 reader makes of it


Splice = tuple[int, int, str]  # replace text[start:end] with the string


@dataclass(frozen=True, slots=True)
class _Plan:
    splices: list[Splice]
    check_in: dict[str, Any]  # the new check-in as YAML reads it back
    field_value: Any  # the new `current` / `actual` / `done` as YAML reads it back


def apply_checkin(raw: bytes, edit: CheckInEdit, name: str, locale: str) -> tuple[bytes, SheetDoc]:
    """The sheet's new bytes and their validated document; raises EditRefused."""
    old = load_bytes(raw, name)
    _require_valid(validate(old, locale), name, "fix it first (see `okr check`)")
    text = raw.decode("utf-8").removeprefix(BOM)
    if text.count("\r") != text.count("\r\n"):
        raise EditRefused(f"{name}: has lone CR line endings; save it with LF or CRLF line endings first")
    plan = _Planner(text, _compose(text, name), edit, name, locale).plan()
    new_text = apply_splices(text, plan.splices)
    unchanged_outside(text, new_text, plan.splices, name)
    new_raw = ((BOM if old.bom else "") + new_text).encode("utf-8")
    new = load_bytes(new_raw, name)
    _same_data(old, new, edit, plan, name)
    doc = validate(new, locale)
    _require_valid(doc, name, "the check-in was not written")
    return new_raw, doc


def _compose(text: str, name: str) -> MappingNode:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        node = YAML().compose(text)  # round-trip mode: YAML 1.2, with every node's span
    except YAMLError as err:
        raise EditRefused(f"{name}: ruamel.yaml cannot read it for editing: {' '.join(str(err).split())}") from None
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


def _same_data(old: Loaded, new: Loaded, edit: CheckInEdit, plan: _Plan, name: str) -> None:
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


def same(a: Any, b: Any) -> bool:
    """Equality that also compares types: 1, 1.0, True and "1" all differ."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


# --- the write ---------------------------------------------------------------------------------


def real_path_inside(root: FilePath, relative: str) -> FilePath:
    """The file's real path, symlinks resolved; refused when it lies outside the repository."""
    real = (root / relative).resolve()
    if not real.is_relative_to(root.resolve()):
        raise EditRefused(f"{relative}: is a link to {real}, outside the repository; okr edits files inside it only")
    if not real.is_file():
        raise EditRefused(f"{relative}: not a regular file")
    return real


def write_atomic(path: FilePath, data: bytes, expected_old: bytes) -> None:
    """Replace `path` with `data` in one rename, keeping its mode; never a half-written file."""
    try:
        _replace(path, data, expected_old)
    except OSError as err:
        raise EditRefused(f"{path.name}: cannot write it ({err.strerror or err}); the file was left as it was") from None
    _sync_folder(path.parent)


def _replace(path: FilePath, data: bytes, expected_old: bytes) -> None:
    before = os.stat(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".okr-tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(before.st_mode))
        _keep_owner(temporary, before)
        if path.read_bytes() != expected_old:  # someone saved it meanwhile: do not lose their edit
            raise EditRefused(f"{path.name}: changed on disk while okr was editing it; run the command again")
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _keep_owner(temporary: str, before: os.stat_result) -> None:
    # Only root may give a file away; for everyone else the owner is already theirs.
    if hasattr(os, "chown") and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.chown(temporary, before.st_uid, before.st_gid)
        except OSError:
            pass


def _sync_folder(folder: FilePath) -> None:
    # The rename is durable only once the folder's entry is on disk (not possible on Windows).
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# --- nodes -----------------------------------------------------------------------------------


def node_at(root: Node, path: Path, name: str) -> MappingNode:
    """The composed node of the item at `path` (a YAML path of our loader)."""
    node: Node | None = root
    for part in path:
        if isinstance(part, int) and isinstance(node, SequenceNode) and part < len(node.value):
            node = node.value[part]
        elif isinstance(node, MappingNode):
            pair = entry(node, str(part))
            node = pair[1] if pair else None
        else:
            node = None
        if node is None:
            raise EditRefused(f"{name}: the item is no longer where it was; run the command again")
        if node.anchor is not None:  # an anchored node may be aliased elsewhere: one edit, two places
            raise EditRefused(f"{name}: the item is written with YAML anchors or aliases; edit it by hand")
    if not isinstance(node, MappingNode):
        raise EditRefused(f"{name}: the item is not a mapping")
    return node


def entry(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    for key_node, value in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def content_end(text: str, node: Node, key: ScalarNode | None = None) -> int:
    """Index just past the last character of `node` itself: no trailing comment, blank or newline."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        key, node = last if isinstance(last, tuple) else (None, last)
    if isinstance(node, ScalarNode) and node.style is None and node.value == "" and key is not None:
        return _after_colon(text, key)  # an empty value's mark sits on the next token
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _after_colon(text: str, key: ScalarNode) -> int:
    index = int(key.end_mark.index)
    while index < len(text) and text[index] in " \t":
        index += 1
    return index + 1 if text[index : index + 1] == ":" else index


def _dash_column(text: str, item: Node) -> int | None:
    """The column of the `- ` that opens sequence item `item`, when it starts its line."""
    index = item.start_mark.index - 1
    while index >= 0 and text[index] in " \r\n":
        index -= 1
    if index < 0 or text[index] != "-":
        return None
    line_start = text.rfind("\n", 0, index) + 1
    return index - line_start if not text[line_start:index].strip() else None


def _walk(root: Node) -> list[tuple[ScalarNode | None, Node]]:
    """Every node with the key it is the value of, in document order."""
    found: list[tuple[ScalarNode | None, Node]] = []
    stack: list[tuple[ScalarNode | None, Node]] = [(None, root)]
    while stack:
        key, node = stack.pop()
        found.append((key, node))
        if isinstance(node, MappingNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, SequenceNode):
            stack.extend((None, child) for child in reversed(node.value))
    return found


# --- the plan: what to splice where, in the file's own style ------------------------------------


class _Planner:
    def __init__(self, text: str, root: MappingNode, edit: CheckInEdit, name: str, locale: str) -> None:
        self.text, self.root, self.edit, self.name, self.locale = text, root, edit, name, locale
        self.nodes = _walk(root)
        self.item = node_at(root, edit.path, name)
        found = entry(self.item, "check_ins")
        if found is not None and not isinstance(found[1], SequenceNode):
            raise EditRefused(f"{name}: `check_ins` is not a list")
        self.check_ins = found[1] if found is not None and isinstance(found[1], SequenceNode) else None
        self.model = self.check_ins if self.check_ins is not None else self._nearest_check_ins()
        self.quote = _preferred_quote(self.nodes)

    def plan(self) -> _Plan:
        style = self._style()
        scalars = self._scalars(flow=style != "block")
        splices = [self._check_in_splice(style, [(key, s.text) for key, s in scalars.items()])]
        field_value = None
        if self.edit.field is not None:
            field = self._field_scalar()
            splices.append(self._field_splice(field))
            field_value = field.value
        return _Plan(splices, {key: s.value for key, s in scalars.items()}, field_value)

    # how this file writes check-ins

    def _nearest_check_ins(self) -> SequenceNode | None:
        """The check-ins written just before this item (else just after) show the house style."""
        lists = [n for k, n in self.nodes if k is not None and k.value == "check_ins" and isinstance(n, SequenceNode)]
        before = [n for n in lists if n.start_mark.index < self.item.start_mark.index]
        return before[-1] if before else (lists[0] if lists else None)

    def _style(self) -> str:
        """'flow' inside `[...]`, 'flow-item' as `- {...}`, or 'block'."""
        if self.check_ins is None and self.item.flow_style:
            return "flow"
        model = self.model
        if model is None:
            return "block"
        if model.flow_style:
            return "flow"
        return "flow-item" if model.value and model.value[-1].flow_style else "block"

    def _last(self, key: str) -> Node | None:
        """`key` of the last check-in of this item, else of the check-ins nearest to it."""
        items = self.model.value if self.model is not None else []
        found = entry(items[-1], key) if items and isinstance(items[-1], MappingNode) else None
        return found[1] if found else None

    def _spaced(self) -> bool:
        """`{ date: … }` or `{date: …}`, as the file's flow check-ins are written."""
        last = self.model.value[-1] if self.model is not None and self.model.value else None
        if self.check_ins is None and self.item.flow_style:
            last = self.item  # inside a flow key result, its own braces set the style
        return isinstance(last, MappingNode) and bool(last.flow_style) and self.text[last.start_mark.index + 1] == " "

    # the scalars

    def _scalars(self, flow: bool) -> dict[str, Scalar]:
        edit = self.edit
        date_hint = _quote_of(self._last("date"))
        day = edit.day.isoformat()
        scalars = {"date": Scalar(_quoted(day, date_hint), day) if date_hint else Scalar(day, edit.day)}
        scalars["value"] = self._value(flow)
        if edit.confidence is not None:
            scalars["confidence"] = Scalar(edit.confidence, _number(edit.confidence, flow, self.name))
        if edit.note is not None:
            scalars["note"] = render_string(edit.note, _string_style(self._last("note")), self.quote, flow)
        return scalars

    def _value(self, flow: bool) -> Scalar:
        value = self.edit.value
        if isinstance(value, bool):
            return _bool_scalar(value, self._last("value"), self._field_node())
        values = [n for k, n in self.nodes if k is not None and k.value in ("current", "actual", "value")]
        hints = map(_string_style, [self._field_node(), self._last("value"), *values])
        hint = next((h for h in hints if h is not None), None)  # lazy: stops at the first string
        return render_value(value, hint, self.quote, flow, self.locale)

    def _field_node(self) -> Node | None:
        found = entry(self.item, self.edit.field) if self.edit.field else None
        return found[1] if found else None

    def _field_scalar(self) -> Scalar:
        if isinstance(self.edit.value, bool):
            return _bool_scalar(self.edit.value, self._field_node(), self._last("value"))
        return self._value(bool(self.item.flow_style))

    # the splices

    def _field_splice(self, scalar: Scalar) -> Splice:
        found = entry(self.item, self.edit.field or "")
        if found is None or not isinstance(found[1], ScalarNode):
            raise EditRefused(f"{self.name}: `{self.edit.field}` is not a single value here; edit it by hand")
        key, value = found[0], found[1]
        if value.style is None and value.value == "":
            at = _after_colon(self.text, key)
            return (at, at, " " + scalar.text)
        return (value.start_mark.index, content_end(self.text, value), scalar.text)

    def _check_in_splice(self, style: str, pairs: list[tuple[str, str]]) -> Splice:
        mapping = _flow_mapping(pairs, self._spaced())
        seq = self.check_ins
        if seq is not None and seq.flow_style:
            if not seq.value:
                at = self.text.index("[", seq.start_mark.index) + 1
                return (at, at, mapping)
            end = content_end(self.text, seq.value[-1])
            return (end, end, ", " + mapping)
        if seq is not None:
            return self._after_last_item(seq, style, pairs, mapping)
        if self.item.flow_style:
            end = content_end(self.text, self.item.value[-1][1], self.item.value[-1][0])
            return (end, end, f", check_ins: [{mapping}]")
        return self._new_key(style, pairs, mapping)

    def _after_last_item(self, seq: SequenceNode, style: str, pairs: list[tuple[str, str]], mapping: str) -> Splice:
        last = seq.value[-1]
        dash = _dash_column(self.text, last)
        if dash is None:
            raise EditRefused(f"{self.name}: cannot tell how the check-ins are indented; add this one by hand")
        if style == "flow-item":
            gap = max(last.start_mark.column - dash, 2)
            lines = [" " * dash + "-" + " " * (gap - 1) + mapping]
        else:
            lines = _block_item(dash, last.start_mark.column, pairs)
        return insert_lines(self.text, content_end(self.text, seq), lines)

    def _new_key(self, style: str, pairs: list[tuple[str, str]], mapping: str) -> Splice:
        column = self.item.start_mark.column
        dash_offset, key_offset = self._layout()
        dash = column + dash_offset
        if style == "flow":
            lines = [" " * column + f"check_ins: [{mapping}]"]
        elif style == "flow-item":
            lines = [" " * column + "check_ins:", " " * dash + "- " + mapping]
        else:
            lines = [" " * column + "check_ins:", *_block_item(dash, dash + key_offset, pairs)]
        return insert_lines(self.text, content_end(self.text, self.item), lines)

    def _layout(self) -> tuple[int, int]:
        """(dash column − parent key column, item key column − dash column) of the file's block
        lists of mappings: `key:⏎  - id:` is (2, 2), flush `key:⏎- id:` (0, 2). Check-in lists
        win over other lists; without any list, the common (2, 2)."""
        found: list[tuple[bool, int, int]] = []
        for key, node in self.nodes:
            if key is None or not isinstance(node, SequenceNode) or node.flow_style:
                continue
            first = node.value[0]
            dash = _dash_column(self.text, first) if isinstance(first, MappingNode) and not first.flow_style else None
            if dash is not None and dash >= key.start_mark.column and first.start_mark.column >= dash + 2:
                found.append((key.value != "check_ins", dash - key.start_mark.column, first.start_mark.column - dash))
        if not found:
            return (2, 2)
        best = min(found, key=lambda layout: layout[0])
        return (best[1], best[2])


def insert_lines(text: str, after: int, lines: list[str]) -> Splice:
    """Insert whole lines after the line holding text[after - 1], ended like that line."""
    newline = text.find("\n", after)
    if newline < 0:  # an unterminated last line stays unterminated
        eol = "\r\n" if "\r\n" in text else "\n"
        return (len(text), len(text), "".join(eol + line for line in lines))
    eol = "\r\n" if text[newline - 1 : newline] == "\r" else "\n"
    return (newline + 1, newline + 1, "".join(line + eol for line in lines))


def _block_item(dash: int, key: int, pairs: list[tuple[str, str]]) -> list[str]:
    key = max(key, dash + 2)
    (first, text), *rest = pairs
    return [" " * dash + "-" + " " * (key - dash - 1) + f"{first}: {text}", *(" " * key + f"{k}: {t}" for k, t in rest)]


def _flow_mapping(pairs: list[tuple[str, str]], spaced: bool) -> str:
    inside = ", ".join(f"{key}: {text}" for key, text in pairs)
    return "{ " + inside + " }" if spaced else "{" + inside + "}"


# --- scalars as the file writes them -----------------------------------------------------------


def render_value(text: str, hint: str | None, quote: str, flow: bool, locale: str) -> Scalar:
    """A value as typed: a plain YAML number when YAML reads the same number the locale does,
    else a string quoted as the file quotes (so "308.000" never becomes the float 308.0)."""
    read = _read_back(text, flow)
    if isinstance(read, (int, float)) and not isinstance(read, bool) and _same_number(text, read, locale):
        return Scalar(text, read)
    return render_string(text, hint, quote, flow)


def render_string(text: str, hint: str | None, quote: str, flow: bool) -> Scalar:
    """Plain when the file writes such strings plain (or shows no preference) and YAML reads
    it back unchanged; else in the file's quotes. `hint`: '' plain, a quote, None unknown."""
    if not hint and text.casefold() not in _YAML11_BOOLS and same(_read_back(text, flow), text):
        return Scalar(text, text)
    return Scalar(_quoted(text, hint or quote), text)


def _quoted(text: str, char: str) -> str:
    if char == "'" and text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    escaped = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
    out = [escaped.get(c) or (c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") for c in text]
    return '"' + "".join(out) + '"'


def _read_back(text: str, flow: bool) -> Any:
    """What our loader reads from `text` written plain in a block or flow context."""
    if "\n" in text or "\r" in text or text != text.strip():
        return _INVALID
    loaded = load_bytes((f"v: [{text}]\n" if flow else f"v: {text}\n").encode("utf-8"), "<value>")
    if loaded.problems or loaded.grouped_floats or not isinstance(loaded.data, dict):
        return _INVALID
    value = loaded.data.get("v")
    if flow:
        return value[0] if isinstance(value, list) and len(value) == 1 else _INVALID
    return value


def _same_number(text: str, read: float, locale: str) -> bool:
    from okrcli.values import ValueSyntaxError, parse_value

    try:
        return parse_value(text, locale=locale).number == float(read)  # type: ignore[arg-type]
    except ValueSyntaxError:
        return False


def _number(text: str, flow: bool, name: str) -> Any:
    read = _read_back(text, flow)
    if not isinstance(read, (int, float)) or isinstance(read, bool):
        raise EditRefused(f"{name}: {text!r} is not a number")
    return read


def _bool_scalar(value: bool, *examples: Node | None) -> Scalar:
    """`true`/`false` in the case the file writes them (`True`, `TRUE`)."""
    text = "true" if value else "false"
    written = [n.value for n in examples if isinstance(n, ScalarNode) and n.style is None and n.value.lower() in ("true", "false")]
    if written:
        text = text.upper() if written[0].isupper() else text.title() if written[0][0].isupper() else text
    return Scalar(text, value)


def _quote_of(node: Node | None) -> str | None:
    style = getattr(node, "style", None)
    return style if isinstance(node, ScalarNode) and style in ('"', "'") else None


def _string_style(node: Node | None) -> str | None:
    """How a string is written at `node`: its quote, '' for plain, None when it is no string."""
    if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
        return None
    if node.style in ('"', "'"):
        return str(node.style)
    return "" if node.value and isinstance(_read_back(node.value, False), str) else None


def _preferred_quote(nodes: list[tuple[ScalarNode | None, Node]]) -> str:
    styles = [node.style for _, node in nodes if isinstance(node, ScalarNode)]
    return "'" if styles.count("'") > styles.count('"') else '"'
