"""`okr due` as text, Markdown (an issue or a chat post), JSON (SPEC 7) and GitHub
annotations (a scheduled workflow's warnings), grouped by owner."""

from __future__ import annotations

from okrcli.i18n import _, ngettext
from okrcli.reporters.check_formats import _data, _property
from okrcli.reporters.json import dump, left_out
from okrcli.reporters.markdown.score import cell
from okrcli.reporters.terminal import printable_data, write
from okrcli.score.due import Due, DueItem


def json(result: Due) -> None:
    dump({"as_of": result.as_of.isoformat(), "due": [{
        "ref": i.ref, "owner": i.owner, "handles": list(i.handles), "path": i.path, "line": i.line,
        "last_update": i.last_update.isoformat() if i.last_update else None, "days": i.days,
    } for i in result.items], "left_out": left_out(result.left_out)})


def _groups(result: Due) -> dict[str, list[DueItem]]:
    groups: dict[str, list[DueItem]] = {}
    for item in result.items:
        groups.setdefault(item.owner, []).append(item)
    return groups


def _when(item: DueItem) -> str:
    if item.last_update is None:
        return _("never updated")
    days = item.days or 0
    return ngettext("last update {day}, {count} day ago", "last update {day}, {count} days ago", days).format(
        day=item.last_update.isoformat(), count=days)


def _heading(result: Due) -> str:
    day, limit = result.as_of.isoformat(), result.stale_after_days
    if not result.items and not result.open:
        return _no_open_period(result)
    if not result.items and result.left_out:  # what could not be read may well be due
        return ngettext(
            "Nothing due as of {day} in the sheets okr could read; {count} sheet was left out (see above)",
            "Nothing due as of {day} in the sheets okr could read; {count} sheets were left out (see above)",
            len(result.left_out),
        ).format(day=day, count=len(result.left_out))
    if not result.items:
        return ngettext(
            "Nothing due as of {day}: every key result and KPI of the open periods was updated in the last {count} day",
            "Nothing due as of {day}: every key result and KPI of the open periods was updated in the last {count} days",
            limit,
        ).format(day=day, count=limit)
    return ngettext(
        "Check-ins due as of {day} (never updated, or not for more than {count} day)",
        "Check-ins due as of {day} (never updated, or not for more than {count} days)",
        limit,
    ).format(day=day, count=limit)


def _no_open_period(result: Due) -> str:
    day = result.as_of.isoformat()
    ended, upcoming = result.latest_ended, result.next_one
    if ended is not None:
        return _("Nothing due: no open period on {day}; the latest period {period} ended on {end}").format(
            day=day, period=ended.text, end=ended.end.isoformat())
    if upcoming is not None:
        return _("Nothing due: no open period on {day}; the next period {period} starts on {start}").format(
            day=day, period=upcoming.text, start=upcoming.start.isoformat())
    return _("Nothing due: no open period on {day}; the repository has no goal sheets with a period yet").format(day=day)


def text(result: Due) -> None:
    result = printable_data(result)
    lines = [_heading(result)]
    for owner, items in _groups(result).items():
        lines.append(" ".join([owner, *items[0].handles]))
        lines += [f"  {i.path}:{i.line}  {i.ref}  {i.title}  ({_when(i)})" for i in items]
    write("\n".join(lines) + "\n")


def markdown(result: Due) -> None:
    result = printable_data(result)
    lines = [f"### {_heading(result)}", ""]
    for owner, items in _groups(result).items():
        lines += [f"#### {cell(' '.join([owner, *items[0].handles]))}", ""]
        lines += [f"- [ ] {cell(i.ref)} {cell(i.title)}: {_when(i)} ({cell(i.path)}:{i.line})" for i in items]
        lines.append("")
    write("\n".join(lines).rstrip("\n") + "\n")


def github(result: Due) -> None:
    result = printable_data(result)
    lines = []
    for i in result.items:
        who = " ".join([i.owner, *i.handles])
        message = _("{ref} ({who}) needs a check-in: {when}; record it: okr checkin {ref} VALUE").format(ref=i.ref, who=who, when=_when(i))
        lines.append(f"::warning file={_property(i.path)},line={i.line},title=okr due::{_data(message)}\n")
    write("".join(lines))
