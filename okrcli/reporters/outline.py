"""How a score report is laid out in every document format: the owners' groups, in the
order their sheets come, and the one-line summary."""

from __future__ import annotations

from okrcli.i18n import _
from okrcli.score.records import KPIScore, ObjectiveScore, ScoreReport


def groups(report: ScoreReport) -> list[tuple[str, float | None, list[ObjectiveScore], list[KPIScore]]]:
    """(owner, owner score, objectives, KPIs) per owner, in the order owners appear."""
    scores = {o.owner: o.score for o in report.owners}
    owners = report.order or list(dict.fromkeys([o.owner for o in report.objectives] + [k.owner for k in report.kpis]))
    objectives: dict[str, list[ObjectiveScore]] = {}
    kpis: dict[str, list[KPIScore]] = {}
    for o in report.objectives:  # one pass each: a repo of thousands of owners stays linear
        objectives.setdefault(o.owner, []).append(o)
    for k in report.kpis:
        kpis.setdefault(k.owner, []).append(k)
    return [(owner, scores.get(owner), objectives.get(owner, []), kpis.get(owner, [])) for owner in owners]


def summary(report: ScoreReport) -> str:
    counts = report.grade_counts()
    easy = sum(1 for o in report.objectives if o.too_easy)
    # the grades the rows show: projected (marked ~) while a period runs, final after it (a
    # quarter's ended months are final already: ~ only when some grade counted is projected)
    final = all(o.ended for o in report.objectives) if report.objectives else report.ended
    shown = _("Objectives: {green} green, {yellow} yellow, {red} red") if final else _("Objectives: ~{green} green, ~{yellow} yellow, ~{red} red")
    text = shown.format(green=counts["green"], yellow=counts["yellow"], red=counts["red"])
    text += _(" ({count} too easy?)").format(count=easy) if easy else ""
    text += _(" · KPIs: {met} of {count} met").format(met=report.kpis_met, count=len(report.kpis)) if report.kpis else ""
    return text + _(" · {elapsed} of {period} gone").format(elapsed=f"{report.elapsed:.0%}", period=report.period)
