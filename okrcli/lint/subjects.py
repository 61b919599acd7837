"""What a problem is about, in words that survive edits elsewhere in its file: the ref or
key it concerns (`O1/KR2/target`, `K1/actual`, `owner`), read from the YAML node it is at.

Lines move whenever a line is added above; the path of ids and keys down to the node does
not. An item of a list with an `id` is named by its id (so moving O2 above O1 changes
nothing either), any other by its index. A problem at no node (a file that does not parse,
a whole-file problem) has no subject: "".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from okrcli.load.reader import Loaded, Position, YamlPath
from okrcli.problem import Problem


def with_subjects(problems: Iterable[Problem], loaded: dict[str, Loaded]) -> list[Problem]:
    """`problems` with their `subject` set; each file's nodes are looked up once."""
    finders: dict[str, _Finder | None] = {}
    stamped = []
    for problem in problems:
        if problem.path not in finders:
            found = loaded.get(problem.path)
            finders[problem.path] = _Finder(found) if found is not None and found.has_data else None
        finder = finders[problem.path]
        subject = finder.subject(problem.line, problem.column) if finder is not None else ""
        stamped.append(problem if subject == problem.subject else _with(problem, subject))
    return stamped


def _with(problem: Problem, subject: str) -> Problem:
    return Problem(problem.path, problem.line, problem.column, problem.rule, problem.level, problem.message, problem.involves, subject)


class _Finder:
    def __init__(self, loaded: Loaded) -> None:
        self.data = loaded.data
        self.at: dict[Position, YamlPath] = {}
        lines: dict[int, list[tuple[int, YamlPath]]] = {}
        # The shorter path first: an item and its first key start at the same place.
        for path, position in sorted((*loaded.values.items(), *loaded.keys.items()), key=lambda item: len(item[0])):
            self.at.setdefault(position, path)
            lines.setdefault(position[0], []).append((position[1], path))
        self.lines = {line: sorted(nodes, key=lambda node: node[0]) for line, nodes in lines.items()}

    def subject(self, line: int, column: int) -> str:
        """The subject of the node at line:column, or of the last one starting before it on
        that line (a word inside a title)."""
        path = self.at.get((line, column))
        if path is None:
            nodes = self.lines.get(line, [])
            index = bisect.bisect_right([node[0] for node in nodes], column) - 1
            if index < 0:
                return ""
            path = nodes[index][1]
        return render(path, self.data)


def render(path: YamlPath, data: Any) -> str:
    """`path` in words: list items with an `id` by their id, the rest by key or index."""
    parts: list[str] = []
    node = data
    index = 0
    while index < len(path):
        key = path[index]
        child = _child(node, key)
        following = path[index + 1] if index + 1 < len(path) else None
        item = _child(child, following) if isinstance(child, list) and type(following) is int else None
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, str):
            parts.append(ident)
            node, index = item, index + 2
            continue
        parts.append(str(key))
        node, index = child, index + 1
    return "/".join(parts)


def _child(node: Any, key: Any) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and type(key) is int and 0 <= key < len(node):
        return node[key]
    return None
