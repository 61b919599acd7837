"""The small edits other commands build on, each an `Edit` of `okrcli.edit.pipeline` made on
the file as it is (`Source`): add a key to a header or an item (`closed: true`, `final:
{score: 0.62, grade: green}`), set an existing value (or write the same value quoted), rename
a key, remove a comment. Each says what the file must read back as, so the pipeline proves
the edit did that and nothing else; `combine` joins several edits of one file.

`path` is a YAML path of our loader (`()` for the header, `("objectives", 0)` for O1);
`Scalar` (`okrcli.edit.style`) is a value as written and as YAML reads it back.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.nodes import MappingNode, ScalarNode

from okrcli.edit.nodes import after_colon, content_end, entry, insert_lines, node_at
from okrcli.edit.pipeline import Edit, Source, item_at
from okrcli.edit.style import Scalar
from okrcli.errors import EditRefused
from okrcli.load.reader import YamlPath


def add_key(source: Source, path: YamlPath, key: str, scalar: Scalar) -> Edit:
    """`key: value` as the last entry of the mapping at `path`, indented like its keys (or
    `, key: value` inside a flow mapping); refused when the key is there already."""
    item = node_at(source.root, path, source.name)
    if entry(item, key) is not None:
        raise EditRefused(f"{source.name}: `{key}` is already there; edit it by hand")
    if item.flow_style:
        splice = _flow_add(source.text, item, f"{key}: {scalar.text}")
    else:
        column = item.value[0][0].start_mark.column if item.value else item.start_mark.column
        splice = insert_lines(source.text, content_end(source.text, item), [" " * column + f"{key}: {scalar.text}"])
    return Edit([splice], _setting(path, key, scalar.value))


def set_value(source: Source, path: YamlPath, key: str, scalar: Scalar) -> Edit:
    """The value of the existing `key` written as `scalar` (the same value quoted, or a new one)."""
    item = node_at(source.root, path, source.name)
    found = entry(item, key)
    if found is None or not isinstance(found[1], ScalarNode):
        raise EditRefused(f"{source.name}: `{key}` is not a single value here; edit it by hand")
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
        raise EditRefused(f"{source.name}: no plain key `{old}` here; edit it by hand")
    if entry(item, new) is not None:
        raise EditRefused(f"{source.name}: `{new}` is already there; edit it by hand")
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
        raise EditRefused(f"{source.name}:{line}:{column}: no comment starts there")
    before = source.text[begin:at]
    if not before.strip():
        return Edit([(begin, line_end, "")], _same)
    content_end = len(source.text[:line_end].rstrip("\r\n"))
    return Edit([(begin + len(before.rstrip(" \t")), content_end, "")], _same)


def _line_start(source: Source, line: int) -> int:
    index = 0
    for _ in range(line - 1):
        index = source.text.find("\n", index) + 1
        if index == 0:
            raise EditRefused(f"{source.name}: there is no line {line}")
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
