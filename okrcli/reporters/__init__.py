"""Reporters render a finished result; they compute nothing. Chosen by name."""

from __future__ import annotations

from typing import Callable

from okrcli.result import CheckResult


def check_reporter(name: str) -> Callable[[CheckResult], None]:
    from okrcli.reporters import check_formats

    return getattr(check_formats, name)  # type: ignore[no-any-return]
