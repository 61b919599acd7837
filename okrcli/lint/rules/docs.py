"""A rule's documentation, read from its module docstring."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.lint.rules.base import Rule


def summary_line(module: Rule) -> str:
    """The first line of the rule's docstring: what it catches, in one sentence."""
    return (module.__doc__ or "").strip().splitlines()[0].strip() if module.__doc__ else ""
