"""The one value rule at an as-of date (SPEC 3.1): check-ins after D dropped everywhere, and
a value that may reflect one of them set aside. Real sheets, loaded as okr loads them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import write_files

from okrcli.lint.settings import resolve_rules
from okrcli.load.as_of import doc_at, docs_at
from okrcli.load.validate import SheetDoc
from okrcli.model.periods import parse_period
from okrcli.repo.config import Config
from okrcli.repo.workspace import open_workspace
from okrcli.reporters.values import kr_current
from okrcli.score.ended import ended_kr_status, ended_objective_status, has_ended, stale_at
from okrcli.score.key_results import kr_value, latest, score_key_result
from okrcli.score.kpis import kpi_actual, score_kpi

SHEET = """\
period: 2025-Q3
owner: growth
objectives:
  - id: O1
    title: Make self-serve our main channel
    key_results:
      - id: KR1
        title: Traffic reaches 308,000
        start: 250000
        target: 308000
        current: 281000
        check_ins:
          - {date: 2025-07-14, value: 262000, confidence: 0.7, note: SEO live}
          - {date: 2025-08-20, value: 281000, confidence: 0.9}
      - id: KR2
        title: Organic share reaches 40%
        target: ">= 40%"
        current: 36%
        check_ins:
          - {date: 2025-07-01, value: 30%}
      - id: KR3
        title: Activation reaches 25%
        target: ">= 25%"
        current: 20%
        check_ins:
          - {date: 2025-09-01, value: 20%}
      - id: KR4
        title: Pricing page shipped
        done: true
        check_ins:
          - {date: 2025-07-10, value: false}
          - {date: 2025-08-16, value: true}
      - id: KR5
        title: Partner program signed
        check_ins:
          - {date: 2025-07-03, value: true}
          - {date: 2025-08-30, value: false}
kpis:
  - id: K1
    title: Demo requests per month
    target: ">= 300"
    actual: 320
    check_ins:
      - {date: 2025-08-25, value: 320}
    readings:
      - {period: 2025-07, value: 280}
      - {period: 2025-08, value: 290}
      - {period: 2025-09, value: 330}
  - id: K2
    title: Churn per month
    target: "<= 2%"
    actual: 1.8%
    readings:
      - {date: 2025-07-31, value: 2.1%}
      - {date: 2025-08-16, value: 1.8%}
  - id: K3
    title: Security audit passed
    done: true
    check_ins:
      - {date: 2025-09-02, value: true}
"""

Q3 = parse_period("2025-Q3")


@pytest.fixture
def doc(tmp_path: Path) -> SheetDoc:
    write_files(tmp_path, {"2025-Q3/growth.yaml": SHEET})
    (found,) = open_workspace(tmp_path, None, resolve_rules).sheets
    assert found.problems == [] and found.loaded.problems == []
    return found


def _values(doc: SheetDoc) -> list[Decimal | None]:
    return [kr_value(kr) for kr in doc.objectives[0].key_results]


def test_values_at_the_end_of_the_day(doc: SheetDoc) -> None:
    at = doc_at(doc, dt.date(2025, 8, 15))
    # KR1: a check-in after D, so `current` may reflect it: the latest kept check-in.
    # KR2: nothing after D: `current` as written. KR3: its only check-in is later: no value.
    # KR4: its `done: true` may be the later check-in's: false. KR5: true on 07-03, kept.
    assert _values(at) == [262000.0, 36.0, None, 0.0, 1.0]
    # K1: a later check-in: the latest kept reading (August). K2: a later reading, the same.
    assert [kpi_actual(k)[0] for k in at.kpis] == [Decimal("290"), Decimal("2.1"), Decimal("0")]  # exactly as read
    assert _values(doc) == [281000.0, 36.0, 20.0, 1.0, 0.0]  # the document is unchanged


def test_check_ins_after_the_day_are_dropped_everywhere(doc: SheetDoc) -> None:
    at = doc_at(doc, dt.date(2025, 8, 15))
    key_results = at.objectives[0].key_results
    assert [[c.date.isoformat() for c in kr.check_ins] for kr in key_results] == [
        ["2025-07-14"], ["2025-07-01"], [], ["2025-07-10"], ["2025-07-03"],
    ]
    check_in = latest(key_results[0].check_ins)
    assert check_in is not None and (check_in.confidence, check_in.note) == (0.7, "SEO live")
    score = score_key_result(key_results[0], "growth/O1/KR1", "growth", 0.3, as_of=dt.date(2025, 8, 15))
    assert (score.current, round(score.score or 0, 4), score.confidence, kr_current(score, "en")) == (262000.0, 0.2069, 0.7, "262,000")
    assert [[r.value.number for r in k.readings] for k in at.kpis] == [[280, 290], [Decimal("2.1")], []]
    k1 = score_kpi(at.kpis[0], "growth/K1", "growth", Q3, Config().kpi)
    assert (k1.actual, round(k1.achievement or 0, 4), [m.month for m in k1.readings]) == (290.0, 0.95, ["2025-07", "2025-08"])


def test_where_items_sit_is_kept(doc: SheetDoc) -> None:
    at = doc_at(doc, dt.date(2025, 8, 15))
    assert [kr.path for kr in at.objectives[0].key_results] == [("objectives", 0, "key_results", i) for i in range(5)]
    assert [k.path for k in at.kpis] == [("kpis", 0), ("kpis", 1), ("kpis", 2)]
    assert at.objectives[0].path == ("objectives", 0)
    assert (at.loaded, at.header, at.problems) == (doc.loaded, doc.header, doc.problems)


def test_nothing_after_the_day_gives_the_same_objects(doc: SheetDoc) -> None:
    assert doc_at(doc, dt.date(2025, 9, 30)) is doc
    later = doc_at(doc, dt.date(2025, 9, 1))  # only K3's check-in of 09-02 is later
    assert later is not doc and later.objectives[0] is doc.objectives[0]
    assert [new is old for new, old in zip(later.kpis, doc.kpis, strict=True)] == [True, True, False]
    assert docs_at([doc, doc], dt.date(2025, 12, 31)) == [doc, doc]


@pytest.mark.parametrize(
    ("day", "values"),
    [
        ("2025-06-30", [None, None, None, 0.0, 0.0]),  # before every check-in
        ("2025-07-14", [262000.0, 36.0, None, 0.0, 1.0]),  # on the check-in's own day: kept
        ("2025-08-16", [262000.0, 36.0, None, 1.0, 1.0]),
        ("2025-08-30", [281000.0, 36.0, None, 1.0, 0.0]),
    ],
)
def test_the_day_itself_is_included(doc: SheetDoc, day: str, values: list[float | None]) -> None:
    assert _values(doc_at(doc, dt.date.fromisoformat(day))) == values


def test_a_kpi_without_a_kept_value_falls_back_to_its_readings(doc: SheetDoc) -> None:
    assert [kpi_actual(k)[0] for k in doc_at(doc, dt.date(2025, 7, 31)).kpis] == [280, Decimal("2.1"), 0]
    assert [kpi_actual(k)[0] for k in doc_at(doc, dt.date(2025, 6, 30)).kpis] == [None, None, 0.0]


# --- closed periods -----------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "ended"), [("2025-09-30", False), ("2025-10-01", True), ("2025-07-01", False), ("2026-01-01", True)])
def test_a_period_has_ended_after_its_last_day(as_of: str, ended: bool) -> None:
    assert has_ended(Q3, dt.date.fromisoformat(as_of)) is ended
    assert stale_at(True, Q3, dt.date.fromisoformat(as_of)) is not ended
    assert stale_at(False, Q3, dt.date.fromisoformat(as_of)) is False


@pytest.mark.parametrize(("score", "status"), [(1.0, "done"), (0.99996, "done"), (0.99994, "closed"), (0.0, "closed"), (None, "closed")])
def test_an_ended_key_result_is_done_or_closed(score: float | None, status: str) -> None:
    assert ended_kr_status(score) == status


@pytest.mark.parametrize(
    ("statuses", "status"),
    [(["done", "done"], "done"), (["done", "closed"], "closed"), (["closed"], "closed"), ([], "closed")],
)
def test_an_ended_objective_is_done_only_when_all_its_key_results_are(statuses: list[str], status: str) -> None:
    assert ended_objective_status(statuses) == status
