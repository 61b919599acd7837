"""The rules of `okr check`, one module each, registered explicitly in SPEC order.

Each module is a `Rule` (ID, LEVEL, Options and check(); see `okrcli.lint.rules.base`): the
annotation of `_ORDER` has mypy check every one of them against it."""

from __future__ import annotations

from okrcli.lint.rules import (
    alignment_cycle,
    ambiguous_number,
    check_in_in_future,
    check_in_outside_period,
    closed_period_changed,
    duplicate_id,
    duplicate_key,
    kpi_count,
    kr_is_task,
    max_key_results,
    max_objectives,
    measurable_kr,
    min_key_results,
    missing_baseline,
    moved_target,
    not_a_sheet,
    objective_number,
    schema,
    stale_check_in,
    unit_mismatch,
    unknown_ref,
    unreadable_file,
    unsafe_yaml,
    unused_suppression,
    vague_wording,
    weights,
    yaml_syntax,
)
from okrcli.lint.rules.base import Rule

_ORDER: tuple[Rule, ...] = (
    yaml_syntax,
    duplicate_key,
    unsafe_yaml,
    schema,
    not_a_sheet,
    duplicate_id,
    unknown_ref,
    alignment_cycle,
    max_objectives,
    max_key_results,
    min_key_results,
    kpi_count,
    measurable_kr,
    missing_baseline,
    vague_wording,
    objective_number,
    kr_is_task,
    ambiguous_number,
    weights,
    check_in_outside_period,
    stale_check_in,
    unreadable_file,
    unit_mismatch,
    check_in_in_future,
    moved_target,
    closed_period_changed,
    unused_suppression,
)

RULES: dict[str, Rule] = {rule.ID: rule for rule in _ORDER}
