"""A key result that reads as a task: it starts with an activity verb and has no metric.

**What it does**: reports a key result whose title starts with a task verb (English `Launch`,
`Build`, `Create`, `Implement`, `Hold`, `Organize`, `Write`, `Run`, `Develop`, `Set up`,
`Deploy`, `Migrate`, `Hire`, … in any regular form; Vietnamese `Triển khai`, `Tổ chức`,
`Xây dựng`, `Thực hiện`, `Tạo`, `Viết`, `Ra mắt`, `Tuyển`, `Hoàn thành`, `Lập`, …) and that
has no numeric target: a milestone (`done:`) or a key result with no `target`. Titles are
compared as `vague-wording` compares them (folded, whole words, with or without diacritics).
The problem is placed at the verb. Option `verbs` adds verbs (matched as written).

**Why it matters**: key results are outcomes, not tasks. "Launch the partner portal" can be
done and change nothing; the key result is what the launch should achieve. Tasks belong in
the objective's `initiatives`, where they are tracked without being scored as results.

**Example**:

```yaml
key_results:
  - id: KR3
    title: Tổ chức 4 buổi workshop cho khách hàng
    done: false
```

**Use instead**: move the activity to `initiatives` and measure its outcome.

```yaml
key_results:
  - id: KR3
    title: Tỷ lệ khách mua lại trong 90 ngày đạt 35% (từ 27%)
    start: 27%
    target: 35%
initiatives:
  - Tổ chức 4 buổi workshop cho khách hàng
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
from okrcli.lint.wording import WordList, inflections
from okrcli.problem import Level

ID = "kr-is-task"
LEVEL: Level = "warning"

# Verbs that name an activity; nouns that look like them ("Test coverage", "Release notes",
# "Plan") are left out so an outcome title is not mistaken for a task.
TASK_VERBS_EN = (
    "launch", "build", "create", "implement", "hold", "organize", "organise", "write", "run",
    "develop", "set up", "deploy", "migrate", "hire", "design", "publish", "ship", "start",
    "complete", "finish", "conduct", "prepare", "roll out", "introduce", "establish", "host",
    "integrate", "redesign", "rewrite", "refactor", "train", "send", "attend", "add", "install",
    "configure", "automate", "schedule", "produce",
)
TASK_VERBS_VI = (
    "triển khai", "tổ chức", "xây dựng", "thực hiện", "tạo", "viết", "ra mắt", "tuyển",
    "hoàn thành", "lập", "thiết lập", "thiết kế", "phát hành", "chạy", "đào tạo", "chuẩn bị",
    "cập nhật", "nghiên cứu", "tích hợp", "làm", "gửi", "đăng", "mở", "tiến hành", "soạn",
)

EXAMPLE_EN = "Trial-to-paid conversion reaches 18% (from 12%)"
EXAMPLE_VI = "Tỷ lệ khách mua lại đạt 35% (từ 27%)"

Verb = Annotated[str, Field(min_length=1)]


class Options(RuleOptions):
    verbs: list[Verb] = Field(default_factory=list)


def check(context: Context, options: Options) -> Iterator[Finding]:
    verbs = task_verbs(tuple(options.verbs))
    for doc, _objective, kr in context.key_results():
        if kr.target is not None:
            continue
        verb = verbs.at_start(kr.title)
        if verb is None:
            continue
        path = kr.path + ("title",)
        yield in_text(context, doc, path, kr.title, verb.start, _message(verb.text, kr.title))


@lru_cache(maxsize=32)
def task_verbs(extra: tuple[str, ...] = ()) -> WordList:
    words: dict[str, tuple[str, ...]] = {verb: inflections(verb) for verb in TASK_VERBS_EN}
    words.update({verb: () for verb in (*TASK_VERBS_VI, *extra)})
    return WordList(words)


def _message(verb: str, title: str) -> str:
    return _(
        "'{verb}' makes this key result read as a task with no metric; move it to the "
        "objective's `initiatives`, or state the outcome it should produce, e.g. '{example}'"
    ).format(verb=verb, example=example(title, EXAMPLE_EN, EXAMPLE_VI))
