"""What a cache entry holds: plain JSON, read back only into the shapes okr writes.

YAML data is JSON but for dates and for mapping keys that are not strings (`2025: …`,
`true: …`); those two are tagged, and a tag okr does not know makes the entry unreadable.
Problems and a loaded sheet are decoded field by field: an entry of any other shape is None,
and the caller computes the answer again. (A whole run's entry is `okrcli.lint.result`'s.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrcli.model.core_schema import ScalarKey, WrittenFloat
from okrcli.problem import Problem

_DATE = "\0date"
_PAIRS = "\0pairs"  # a mapping whose keys are not all plain strings
_KEY = "\0key"  # a mapping key that is not text (`yaml_core.ScalarKey`): its text and value
_FLOAT = "\0float"  # a float of more digits than a float holds (`WrittenFloat`): its text


def tag(value: Any) -> Any:
    if type(value) is dt.date:
        return {_DATE: value.isoformat()}
    raise TypeError(f"not cacheable: {type(value).__name__}")


def untag(obj: dict[str, Any]) -> Any:
    if len(obj) != 1:
        return obj
    key = next(iter(obj))
    if key[:1] != "\0":
        return obj
    value = obj[key]
    if key == _DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if key == _FLOAT and isinstance(value, str):
        return WrittenFloat(value)
    if key == _PAIRS and isinstance(value, list) and all(isinstance(p, list) and len(p) == 2 for p in value):
        return {_key(k): v for k, v in value}
    if key == _KEY and isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and _scalar(value[1]):
        return ScalarKey(value[0], value[1])
    raise ValueError("unknown tag in a cache entry")


def _scalar(value: Any) -> bool:
    return value is None or type(value) in (bool, int, float, dt.date)


def _key(key: Any) -> Any:
    if isinstance(key, (dict, list)):
        raise ValueError("a mapping key in a cache entry must be a scalar")
    return key


def encode_data(value: Any) -> Any:
    """YAML data as JSON can hold it: a date is tagged by `tag` as JSON writes it, a
    mapping with keys other than strings (`2025: …`, `true: …`) as a list of pairs."""
    if _plain(value):
        return value
    return _encoded(value)


def _plain(value: Any) -> bool:
    """True when every mapping key is a string JSON keeps as it is (a flat walk, no copy:
    this runs on every sheet of a cold run)."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            for key in item:
                if type(key) is not str or key[:1] == "\0":
                    return False
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif kind is WrittenFloat:
            return False
    return True


def _encoded_key(key: Any) -> Any:
    return {_KEY: [key.text, key.value]} if isinstance(key, ScalarKey) else key


def _encoded(value: Any) -> Any:
    if type(value) is dict:
        if all(type(k) is str and k[:1] != "\0" for k in value):
            return {k: _encoded(v) for k, v in value.items()}
        return {_PAIRS: [[_encoded_key(k), _encoded(v)] for k, v in value.items()]}
    if type(value) is list:
        return [_encoded(v) for v in value]
    if type(value) is WrittenFloat:
        return {_FLOAT: value.text}
    return value


def encode_problem(problem: Problem) -> list[Any]:
    return [problem.path, problem.line, problem.column, problem.rule, problem.level, problem.message, sorted(problem.involves), problem.subject]


def decode_problem(value: Any) -> Problem | None:
    if not isinstance(value, list) or len(value) != 8:
        return None
    path, line, column, rule, level, message, involves, subject = value
    texts = all(isinstance(v, str) for v in (path, rule, message, subject)) and are_texts(involves)
    if not texts or not is_int(line) or not is_int(column) or line < 1 or column < 1 or level not in ("error", "warning"):
        return None
    return Problem(path, line, column, rule, level, message, frozenset(involves), subject)


def is_int(value: Any) -> bool:
    return type(value) is int


def encode_loaded(loaded: Any) -> dict[str, Any]:
    """A loaded sheet (`okrcli.load.reader.Loaded`) as an entry. Neither its positions nor its
    text are kept: the entry's key is made of the file's bytes, which the reader of the entry
    holds, and the positions are found again from them on demand."""
    return {
        "path": loaded.path,
        "data": encode_data(loaded.data),
        "grouped_floats": [[line, column, text] for (line, column), text in loaded.grouped_floats],
        "problems": [encode_problem(p) for p in loaded.problems],
        "bom": loaded.bom,
        "loaded": bool(loaded.source),
    }


_LOADED_KEYS = {"path", "data", "grouped_floats", "problems", "bom", "loaded"}


def decode_loaded(value: Any, path: str, raw: bytes) -> Any:
    """The Loaded of the sheet at `path` whose bytes are `raw` (those the entry's key was made
    of), or None unless the entry has exactly the shape `encode_loaded` writes, for that path."""
    from okrcli.load.reader import Loaded
    from okrcli.load.suppressions import read_suppressions

    if not isinstance(value, dict) or set(value) != _LOADED_KEYS or value["path"] != path:
        return None
    floats = _grouped_floats(value["grouped_floats"])
    found = [decode_problem(p) for p in value["problems"]] if isinstance(value["problems"], list) else [None]
    problems = [p for p in found if p is not None and p.path == path]
    if floats is None or len(problems) != len(found):
        return None
    if type(value["bom"]) is not bool or type(value["loaded"]) is not bool:
        return None
    loaded = Loaded(path, tree=value["data"], grouped_floats=floats, problems=problems, bom=value["bom"], kept=raw if value["loaded"] else b"")
    try:
        loaded.suppressions = read_suppressions(loaded.text)
    except UnicodeDecodeError:  # not the bytes the entry was made from
        return None
    return loaded


def _grouped_floats(value: Any) -> list[tuple[tuple[int, int], str]] | None:
    if not isinstance(value, list):
        return None
    found = []
    for item in value:
        if not isinstance(item, list) or len(item) != 3 or not (is_int(item[0]) and is_int(item[1]) and isinstance(item[2], str)):
            return None
        found.append(((item[0], item[1]), item[2]))
    return found


def are_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
