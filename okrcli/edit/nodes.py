"""Where things are in a sheet's text: the composed YAML nodes, with their exact character
spans, of the parser that read the sheet (`okrcli.load.parsers.compose`). Every kind of edit
finds its place through these, never by searching the text.
"""

from __future__ import annotations

from typing import TypeVar

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrcli.edit.splice import Splice
from okrcli.errors import EditRefused
from okrcli.load.reader import YamlPath

N = TypeVar("N", bound=Node)


def node_at(root: Node, path: YamlPath, name: str) -> MappingNode:
    """The composed node of the item at `path` (a YAML path of our loader)."""
    node = _reach(root, path, name)
    if not isinstance(node, MappingNode):
        raise EditRefused(f"{name}: the item is not a mapping")
    return _unshared(node, name)


def sequence_at(root: Node, path: YamlPath, name: str) -> SequenceNode:
    """The composed node of the list at `path`, refused like `node_at` when anything in it is
    anchored or aliased."""
    node = _reach(root, path, name)
    if not isinstance(node, SequenceNode):
        raise EditRefused(f"{name}: the item is not a list")
    return _unshared(node, name)


def _reach(root: Node, path: YamlPath, name: str) -> Node:
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
    assert node is not None
    return node


def _unshared(node: N, name: str) -> N:
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
    for _key, node in walk(item):
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
        return after_colon(text, key)  # an empty value's mark sits on the next token
    start, end = int(node.start_mark.index), int(node.end_mark.index)
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def after_colon(text: str, key: ScalarNode) -> int:
    index = int(key.end_mark.index)
    while index < len(text) and text[index] in " \t":
        index += 1
    return index + 1 if text[index : index + 1] == ":" else index


def dash_column(text: str, item: Node) -> int | None:
    """The column of the `- ` that opens sequence item `item`, when it starts its line."""
    index = item.start_mark.index - 1
    while index >= 0 and text[index] in " \r\n":
        index -= 1
    if index < 0 or text[index] != "-":
        return None
    line_start = text.rfind("\n", 0, index) + 1
    return index - line_start if not text[line_start:index].strip() else None


def walk(root: Node) -> list[tuple[ScalarNode | None, Node]]:
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



def insert_lines(text: str, after: int, lines: list[str]) -> Splice:
    """Insert whole lines after the line holding text[after - 1], ended like that line."""
    newline = text.find("\n", after)
    if newline < 0:  # an unterminated last line stays unterminated
        eol = "\r\n" if "\r\n" in text else "\n"
        return (len(text), len(text), "".join(eol + line for line in lines))
    eol = "\r\n" if text[newline - 1 : newline] == "\r" else "\n"
    return (newline + 1, newline + 1, "".join(line + eol for line in lines))
