"""Where and how `okr checkin` splices a check-in into a sheet, in the file's own style.

The composed YAML nodes (with their exact character spans) say where things are; the
file's existing check-ins, or the lists nearest to the item, say how they are written:
block or flow, indentation, spacing inside braces, quotes. `plan_checkin` turns a
`CheckInEdit` into an `Edit` of `okrcli.edit.pipeline`: the splices, and the data the edited
file must read back as (the old data, the check-in appended, the field set).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrcli.edit.nodes import after_colon, content_end, dash_column, entry, insert_lines, node_at, walk
from okrcli.edit.pipeline import Edit, Source, item_at
from okrcli.edit.splice import Splice
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
from okrcli.i18n import _
from okrcli.load.reader import YamlPath


@dataclass(frozen=True, slots=True)
class CheckInEdit:
    """What `okr checkin` writes into the item (key result or KPI) at `path` of one sheet."""

    path: YamlPath
    day: dt.date
    value: str | bool  # VALUE as typed; True/False for a milestone
    field: str | None  # `current`, `actual` or `done` to set to the value; None leaves it be
    confidence: str | None = None  # a YAML number in 0..1, as `okr checkin` read --confidence
    note: str | None = None


def plan_checkin(checkin: CheckInEdit) -> Callable[[Source], Edit]:
    """The check-in as an edit of the pipeline, planned on the file as it is then."""
    return lambda source: Planner(source.text, source.root, checkin, source.name, source.locale).plan()


def _with_check_in(path: YamlPath, field: str | None, field_value: Any, check_in: dict[str, Any]) -> Callable[[Any], Any]:
    """The data the file must read back as: `field` set, the check-in appended (its list made
    when the item has none)."""

    def wanted(data: Any) -> Any:
        item = item_at(data, path)
        if field is not None:
            item[field] = field_value
        if not isinstance(item.get("check_ins"), list):
            item["check_ins"] = []
        item["check_ins"].append(check_in)
        return data

    return wanted


# --- the plan: what to splice where, in the file's own style ------------------------------------


class Planner:
    def __init__(self, text: str, root: MappingNode, edit: CheckInEdit, name: str, locale: str) -> None:
        self.text, self.root, self.edit, self.name, self.locale = text, root, edit, name, locale
        self.nodes = walk(root)
        self.item = node_at(root, edit.path, name)
        found = entry(self.item, "check_ins")
        if found is not None and not isinstance(found[1], SequenceNode):
            raise EditRefused(_("{path}: `check_ins` is not a list").format(path=name))
        self.check_ins = found[1] if found is not None and isinstance(found[1], SequenceNode) else None
        self.model = self.check_ins if self.check_ins is not None else self._nearest_check_ins()
        self.quote = preferred_quote(self.nodes)

    def plan(self) -> Edit:
        style = self._style()
        scalars = self._scalars(flow=style != "block")
        splices = [self._check_in_splice(style, [(key, s.text) for key, s in scalars.items()])]
        field_value = None
        if self.edit.field is not None:
            field = self._field_scalar()
            splices.append(self._field_splice(field))
            field_value = field.value
        check_in = {key: s.value for key, s in scalars.items()}
        return Edit(splices, _with_check_in(self.edit.path, self.edit.field, field_value, check_in))

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
            raise EditRefused(_("{path}: `{key}` is not a single value here; edit it by hand").format(path=self.name, key=self.edit.field))
        key, value = found[0], found[1]
        if value.style is None and value.value == "":
            at = after_colon(self.text, key)
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
        dash = dash_column(self.text, last)
        if dash is None:
            raise EditRefused(_("{path}: cannot tell how the check-ins are indented; add this one by hand").format(path=self.name))
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
            dash = dash_column(self.text, first) if isinstance(first, MappingNode) and not first.flow_style else None
            if dash is not None and dash >= key.start_mark.column and first.start_mark.column >= dash + 2:
                found.append((key.value != "check_ins", dash - key.start_mark.column, first.start_mark.column - dash))
        if not found:
            return (2, 2)
        best = min(found, key=lambda layout: layout[0])
        return (best[1], best[2])


def _block_item(dash: int, key: int, pairs: list[tuple[str, str]]) -> list[str]:
    key = max(key, dash + 2)
    (first, text), *rest = pairs
    return [" " * dash + "-" + " " * (key - dash - 1) + f"{first}: {text}", *(" " * key + f"{k}: {t}" for k, t in rest)]


def _flow_mapping(pairs: list[tuple[str, str]], spaced: bool) -> str:
    inside = ", ".join(f"{key}: {text}" for key, text in pairs)
    return "{ " + inside + " }" if spaced else "{" + inside + "}"

