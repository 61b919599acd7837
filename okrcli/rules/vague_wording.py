"""TODO: vague-wording."""

from __future__ import annotations

from typing import Iterator

from okrcli.rules.base import Context, Finding, RuleOptions

ID = "vague-wording"
LEVEL = "error"


class Options(RuleOptions):
    pass


def check(context: Context, options: Options) -> Iterator[Finding]:
    return iter(())
