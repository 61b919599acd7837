"""Failures that stop a command, each with the exit code SPEC section 7 gives it."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class OkrError(Exception):
    """A user-facing failure: printed as one line on stderr, never with a traceback."""

    exit_code = EXIT_USAGE


class UsageError(OkrError):
    """A bad option, an unknown period or ref, an invalid config, a refused edit."""


class ConfigError(UsageError):
    """An invalid `.okr.yaml`: unknown rule or option, wrong type."""


class EditRefused(UsageError):
    """An edit that cannot be made safely; the file is left exactly as it was."""
