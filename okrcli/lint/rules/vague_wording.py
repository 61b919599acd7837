"""A key result or KPI title that uses a vague word such as "improve" or "cải thiện".

**What it does**: looks for vague words in the title of every key result and KPI, in English
(`improve`, `better`, `enhance`, `optimize`, `boost`, `strengthen`, `streamline`, …) and in
Vietnamese (`cải thiện`, `nâng cao`, `tốt hơn`, `tăng cường`, `đẩy mạnh`, `tối ưu`, …).
Titles and words are compared NFC-normalised and case-folded, as whole words: `improve` is not
found inside `improvement`, nor `better` inside `bettering`. English verbs match in any
regular form (`improves`, `improved`, `improving`). Vietnamese matches composed or decomposed
text, either tone placement (`tối ưu hoá` = `tối ưu hóa`), and text typed without diacritics
(`cai thien`); a word with some but not all of its diacritics is another word (`tôi ưu`).
Each vague word is reported once per title, at the word itself when the title is written on
one line (plain, or quoted without escapes), else at the start of the title.

Options: `words` adds entries (matched as written, folded, no inflections); `allow` removes
every entry one of whose forms it names (`allow: [improve]` also allows `improved`, and
`allow: [cai thien]` allows `cải thiện`).

**Why it matters**: a key result says how you will know the objective was reached. "Improve
onboarding" or "Nâng cao trải nghiệm khách hàng" cannot be scored at the end of the quarter:
anything counts as better, so nothing does.

**Example**:

```yaml
key_results:
  - id: KR1
    title: Cải thiện tỷ lệ chuyển đổi
  - id: KR2
    title: Improve onboarding
```

**Use instead**: name the metric and the level it reaches.

```yaml
key_results:
  - id: KR1
    title: Tỷ lệ chuyển đổi đạt 8,5% (từ 6,8%)
  - id: KR2
    title: New accounts sending an invoice within 7 days reach 60% (from 38%)
```
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated

from pydantic import Field

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.examples import example
from okrcli.lint.rules.base import Finding, RuleOptions, in_text
from okrcli.lint.wording import WordList, inflections, strip_accents
from okrcli.load.reader import YamlPath
from okrcli.load.validate import SheetDoc
from okrcli.problem import Level

ID = "vague-wording"
LEVEL: Level = "error"

# English verbs: every regular form counts ("improved", "boosting").
VAGUE_EN_VERBS = (
    "improve", "enhance", "optimize", "optimise", "boost", "strengthen", "maximize",
    "maximise", "minimize", "minimise", "streamline", "leverage", "revamp", "refine",
    "elevate", "empower", "foster", "facilitate", "increase awareness", "raise awareness",
    "step up", "focus on", "work on", "strive",
)
# English words and phrases matched as written.
VAGUE_EN_WORDS = (
    "better", "best-in-class", "world-class", "more efficient", "more effective",
    "significantly", "substantially", "as much as possible", "as soon as possible", "asap",
)
VAGUE_VI = (
    "cải thiện", "nâng cao", "tốt hơn", "tăng cường", "đẩy mạnh", "tối ưu", "tối ưu hóa",
    "phát triển mạnh", "hiệu quả hơn", "cải tiến", "nâng tầm", "củng cố", "thúc đẩy",
    "hoàn thiện", "phát huy", "chú trọng", "tập trung vào", "nỗ lực", "cố gắng",
    "tối đa hóa", "tối thiểu hóa", "mạnh mẽ hơn", "chuyên nghiệp hơn", "đáng kể", "vượt trội",
    "tốt nhất có thể", "càng nhiều càng tốt", "sớm nhất có thể",
)

EXAMPLE_EN = "Trial-to-paid conversion reaches 18% (from 12%)"
EXAMPLE_VI = "Tỷ lệ chuyển đổi đạt 8,5%"

Word = Annotated[str, Field(min_length=1)]


class Options(RuleOptions):
    words: list[Word] = Field(default_factory=list)
    allow: list[Word] = Field(default_factory=list)


def check(context: Context, options: Options) -> Iterator[Finding]:
    vague = vague_words(tuple(options.words), tuple(options.allow))
    for doc, _objective, kr in context.key_results():
        yield from _title_findings(context, doc, kr.path + ("title",), kr.title, vague)
    for doc, kpi in context.kpis():
        yield from _title_findings(context, doc, kpi.path + ("title",), kpi.title, vague)


@lru_cache(maxsize=32)
def vague_words(extra: tuple[str, ...] = (), allow: tuple[str, ...] = ()) -> WordList:
    """The compiled list; cached because the same config is used for every title of a run."""
    words: dict[str, tuple[str, ...]] = {verb: inflections(verb) for verb in VAGUE_EN_VERBS}
    words.update({word: () for word in (*VAGUE_EN_WORDS, *VAGUE_VI, *extra)})
    return WordList(words, allow)


def _title_findings(context: Context, doc: SheetDoc, path: YamlPath, title: str, vague: WordList) -> Iterator[Finding]:
    seen: set[str] = set()
    for match in vague.find(title):
        if match.word in seen:
            continue
        seen.add(match.word)
        yield in_text(context, doc, path, title, match.start, _message(match.word, match.text, title))


def _message(word: str, written: str, title: str) -> str:
    # Name the entry too when it was typed without diacritics: 'cai thien' (cải thiện).
    shown = f"'{written}'"
    if strip_accents(word) != word and strip_accents(written) == written:
        shown += f" ({word})"
    # A Vietnamese entry (typed with its marks or without) is found in a Vietnamese title.
    chosen = example(title, EXAMPLE_EN if word.isascii() else EXAMPLE_VI, EXAMPLE_VI)
    return _("{word} is vague; state the measurable outcome, e.g. '{example}'").format(word=shown, example=chosen)
