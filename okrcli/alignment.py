"""The alignment tree: objectives hung under their parents, with the enclosing periods'
objectives as context roots."""

from __future__ import annotations

from okrcli.models import Objective
from okrcli.refs import RefError, parse_ref
from okrcli.scorebook import Scorer
from okrcli.scoring import ObjectiveScore, TreeNode
from okrcli.validate import SheetDoc


def scored_tree(objectives: list[ObjectiveScore], scorer: Scorer) -> list[TreeNode]:
    """`objectives` hung under their parents, the parents from enclosing periods as context."""
    context = ancestors(objectives, scorer)
    return build_tree(objectives + context, {o.ref for o in context})


def ancestors(objectives: list[ObjectiveScore], scorer: Scorer) -> list[ObjectiveScore]:
    """The parents from enclosing periods (a quarter's `2025:company/O1`), scored in their own
    period, so the tree starts at the year's objectives as the team sees it."""
    known = {o.ref for o in objectives}
    found: list[ObjectiveScore] = []
    waiting = [o.parent for o in objectives if o.parent is not None and o.parent not in known]
    while waiting:
        ref = waiting.pop(0)
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
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.objective.parent or "")
        if parent is None or _in_loop(node, nodes):
            roots.append(node)
        else:
            parent.children.append(node)
    return sorted(roots, key=lambda n: not n.context)


def _in_loop(node: TreeNode, nodes: dict[str, TreeNode]) -> bool:
    """Whether following parents from `node` comes back to it."""
    seen: set[str] = set()
    current = nodes.get(node.objective.parent or "")
    while current is not None and current.objective.ref not in seen:
        if current is node:
            return True
        seen.add(current.objective.ref)
        current = nodes.get(current.objective.parent or "")
    return False
