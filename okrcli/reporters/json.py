"""The JSON documents of `okr score`, `okr scorecard` and `okr tree`: finished results
written as they are: scores as `okrcli.reporters.values.number` rounds them, values exactly."""

from __future__ import annotations

from typing import Any

from okrcli.reporters.terminal import json_text, write
from okrcli.reporters.values import exact, number, target
from okrcli.score.alignment import TreeNode
from okrcli.score.records import Forecast, KPIScore, KRScore, LeftOut, ObjectiveScore, Scorecard, ScoreReport


def kr_item(kr: KRScore) -> dict[str, Any]:
    return {
        "ref": kr.ref, "title": kr.title, "kind": kr.kind, "start": exact(kr.start),
        "target": target(kr.target), "current": exact(kr.current), "progress": number(kr.progress),
        "score": number(kr.score), "status": kr.status, "stale": kr.stale, "confidence": number(kr.confidence),
        "owner": kr.owner, "weight": number(kr.weight), "forecast": forecast(kr.forecast), "links": list(kr.links),
    }


def forecast(found: Forecast | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {"value": number(found.value), "score": number(found.score), "eta": found.eta.isoformat() if found.eta else None}


def kpi_item(kpi: KPIScore) -> dict[str, Any]:
    """`months`: the monthly readings the achievement is the mean of; empty when it is the
    actual's (with `kind`, the achievement is derivable from what is beside it). `final`: as
    `okr close` wrote it, when it holds: `achievement` and `grade` are then its own."""
    return {
        "ref": kpi.ref, "owner": kpi.owner, "title": kpi.title, "target": target(kpi.target),
        "actual": exact(kpi.actual), "achievement": number(kpi.achievement), "met": kpi.met, "grade": kpi.grade,
        "kind": kpi.kind, "weight": number(kpi.weight),
        "months": [{"month": m.month, "value": exact(m.value)} for m in kpi.readings],
        "final": None if kpi.final is None else {"achievement": number(kpi.final.achievement), "grade": kpi.final.grade},
    }


def objective_item(objective: ObjectiveScore) -> dict[str, Any]:
    return {
        "ref": objective.ref, "owner": objective.owner, "title": objective.title, "kind": objective.kind,
        "score": number(objective.score), "grade": objective.grade, "status": objective.status,
        "too_easy": objective.too_easy, "weight": number(objective.weight),
        "projected_score": number(objective.projected_score), "projected_grade": objective.projected_grade,
        "final": None if objective.final is None else {"score": number(objective.final.score), "grade": objective.final.grade},
        "retro": objective.retro,
        "key_results": [kr_item(kr) for kr in objective.key_results],
    }


def report_document(report: ScoreReport) -> dict[str, Any]:
    return {
        "period": report.period, "as_of": report.as_of.isoformat(), "elapsed": number(report.elapsed),
        "objectives": [objective_item(o) for o in report.objectives],
        "kpis": [kpi_item(k) for k in report.kpis],
        "owners": [{"owner": o.owner, "score": number(o.score)} for o in report.owners],
        "ended": report.ended, "closed": report.closed,
        "left_out": left_out(report.left_out),
    }


def left_out(items: list[LeftOut]) -> list[dict[str, str]]:
    """The sheets the numbers do not include (SPEC 3), for every JSON format that scores."""
    return [{"path": item.path, "rule": item.rule} for item in items]


def dump(document: dict[str, Any]) -> None:
    write(json_text(document))


def score(report: ScoreReport) -> None:
    dump(report_document(report))


def scorecard(card: Scorecard, report: ScoreReport) -> None:
    dump({
        "owner": card.owner, "period": card.period, "score": number(card.score),
        "kpi_part": number(card.kpi_part), "kr_part": number(card.kr_part),
        "weights": {"kpis": number(card.weights[0]), "key_results": number(card.weights[1])},
        "kpis": [kpi_item(k) for k in card.kpis],
        "key_results": [kr_item(kr) for kr in card.key_results],
        "left_out": left_out(report.left_out),
    })


def node_item(node: TreeNode) -> dict[str, Any]:
    o = node.objective
    return {
        "ref": o.ref, "owner": o.owner, "level": o.level, "period": o.period, "title": o.title, "kind": o.kind,
        "score": number(o.score), "grade": o.grade, "status": o.status, "too_easy": o.too_easy,
        "projected_score": number(o.projected_score), "projected_grade": o.projected_grade,
        "context": node.context, "children": [node_item(child) for child in node.children],
    }


def tree(report: ScoreReport, roots: list[TreeNode]) -> None:
    dump({
        "period": report.period, "as_of": report.as_of.isoformat(), "elapsed": number(report.elapsed),
        "tree": [node_item(root) for root in roots],
        "left_out": left_out(report.left_out),
    })
