"""`okr diff` as text, as a Markdown pull-request comment and as JSON (SPEC 7). An added
goal shows its values, a removed one what it had, a changed one each differing field as
old → new, the score with its delta."""

from __future__ import annotations

from typing import Any

from okrcli.i18n import N_, _
from okrcli.model.values import Locale, format_number
from okrcli.reporters.json import dump
from okrcli.reporters.markdown.score import cell
from okrcli.reporters.terminal import printable_data, write
from okrcli.reporters.values import (
    NOTHING,
    cut,
    fixed,
    in_locale,
    kpi_actual,
    kpi_target,
    kpi_values,
    kr_current,
    kr_target,
    kr_values,
    number,
    objective_grade,
    target,
)
from okrcli.reporters.words import grade_word, status_word
from okrcli.score.diff import FIELDS, WORKING_TREE, Change, Diff, Goal, values
from okrcli.score.records import KPIScore, KRScore, ObjectiveScore

_SIGN = {"added": "+", "removed": "-", "changed": "~"}
# The words people read; JSON keeps the English names and values (SPEC 9).
_CHANGES = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
_COUNTS = {"added": N_("{count} added"), "removed": N_("{count} removed"), "changed": N_("{count} changed")}
_FIELD_NAMES = {
    "score": N_("score"), "grade": N_("grade"), "status": N_("status"), "target": N_("target"),
    "start": N_("start"), "current": N_("current"), "title": N_("title"), "owner": N_("owner"),
}


def json(result: Diff) -> None:
    dump({
        "base": result.base, "head": result.head,
        "changes": [{"ref": c.ref, "kind": c.kind, "change": c.change, "fields": _json_fields(c)} for c in result.changes],
    })


def _json_fields(change: Change) -> dict[str, list[Any]]:
    if change.change == "changed":
        pairs = change.fields
    else:
        goal = change.new if change.new is not None else change.old
        assert goal is not None
        shown = {k: v for k, v in values(goal).items() if v is not None}
        pairs = {k: ((None, v) if change.change == "added" else (v, None)) for k, v in shown.items()}
    return {name: [_json_value(name, v) for v in pair] for name, pair in pairs.items()}


def _json_value(name: str, value: Any) -> Any:
    if name == "target":
        return target(value)
    return number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def text(result: Diff) -> None:
    result = printable_data(result)
    heading = _("{base}..{head}, as of {day}: {summary}").format(base=result.base, head=_head(result), day=result.as_of.isoformat(), summary=summary(result))
    lines = [heading, *(f"{_SIGN[c.change]} {c.ref}  {_what(c, result.locale, ' · ')}" for c in result.changes)]
    write("\n".join(lines) + "\n")


def markdown(result: Diff) -> None:
    result = printable_data(result)
    lines = [_("**Goals: {summary}** ({base} → {head}, as of {day})").format(
        summary=summary(result), base=cell(result.base), head=cell(_head(result)), day=result.as_of.isoformat()), ""]
    owners: dict[str, list[Change]] = {}
    for change in result.changes:
        owners.setdefault(change.owner, []).append(change)
    header = "| " + " | ".join((_("Goal"), _("Change"), _("Score"), _("What changed"))) + " |"
    for owner, changes in owners.items():
        lines += [f"#### {cell(owner)}", "", header, "|---|---|---:|---|"]
        for c in changes:
            goal = c.new if c.new is not None else c.old
            assert goal is not None
            what = cell(_what(c, result.locale, "; ", score=False))
            lines.append(f"| {cell(c.ref)} {cell(goal.title)} | {_(_CHANGES[c.change])} | {_score(c, result.locale)} | {what} |")
        lines.append("")
    write("\n".join(lines).rstrip("\n") + "\n")


def summary(result: Diff) -> str:
    counts = {kind: sum(1 for c in result.changes if c.change == kind) for kind in ("added", "removed", "changed")}
    if not result.changes:
        return _("no objective, key result or KPI changed")
    return ", ".join(_(_COUNTS[kind]).format(count=n) for kind, n in counts.items() if n)


def _head(result: Diff) -> str:
    """The head as people read it: a commit, or the working tree in their language."""
    return _("working tree") if result.head == WORKING_TREE else result.head


def _score(change: Change, locale: Locale) -> str:
    if change.change != "changed":
        goal = change.new if change.new is not None else change.old
        assert goal is not None
        return fixed(values(goal)["score"], locale)
    if "score" not in change.fields:
        return fixed(values(change.new)["score"], locale) if change.new is not None else NOTHING
    return _score_change(*change.fields["score"], locale)


def _score_change(old: float | None, new: float | None, locale: Locale) -> str:
    # The delta of the figures shown beside it (cut to two decimals), so it adds up.
    delta = f" ({in_locale(f'{cut(new) - cut(old):+.2f}', locale)})" if old is not None and new is not None else ""
    return f"{fixed(old, locale)} → {fixed(new, locale)}{delta}"


def _what(change: Change, locale: Locale, separator: str, score: bool = True) -> str:
    """The title of a goal added or removed; each changed field as old → new."""
    if change.change != "changed":
        goal = change.new if change.new is not None else change.old
        assert goal is not None
        parts = ([goal.title] if score else []) + ([_values(goal, locale)] if not isinstance(goal, ObjectiveScore) else [])
        return separator.join(parts + ([_field("score", fixed(values(goal)["score"], locale))] if score else []))
    parts = []
    for name in FIELDS:
        if name == "grade" and isinstance(change.new, ObjectiveScore):
            parts += [_field(name, graded)] if (graded := _objective_grades(change)) else []
            continue
        if name not in change.fields or (name == "score" and not score):
            continue
        if name == "score":
            parts.append(_field(name, _score_change(*change.fields[name], locale)))
        else:
            parts.append(_field(name, f"{_shown(change.old, name, locale)} → {_shown(change.new, name, locale)}"))
    return separator.join(parts)


def _objective_grades(change: Change) -> str | None:
    """An objective's grade as the score reports word it (SPEC 3.1): final once its period
    has ended, else the projected one marked `~`, never the current grade as if final;
    None when the grades worded are the same."""
    old, new = change.old, change.new
    if not isinstance(old, ObjectiveScore) or not isinstance(new, ObjectiveScore):
        return None
    before, after = objective_grade(old), objective_grade(new)
    return None if before == after else f"{before} → {after}"


def _field(name: str, shown: str) -> str:
    """`score 0.37 → 0.42`: a field's name as people read it, then what it shows."""
    return f"{_(_FIELD_NAMES[name])} {shown}"


def _values(goal: KRScore | KPIScore, locale: Locale) -> str:
    return kr_values(goal, locale) if isinstance(goal, KRScore) else kpi_values(goal, locale)


def _shown(goal: Goal | None, name: str, locale: Locale) -> str:
    """A field's value as the score reports write it: targets and values as written."""
    if goal is None:
        return NOTHING
    if isinstance(goal, KRScore) and name in ("target", "current"):
        return kr_target(goal, locale) if name == "target" else kr_current(goal, locale)
    if isinstance(goal, KPIScore) and name in ("target", "current"):
        return kpi_target(goal, locale) if name == "target" else kpi_actual(goal, locale)
    value = values(goal).get(name)
    if value is None:
        return NOTHING
    if name == "grade":
        return grade_word(value)
    if name == "status":
        return status_word(value)
    return format_number(value, locale) if isinstance(value, float) else str(value)
