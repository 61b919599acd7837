"""The alignment tree: objectives hung under their parents, with the enclosing periods'
objectives as context roots."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from okrcli.load.validate import SheetDoc
from okrcli.model.refs import RefError, parse_ref
from okrcli.model.sheet import Objective
from okrcli.score.book import Scorer
from okrcli.score.records import ObjectiveScore

MAX_DEPTH = 64  # a deeper chain of parents goes on as a new root, so every format can draw it


@dataclass(slots=True)
class TreeNode:
    objective: ObjectiveScore
    children: list[TreeNode] = field(default_factory=list)
    context: bool = False  # an ancestor from an enclosing period, shown for orientation


def scored_tree(objectives: list[ObjectiveScore], scorer: Scorer) -> list[TreeNode]:
    """`objectives` hung under their parents, the parents from enclosing periods as context."""
    context = ancestors(objectives, scorer)
    return build_tree(objectives + context, {o.ref for o in context})


def ancestors(objectives: list[ObjectiveScore], scorer: Scorer) -> list[ObjectiveScore]:
    """The parents from enclosing periods (a quarter's `2025:company/O1`), scored in their own
    period, so the tree starts at the year's objectives as the team sees it."""
    known = {o.ref for o in objectives}
    found: list[ObjectiveScore] = []
    waiting = deque(o.parent for o in objectives if o.parent is not None and o.parent not in known)
    while waiting:
        ref = waiting.popleft()
        if ref in known:
            continue
        located = _locate(ref, scorer)
        if located is None:
            continue
        scored = scorer.objective(*located)
        known.add(scored.ref)
        found.append(scored)
        if scored.parent is not None:
            waiting.append(scored.parent)
    return found


def _locate(ref: str, scorer: Scorer) -> tuple[SheetDoc, Objective] | None:
    try:
        parsed = parse_ref(ref)
    except RefError:
        return None
    located = scorer.index.objective(parsed, parsed.period or scorer.selected)
    return None if located is None else (located.doc, located.item)


def build_tree(objectives: list[ObjectiveScore], context: set[str]) -> list[TreeNode]:
    """Hang each objective under its parent; objectives whose parent is not shown (or that
    sit in a loop, which `okr check` reports) become roots."""
    nodes = {o.ref: TreeNode(o, context=o.ref in context) for o in objectives}
    looped = _in_loops(nodes)
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.objective.parent or "")
        if parent is None or node.objective.ref in looped:
            roots.append(node)
        else:
            parent.children.append(node)
    return sorted(roots + _cut_deep(roots), key=lambda n: not n.context)


def _in_loops(nodes: dict[str, TreeNode]) -> set[str]:
    """The objectives whose parents lead back to them; each chain is walked once."""
    looped: set[str] = set()
    done: set[str] = set()
    for start in nodes:
        walk: dict[str, int] = {}  # each ref of this walk → its place in it
        ref: str | None = start
        while ref is not None and ref in nodes and ref not in done and ref not in walk:
            walk[ref] = len(walk)
            ref = nodes[ref].objective.parent
        if ref is not None and ref in walk:
            looped.update(list(walk)[walk[ref]:])
        done.update(walk)
    return looped


def _cut_deep(roots: list[TreeNode]) -> list[TreeNode]:
    """The subtrees hanging MAX_DEPTH levels down, cut off to stand as roots of their own:
    drawing and JSON recurse once per level."""
    cut: list[TreeNode] = []
    stack = [(root, 1) for root in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        children = node.children
        if depth == MAX_DEPTH:
            cut += children
            node.children, depth = [], 0
        stack += [(child, depth + 1) for child in reversed(children)]
    return cut
