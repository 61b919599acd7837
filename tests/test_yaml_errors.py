"""yaml-syntax advice: an indentation slip is described as what is at the position (a key or
a list item), with the line it should line up with; other slips keep the parser's advice."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_okr, write_files

HEAD = "period: 2025-Q3\nowner: growth\nobjectives:\n  - id: O1\n"
KEYS = "the keys of one mapping equally"
ITEMS = "the items of one list equally"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a key one space too far: the parser reads it as more of the value above
        ("    title: Grow\n     kind: committed\n",
         "6:10: [error] mapping values are not allowed in this context; the key `kind` is indented 5 spaces "
         f"but `title` on line 5 is indented 4: indent {KEYS}"),
        # a key one space too little, inside a list item
        ("    title: Grow\n   kind: committed\n",
         "6:4: [error] while parsing a block collection; did not find expected '-' indicator; the key `kind` is "
         f"indented 3 spaces but `title` on line 5 is indented 4: indent {KEYS}"),
        # a key of a key result, one too little
        ("    key_results:\n      - id: KR1\n        title: a\n       target: 5\n",
         "8:8: [error] while parsing a block collection; did not find expected '-' indicator; the key `target` is "
         f"indented 7 spaces but `title` on line 7 is indented 8: indent {KEYS}"),
        # halfway between two mappings: the nearest line above wins
        ("    title: a\n    key_results:\n    - id: KR1\n      title: b\n     target: 4\n",
         "9:6: [error] while parsing a block mapping; did not find expected key; the key `target` is indented "
         f"5 spaces but `title` on line 8 is indented 6: indent {KEYS}"),
        # a top-level key one space too far
        ("    title: a\n objectives2: []\n",
         "6:2: [error] while parsing a block mapping; did not find expected key; the key `objectives2` is "
         f"indented 1 space but `objectives` on line 3 is indented 0: indent {KEYS}"),
        # list items misaligned, both ways
        ("    key_results:\n      - id: KR1\n        title: a\n      - id: KR2\n     - id: KR3\n",
         "9:6: [error] while parsing a block mapping; did not find expected key; this list item is indented "
         f"5 spaces but the item on line 8 is indented 6: indent {ITEMS}"),
        ("    key_results:\n      - id: KR1\n        title: a\n       - id: KR2\n",
         "8:8: [error] while parsing a block collection; did not find expected '-' indicator; this list item is "
         f"indented 7 spaces but the item on line 6 is indented 6: indent {ITEMS}"),
        ("    title: a\n   - id: O2\n",
         "6:4: [error] while parsing a block collection; did not find expected '-' indicator; this list item is "
         f"indented 3 spaces but the item on line 4 is indented 2: indent {ITEMS}"),
        # tabs, at the start of the line and inside the indentation
        ("\ttitle: a\n",
         "5:1: [error] while scanning a plain scalar; found a tab character that violates indentation; indent "
         "with spaces, not tabs"),
        ("    title: a\n  \t  kind: committed\n",
         "6:3: [error] while scanning a plain scalar; found a tab character that violates indentation; indent "
         "with spaces, not tabs"),
        # aligned lines: the slip is not the indentation, the parser's advice stays
        ("    title: Q3: grow\n",
         "5:14: [error] mapping values are not allowed in this context; a value containing ': ' must be quoted, "
         'e.g. title: "Q3: grow"'),
    ],
)
def test_indentation_advice_names_what_is_there(tmp_path: Path, body: str, expected: str) -> None:
    write_files(tmp_path, {"sheet.yaml": (HEAD + body).encode("utf-8")})
    result = run_okr("check", "--format", "parsable", cwd=tmp_path)
    assert result.out == f"sheet.yaml:{expected} (yaml-syntax)\n"
