"""Did-you-mean candidates among many names, found without comparing a word with each.

difflib compares a word with every name, so a repository with thousands of misspelt refs
and thousands of objectives would take hours. `Near` files each name under itself and each
of its one-character deletions; a word then meets the names one typo away (a wrong,
missing, extra or swapped character) in a few dictionary look-ups, whatever the number of
names. The caller ranks the few candidates with difflib.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_LENGTH = 64  # a longer name is filed under itself only: its deletions would cost length²
MAX_CANDIDATES = 16  # for one word, however many names share its deletions


class Near:
    def __init__(self, names: Iterable[str]) -> None:
        self._index: dict[str, list[str]] = {}
        for name in sorted(set(names)):
            for variant in _variants(name):
                self._index.setdefault(variant, []).append(name)

    def candidates(self, word: str) -> list[str]:
        """Names one typo from `word` (or equal to it), at most MAX_CANDIDATES of them."""
        found: dict[str, None] = {}
        for variant in sorted(_variants(word), key=lambda v: (len(v) != len(word), v)):
            for name in self._index.get(variant, ())[:MAX_CANDIDATES]:
                found[name] = None
            if len(found) >= MAX_CANDIDATES:
                break
        return list(found)[:MAX_CANDIDATES]


def _variants(word: str) -> set[str]:
    if len(word) > MAX_LENGTH:
        return {word}
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}
