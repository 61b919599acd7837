"""Text normalisation for matching words in titles written in English or Vietnamese.

Pure and stdlib-only, so the rules, scoring and reports can share it. Words are compared in
their *folded* form: NFC (composed), case-folded, and with Vietnamese old/new tone placement
unified (`hoá`/`hóa`, `hoà`/`hòa`, `khoẻ`/`khỏe`, `thuỷ`/`thủy` fold to one spelling). A
word is also found when it is typed without any diacritics (`cai thien`, `dong` for `đông`),
but not when only some are missing or wrong: `tôi ưu` is another word, not `tối ưu`.

Offsets returned by `WordList` are indices into the text as given (composed or decomposed),
so callers can turn them into source columns.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_D_STROKE = str.maketrans("đĐ", "dD")
_SEPARATOR = re.compile(r"[\s\-]+")
_LEADING_NON_WORD = re.compile(r"[\W_]*")

# Vietnamese writes the tone of `oa`, `oe`, `uy` (no final consonant) on either vowel:
# the "new" rules put it on the second (hoá), common usage on the first (hóa).
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc, huyền, hỏi, ngã, nặng
_TONE_PAIRS = (("o", "a"), ("o", "e"), ("u", "y"))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _variant_table() -> dict[str, str]:
    """`oá` → `óa` and its kin, in every letter case, as composed (NFC) pairs."""
    table: dict[str, str] = {}
    for (first, second), tone in itertools.product(_TONE_PAIRS, _TONES):
        for a, b in itertools.product((first, first.upper()), (second, second.upper())):
            table[nfc(a + b + tone)] = nfc(a + tone + b)
    return table


_VARIANTS = _variant_table()
# One character class per position is much faster than 60 alternatives; pairs that are not
# in the table ("uá") are put back unchanged.
_VARIANT_RE = re.compile(
    "[" + "".join(sorted({pair[0] for pair in _VARIANTS})) + "]"
    "[" + "".join(sorted({pair[1] for pair in _VARIANTS})) + "]"
)


def fold_variants(text: str) -> str:
    """Old and new tone placement to one spelling: `hoá` → `hóa`, `thuỷ` → `thủy`.

    The change is length-preserving, so offsets into the text stay valid. Expects NFC text.
    """
    return _VARIANT_RE.sub(lambda m: _VARIANTS.get(m.group(), m.group()), text)


def strip_accents(text: str) -> str:
    """The text without diacritics, `đ` read as `d`: `Cải thiện` → `Cai thien`."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return nfc(bare).translate(_D_STROKE)


def fold(text: str) -> str:
    """The form words are compared in: NFC, case-folded, tone placement unified."""
    return fold_variants(nfc(text).casefold())


def is_bare(text: str) -> bool:
    """True when the text carries no diacritics (nor `đ`)."""
    return text.isascii() or strip_accents(text) == nfc(text)


@dataclass(frozen=True, slots=True)
class Folded:
    """`fold(original)` with, for each folded character, the span it came from."""

    original: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in `original` of the folded slice [start, end)."""
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=8192)
def folded(original: str) -> Folded:
    """Fold `original` keeping offsets; cached, since several rules fold the same titles."""
    size = len(original)
    if original.isascii():
        # casefold() of ASCII is lower(), one character for one: offsets are the identity.
        return Folded(original, original.lower(), range(size), range(1, size + 1))
    if unicodedata.is_normalized("NFC", original):
        # casefold() never shortens a character, so an equal length means one for one.
        lowered = original.casefold()
        if len(lowered) == size:
            return Folded(original, fold_variants(lowered), range(size), range(1, size + 1))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(original):
        piece = nfc(original[start:end]).casefold()
        pieces.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
    return Folded(original, fold_variants("".join(pieces)), starts, ends)


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of one base character and the combining marks after it (decomposed input)."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            yield start, index
            start = index


def inflections(verb: str) -> tuple[str, ...]:
    """A regular English verb, or a phrase led by one, with its -s, -ed and -ing forms.

    `improve` → improve, improves, improved, improving; `step up` → step up, steps up,
    stepped up, stepping up. Irregular pasts (built, wrote) are not produced.
    """
    head, space, rest = verb.partition(" ")
    return tuple(dict.fromkeys(form + space + rest for form in (head, *_verb_forms(head))))


def _verb_forms(verb: str) -> list[str]:
    vowels = "aeiou"
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if len(verb) > 1 and verb.endswith("y") and verb[-2] not in vowels:
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return [verb + "es", verb + "ed", verb + "ing"]
    # One-syllable consonant-vowel-consonant verbs double the last letter: step → stepped.
    if len(verb) >= 3 and sum(ch in vowels for ch in verb) == 1 and verb[-2] in vowels and verb[-1] not in vowels + "wxy":
        doubled = verb + verb[-1]
        return [verb + "s", doubled + "ed", doubled + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


@dataclass(frozen=True, slots=True)
class Match:
    word: str  # the list entry that matched, e.g. "cải thiện"
    text: str  # the words as written in the input (NFC), e.g. "Cai thien"
    start: int  # offsets into the input as given
    end: int


def _key(folded_text: str) -> str:
    """Spaces and hyphens between words do not matter: `world-class` = `world class`."""
    return _SEPARATOR.sub(" ", folded_text).strip()


def _trie_regex(keys: Iterable[str]) -> str:
    """One regex for many words, factored by common prefixes (`tối ưu`, `tối ưu hóa`, `tối đa
    hóa` share `tối `), so each place in a title tries a few branches instead of every word.
    Optional tails are greedy: the longest word that ends on a word boundary wins."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(trie)


_END = ""


def _emit(node: dict[str, Any]) -> str:
    branches = [_atom(char) + _emit(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    if len(branches) > 1:
        return body + "?"  # already a group
    return f"(?:{body})?" if len(body) > 1 else body + "?"


def _atom(char: str) -> str:
    # A space in a key stands for any run of spaces and hyphens in the title.
    return r"[\s\-]+" if char == " " else re.escape(char)


class WordList:
    """A list of words and phrases compiled into one regex over folded text.

    `words` maps each entry to the surface forms that count as it (the entry itself, and for
    English verbs their inflections). Each form matches as whole words, folded, and also
    typed without diacritics. An entry any of whose forms is in `allow` is left out.
    """

    def __init__(self, words: Mapping[str, Iterable[str]], allow: Iterable[str] = ()) -> None:
        allowed = {_key(strip_accents(fold(word))) for word in allow}
        self._entries: dict[str, str] = {}
        for entry, forms in words.items():
            keys = {_key(fold(form)) for form in (entry, *forms)}
            keys |= {strip_accents(key) for key in keys}
            if keys & allowed or not all(keys):
                continue
            for key in keys:
                self._entries.setdefault(key, entry)
        body = _trie_regex(self._entries)
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)") if body else None

    def __len__(self) -> int:
        return len(set(self._entries.values()))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _key(fold(word)) in self._entries

    def find(self, text: str) -> Iterator[Match]:
        """Every occurrence of a listed word in `text`, left to right."""
        if self._pattern is None:
            return
        source = folded(text)
        for found in self._pattern.finditer(source.text):
            yield self._match(source, found.start(), found.end())

    def at_start(self, text: str) -> Match | None:
        """The listed word that `text` starts with (after leading punctuation), if any."""
        if self._pattern is None:
            return None
        source = folded(text)
        begin = _LEADING_NON_WORD.match(source.text)
        found = self._pattern.match(source.text, begin.end() if begin else 0)
        return None if found is None else self._match(source, found.start(), found.end())

    def _match(self, source: Folded, start: int, end: int) -> Match:
        entry = self._entries[_key(source.text[start:end])]
        first, last = source.span(start, end)
        return Match(entry, nfc(source.original[first:last]), first, last)


def literal_column(line: str, column: int, value: str, offset: int) -> int | None:
    """The 1-based source column of `value[offset]`, for a scalar that starts at `column`.

    Only when the scalar is written literally on `line`: plain, or in single or double
    quotes with no escapes inside. Otherwise (escapes, folded or block scalars) None, and the
    caller keeps the node's own position.
    """
    start = column - 1
    if start < 0:
        return None
    quote = line[start : start + 1]
    if quote in ("'", '"'):
        inner = start + 1
        closed = line[inner + len(value) : inner + len(value) + 1] == quote
        return column + 1 + offset if closed and line[inner : inner + len(value)] == value else None
    return column + offset if line[start : start + len(value)] == value else None
