"""unit-mismatch: the unit texts of one key result's or KPI's values and its `unit:` agree."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import run_okr, write_files

KR = """
    period: 2025-Q2
    owner: sales
    objectives:
      - id: O1
        title: Online sales become our main channel
        key_results:
          - id: KR1
            title: Online revenue reaches the plan
            start: {start}
            target: {target}
            current: {current}
            unit: {unit}
            check_ins:
              - date: 2025-05-10
                value: {value}
          - id: KR2
            title: On-time deliveries reach 95%
            target: ">= 95%"
            current: 91%
"""
KPI = """
    period: 2025-Q2
    owner: sales
    kpis:
      - id: K1
        title: Average order value
        target: {target}
        actual: {actual}
        unit: {unit}
        readings:
          - {{period: 2025-05, value: {reading}}}
      - {{id: K2, title: Returns at most 3%, target: "<= 3%", actual: 2%}}
      - {{id: K3, title: Orders a week, target: ">= 1500", actual: 1620}}
"""


def found(root: Path, text: str, locale: str = "vi") -> list[tuple[int, int, str, str]]:
    write_files(root, {".okr.yaml": f"number_locale: {locale}\n", "2025-Q2/sales.yaml": text})
    result = run_okr("check", "--format", "json", "--as-of", "2025-08-15", cwd=root)
    document: dict[str, Any] = json.loads(result.out)
    return [(p["line"], p["column"], p["rule"], p["message"]) for p in document["problems"] if p["level"] == "error"]


def kr(start: str = "800", target: str = "1200", current: str = "950", unit: str = "~", value: str = "900") -> str:
    return KR.format(start=start, target=target, current=current, unit=unit, value=value)


def kpi(target: str = '">= 40"', actual: str = "38", unit: str = "~", reading: str = "39") -> str:
    return KPI.format(target=target, actual=actual, unit=unit, reading=reading)


@pytest.mark.parametrize(
    "fields",
    [
        {},  # no unit text anywhere
        {"start": '"800 triệu VND"', "target": '"1,2 tỷ VND"', "current": '"950 triệu vnd"', "value": '"900 triệu Vnd"', "unit": "VND"},
        {"target": '"1,2 tỷ đồng"', "current": '"950 triệu dong"', "value": '"900 triệu ĐỒNG"'},  # case, diacritics
        {"target": '"1,2 tỷ đồng"', "current": f'"{unicodedata.normalize("NFD", "950 triệu đồng")}"'},  # decomposed
        {"target": '"1,2 tỷ VND"', "current": '"950 triệu ₫"', "value": '"900.000.000đ"', "unit": "đồng"},  # VND's signs
        {"start": '"$800k"', "target": '"$1.2M"', "current": '"950k USD"', "unit": "usd"},
        {"target": '"1,2 tỷ  lượt   xem"', "current": '"950 triệu Lượt xem"'},  # spaces
        {"current": '"950 VND"', "unit": "~"},  # one text: nothing to disagree with
        {"start": "0%", "target": '">= 40%"', "current": "36%", "value": "30%", "unit": '"% of visits"'},
        {"start": "12", "target": '"18"', "current": "14", "value": "13", "unit": '"% kế hoạch"'},  # unit: is text
    ],
)
def test_values_that_agree(tmp_path: Path, fields: dict[str, str]) -> None:
    assert found(tmp_path, kr(**fields)) == []


def test_a_currency_beside_another_is_reported_at_the_value(tmp_path: Path) -> None:
    assert found(tmp_path, kpi(target='">= 1.000 USD"', actual='"950 VND"')) == [
        (7, 13, "unit-mismatch",
         'actual: "950 VND" is in VND, but target: ">= 1.000 USD" is in USD; write actual in USD too '
         "(converted, if it was measured in VND), or correct the unit of target"),
    ]


def test_the_unit_key_is_what_values_agree_with(tmp_path: Path) -> None:
    text = kr(start='"800 triệu VND"', target='"1,2 tỷ"', current='"950 triệu USD"', value='"40.000 USD"', unit="VND")
    assert found(tmp_path, text) == [
        (11, 18, "unit-mismatch",
         'current: "950 triệu USD" is in USD, but unit: "VND" is in VND; write current in VND too '
         "(converted, if it was measured in USD), or correct `unit:`"),
        (15, 20, "unit-mismatch",
         'the check-in of 2025-05-10 (value: "40.000 USD") is in USD, but unit: "VND" is in VND; write the check-in '
         "of 2025-05-10 in VND too (converted, if it was measured in USD), or correct `unit:`"),
    ]


def test_without_a_unit_key_the_target_is_what_values_agree_with(tmp_path: Path) -> None:
    text = kr(start='"800 nghìn lượt"', target='"1,2 triệu lượt xem"', current='"950 nghìn lượt xem"')
    assert found(tmp_path, text) == [
        (9, 16, "unit-mismatch",
         'start: "800 nghìn lượt" is in lượt, but target: "1,2 triệu lượt xem" is in lượt xem; write start in lượt xem '
         "too (converted, if it was measured in lượt), or correct the unit of target"),
    ]


def test_without_unit_key_or_target_text_the_first_value_written_is_the_reference(tmp_path: Path) -> None:
    text = kr(start='"800 đơn"', current='"950 khách"')
    assert [(line, column) for line, column, _, _ in found(tmp_path, text)] == [(11, 18)]


def test_a_reading_in_another_unit(tmp_path: Path) -> None:
    assert found(tmp_path, kpi(target='">= 40 USD"', actual='"38 USD"', reading='"900.000 VND"')) == [
        (10, 34, "unit-mismatch",
         'the reading of 2025-05 (value: "900.000 VND") is in VND, but target: ">= 40 USD" is in USD; write the reading '
         "of 2025-05 in USD too (converted, if it was measured in VND), or correct the unit of target"),
    ]


@pytest.mark.parametrize(
    ("locale", "actual", "suggested"),
    [("en", "308", "308%"), ("en", "0", "0%"), ("vi", '"1.234"', "1.234%"), ("en", "-3", "-3%"), ("en", '"96.5"', "96.5%")],
)
def test_a_value_without_percent_beside_a_percent(tmp_path: Path, locale: str, actual: str, suggested: str) -> None:
    assert found(tmp_path, kpi(target='">= 95%"', actual=actual, reading="96%"), locale) == [
        (7, 13, "unit-mismatch",
         f'actual: {actual} has no %, but target: ">= 95%" is a percent; write actual as a percent ("{suggested}") '
         "if it is one, or give target in the unit of actual"),
    ]


def test_a_target_without_percent_beside_percent_values(tmp_path: Path) -> None:
    text = kr(start="30%", target='">= 40"', current="36%", value="33%")
    assert found(tmp_path, text) == [
        (10, 17, "unit-mismatch",
         'target: ">= 40" has no %, but start: "30%" is a percent; write target as a percent (">= 40%") if it is one, '
         "or give start in the unit of target"),
    ]


def test_a_bare_fraction_beside_a_percent_stays_the_schema_error(tmp_path: Path) -> None:
    assert [rule for _, _, rule, _ in found(tmp_path, kpi(target='">= 95%"', actual="0.96", reading="96%"))] == ["schema"]


def test_a_milestone_check_in_has_no_unit(tmp_path: Path) -> None:
    text = """
        period: 2025-Q2
        owner: sales
        objectives:
          - id: O1
            title: Online sales become our main channel
            key_results:
              - id: KR1
                title: Checkout relaunched
                unit: VND
                check_ins:
                  - {date: 2025-05-10, value: true}
              - id: KR2
                title: Online revenue reaches the plan
                target: "1,2 tỷ VND"
                current: "950 triệu VND"
    """
    assert found(tmp_path, text) == []


def test_a_sheet_with_a_unit_mismatch_is_not_scored(tmp_path: Path) -> None:
    found(tmp_path, kpi(target='">= 1.000 USD"', actual='"950 VND"'))
    result = run_okr("score", "Q2", "--format", "json", "--as-of", "2025-08-15", cwd=tmp_path)
    assert result.code == 1
    assert "2025-Q2/sales.yaml" in result.err
    assert json.loads(result.out)["kpis"] == []
