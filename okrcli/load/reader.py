"""YAML text → plain data with the source position of every key and value.

The loader drives a YAML event stream (libyaml's, else ruamel.yaml's own parser: see
`okrcli.load.parsers`) and builds plain Python data itself, so it never constructs
arbitrary objects, sees every tag, anchor and alias before acting on it, and bounds depth
and size with an explicit stack instead of recursion. Scalars are resolved with the YAML
1.2 core schema, the same rules ruamel.yaml applies when `okr checkin` edits a file.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from sys import intern
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from okrcli.i18n import N_, _
from okrcli.load.limits import MAX_BYTES
from okrcli.load.parse_errors import reader_message, reader_position, syntax_message
from okrcli.load.parsers import Decided, NextEvent, parse
from okrcli.load.suppressions import Suppressions, read_suppressions
from okrcli.model.core_schema import (
    CORE,
    EXPLICIT_KINDS,
    ScalarKey,
    resolve_plain,
    resolve_tagged,
)
from okrcli.problem import Problem

YamlPath = tuple[Any, ...]  # a node's place in a document: the keys and indexes from the top
Position = tuple[int, int]

MAX_DEPTH = 32
MAX_ALIASES = 16
MAX_NODES = 200_000

# Short plain texts (units, kinds, statuses, `2025-Q3`, `1.500`) repeat across sheets: one
# copy of each is kept, as for keys. Titles and notes are rarely equal and are left alone.
_SHARED_UP_TO = 16
# So do short numbers and dates (check-in days, confidences, targets): each text is
# resolved once, and its value, immutable, shared (up to a bound, then started afresh).
_RESOLVED: dict[str, Any] = {}
_RESOLVED_AT_MOST = 1 << 16
_SHAREABLE = (int, float, dt.date)

GROUPED_FLOAT = re.compile(r"^[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+$")
_KEY_NOT_SCALAR = N_("a mapping key must be a plain word like 'title', not a list or mapping")
_TAG = N_("tag '{tag}' is not allowed; sheets use plain YAML values only, remove the tag")


class LoadAbort(Decided):
    """A problem after which the rest of the file cannot be trusted."""

    def __init__(self, rule: str, position: Position, message: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.position = position
        self.message = message


@dataclass(slots=True)
class Loaded:
    """One YAML file as plain data, ready for the models and rules, with the position of
    every key and value on demand.

    Positions are only needed for the few nodes that have a problem, yet recording them all
    would cost more memory than the data itself; so `values` and `keys` are built on first
    use, by a second pass over the kept text that records them. The text is kept as the
    bytes that were read (the same object the caller holds, and half the size of a `str`
    of Vietnamese text), decoded again when asked for.

    `okr check` needs less of a sheet that loaded and validated without a problem: its
    models, and of the data only what the rules that count written items read (`lean`).
    Such a sheet keeps that `written` skeleton and its bytes packed; `data` and `source`
    are read again from the packed bytes on the rare demand (a problem's subject, a fix)."""

    path: str
    tree: Any = None  # the data (`data`); None when the file did not load, or once lean
    grouped_floats: list[tuple[Position, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    suppressions: Suppressions = field(default_factory=Suppressions)
    bom: bool = False
    kept: bytes = b""  # the file's bytes (`source`), zlib-packed once lean
    located: tuple[dict[YamlPath, Position], dict[YamlPath, Position]] | None = None
    skeleton: Any = None  # once lean, what `written` gives
    packed: bool = False

    @property
    def data(self) -> Any:
        """The file's data; None when it did not load."""
        if self.tree is None and self.packed:  # lean: parsed again, once
            self.tree = _build(self.path, self.text).root
        return self.tree

    @data.setter
    def data(self, value: Any) -> None:
        self.tree = value

    @property
    def has_data(self) -> bool:
        """Whether the file loaded into data (without parsing a lean sheet again)."""
        return self.tree is not None or self.packed

    @property
    def written(self) -> Any:
        """The data as the rules that count written items and the history read it: all of
        it, or once lean only the keys they read (`okrcli.load.written`)."""
        return self.skeleton if self.packed else self.tree

    @property
    def source(self) -> bytes:
        """The file's bytes, BOM included; b"" when they are not UTF-8 text."""
        return zlib.decompress(self.kept) if self.packed else self.kept

    @source.setter
    def source(self, raw: bytes) -> None:
        self.kept, self.packed = raw, False

    def holds(self, raw: bytes) -> bool:
        """Whether this sheet was loaded from exactly the bytes `raw`."""
        return bool(self.kept) and self.source == raw

    def lean(self) -> None:
        """Keep only what `okr check` reads of a sheet without problems (see the class)."""
        from okrcli.load.written import skeleton

        if self.tree is None or self.packed:
            return
        self.skeleton = skeleton(self.tree)
        self.kept, self.packed, self.tree = zlib.compress(self.kept, 1), True, None

    @property
    def text(self) -> str:
        """The text the parser read: the source decoded, without its BOM."""
        source = self.source
        return str(memoryview(source)[3:] if self.bom else source, "utf-8")

    @property
    def values(self) -> dict[YamlPath, Position]:
        """Path → (line, column) of each value."""
        return self._locate()[0]

    @property
    def keys(self) -> dict[YamlPath, Position]:
        """Path → (line, column) of each mapping key."""
        return self._locate()[1]

    def _locate(self) -> tuple[dict[YamlPath, Position], dict[YamlPath, Position]]:
        if self.located is None:
            if not self.has_data:
                self.located = ({}, {})
            else:  # read once already, by the parser `parse` picks again: cannot fail now
                builder = _build(self.path, self.text, track=True)
                self.located = (builder.values, builder.keys)
        return self.located

    def position(self, path: YamlPath) -> Position:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        while path:
            found = self.values.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key_position(self, path: YamlPath) -> Position:
        return self.keys.get(path) or self.position(path)


def load_bytes(raw: bytes, path: str) -> Loaded:
    """Load one file's bytes; every failure becomes a Problem, never an exception."""
    loaded = Loaded(path=path)
    try:
        text = _decode(raw, loaded)
        loaded.suppressions = read_suppressions(text)
        loaded.source = raw  # kept when the parse fails too: the cache reads the suppressions from it
        built = _build(path, text)
        loaded.data = built.root
        loaded.problems.extend(built.problems)
        loaded.grouped_floats = built.grouped_floats
    except LoadAbort as abort:
        loaded.data = None
        line, column = abort.position
        loaded.problems.append(Problem(path, line, column, abort.rule, "error", abort.message))
    return loaded


def _decode(raw: bytes, loaded: Loaded) -> str:
    if len(raw) > MAX_BYTES:
        raise LoadAbort(
            "unsafe-yaml", (1, 1),
            # Numbers without grouping marks: the loader does not know the repo's number_locale,
            # and "2,097,152" reads as a little over 2 under vi.
            _("file is larger than the {size} MiB limit for a sheet; split it into one file per team or person").format(
                size=MAX_BYTES // 1024 // 1024
            ),
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadAbort("yaml-syntax", (1, 1), _("file is UTF-16; save it as UTF-8"))
    if raw.startswith(b"\xef\xbb\xbf"):
        loaded.bom = True
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        column = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        raise LoadAbort(
            "yaml-syntax", (line, column),
            _("invalid UTF-8 byte 0x{byte}; save the file as UTF-8").format(byte=f"{raw[err.start]:02x}"),
        ) from None


def _resolved(text: str) -> Any:
    """A plain scalar's value (`resolve_plain`), one shared copy of each short one."""
    if len(text) > _SHARED_UP_TO:
        return resolve_plain(text)
    value = _RESOLVED.get(text, _NO_KEY)
    if value is _NO_KEY:
        value = resolve_plain(text)
        if type(value) is str:
            value = intern(value)
        elif type(value) not in _SHAREABLE:  # null, booleans (singletons) and out-of-range markers
            return value
        if len(_RESOLVED) >= _RESOLVED_AT_MOST:
            _RESOLVED.clear()
        _RESOLVED[text] = value
    return value


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


class _Frame:
    __slots__ = ("container", "path", "key", "key_pos", "anchor", "mapping", "key_lines")

    def __init__(self, container: Any, path: YamlPath, anchor: str | None, mapping: bool) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.key_pos: Position = (1, 1)
        self.anchor = anchor
        self.mapping = mapping
        self.key_lines: dict[Any, int] = {}  # for "first on line N" of a duplicate key


_NO_KEY = object()


def _build(path: str, text: str, track: bool = False) -> _Builder:
    """The data of `text` (every position too with `track`); LoadAbort when no parser reads
    it or it crosses a limit."""
    try:
        return parse(text, lambda next_event: _Builder(path, track).run(next_event))
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark is not None and "end of stream" in (err.problem or ""):
            mark = err.context_mark  # an unclosed quote or bracket: point at its start
        position = _pos(mark) if mark is not None else (1, 1)
        raise LoadAbort("yaml-syntax", position, syntax_message(err, text, position)) from None
    except YAMLError as err:
        raise LoadAbort("yaml-syntax", reader_position(text, err), reader_message(err)) from None


class _Builder:
    """Turns the event stream into plain data; an explicit stack bounds the depth."""

    def __init__(self, path: str, track: bool = False) -> None:
        self.path = path
        self.track = track  # record every position (the second pass), or only problems'
        self.problems: list[Problem] = []
        self.grouped_floats: list[tuple[Position, str]] = []
        self.values: dict[YamlPath, Position] = {}
        self.keys: dict[YamlPath, Position] = {}
        self.stack: list[_Frame] = []
        self.anchors: dict[str, Any] = {}
        self.anchor_texts: dict[str, str] = {}  # an anchored scalar as written, for a key alias
        self.open_anchors: set[str] = set()
        self.aliases = 0
        self.nodes = 0
        self.documents = 0
        self.root: Any = None

    def run(self, next_event: NextEvent) -> _Builder:
        # The hot loop of every `okr check`: plain scalars, the bulk of a sheet, are handled
        # inline; everything rarer goes through a method.
        stack = self.stack
        while True:
            event = next_event()
            kind = event.__class__
            if kind is ScalarEvent:
                if event.tag is None and event.implicit[0]:
                    value = _resolved(event.value)
                else:
                    value = self._scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = value
                    self.anchor_texts[event.anchor] = event.value
                frame = stack[-1] if stack else None
                if frame is not None and frame.mapping and frame.key is _NO_KEY:
                    mark = event.start_mark
                    self._take_key(frame, value, (mark.line + 1, mark.column + 1), event.value)
                else:
                    self._add(value, event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._open(kind is MappingStartEvent, event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self._close()
            elif kind is AliasEvent:
                self._alias(event)
            elif kind is DocumentStartEvent:
                self._document(event)
            elif kind is StreamEndEvent:
                return self

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise LoadAbort(
                "yaml-syntax", _pos(event.start_mark),
                _("a sheet holds one YAML document; move this '---' document to its own file"),
            )

    def _open(self, mapping: bool, event: Any) -> None:
        self._check_tag(event, "map" if mapping else "seq")
        if len(self.stack) >= MAX_DEPTH:
            raise LoadAbort(
                "unsafe-yaml", _pos(event.start_mark),
                _("nesting deeper than {depth} levels; a sheet needs far fewer").format(depth=MAX_DEPTH),
            )
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.mapping and frame.key is _NO_KEY:
            raise LoadAbort("yaml-syntax", _pos(event.start_mark), _(_KEY_NOT_SCALAR))
        container: Any = {} if mapping else []
        path = self._add(container, event)
        if event.anchor is not None:
            self.anchors[event.anchor] = container
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(container, path, event.anchor, mapping))

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)

    def _alias(self, event: Any) -> None:
        self.aliases += 1
        position = _pos(event.start_mark)
        if self.aliases > MAX_ALIASES:
            raise LoadAbort(
                "unsafe-yaml", position,
                _("more than {count} aliases; write the values out instead of '*{anchor}'").format(count=MAX_ALIASES, anchor=event.anchor),
            )
        if event.anchor in self.open_anchors:
            raise LoadAbort(
                "unsafe-yaml", position,
                _("alias '*{anchor}' refers to a value that contains it; write the value out").format(anchor=event.anchor),
            )
        if event.anchor not in self.anchors:
            raise LoadAbort("yaml-syntax", position, _("alias '*{anchor}' has no anchor '&{anchor}' before it").format(anchor=event.anchor))
        value = self.anchors[event.anchor]
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.mapping and frame.key is _NO_KEY:
            self._take_key(frame, value, position, self.anchor_texts.get(event.anchor, ""))
        else:
            self._add(value, event, alias=True)

    def _add(self, value: Any, event: Any, alias: bool = False) -> YamlPath:
        """Place a value into the open container; return the value's path."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise LoadAbort("unsafe-yaml", _pos(event.start_mark), _("more than {count} values in one file; split the sheet").format(count=MAX_NODES))
        if not self.stack:
            self.root = value
            self.values[()] = _pos(event.start_mark)
            return ()
        frame = self.stack[-1]
        path: YamlPath = ()
        if frame.mapping:
            if self.track:
                path = frame.path + (frame.key,)
                self.keys[path] = frame.key_pos
            frame.container[frame.key] = value
            frame.key = _NO_KEY
        else:
            if self.track:
                path = frame.path + (len(frame.container),)
            frame.container.append(value)
        if self.track:
            self.values[path] = _pos(event.start_mark)
        # An alias repeats its anchor's scalar, already looked at where it was written.
        if type(value) is float and not alias and event.implicit[0] and GROUPED_FLOAT.match(event.value):
            self.grouped_floats.append((_pos(event.start_mark), event.value))
        return path

    def _take_key(self, frame: _Frame, key: Any, position: Position, written: str) -> None:
        if type(key) is str:
            key = intern(key)  # every sheet repeats the same few keys: keep one copy of each
        else:
            if isinstance(key, (dict, list)):
                raise LoadAbort("yaml-syntax", position, _(_KEY_NOT_SCALAR))
            key = ScalarKey(written, key)
        if key in frame.container:
            first = frame.key_lines.get(key, position[0])
            self.problems.append(Problem(
                self.path, *position, "duplicate-key", "error",
                _("key '{key}' appears twice in this mapping (first on line {first}); keep one").format(key=key, first=first),
            ))
            del frame.container[key]  # the last one is kept, under its own spelling (`0x1`, not `1`)
        else:
            frame.key_lines[key] = position[0]
        frame.key = key
        frame.key_pos = position

    def _check_tag(self, event: Any, kind: str) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag == CORE + kind:
            return
        raise LoadAbort("unsafe-yaml", _pos(event.start_mark), _(_TAG).format(tag=_short_tag(tag)))

    def _scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":  # `! 12` is YAML 1.2's non-specific tag: text, not a number
            return resolve_plain(value) if tag is None and event.implicit[0] else value
        if not tag.startswith(CORE) or tag[len(CORE):] not in EXPLICIT_KINDS:
            raise LoadAbort("unsafe-yaml", _pos(event.start_mark), _(_TAG).format(tag=_short_tag(tag)))
        return _explicit(tag[len(CORE):], value, _pos(event.start_mark))


def _explicit(kind: str, value: str, position: Position) -> Any:
    try:
        return resolve_tagged(kind, value)
    except ValueError:
        message = _("'!!{kind} {value}' is not a valid {kind}; remove the tag or fix the value").format(kind=kind, value=value)
        raise LoadAbort("yaml-syntax", position, message) from None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(CORE):] if tag.startswith(CORE) else tag


