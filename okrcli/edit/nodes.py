"""Where things are in a sheet's text: the composed YAML nodes, with their exact character
spans, of the parser that read the sheet (`okrcli.load.parsers.compose`). Every kind of edit
finds its place through these, never by searching the text.
"""

from __future__ import annotations

import re
from typing import TypeVar

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrcli.edit.splice import Splice
from okrcli.errors import EditRefused
from okrcli.i18n import _
from okrcli.load.reader import YamlPath

N = TypeVar("N", bound=Node)


def node_at(root: Node, path: YamlPath, name: str) -> MappingNode:
    """The composed node of the item at `path` (a YAML path of our loader)."""
    node = _reach(root, path, name)
    if not isinstance(node, MappingNode):
        raise EditRefused(_("{path}: the item is not a mapping").format(path=name))
    return _unshared(node, root, name)


def sequence_at(root: Node, path: YamlPath, name: str) -> SequenceNode:
    """The composed node of the list at `path`, refused like `node_at` when anything in it is
    anchored or aliased."""
    node = _reach(root, path, name)
    if not isinstance(node, SequenceNode):
        raise EditRefused(_("{path}: the item is not a list").format(path=name))
    return _unshared(node, root, name)


def _reach(root: Node, path: YamlPath, name: str) -> Node:
    shared = _shared(root)
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
            raise EditRefused(_("{path}: the item is no longer where it was; run the command again").format(path=name))
        if id(node) in shared:  # an aliased node is in two places: one edit would change both
            raise EditRefused(
                _("{path}: the item is written with YAML anchors or aliases ('&{anchor}'); edit it by hand").format(path=name, anchor=node.anchor)
            )
    assert node is not None
    return node


def _unshared(node: N, root: Node, name: str) -> N:
    shared = _anchor_inside(node, _shared(root))
    if shared is not None:
        raise EditRefused(_(
            "{path}: the item holds a value shared through a YAML anchor or alias ('&{anchor}' / '*{anchor}'), so the edit "
            "could reach another item too; write the values out, or edit it by hand"
        ).format(path=name, anchor=shared))
    return node


def _anchor_inside(item: Node, shared: set[int]) -> str | None:
    """The anchor of any node inside the item that an alias shares: the composer gives an
    alias the very node it names, so `check_ins: *c` and `current: *v` show here as the
    anchored node they share. An anchor no alias names shares nothing."""
    for key, node in walk(item):
        for found in (key, node):
            if found is not None and id(found) in shared:
                return str(found.anchor)
    return None


def _shared(root: Node) -> set[int]:
    """The nodes (keys and values) the document reaches more than once: anchored and aliased."""
    seen: set[int] = set()
    shared: set[int] = set()
    for key, node in walk(root):
        for found in (key, node):
            if found is not None and found.anchor is not None:
                (shared if id(found) in seen else seen).add(id(found))
    return shared


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
    """The column of the `-` that opens sequence item `item`, when it starts its line."""
    index = dash_index(text, item)
    return None if index is None else index - (text.rfind("\n", 0, index) + 1)


def dash_index(text: str, item: Node) -> int | None:
    """Where the `-` that opens block sequence item `item` is: before it on its line (`- id:`),
    or alone on a line above it, with a comment or blank lines between (`-⏎  id:`,
    `- # the first⏎  id:`); None when anything else comes before the item."""
    start = item.start_mark.index
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip(" ")
    if before.strip():
        return line_start + len(before) - 1 if before.endswith("-") and not before[:-1].strip() else None
    end = line_start - 1  # the line break that ends the line above
    while end > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = _COMMENT.sub("", text[begin:end]).rstrip(" \r")
        if line.strip() == "-":
            return begin + line.index("-")
        if line.strip():
            return None
        end = begin - 1
    return None


_COMMENT = re.compile(r"(^|[ \t])#.*$")


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
