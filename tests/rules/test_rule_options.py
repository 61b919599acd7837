"""Every bounded option in `.okr.yaml` (SPEC 5): a value past its bound is a usage error (exit 2)
naming the rule and option, and the bound itself works. Rule options are found from the rule
modules' `Options` models, so an option added later is covered too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from annotated_types import Ge, Gt, Le, Lt
from conftest import problems, run_okr, write_files

from okrcli.lint.rules import RULES

SHEET = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Grow sustainable traffic
        key_results:
          - {id: KR1, title: Organic visits reach 30000, start: 20000, target: 30000}
          - {id: KR2, title: Signup conversion reaches 4%, start: 3%, target: 4%}
      - id: O2
        title: Keep the customers we win
        key_results:
          - id: KR1
            title: Monthly churn at most 2%
            target: "<= 2%"
            check_ins:
              - {date: 2025-10-01, value: 1.8%}
    kpis:
      - {id: K1, title: Signups per month, target: 100}
      - {id: K2, title: Cost per lead at most $50, target: "<= $50"}
"""
PATH = "2025-Q3/growth.yaml"
MIN_KRS = (PATH, 9, 5, "min-key-results", "warning")  # O2 has 1 key result
OUTSIDE = (PATH, 16, 20, "check-in-outside-period", "warning")  # at the date: the day after Q3
KPIS = (PATH, 18, 5, "kpi-count", "warning")  # 2 KPIs


def check(root: Path, config: str) -> list[tuple[str, int, int, str, str]]:
    write_files(root, {PATH: SHEET, ".okr.yaml": config})
    return problems(root, "--as-of", "2025-10-01")


def refused(root: Path, config: str) -> str:
    """stderr of `okr check` with a config it must refuse: exit 2, nothing on stdout, one line."""
    write_files(root, {PATH: SHEET, ".okr.yaml": config})
    result = run_okr("check", "--as-of", "2025-10-01", cwd=root)
    assert (result.code, result.out) == (2, ""), result.err
    assert len(result.err.splitlines()) == 1 and result.err.startswith("okr: ")
    return result.err


# --- each bound, with what the rule then does -----------------------------------------------


def test_defaults(tmp_path: Path) -> None:
    assert check(tmp_path, "") == [MIN_KRS, OUTSIDE, KPIS]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("max-objectives: {max: 1}", [(PATH, 9, 5, "max-objectives", "error"), MIN_KRS, OUTSIDE, KPIS]),  # O2 is the second
        ("max-key-results: {max: 1}", [(PATH, 8, 9, "max-key-results", "error"), MIN_KRS, OUTSIDE, KPIS]),  # O1's KR2
        ("min-key-results: {min: 1}", [OUTSIDE, KPIS]),
        ("kpi-count: {min: 1}", [MIN_KRS, OUTSIDE]),
        ("kpi-count: {min: 2, max: 2}", [MIN_KRS, OUTSIDE]),  # min may equal max
        ("kpi-count: {min: 1, max: 1}", [MIN_KRS, OUTSIDE, KPIS]),  # 2 KPIs, more than 1
        ("check-in-outside-period: {grace_days: 0}", [MIN_KRS, OUTSIDE, KPIS]),
        ("check-in-outside-period: {grace_days: 1}", [MIN_KRS, KPIS]),
    ],
)
def test_an_option_at_its_bound_works(tmp_path: Path, options: str, expected: list[tuple[str, int, int, str, str]]) -> None:
    assert check(tmp_path, f"rules:\n  {options}\n") == expected


def test_max_objectives_one_names_the_limit(tmp_path: Path) -> None:
    check(tmp_path, "rules:\n  max-objectives: {max: 1}\n")
    result = run_okr("check", "--format", "json", "--as-of", "2025-10-01", cwd=tmp_path)
    messages = [p["message"] for p in result.json()["problems"] if p["rule"] == "max-objectives"]  # type: ignore[index]
    assert messages == [
        "owner 'growth' has 2 objectives in 2025-Q3, more than 1; keep the ones that matter most "
        "and move the rest to initiatives or the next period"
    ]


@pytest.mark.parametrize(
    ("options", "rule", "option", "reason"),
    [
        ("max-objectives: {max: 0}", "max-objectives", "max", "Input should be greater than or equal to 1 (got 0)"),
        ("max-objectives: {max: -3}", "max-objectives", "max", "Input should be greater than or equal to 1 (got -3)"),
        ("max-key-results: {max: 0}", "max-key-results", "max", "Input should be greater than or equal to 1 (got 0)"),
        ("min-key-results: {min: 0}", "min-key-results", "min", "Input should be greater than or equal to 1 (got 0)"),
        ("kpi-count: {min: 0}", "kpi-count", "min", "Input should be greater than or equal to 1 (got 0)"),
        ("kpi-count: {min: 1, max: 0}", "kpi-count", "max", "Input should be greater than or equal to 1 (got 0)"),
        ("kpi-count: {max: 2}", "kpi-count", "max", "Value error, max 2 is below min 3; raise max or lower min (got 2)"),
        ("kpi-count: {min: 3, max: 2}", "kpi-count", "max", "Value error, max 2 is below min 3; raise max or lower min (got 2)"),
        ("check-in-outside-period: {grace_days: -1}", "check-in-outside-period", "grace_days", "Input should be greater than or equal to 0 (got -1)"),
    ],
)
def test_an_option_past_its_bound_is_a_usage_error(tmp_path: Path, options: str, rule: str, option: str, reason: str) -> None:
    assert refused(tmp_path, f"rules:\n  {options}\n").endswith(f": rule '{rule}', option '{option}': {reason}\n")


# --- every bounded rule option, found from the Options models -------------------------------


def bounded_options() -> Iterator[tuple[str, str, str, float]]:
    """(rule, option, bound kind, bound) for every numeric bound of every rule's options."""
    for rule_id, module in RULES.items():
        for name, field in module.Options.model_fields.items():
            for bound in field.metadata:
                for kind, attribute in ((Ge, "ge"), (Gt, "gt"), (Le, "le"), (Lt, "lt")):
                    if isinstance(bound, kind):
                        yield rule_id, name, attribute, getattr(bound, attribute)


BOUNDED = list(bounded_options())


def test_the_bounded_options_are_found() -> None:
    assert {(rule, option) for rule, option, _, _ in BOUNDED} >= {
        ("max-objectives", "max"), ("max-key-results", "max"), ("min-key-results", "min"),
        ("kpi-count", "min"), ("kpi-count", "max"), ("check-in-outside-period", "grace_days"),
    }


def _at_and_past(kind: str, bound: float, step: float) -> tuple[float, float]:
    return {"ge": (bound, bound - step), "gt": (bound + step, bound), "le": (bound, bound + step), "lt": (bound - step, bound)}[kind]


def _options(rule: str, option: str, value: float) -> dict[str, Any]:
    # Other bounded options of the rule sit at their own bounds, so only `option` is wrong.
    others = {name: _at_and_past(kind, bound, 1)[0] for r, name, kind, bound in BOUNDED if r == rule and name != option and kind in ("ge", "gt")}
    return {**others, option: value}


def _flow(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in values.items()) + "}"


@pytest.mark.parametrize(("rule", "option", "kind", "bound"), BOUNDED, ids=[f"{r}.{o}.{k}" for r, o, k, _ in BOUNDED])
def test_every_bounded_rule_option(tmp_path: Path, rule: str, option: str, kind: str, bound: float) -> None:
    step = 1 if isinstance(bound, int) else 0.01
    good, bad = _at_and_past(kind, bound, step)
    check(tmp_path, f"rules:\n  {rule}: {_flow(_options(rule, option, good))}\n")  # accepted: exit 0 or 1
    err = refused(tmp_path, f"rules:\n  {rule}: {_flow(_options(rule, option, bad))}\n")
    assert f": rule '{rule}', option '{option}': " in err and f"(got {bad!r})" in err


# --- the top-level settings -------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        "stale_after_days: 1",
        "scorecard: {kpis: 0}", "scorecard: {kpis: 1, key_results: 1}", "scorecard: {key_results: 0}",
        "scorecard: {kpi_cap: 0.01}",
        "kpi: {green: 2, yellow: 2}", "kpi: {green: 0, yellow: 0}",
        "grading: {aspirational: {green: 0.5, yellow: 0.5}}", "grading: {committed: {green: 2, yellow: 0}}",
    ],
)
def test_settings_at_their_bounds_work(tmp_path: Path, config: str) -> None:
    assert check(tmp_path, config + "\n") == [MIN_KRS, OUTSIDE, KPIS]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("stale_after_days: 0", ".okr.yaml:1:19: 'stale_after_days': Input should be greater than or equal to 1 (got 0)"),
        ("scorecard: {kpis: -0.1}", ".okr.yaml:1:19: 'scorecard.kpis': Input should be greater than or equal to 0 (got -0.1)"),
        ("scorecard: {kpis: 1.01}", ".okr.yaml:1:19: 'scorecard.kpis': Input should be less than or equal to 1 (got 1.01)"),
        ("scorecard: {key_results: 1.5}", ".okr.yaml:1:26: 'scorecard.key_results': Input should be less than or equal to 1 (got 1.5)"),
        ("scorecard: {kpi_cap: 0}", ".okr.yaml:1:22: 'scorecard.kpi_cap': Input should be greater than 0 (got 0)"),
        ("kpi: {green: 2.01, yellow: 0.9}", ".okr.yaml:1:14: 'kpi.green': Input should be less than or equal to 2 (got 2.01)"),
        ("kpi: {green: 1, yellow: -0.5}", ".okr.yaml:1:25: 'kpi.yellow': Input should be greater than or equal to 0 (got -0.5)"),
        # bands out of order
        ("kpi: {green: 0.8, yellow: 0.9}",
         ".okr.yaml:1:27: 'kpi.yellow': Value error, yellow 0.9 is above green 0.8; lower yellow or raise green (got 0.9)"),
        ("grading: {aspirational: {green: 0.4, yellow: 0.6}}",
         ".okr.yaml:1:46: 'grading.aspirational.yellow': Value error, yellow 0.6 is above green 0.4; lower yellow or raise green (got 0.6)"),
        ("grading: {committed: {yellow: 0.71, green: 0.7}}",
         ".okr.yaml:1:31: 'grading.committed.yellow': Value error, yellow 0.71 is above green 0.7; lower yellow or raise green (got 0.71)"),
    ],
)
def test_settings_past_their_bounds_are_usage_errors(tmp_path: Path, config: str, message: str) -> None:
    assert refused(tmp_path, config + "\n").endswith(message + "\n")
