"""TODO: check-in-outside-period."""

from __future__ import annotations

from typing import Iterator

from okrcli.rules.base import Context, Finding, RuleOptions

ID = "check-in-outside-period"
LEVEL = "warning"


class Options(RuleOptions):
    pass


def check(context: Context, options: Options) -> Iterator[Finding]:
    return iter(())
