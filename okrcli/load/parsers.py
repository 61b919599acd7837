"""Which parser reads a YAML text: libyaml's, for speed, or ruamel.yaml's own, for reach.

libyaml (ruamel.yaml's C parser) reads a sheet many times faster than ruamel.yaml's
pure-Python parser, but it predates YAML 1.2 and refuses text that YAML 1.2 and ruamel.yaml
read: a URL in a flow list (`links: [https://x.example/A-1]`), a tab at the end of a line
that opens a block scalar, a `%YAML 1.2` directive with a tab in it, and more. So `parse`
tries libyaml first and, when it fails, reads the text again from the start with
ruamel.yaml's parser: okr never refuses what ruamel.yaml reads, and a text that neither
reads is reported with ruamel.yaml's error and position. The choice depends on the text
alone, so every pass over one text (the loader's data, its positions, the editor's nodes)
sees the same events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from okrcli.i18n import _

try:  # the C parser is a dependency; without it (odd platforms) every text takes the pure one
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _CParser = None

T = TypeVar("T")
NextEvent = Callable[[], Any]

# libyaml ends an anchor or alias name at ':' where YAML 1.2 reads on: `&an:chor value` is
# the anchor "an:chor", but libyaml silently reads the anchor "an" on the text ":chor value".
# Such a text is read by ruamel.yaml's parser first.
_SPLIT_ANCHOR = re.compile(r"[&*][0-9A-Za-z_-]+:[^\s,\[\]{}]")


class Decided(Exception):
    """Raised by a consumer of the events to end the reading with its own answer (a problem
    it found): the text was read, so no other parser is tried."""


class _Unread(YAMLError):
    """libyaml failed in a way that is not a YAML error; the pure parser decides."""


def parse(text: str, consume: Callable[[NextEvent], T]) -> T:
    """`consume(next_event)` over the events of `text`, from the first parser that reads it.

    `consume` starts afresh on each call; a YAMLError means no parser reads the text."""
    if _CParser is None:  # pragma: no cover
        return consume(_PureEvents(text, None).next)
    if ("&" in text or "*" in text) and _SPLIT_ANCHOR.search(text):
        try:
            return consume(_PureEvents(text, None).next)
        except YAMLError as err:
            pure_error = err
        try:
            return _with_libyaml(text, consume)
        except YAMLError:
            raise pure_error from None
    try:
        return _with_libyaml(text, consume)
    except YAMLError as err:
        earlier = err
    try:
        return consume(_PureEvents(text, earlier).next)
    except MarkedYAMLError as err:
        # Both fail, nearly always at one place: there, libyaml's wording is the one the
        # advice of `okrcli.load.parse_errors` knows; elsewhere ruamel.yaml, which read further, tells.
        same_place = isinstance(earlier, MarkedYAMLError) and _place(earlier) == _place(err)
        raise (earlier if same_place else err) from None


def _place(err: MarkedYAMLError) -> tuple[int, int] | None:
    mark = err.problem_mark or err.context_mark
    return None if mark is None else (mark.line, mark.column)


def _with_libyaml(text: str, consume: Callable[[NextEvent], T]) -> T:
    parser = _CParser(text)
    try:
        return consume(parser.get_event)
    except (Decided, YAMLError):
        raise
    except Exception as err:
        # An odd failure inside the C extension, or a defect of `consume`: the pure pass
        # either reads the text or, for a defect, fails the same way where it shows.
        raise _Unread(f"{type(err).__name__}: {err}") from err
    finally:
        parser.dispose()


class _PureEvents:
    """ruamel.yaml's pure-Python parser; any failure inside it is a YAMLError."""

    def __init__(self, text: str, earlier: YAMLError | None) -> None:
        self.text = text
        self.earlier = earlier  # libyaml's error, if it was tried first
        self.events: Iterator[Any] | None = None

    def next(self) -> Any:
        try:
            if self.events is None:
                from ruamel.yaml import (
                    YAML,  # imported only for the rare text libyaml refuses
                )

                self.events = YAML(typ="safe", pure=True).parse(self.text)
            return next(self.events)
        except YAMLError:
            raise
        except Exception as err:  # e.g. its assertion on `%YAML 1.3`: the text is still unreadable
            if isinstance(self.earlier, MarkedYAMLError):
                raise self.earlier from None  # libyaml's reason and position
            raise YAMLError(_("ruamel.yaml cannot read this YAML ({reason})").format(reason=f"{type(err).__name__}: {err}")) from None


def compose(text: str) -> Node | None:
    """The node tree of the text's first document, with the span and style of every node,
    read by the parser `parse` picks: the editor sees what the loader read."""
    return parse(text, _compose)


def _compose(next_event: NextEvent) -> Node | None:
    root: Node | None = None
    stack: list[list[Any]] = []  # open collections: [node, a mapping's key awaiting its value]
    anchors: dict[str, Node] = {}
    while True:
        event = next_event()
        kind = type(event)
        if kind is StreamEndEvent:
            return root
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()[0].end_mark = event.end_mark
            continue
        node = _node(event, anchors)
        if node is None:
            continue  # stream and document boundaries
        if event.anchor is not None and kind is not AliasEvent:
            anchors[event.anchor] = node
        if not stack:
            root = root if root is not None else node
        else:
            _attach(stack[-1], node)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            stack.append([node, None])


def _node(event: Any, anchors: dict[str, Node]) -> Node | None:
    kind = type(event)
    if kind is ScalarEvent:
        return ScalarNode(event.tag, event.value, event.start_mark, event.end_mark, style=event.style or None, anchor=event.anchor)
    if kind is MappingStartEvent:
        return MappingNode(event.tag, [], event.start_mark, None, flow_style=event.flow_style, anchor=event.anchor)
    if kind is SequenceStartEvent:
        return SequenceNode(event.tag, [], event.start_mark, None, flow_style=event.flow_style, anchor=event.anchor)
    if kind is AliasEvent:
        if event.anchor not in anchors:
            raise MarkedYAMLError(problem=f"found undefined alias {event.anchor!r}", problem_mark=event.start_mark)
        return anchors[event.anchor]
    return None


def _attach(frame: list[Any], node: Node) -> None:
    parent = frame[0]
    if isinstance(parent, SequenceNode):
        parent.value.append(node)
    elif frame[1] is None:
        frame[1] = node
    else:
        parent.value.append((frame[1], node))
        frame[1] = None
