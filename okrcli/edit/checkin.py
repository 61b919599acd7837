"""`okr checkin` as one call: find the key result or KPI, re-read its sheet, turn the user's
VALUE and options into one edit, run it through the edit pipeline, write the file atomically,
and measure the score before and after. Nothing here prints; the command shows the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from okrcli.edit.plan import CheckInEdit
from okrcli.edit.target import Measured, find, locate, reread
from okrcli.errors import UsageError
from okrcli.i18n import _, ngettext
from okrcli.model.values import Locale
from okrcli.repo.config import Config
from okrcli.repo.workspace import Workspace

_TRUE, _FALSE = ("done", "true"), ("false",)


@dataclass(frozen=True, slots=True)
class CheckInRequest:
    base: Path  # where okr runs: paths are shown relative to it
    config: Path | None  # --config, else the root's .okr.yaml
    ref: str
    value: str
    as_of: dt.date
    day: dt.date | None = None  # --date; None: the check-in is dated --as-of
    confidence: str | None = None
    note: str | None = None
    as_of_given: bool = True  # --as-of was written; else as_of is today, and messages say so


@dataclass(frozen=True, slots=True)
class Movement:
    """`ref: old → new (label old_text → new_text)`: the score before and after the check-in."""

    ref: str
    old: float | None
    new: float | None
    label: str  # what moved: `current`, `actual`, `done`, or `value` when only the check-in did
    old_text: str
    new_text: str
    by_readings: bool  # a KPI scored on its monthly readings: a check-in does not move it


@dataclass(frozen=True, slots=True)
class CheckedIn:
    path: str  # the sheet, as the user sees it from where okr runs
    ref: str
    day: dt.date
    notices: list[str]
    movement: Movement
    locale: Locale  # the repo's number_locale: how the scores are shown


def check_in(request: CheckInRequest) -> CheckedIn:
    """Record the check-in in its sheet, in place; UsageError or EditRefused when it cannot be."""
    from okrcli.edit.atomic import real_path_inside, replace_file
    from okrcli.edit.pipeline import apply_edit, read_sheet_bytes
    from okrcli.edit.plan import plan_checkin
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.root import shown_path
    from okrcli.repo.workspace import open_workspace

    workspace = open_workspace(request.base, request.config, resolve_rules)
    target, day = _target(workspace, request)
    locale = workspace.settings.config.number_locale
    path = real_path_inside(workspace.root, target.doc.path)
    raw = read_sheet_bytes(workspace.root, target.doc.path)
    fresh = reread(target, raw, locale)
    edit = plan_edit(fresh, request.value, day, request.confidence, request.note, locale)
    edited = apply_edit(raw, target.doc.path, locale, plan_checkin(edit), _("the check-in was not written"))
    replace_file(path, edited.raw, raw)
    after = find(edited.doc, target.ids, target.ref)
    shown = shown_path(workspace.root / target.doc.path, request.base)
    moved = movement(fresh, after, workspace.settings.config, edit.field)
    return CheckedIn(shown, target.ref, day, notices(fresh, edit.field, day), moved, locale)


def _target(workspace: Workspace, request: CheckInRequest) -> tuple[Measured, dt.date]:
    """The item checked in on and the check-in's date, both refused as SPEC 6 says."""
    from okrcli.lint.rules.check_in_outside_period import ID as OUTSIDE_PERIOD

    try:
        target = locate(workspace, request.ref, request.as_of)
    except UsageError as err:
        raise UsageError(f"{err}{_not_read(workspace)}") from None
    header = target.doc.header
    if header is not None and header.closed is not None:
        raise UsageError(_(
            "{path}: {owner}'s {period} was closed on {day} (`closed:` in its header): its values are final; "
            "record new progress in the next period's sheet"
        ).format(path=target.doc.path, owner=target.doc.owner, period=header.period.text, day=header.closed.isoformat()))
    day = request.day if request.day is not None else request.as_of
    grace_days = workspace.settings.rules[OUTSIDE_PERIOD].options.grace_days
    refuse_date(target, day, dt.date.today(), grace_days, "--date" if request.day is not None else "--as-of" if request.as_of_given else _("today"))
    if request.day is not None and request.as_of_given and request.day > request.as_of:
        raise UsageError(_(
            "--date {day} is after --as-of {as_of}, the day the check-in is read on: its score would count a value not seen "
            "yet; date it on or before --as-of, or leave --as-of out"
        ).format(day=request.day.isoformat(), as_of=request.as_of.isoformat()))
    return target, day


def _not_read(workspace: Workspace) -> str:
    """The sheet paths okr would not read, which may hold the item asked for."""
    paths = sorted({p.path for p in workspace.problems() if p.rule == "unreadable-file"})
    return _("; okr did not read {paths} (see `okr check`)").format(paths=", ".join(paths)) if paths else ""



def refuse_date(target: Measured, day: dt.date, today: dt.date, grace_days: int, option: str) -> None:
    """A usage error for a check-in date SPEC 6 refuses: after today (the calendar's: no one
    has seen a value of tomorrow, whatever --as-of says), or outside the sheet's period
    beyond what `check-in-outside-period` accepts (after the period's end, its grace_days),
    so that `okr checkin` never writes what `okr check` reports. `option` names where the
    date came from (--date or --as-of)."""
    from okrcli.lint.rules.check_in_outside_period import inside

    if day > today:
        raise UsageError(_(
            "{option} {day} is after today ({today}): a check-in records a value already seen; date it today or earlier"
        ).format(option=option, day=day.isoformat(), today=today.isoformat()))
    period = target.doc.period
    if period is None or inside(period, day, grace_days):
        return
    span = _("{period} ({start} to {end})").format(period=period.text, start=period.start.isoformat(), end=period.end.isoformat())
    raise UsageError(_outside(option, day, span, day < period.start, grace_days))


def _outside(option: str, day: dt.date, span: str, before: bool, grace_days: int) -> str:
    """Why a date outside the sheet's period is refused: before it, or after it by more
    than the grace days (none by default)."""
    if before:
        message = _("{option} {day} is before {span}; record it in the sheet of the period it belongs to")
    elif grace_days:
        message = ngettext(
            "{option} {day} is more than {count} day after the end of {span}, the check-in-outside-period rule's "
            "grace_days; record it in the sheet of the period it belongs to",
            "{option} {day} is more than {count} days after the end of {span}, the check-in-outside-period rule's "
            "grace_days; record it in the sheet of the period it belongs to",
            grace_days,
        )
    else:
        message = _(
            "{option} {day} is after {span}; late check-ins after a period's end take `grace_days` of rule "
            "check-in-outside-period in .okr.yaml; record it in the sheet of the period it belongs to"
        )
    return message.format(option=option, day=day.isoformat(), span=span, count=grace_days)


def plan_edit(target: Measured, value: str, day: dt.date, confidence: str | None, note: str | None, locale: str) -> CheckInEdit:
    written = _value(target, value.strip(), locale)
    field = target.field if _updates_field(target, day, written) else None
    if note is not None and not note.strip():
        raise UsageError(_("--note is empty; write a short note or leave the option out"))
    return CheckInEdit(target.item.path, day, written, field, _confidence(confidence, locale), note)


def _value(target: Measured, value: str, locale: str) -> str | bool:
    word = value.casefold()
    if target.milestone:
        if word not in _TRUE + _FALSE:
            raise UsageError(_("{ref} is a milestone: VALUE is done, true or false, not {value}").format(ref=target.ref, value=repr(value)))
        return word in _TRUE
    if word in _TRUE + _FALSE:
        raise UsageError(
            _("{ref} has a numeric target: VALUE is a number such as 290000 or 36%, not {value}").format(ref=target.ref, value=repr(value))
        )
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
    from okrcli.model.values import ValueSyntaxError, parse_value, plain_number

    text = raw.strip()
    try:
        value = parse_value("0" + text if text[:1] in ".," else text, locale=locale)  # type: ignore[arg-type]
    except ValueSyntaxError:
        value = None
    number = value.number if value is not None and value.unit is None else None
    if number is not None and value is not None and value.percent:
        number = number.scaleb(-2)  # 70% → 0.7, exactly
    if number is None or not 0 <= number <= 1:
        decimal = "0,7" if locale == "vi" else "0.7"
        raise UsageError(
            _("--confidence {value}: write a number from 0 to 1, e.g. {decimal} or 70% for 70 %").format(value=repr(raw), decimal=decimal)
        )
    return plain_number(number)


def notices(target: Measured, field: str | None, day: dt.date) -> list[str]:
    """What the user should know about an accepted check-in: a late date taken within the
    grace days, or a `current` left alone because a later check-in exists."""
    found = []
    period = target.doc.period
    if period is not None and not period.contains_date(day):
        found.append(_("note: the check-in date {day} is after the end of {period} ({end}), within the grace days").format(
            day=day.isoformat(), period=period.text, end=period.end.isoformat()))
    later = sorted(c.date for c in target.item.check_ins if c.date > day)
    if field is None and later:
        found.append(_("note: `{field}` left as it was: the check-in of {day} is later").format(field=target.field, day=later[-1].isoformat()))
    return found


def movement(before: Measured, after: Measured, config: Config, field: str | None) -> Movement:
    """`marketing/O1/KR1: 0.5345 → 0.6207 (current 281.000 → 290.000)`."""
    (old, old_text), (new, new_text) = measure(before, config), measure(after, config)
    label = field or ("done" if before.milestone else "value")
    readings = before.objective is None and bool(getattr(before.item, "readings", None))
    return Movement(before.ref, old, new, label, old_text, new_text, readings)


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
