"""How much of a file okr reads as a sheet: a light module, imported by the repository's file
reading on every run."""

from __future__ import annotations

MAX_BYTES = 2 * 1024 * 1024  # a sheet is a few kB; past this a file is refused (unsafe-yaml)
