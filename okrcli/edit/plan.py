"""Where and how `okr checkin` splices a check-in into a sheet, in the file's own style.

The composed YAML nodes (with their exact character spans) say where things are; the
file's existing check-ins, or the lists nearest to the item, say how they are written:
block or flow, indentation, spacing inside braces, quotes. `Planner.plan()` turns a
`CheckInEdit` into the splices `okrcli.edit.splice` applies and verifies, and into the values
the edited file must read back as.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrcli.edit.style import (
    Scalar,
    bool_scalar,
    number_scalar,
    preferred_quote,
    quote_of,
    quoted,
    render_string,
    render_value,
    string_style,
)
from okrcli.errors import EditRefused
from okrcli.load.reader import YamlPath

if TYPE_CHECKING:
    from okrcli.edit.splice import CheckInEdit

Splice = tuple[int, int, str]  # replace text[start:end] with the string


@dataclass(frozen=True, slots=True)
class Plan:
    splices: list[Splice]
    check_in: dict[str, Any]  # the new check-in as YAML reads it back
    field_value: Any  # the new `current` / `actual` / `done` as YAML reads it back


# --- nodes -----------------------------------------------------------------------------------


def node_at(root: Node, path: YamlPath, name: str) -> MappingNode:
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
            raise EditRefused(f"{name}: the item is written with YAML anchors or aliases ('&{node.anchor}'); edit it by hand")
    if not isinstance(node, MappingNode):
        raise EditRefused(f"{name}: the item is not a mapping")
    shared = _anchor_inside(node)
    if shared is not None:
        raise EditRefused(
            f"{name}: the item holds a value shared through a YAML anchor or alias ('&{shared}' / '*{shared}'), "
            "so the edit could reach another item too; write the values out, or edit it by hand"
        )
    return node


def _anchor_inside(item: Node) -> str | None:
    """The anchor of any node inside the item: the composer gives an alias the very node it
    names, so `check_ins: *c` and `current: *v` show here as the anchored node they share."""
    for _key, node in _walk(item):
        if node.anchor is not None:
            return str(node.anchor)
        if _key is not None and _key.anchor is not None:
            return str(_key.anchor)
    return None


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


class Planner:
    def __init__(self, text: str, root: MappingNode, edit: CheckInEdit, name: str, locale: str) -> None:
        self.text, self.root, self.edit, self.name, self.locale = text, root, edit, name, locale
        self.nodes = _walk(root)
        self.item = node_at(root, edit.path, name)
        found = entry(self.item, "check_ins")
        if found is not None and not isinstance(found[1], SequenceNode):
            raise EditRefused(f"{name}: `check_ins` is not a list")
        self.check_ins = found[1] if found is not None and isinstance(found[1], SequenceNode) else None
        self.model = self.check_ins if self.check_ins is not None else self._nearest_check_ins()
        self.quote = preferred_quote(self.nodes)

    def plan(self) -> Plan:
        style = self._style()
        scalars = self._scalars(flow=style != "block")
        splices = [self._check_in_splice(style, [(key, s.text) for key, s in scalars.items()])]
        field_value = None
        if self.edit.field is not None:
            field = self._field_scalar()
            splices.append(self._field_splice(field))
            field_value = field.value
        return Plan(splices, {key: s.value for key, s in scalars.items()}, field_value)

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
        date_hint = quote_of(self._last("date"))
        day = edit.day.isoformat()
        scalars = {"date": Scalar(quoted(day, date_hint), day) if date_hint else Scalar(day, edit.day)}
        scalars["value"] = self._value(flow)
        if edit.confidence is not None:
            scalars["confidence"] = number_scalar(edit.confidence, flow, self.name)
        if edit.note is not None:
            scalars["note"] = render_string(edit.note, string_style(self._last("note")), self.quote, flow)
        return scalars

    def _value(self, flow: bool) -> Scalar:
        value = self.edit.value
        if isinstance(value, bool):
            return bool_scalar(value, self._last("value"), self._field_node())
        values = [n for k, n in self.nodes if k is not None and k.value in ("current", "actual", "value")]
        hints = map(string_style, [self._field_node(), self._last("value"), *values])
        hint = next((h for h in hints if h is not None), None)  # lazy: stops at the first string
        return render_value(value, hint, self.quote, flow, self.locale)

    def _field_node(self) -> Node | None:
        found = entry(self.item, self.edit.field) if self.edit.field else None
        return found[1] if found else None

    def _field_scalar(self) -> Scalar:
        if isinstance(self.edit.value, bool):
            return bool_scalar(self.edit.value, self._field_node(), self._last("value"))
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

