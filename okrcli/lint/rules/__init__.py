"""The rules of `okr check`, one module each, registered explicitly in SPEC order.

Each module defines ID, LEVEL, Options and check(); see `okrcli.lint.rules.base`."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

_MODULES = (
    "yaml_syntax",
    "duplicate_key",
    "unsafe_yaml",
    "schema",
    "not_a_sheet",
    "duplicate_id",
    "unknown_ref",
    "alignment_cycle",
    "max_objectives",
    "max_key_results",
    "min_key_results",
    "kpi_count",
    "measurable_kr",
    "missing_baseline",
    "vague_wording",
    "objective_number",
    "kr_is_task",
    "ambiguous_number",
    "weights",
    "check_in_outside_period",
    "stale_check_in",
    "unreadable_file",
    "unit_mismatch",
    "check_in_in_future",
)

RULES: dict[str, ModuleType] = {
    module.ID: module for module in (import_module(f"okrcli.lint.rules.{name}") for name in _MODULES)
}
