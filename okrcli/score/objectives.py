"""Objective and owner scores (SPEC 3): the weighted mean of the key results' scores, graded
on the stretch rule, with the worst KR status; an owner's weighted mean of objective scores.
Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from okrcli.repo.config import Grading
from okrcli.score.key_results import grade, reaches, weighted_mean
from okrcli.score.records import KRScore, ObjectiveScore, OwnerScore, Status

STATUS_ORDER: tuple[Status, ...] = ("off-track", "at-risk", "pending", "closed", "on-track", "done")


def score_objective(
    ref: str, owner: str, title: str, kind: str, weight: float, key_results: list[KRScore], grading: Grading,
) -> ObjectiveScore:
    """Σ wᵢ·sᵢ / Σ wᵢ over the KRs, graded on the stretch rule, with the worst KR status."""
    bands = grading.committed if kind == "committed" else grading.aspirational
    key_results = [replace(k, grade=grade(k.score, bands)) for k in key_results]
    score = weighted_mean((k.weight, k.score) for k in key_results if k.score is not None)
    too_easy = kind == "aspirational" and score is not None and reaches(score, 1.0)
    status = worst_status([k.status for k in key_results if k.status is not None]) if score is not None else "pending"
    return ObjectiveScore(
        ref=ref, owner=owner, title=title, kind=kind, weight=weight, score=score, grade=grade(score, bands), status=status,
        too_easy=too_easy, key_results=key_results,
    )


def worst_status(statuses: Sequence[Status]) -> Status:
    return min(statuses, key=STATUS_ORDER.index) if statuses else "pending"


def owner_scores(objectives: Sequence[ObjectiveScore]) -> list[OwnerScore]:
    """Each owner's weighted mean of objective scores, owners in order of appearance."""
    grouped: dict[str, list[ObjectiveScore]] = {}
    for objective in objectives:
        grouped.setdefault(objective.owner, []).append(objective)
    return [
        OwnerScore(owner=owner, score=weighted_mean((o.weight, o.score) for o in items if o.score is not None))
        for owner, items in grouped.items()
    ]
