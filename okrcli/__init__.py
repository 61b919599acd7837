"""okr: a command-line goal tracker for OKRs and KPIs kept as YAML in git."""

from __future__ import annotations

__version__ = "0.1.0"
