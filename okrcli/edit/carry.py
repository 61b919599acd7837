"""What `okr rollover` carries from one sheet into the next period's (SPEC 3.1), decided on
the sheet as read, and the edit of the pipeline that turns its text into the new sheet's:
only lines are removed and values set, so the comments at the end of kept lines and the
leading comment block survive, in the file's own style.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from ruamel.yaml.nodes import MappingNode, ScalarNode

from okrcli.edit.nodes import entry, node_at
from okrcli.edit.pipeline import Edit, Source, item_at
from okrcli.edit.style import Scalar, bool_scalar, render_string, render_value, string_style
from okrcli.load.reader import YamlPath
from okrcli.load.validate import SheetDoc
from okrcli.model.periods import Period
from okrcli.model.sheet import KeyResult, Objective
from okrcli.repo.config import Config


@dataclass(slots=True)
class CarriedObjective:
    objective: Objective
    kept: list[KeyResult]  # the key results not yet done
    dropped_parent: bool = False


@dataclass(slots=True)
class Carry:
    """What one sheet carries: its objectives not graded green (all with --all) that keep a
    key result not yet done, and every KPI."""

    doc: SheetDoc
    objectives: list[CarriedObjective] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.objectives and not self.doc.kpis


def decide(doc: SheetDoc, config: Config, carry_all: bool) -> Carry:
    from okrcli.score.book import Scorer
    from okrcli.score.key_results import reaches

    assert doc.period is not None
    scorer = Scorer([doc], doc.period, doc.period.end, config)
    carry = Carry(doc)
    for objective in doc.objectives:
        scored = scorer.objective(doc, objective)
        grade = objective.final.grade if objective.final is not None else scored.grade
        kept = [kr for kr, s in zip(objective.key_results, scored.key_results, strict=True) if s.score is None or not reaches(s.score, 1.0)]
        if (carry_all or grade != "green") and kept:
            carry.objectives.append(CarriedObjective(objective, kept))
    return carry


def plan_carry(carry: Carry, source_period: Period, target: Period) -> Callable[[Source], Edit]:
    """The edit that makes the sheet's text the new period's sheet."""
    return lambda source: _Planner(source, carry, source_period, target).plan()


class _Planner:
    def __init__(self, source: Source, carry: Carry, source_period: Period, target: Period) -> None:
        self.source, self.carry, self.source_period, self.target = source, carry, source_period, target
        self.edits: list[Edit] = []

    def plan(self) -> Edit:
        from okrcli.edit.changes import remove_items, remove_key
        from okrcli.edit.pipeline import combine

        for carried in self.carry.objectives:
            self._objective(carried)
        for kpi in self.carry.doc.kpis:
            self._kpi(kpi.path)
        for carried in self.carry.objectives:
            kept_paths = {kr.path for kr in carried.kept}
            gone = [kr.path[-1] for kr in carried.objective.key_results if kr.path not in kept_paths]
            if gone:
                self.edits.append(remove_items(self.source, carried.objective.path + ("key_results",), gone))
        kept = {c.objective.path for c in self.carry.objectives}
        gone_objectives = [o.path[-1] for o in self.carry.doc.objectives if o.path not in kept]
        if gone_objectives and kept:
            self.edits.append(remove_items(self.source, ("objectives",), gone_objectives))
        elif gone_objectives:
            self.edits.append(remove_key(self.source, (), "objectives"))
        self._header()
        return combine(self.edits)

    def _remove(self, path: YamlPath, *keys: str) -> None:
        from okrcli.edit.changes import remove_key

        item = node_at(self.source.root, path, self.source.name)
        self.edits += [remove_key(self.source, path, key) for key in keys if entry(item, key) is not None]

    def _header(self) -> None:
        from okrcli.edit.changes import set_value

        found = entry(self.source.root, "period")
        hint = string_style(found[1]) if found is not None else None
        flow = bool(self.source.root.flow_style)
        self.edits.append(set_value(self.source, (), "period", render_string(self.target.text, hint, '"', flow)))
        self._remove((), "closed")

    def _objective(self, carried: CarriedObjective) -> None:
        from okrcli.edit.changes import add_key, set_value

        path = carried.objective.path
        self._remove(path, "final", "retro", *(("parent",) if carried.dropped_parent else ()))
        ref = f"{self.source_period.text}:{self.carry.doc.owner}/{carried.objective.id}"
        item = node_at(self.source.root, path, self.source.name)
        found = entry(item, "carried_from")
        scalar = render_string(ref, string_style(found[1]) if found else None, '"', bool(item.flow_style))
        if found is not None:
            self.edits.append(set_value(self.source, path, "carried_from", scalar))
        else:
            self.edits.append(add_key(self.source, path, "carried_from", scalar, before=("title", "key_results")))
        for kr in carried.kept:
            self._key_result(kr)

    def _key_result(self, kr: KeyResult) -> None:
        from okrcli.edit.changes import add_key, set_value

        path = kr.path
        item = node_at(self.source.root, path, self.source.name)
        if kr.is_milestone:
            if entry(item, "done") is None:
                self.edits.append(add_key(self.source, path, "done", bool_scalar(False, *_flags(self.source.root))))
            self._remove(path, "check_ins")
            return
        last = self._last_value(kr, item)
        self._remove(path, "current", "check_ins")
        if last is None:
            return
        written = next((key for key in ("start", "baseline") if entry(item, key) is not None), None)
        if written is not None:
            self.edits.append(set_value(self.source, path, written, last))
        else:
            self.edits.append(add_key(self.source, path, "start", last, before=("target",)))

    def _last_value(self, kr: KeyResult, item: MappingNode) -> Scalar | None:
        """The KR's last value as the file writes it: `current`, else its latest check-in's."""
        data = item_at(self.source_data, kr.path)
        if "current" in data:
            node, value = entry(item, "current"), data["current"]
        else:
            numbers = [(c.date, i) for i, c in enumerate(kr.check_ins) if not isinstance(c.value, bool)]
            if not numbers:
                return None
            index = max(numbers, key=lambda pair: pair[0])[1]  # on one day the one written last wins
            numbers_on_day = [i for day, i in numbers if day == kr.check_ins[index].date]
            index = numbers_on_day[-1]
            node = entry(node_at(self.source.root, kr.path + ("check_ins", index), self.source.name), "value")
            value = data["check_ins"][index]["value"]
        return self._scalar(node[1] if node else None, copy.deepcopy(value), bool(item.flow_style))

    def _scalar(self, node: object, value: object, flow: bool) -> Scalar:
        if isinstance(node, ScalarNode) and node.style in ('"', "'") and "\n" not in node.value:
            text = self.source.text[node.start_mark.index : node.end_mark.index]
            return Scalar(text, value)
        return render_value(str(value), "" if isinstance(value, str) else None, '"', flow, self.source.locale)

    @property
    def source_data(self) -> object:
        return self.carry.doc.loaded.data

    def _kpi(self, path: YamlPath) -> None:
        from okrcli.edit.changes import set_value

        self._remove(path, "actual", "readings", "check_ins", "final")
        item = node_at(self.source.root, path, self.source.name)
        done = entry(item, "done")
        if done is not None and isinstance(done[1], ScalarNode) and done[1].value.lower() == "true":
            self.edits.append(set_value(self.source, path, "done", bool_scalar(False, done[1])))


def _flags(root: MappingNode) -> list[ScalarNode]:
    from okrcli.edit.nodes import walk

    return [n for k, n in walk(root) if k is not None and k.value == "done" and isinstance(n, ScalarNode)]
