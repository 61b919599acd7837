"""The numbers `okr close` freezes into a sheet (`final:`), computed again the same way by
rule `closed-period-changed`: each objective's score and grade and each KPI's achievement
and grade, from the sheet's values read at the closing day (check-ins dated after it
ignored), never from a `final:` already written. Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypeVar

from okrcli.load.reader import YamlPath
from okrcli.load.validate import SheetDoc
from okrcli.model.sheet import KPI, Objective
from okrcli.repo.config import Config
from okrcli.score.records import Grade

ModelT = TypeVar("ModelT", Objective, KPI)
DECIMALS = 4  # SPEC 7: scores are rounded to 4 decimals, and so are the finals


@dataclass(frozen=True, slots=True)
class Frozen:
    path: YamlPath  # the item's place in its sheet: ("objectives", 0) or ("kpis", 2)
    ref: str  # marketing/O1, marketing/K1
    kind: Literal["objective", "kpi"]
    number: float | None  # the objective's score or the KPI's achievement, rounded; None: no value
    grade: Grade | None

    @property
    def key(self) -> str:
        return "score" if self.kind == "objective" else "achievement"


def frozen_values(doc: SheetDoc, day: dt.date, config: Config) -> list[Frozen]:
    """What `okr close --date day` writes into `doc`, objectives first, in the sheet's order."""
    from okrcli.load.as_of import doc_at
    from okrcli.score.book import Scorer

    assert doc.period is not None  # only sheets with a period are closed
    plain = dataclasses.replace(
        doc,
        objectives=[_without_final(o) for o in doc.objectives],
        kpis=[_without_final(k) for k in doc.kpis],
    )
    read = doc_at(plain, day)
    scorer = Scorer([read], doc.period, day, config)
    found = []
    for written, objective in zip(doc.objectives, read.objectives, strict=True):
        scored = scorer.objective(read, objective)
        found.append(Frozen(written.path, scored.ref, "objective", _rounded(scored.score), scored.grade))
    for written_kpi, kpi in zip(doc.kpis, read.kpis, strict=True):
        measured = scorer.kpi(read, kpi)
        found.append(Frozen(written_kpi.path, measured.ref, "kpi", _rounded(measured.achievement), measured.grade))
    return found


def _without_final(item: ModelT) -> ModelT:
    if getattr(item, "final", None) is None:
        return item
    copied = item.model_copy(update={"final": None})
    copied.place(item.path)
    return copied


def _rounded(number: float | None) -> float | None:
    return None if number is None else round(number, DECIMALS) + 0.0  # never -0.0
