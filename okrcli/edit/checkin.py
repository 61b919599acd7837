"""Check-ins: find the key result or KPI a ref names, turn the user's VALUE and options into
one edit, and measure the score before and after. Nothing here prints or writes; the
`okr checkin` command does, through `okrcli.edit.splice` and `okrcli.edit.atomic`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from okrcli.errors import UsageError

if TYPE_CHECKING:
    from okrcli.edit.splice import CheckInEdit
    from okrcli.load.validate import SheetDoc
    from okrcli.model.sheet import KPI, KeyResult, Objective
    from okrcli.repo.config import Config
    from okrcli.repo.workspace import Workspace

_TRUE, _FALSE = ("done", "true"), ("false",)


class Measured(NamedTuple):
    """A key result or KPI found by its ref: what check-ins are recorded on."""

    doc: SheetDoc
    item: KeyResult | KPI
    objective: Objective | None  # a key result's objective; None for a KPI
    ref: str

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.objective.id, self.item.id) if self.objective is not None else (self.item.id,)

    @property
    def milestone(self) -> bool:
        item = self.item
        return bool(item.is_milestone) if self.objective is not None else item.done is not None  # type: ignore[union-attr]

    @property
    def field(self) -> str:
        return "done" if self.milestone else "current" if self.objective is not None else "actual"


def locate(workspace: Workspace, text: str, as_of: dt.date) -> Measured:
    """The key result or KPI `text` names; unknown refs are usage errors with suggestions."""
    from okrcli.load.index import Index
    from okrcli.model.periods import default_period
    from okrcli.model.refs import RefError, parse_ref

    try:
        ref = parse_ref(text)
    except RefError as err:
        raise UsageError(str(err)) from None
    periods = workspace.periods()
    if not periods:
        raise UsageError("the repository has no goal sheets with a period yet; run `okr init` to add one")
    period = ref.period or default_period(periods, as_of)
    index = Index(workspace.sheets)
    found = index.key_result(ref, period) if len(ref.parts) == 2 else index.kpi(ref, period)
    if found is not None:
        return Measured(found.doc, found.item, found.objective, str(ref))
    if index.objective(ref, period) is not None:
        raise UsageError(f"{text!r} is an objective; check in on one of its key results, e.g. {text}/KR1")
    wanted = "/".join((ref.owner, *ref.parts))
    raise UsageError(f"no key result or KPI {text!r} in {period.text}{_suggestion(index, wanted, period.text)}")


def _suggestion(index: Any, wanted: str, period: str) -> str:
    """Near refs of the period; else near refs of other periods, written with their period."""
    here: set[str] = set()
    elsewhere: list[tuple[str, str]] = []
    for found_period, owner, *ids in (*index.key_results, *index.kpis):
        ref = "/".join((owner, *ids))
        if found_period == period:
            here.add(ref)
        else:
            elsewhere.append((ref, f"{found_period}:{ref}"))
    alike = [ref for ref in here if ref.count("/") == wanted.count("/")]  # KRs for a KR, KPIs for a KPI
    close = sorted(difflib.get_close_matches(wanted, sorted(alike), n=3, cutoff=0.6))
    close = close or sorted(difflib.get_close_matches(wanted, sorted(here), n=3, cutoff=0.6))
    if not close:
        same = [full for ref, full in elsewhere if ref == wanted]
        near = set(difflib.get_close_matches(wanted, sorted({ref for ref, _ in elsewhere}), n=3, cutoff=0.6))
        close = sorted(same or [full for ref, full in elsewhere if ref in near])[:3]
    return f"; did you mean {' or '.join(close)}?" if close else ""


def reread(target: Measured, raw: bytes, locale: str) -> Measured:
    """The item as the file holds it now: the edit must land on what is on disk."""
    from okrcli.load.reader import load_bytes
    from okrcli.load.validate import validate

    return find(validate(load_bytes(raw, target.doc.path), locale), target.ids, target.ref)


def find(doc: SheetDoc, ids: tuple[str, ...], ref: str) -> Measured:
    if len(ids) == 2:
        for objective in doc.objectives:
            for kr in objective.key_results:
                if (objective.id, kr.id) == ids:
                    return Measured(doc, kr, objective, ref)
    for kpi in doc.kpis if len(ids) == 1 else []:
        if kpi.id == ids[0]:
            return Measured(doc, kpi, None, ref)
    raise UsageError(f"{doc.path}: {ref} cannot be read any more; run `okr check {doc.path}`")


def refuse_date(target: Measured, day: dt.date, today: dt.date, grace_days: int, option: str) -> None:
    """A usage error for a check-in date SPEC 6 refuses: after today (the calendar's: no one
    has seen a value of tomorrow, whatever --as-of says), or outside the sheet's period
    beyond what `check-in-outside-period` accepts (after the period's end, its grace_days),
    so that `okr checkin` never writes what `okr check` reports. `option` names where the
    date came from (--date or --as-of)."""
    from okrcli.lint.rules.check_in_outside_period import inside

    if day > today:
        raise UsageError(
            f"{option} {day.isoformat()} is after today ({today.isoformat()}): a check-in records a value "
            "already seen; date it today or earlier"
        )
    period = target.doc.period
    if period is None or inside(period, day, grace_days):
        return
    span = f"{period.text} ({period.start.isoformat()} to {period.end.isoformat()})"
    if day < period.start:
        where = f"before {span}"
    elif grace_days:
        where = f"more than {grace_days} days after the end of {span}, the check-in-outside-period rule's grace_days"
    else:
        where = f"after {span}; late check-ins after a period's end take `grace_days` of rule check-in-outside-period in .okr.yaml"
    raise UsageError(f"{option} {day.isoformat()} is {where}; record it in the sheet of the period it belongs to")


def plan_edit(target: Measured, value: str, day: dt.date, confidence: str | None, note: str | None, locale: str) -> CheckInEdit:
    from okrcli.edit.splice import CheckInEdit

    written = _value(target, value.strip(), locale)
    field = target.field if _updates_field(target, day, written) else None
    if note is not None and not note.strip():
        raise UsageError("--note is empty; write a short note or leave the option out")
    return CheckInEdit(target.item.path, day, written, field, _confidence(confidence, locale), note)


def _value(target: Measured, value: str, locale: str) -> str | bool:
    word = value.casefold()
    if target.milestone:
        if word not in _TRUE + _FALSE:
            raise UsageError(f"{target.ref} is a milestone: VALUE is done, true or false, not {value!r}")
        return word in _TRUE
    if word in _TRUE + _FALSE:
        raise UsageError(f"{target.ref} has a numeric target: VALUE is a number such as 290000 or 36%, not {value!r}")
    from okrcli.model.values import ValueSyntaxError, parse_value

    try:
        parse_value(value, locale=locale)  # type: ignore[arg-type]
    except ValueSyntaxError as err:
        raise UsageError(f"VALUE: {err}") from None
    return value


def _updates_field(target: Measured, day: dt.date, value: str | bool) -> bool:
    """`current` follows the latest check-in: set it unless it is absent (the check-in then is
    the value) or a later check-in exists (this one fills in the past)."""
    raw = target.doc.loaded.data
    for part in target.item.path:
        raw = raw[part]
    kind = isinstance(value, bool)
    later = [c for c in target.item.check_ins if isinstance(c.value, bool) == kind and c.date > day]
    return target.field in raw and not later


def _confidence(raw: str | None, locale: str) -> str | None:
    """--confidence read like any number okr reads (0.7, or 0,7 under number_locale: vi), or
    as a percent (70%); written into the sheet as the YAML number it means (0.7)."""
    if raw is None:
        return None
    from okrcli.model.values import ValueSyntaxError, parse_value

    text = raw.strip()
    try:
        value = parse_value("0" + text if text[:1] in ".," else text, locale=locale)  # type: ignore[arg-type]
    except ValueSyntaxError:
        value = None
    number = value.number if value is not None and value.unit is None else None
    if number is not None and value is not None and value.percent:
        number = float(Decimal(repr(number)).scaleb(-2))  # 70% → 0.7, not 0.7000000000000001
    if number is None or not 0 <= number <= 1:
        decimal = "0,7" if locale == "vi" else "0.7"
        raise UsageError(f"--confidence {raw!r}: write a number from 0 to 1, e.g. {decimal} or 70% for 70 %")
    return str(int(number)) if number.is_integer() else repr(number)


def notices(target: Measured, field: str | None, day: dt.date) -> list[str]:
    """What the user should know about an accepted check-in: a late date taken within the
    grace days, or a `current` left alone because a later check-in exists."""
    found = []
    period = target.doc.period
    if period is not None and not period.contains_date(day):
        found.append(f"note: the check-in date {day.isoformat()} is after the end of {period.text} ({period.end}), within the grace days")
    later = sorted(c.date for c in target.item.check_ins if c.date > day)
    if field is None and later:
        found.append(f"note: `{target.field}` left as it was: the check-in of {later[-1].isoformat()} is later")
    return found


def movement(before: Measured, after: Measured, config: Config, field: str | None) -> str:
    """`marketing/O1/KR1: 0.5345 → 0.6207 (current 281.000 → 290.000)`."""
    (old, old_text), (new, new_text) = measure(before, config), measure(after, config)
    label = field or ("done" if before.milestone else "value")
    line = f"{before.ref}: {_score(old)} → {_score(new)} ({label} {old_text} → {new_text})"
    if before.objective is None and getattr(before.item, "readings", None):
        line += "; the KPI is scored on its monthly `readings`: add this month's reading to move it"
    return line


def measure(target: Measured, config: Config) -> tuple[float | None, str]:
    """The item's score (a KPI's achievement) and its value as written. The one place this
    command asks the scoring engine, so its API can move without touching the rest."""
    from okrcli.model.sheet import KeyResult
    from okrcli.score.key_results import latest, score_key_result
    from okrcli.score.kpis import score_kpi

    item = target.item
    if isinstance(item, KeyResult):
        scored = score_key_result(item, target.ref, item.owner or target.doc.owner, 0.0)
        score = None if scored.error else scored.score
    else:
        assert target.doc.period is not None
        score = score_kpi(item, target.ref, item.owner or target.doc.owner, target.doc.period, config.kpi).achievement
    if target.milestone:
        check_in = latest(item.check_ins, milestone=True)
        done = item.done if item.done is not None else check_in.value if check_in else None
        return score, "—" if done is None else str(done).lower()
    value = item.current if isinstance(item, KeyResult) else item.actual
    check_in = latest(item.check_ins)
    shown = value if value is not None else check_in.value if check_in is not None else None
    return score, getattr(shown, "raw", None) or "—"


def _score(score: float | None) -> str:
    return "—" if score is None else f"{score:.4f}"
