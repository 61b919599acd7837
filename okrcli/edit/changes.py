"""The small edits other commands build on, each an `Edit` of `okrcli.edit.pipeline` made on
the file as it is (`Source`): add a key to a header or an item (`closed: 2025-10-03`, `final:
{score: 0.62, grade: green}`), set an existing value (or write the same value quoted), rename
a key, remove a key or list items (a rollover's), remove a comment. Each says what the file must read back as, so the pipeline proves
the edit did that and nothing else; `combine` joins several edits of one file.

`path` is a YAML path of our loader (`()` for the header, `("objectives", 0)` for O1);
`Scalar` (`okrcli.edit.style`) is a value as written and as YAML reads it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrcli.edit.nodes import after_colon, content_end, dash_index, entry, insert_lines, node_at, sequence_at
from okrcli.edit.pipeline import Edit, Source, item_at
from okrcli.edit.splice import Splice
from okrcli.edit.style import Scalar
from okrcli.errors import EditRefused
from okrcli.i18n import _
from okrcli.load.reader import YamlPath


def add_key(source: Source, path: YamlPath, key: str, scalar: Scalar, before: Sequence[str] = ()) -> Edit:
    """`key: value` as the last entry of the mapping at `path`, indented like its keys (or
    `, key: value` inside a flow mapping); refused when the key is there already. With
    `before`, a block mapping gets the line just above the first of those keys it holds
    (`final:` above `key_results:`), when that key starts its line."""
    item = node_at(source.root, path, source.name)
    if entry(item, key) is not None:
        raise EditRefused(_already_there(source.name, key))
    if item.flow_style:
        splice = _flow_add(source.text, item, f"{key}: {scalar.text}")
    else:
        column = item.value[0][0].start_mark.column if item.value else item.start_mark.column
        line = " " * column + f"{key}: {scalar.text}"
        at = _line_of_first(source.text, item, before)
        splice = insert_lines(source.text, content_end(source.text, item), [line]) if at is None else (at, at, line + _eol(source.text, at))
    return Edit([splice], _setting(path, key, scalar.value))


def remove_key(source: Source, path: YamlPath, key: str) -> Edit:
    """The entry `key` of the mapping at `path` removed: its whole lines in a block mapping
    (comments inside it go with it), `, key: value` in a flow mapping."""
    item = node_at(source.root, path, source.name)
    index = next((i for i, (k, _) in enumerate(item.value) if isinstance(k, ScalarNode) and k.value == key), None)
    if index is None:
        raise EditRefused(_("{path}: no `{key}` here to remove").format(path=source.name, key=key))

    def wanted(data: Any) -> Any:
        del item_at(data, path)[key]
        return data

    return Edit([_entry_span(source, item, index)], wanted)


def remove_items(source: Source, path: YamlPath, indexes: Sequence[int]) -> Edit:
    """The items at `indexes` of the list at `path` removed, whole lines in a block list."""
    seq = sequence_at(source.root, path, source.name)
    chosen = sorted(set(indexes), reverse=True)
    if not chosen or chosen[0] >= len(seq.value) or len(chosen) == len(seq.value):
        raise EditRefused(_("{path}: cannot remove those items; edit it by hand").format(path=source.name))

    def wanted(data: Any) -> Any:
        items = item_at(data, path)
        for index in chosen:
            del items[index]
        return data

    return Edit([_item_span(source, seq, index) for index in chosen], wanted)


def set_value(source: Source, path: YamlPath, key: str, scalar: Scalar) -> Edit:
    """The value of the existing `key` written as `scalar` (the same value quoted, or a new one)."""
    item = node_at(source.root, path, source.name)
    found = entry(item, key)
    if found is None or not isinstance(found[1], ScalarNode):
        raise EditRefused(_("{path}: `{key}` is not a single value here; edit it by hand").format(path=source.name, key=key))
    key_node, value = found[0], found[1]
    if value.style is None and value.value == "":
        at = after_colon(source.text, key_node)
        return Edit([(at, at, " " + scalar.text)], _setting(path, key, scalar.value))
    return Edit([(value.start_mark.index, content_end(source.text, value), scalar.text)], _setting(path, key, scalar.value))


def rename_key(source: Source, path: YamlPath, old: str, new: str) -> Edit:
    """The key `old` written as `new`, its value and its place kept."""
    item = node_at(source.root, path, source.name)
    found = entry(item, old)
    if found is None or found[0].style is not None:
        raise EditRefused(_("{path}: no plain key `{key}` here; edit it by hand").format(path=source.name, key=old))
    if entry(item, new) is not None:
        raise EditRefused(_already_there(source.name, new))
    key = found[0]

    def wanted(data: Any) -> Any:
        mapping = item_at(data, path)
        mapping[new] = mapping.pop(old)
        return data

    return Edit([(key.start_mark.index, key.end_mark.index, new)], wanted)


def remove_comment(source: Source, line: int, column: int) -> Edit:
    """The comment starting at `line`:`column` (1-based) removed with the blanks before it; a
    line holding only the comment goes whole. The data must read back unchanged, so a `#`
    inside a value is never taken for a comment."""
    begin = _line_start(source, line)
    at = begin + column - 1
    newline = source.text.find("\n", begin)
    line_end = len(source.text) if newline < 0 else newline + 1
    if source.text[at : at + 1] != "#":
        raise EditRefused(_("{path}:{line}:{column}: no comment starts there").format(path=source.name, line=line, column=column))
    before = source.text[begin:at]
    if not before.strip():
        return Edit([(begin, line_end, "")], _same)
    content_end = len(source.text[:line_end].rstrip("\r\n"))
    return Edit([(begin + len(before.rstrip(" \t")), content_end, "")], _same)


def _already_there(name: str, key: str) -> str:
    return _("{path}: `{key}` is already there; edit it by hand").format(path=name, key=key)


def _line_of_first(text: str, item: MappingNode, keys: Sequence[str]) -> int | None:
    """Where the line of the first entry named in `keys` starts, if the key starts its line."""
    found = [k for k, _ in item.value if isinstance(k, ScalarNode) and k.value in keys]
    return _own_line(text, found[0]) if found else None


def _own_line(text: str, node: Node) -> int | None:
    begin = text.rfind("\n", 0, node.start_mark.index) + 1
    return begin if not text[begin : node.start_mark.index].strip() else None


def _eol(text: str, at: int) -> str:
    newline = text.find("\n", at)
    return "\r\n" if newline > 0 and text[newline - 1] == "\r" else "\n"


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _entry_span(source: Source, item: MappingNode, index: int) -> Splice:
    key, value = item.value[index]
    text = source.text
    if item.flow_style:
        if index > 0:
            before_key, before = item.value[index - 1]
            return (content_end(text, before, before_key), content_end(text, value, key), "")
        if len(item.value) > 1:
            return (key.start_mark.index, item.value[1][0].start_mark.index, "")
        return (key.start_mark.index, content_end(text, value, key), "")
    begin = _own_line(text, key)
    if begin is None:
        raise EditRefused(_("{path}: `{key}` shares its line with another key; edit it by hand").format(path=source.name, key=key.value))
    return (begin, _line_end(text, content_end(text, value, key)), "")


def _item_span(source: Source, seq: SequenceNode, index: int) -> Splice:
    text, item = source.text, seq.value[index]
    if seq.flow_style:
        if index > 0:
            return (content_end(text, seq.value[index - 1]), content_end(text, item), "")
        return (item.start_mark.index, seq.value[1].start_mark.index, "")
    dash = dash_index(text, item)
    if dash is None:
        raise EditRefused(_("{path}: cannot tell where a list item starts; edit it by hand").format(path=source.name))
    begin = text.rfind("\n", 0, dash) + 1  # the dash's line: `-` may stand alone above the item
    return (begin, _line_end(text, content_end(text, item)), "")


def _line_start(source: Source, line: int) -> int:
    index = 0
    for _skipped in range(line - 1):
        index = source.text.find("\n", index) + 1
        if index == 0:
            raise EditRefused(_("{path}: there is no line {line}").format(path=source.name, line=line))
    return index


def _flow_add(text: str, item: MappingNode, pair: str) -> tuple[int, int, str]:
    if not item.value:
        at = text.index("{", item.start_mark.index) + 1
        return (at, at, pair)
    last_key, last_value = item.value[-1]
    end = content_end(text, last_value, last_key)
    return (end, end, ", " + pair)


def _setting(path: YamlPath, key: str, value: Any) -> Any:
    def wanted(data: Any) -> Any:
        item_at(data, path)[key] = value
        return data

    return wanted


def _same(data: Any) -> Any:
    return data
