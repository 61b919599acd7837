"""A loaded sheet as read at the end of day D: the one value rule (`okrcli.model.as_of`)
applied to its objectives and KPIs. The document itself is never changed.

A sheet closed on day C (`closed: C`) is read at C once C has come: its `final:` numbers
were computed with the check-ins after C ignored (SPEC 3.1), so its key results are too,
and every row agrees with the finals beside it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from okrcli.load.validate import SheetDoc
from okrcli.model.as_of import items_at


def doc_at(doc: SheetDoc, day: dt.date) -> SheetDoc:
    """`doc` with check-ins (and readings) dated after `day` dropped and values read by the
    rule; the same object when nothing in it is dated after `day`."""
    objectives, kpis = items_at(doc.objectives, doc.kpis, day)
    same = all(new is old for new, old in zip(objectives, doc.objectives, strict=True))
    if same and all(new is old for new, old in zip(kpis, doc.kpis, strict=True)):
        return doc
    return dataclasses.replace(doc, objectives=objectives, kpis=kpis)


def docs_at(docs: list[SheetDoc], day: dt.date) -> list[SheetDoc]:
    return [doc_at(doc, reading_day(doc, day)) for doc in docs]


def reading_day(doc: SheetDoc, day: dt.date) -> dt.date:
    """`day`, or the day the sheet was closed when that is earlier."""
    closed = doc.header.closed if doc.header is not None else None
    return closed if closed is not None and closed < day else day
