"""What `okr check` keeps of a sheet's data once its models are built: the skeleton of it
that the rules counting written items (`okrcli.lint.rules._counting`, `moved-target`) and
the history of values (`okrcli.history`) read.

A sheet that loaded and validated without a problem is fully described by its models; the
rules that count what was written (so that an item failing validation still counts) and
the readers of committed versions only look at the items' places, ids, parents, weights,
values and check-in dates. Keeping those keys, and nothing else, keeps `okr check` of a
large repository within memory (the titles, notes and readings are in the models).
"""

from __future__ import annotations

from typing import Any

# The keys read from written data: the lists of items, and per item what identifies,
# links, weighs and measures it (`done` and `target` are read for their presence too).
KEPT = frozenset({
    "period", "owner", "objectives", "key_results", "kpis",
    "id", "parent", "weight", "target", "start", "baseline", "current", "actual", "done",
})


class WrittenDates(tuple):  # type: ignore[type-arg]
    """The `date:` of each check-in, as written, in order: what the check-in rules read of
    them (`okrcli.lint.rules._counting.written_list` gives each back as `{"date": ...}`)."""

    __slots__ = ()


def skeleton(data: Any) -> Any:
    """`data` with only the `KEPT` keys of each mapping (the same values, not copies), and
    each `check_ins` list as its `WrittenDates`."""
    if isinstance(data, dict):
        kept: dict[Any, Any] = {}
        for key, value in data.items():
            if key == "check_ins" and isinstance(value, list):
                kept[key] = WrittenDates(item.get("date") if isinstance(item, dict) else None for item in value)
            elif key in KEPT:
                kept[key] = skeleton(value)
        return kept
    if isinstance(data, list):
        return [skeleton(item) for item in data]
    return data
