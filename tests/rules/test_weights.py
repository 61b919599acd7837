"""weights: negative weights, and percentage KR weights that do not add up to 100."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, messages, problems, run_okr, sheet_problems, write_files

SHEET = """
    period: 2025-Q3
    owner: growth
    objectives:
      - id: O1
        title: Make self-serve signups our main acquisition engine
        weight: {objective}
        key_results:
          - id: KR1
            title: Trial signups reach 2400 (from 1500)
            start: 1500
            target: 2400
            weight: {kr1}
          - id: KR2
            title: Trial conversion reaches 18% (from 12%)
            start: 12%
            target: 18%
            weight: {kr2}
"""


def _sheet(objective: str = "1", kr1: str = "1", kr2: str = "2") -> str:
    return SHEET.format(objective=objective, kr1=kr1, kr2=kr2)


def test_plain_weights_need_not_add_up(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(objective="2", kr1="0", kr2="0.5")) == []


def test_percentages_adding_up_to_100(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1='"60%"', kr2="40%")) == []


def test_negative_weights(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(objective="-1", kr2="-0.5")) == [(6, 13, "weights"), (17, 17, "weights")]
    assert messages(tmp_path, "weights") == [
        "objective weight -1 is negative; write a positive weight such as 1, or 0 to leave it out of the score",
        "key result weight -0.5 is negative; write a positive weight such as 1, or 0 to leave it out of the score",
    ]


def test_negative_kpi_weight(tmp_path: Path) -> None:
    text = """
        period: 2025-Q3
        owner: support
        kpis:
          - {id: K1, title: First response ≤ 2 hours, target: "<= 2", weight: -2}
          - {id: K2, title: Satisfaction ≥ 90%, target: ">= 90%"}
          - {id: K3, title: Backlog ≤ 40 tickets, target: "<= 40"}
    """
    assert sheet_problems(tmp_path, text) == [(4, 71, "weights")]
    assert messages(tmp_path, "weights")[0].startswith("KPI weight -2 is negative;")


def test_percentages_not_adding_up(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1='"50%"', kr2='"40%"')) == [(12, 17, "weights")]
    assert messages(tmp_path, "weights") == [
        "key-result weights of objective 'growth/O1' add up to 90%, not 100%; rebalance them to add up "
        "to 100%, or write plain weights such as 1 and 2"
    ]


def test_percentages_mixed_with_plain_weights(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1="1", kr2='"100%"')) == [(17, 17, "weights")]
    assert messages(tmp_path, "weights") == [
        "key-result weights of objective 'growth/O1' mix percentages with plain ones (growth/O1/KR1 without a "
        "percentage); give every key result a percentage, adding up to 100%"
    ]


def test_negative_percentage_is_reported_once_as_negative(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1='"110%"', kr2='"-10%"')) == [(17, 17, "weights")]
    assert messages(tmp_path, "weights")[0].startswith("key result weight -10% is negative;")


NO_KR_WEIGHT = (
    "every key result of objective 'growth/O1' weighs 0 or less, so the objective has no score (a weighted "
    "mean needs some weight); give them weights such as 1, or remove `weight:` (it defaults to 1)"
)


def test_key_results_that_all_weigh_zero(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1="0", kr2="0.0")) == [(12, 17, "weights")]
    assert messages(tmp_path, "weights") == [NO_KR_WEIGHT]


def test_zero_beside_a_negative_weight_is_reported_with_it(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1="0", kr2="-2")) == [(12, 17, "weights"), (17, 17, "weights")]
    assert messages(tmp_path, "weights") == [
        NO_KR_WEIGHT,
        "key result weight -2 is negative; write a positive weight such as 1, or 0 to leave it out of the score",
    ]


def test_negative_weights_alone_are_reported_once_each(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1="-1", kr2="-2")) == [(12, 17, "weights"), (17, 17, "weights")]
    assert all("is negative" in m for m in messages(tmp_path, "weights"))


def test_one_weight_above_zero_or_a_default_one_is_enough(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1="0", kr2="0.001")) == []
    assert sheet_problems(tmp_path, _sheet(kr1="0", kr2="0").replace("            weight: 0\n", "", 1)) == []


def test_objectives_of_an_owner_that_all_weigh_zero(tmp_path: Path) -> None:
    """Sheets of one owner and period merge: the warning is at the first objective's weight."""
    second = _sheet(objective="0").replace("id: O1", "id: O2")
    write_files(tmp_path, {"a.yaml": _sheet(objective="0"), "b.yaml": second, "c.yaml": _sheet().replace("owner: growth", "owner: sales")})
    assert problems(tmp_path) == [("a.yaml", 6, 13, "weights", "warning")]
    assert messages(tmp_path, "weights") == [
        "every objective of owner 'growth' in 2025-Q3 weighs 0 or less, so the owner has no score (a weighted "
        "mean needs some weight); give them weights such as 1, or remove `weight:` (it defaults to 1)"
    ]


def test_no_weight_shows_no_score_and_pending(tmp_path: Path) -> None:
    write_files(tmp_path, {"sheet.yaml": _sheet(kr1="0", kr2="0").replace("target: 2400", "target: 2400\n            current: 2400")})
    result = run_okr("score", "--as-of", "2025-08-15", "--format", "json", cwd=tmp_path)
    objective = result.json()["objectives"][0]  # type: ignore[index]
    assert (objective["score"], objective["grade"], objective["status"]) == (None, None, "pending")
    assert [kr["status"] for kr in objective["key_results"]] == ["done", "pending"]
    text = run_okr("score", "--as-of", "2025-08-15", cwd=tmp_path).out.splitlines()
    assert text[3] == "  growth/O1      [----------]     —  —       pending           Make self-serve signups our main acquisition engine (aspirational)"


def test_unreadable_weight_is_left_to_the_schema(tmp_path: Path) -> None:
    assert sheet_problems(tmp_path, _sheet(kr1='"60%"', kr2="heavy")) == [(17, 17, "schema")]


def test_level_from_config(tmp_path: Path) -> None:
    write_files(tmp_path, {"sheet.yaml": _sheet(kr1='"50%"', kr2='"40%"'), ".okr.yaml": "rules:\n  weights: {level: error}\n"})
    assert problems(tmp_path) == [("sheet.yaml", 12, 17, "weights", "error")]


def test_suppression_comment(tmp_path: Path) -> None:
    text = _sheet(kr1='"50%"  # okr: disable=weights', kr2='"40%"')
    assert sheet_problems(tmp_path, text) == []


def test_broken_example_output_is_recorded() -> None:
    folder = EXAMPLES / "broken" / "weights"
    result = run_okr("check", "--format", "parsable", cwd=folder)
    assert result.code == 0  # warnings do not fail the run without --strict
    assert result.out == (folder / "expected.txt").read_text(encoding="utf-8")
