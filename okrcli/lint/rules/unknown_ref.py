"""A `parent` that names no objective.

**What it does**: resolves every objective's `parent` the way `okr tree` and `okr score`
do: `owner/O1` in the sheet's own period first, then in the enclosing periods that have
sheets (`2025-H2`, then `2025`); `2025-Q3:owner/O1` names the period. It reports, at the
`parent` value, a ref that cannot be read, one that names a key result or KPI instead of an
objective, one that points to a period not enclosing the sheet's, and one that matches
nothing, with the closest existing ref ("did you mean 'company/O2'?").

**Why it matters**: alignment is the point of a parent. A typo leaves the objective
hanging outside the company tree, and nobody notices until the review meeting.

**Example**:

```yaml
period: 2025-Q3
owner: marketing
objectives:
  - id: O1
    parent: compnay/O2
```

**Use instead**:

```yaml
    parent: company/O2
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import ObjectiveTable, Written, written_items
from okrcli.lint.rules.base import Finding, NoOptions, Sheets, at, paths_of
from okrcli.load.validate import SheetDoc
from okrcli.model.refs import Ref, RefError, parse_ref
from okrcli.problem import Level

ID = "unknown-ref"
LEVEL: Level = "error"
Options = NoOptions


def check(context: Context, options: Options) -> Iterator[Finding]:
    table = ObjectiveTable(context)
    involved = _Involved(table)
    for objective in written_items(context, "objectives"):
        if objective.parent is None:
            continue  # absent; a non-text parent is a schema error
        problem = _problem(table, objective, objective.parent)
        if problem is not None:
            where = involved.could_resolve(objective, objective.parent)
            yield at(objective.doc, objective.path + ("parent",), problem, involves=where)


class _Involved:
    """The sheets that decide each broken parent, in groups shared by all the parents that
    name the same owner, objective or guess: a copy per parent would cost the owner's sheets
    for each parent."""

    def __init__(self, table: ObjectiveTable) -> None:
        self.table = table
        self.groups: dict[tuple[str, ...], Sheets] = {}
        self.unions: dict[tuple[int, ...], Sheets] = {}

    def could_resolve(self, objective: Written, text: str) -> Sheets:
        """The sheets a change in which may have broken the ref, or may mend it: the owner's
        sheets in the periods it resolves in, the sheets holding that objective in another
        period, and the sheets holding the ref suggested instead."""
        try:
            ref = parse_ref(text)
        except RefError:
            return _NONE
        if len(ref.parts) != 1 or (ref.period is not None and not ref.period.contains(objective.period)):
            return _NONE  # its form is wrong: no other sheet decides that
        table, oid = self.table, ref.parts[0]
        periods = table.candidate_periods(ref, objective.period)
        found = [
            self._group(("owner", ref.owner, *(p.text for p in periods)), lambda: table.sheets_of(ref.owner, periods)),
            self._group(("objective", ref.owner, oid), lambda: [item.doc for item in table.in_any_period(ref.owner, oid)]),
        ]
        guess = table.refs_seen_from(objective.period).suggest(str(ref).split(":", 1)[-1], objective.owner)
        if guess is not None:
            owner, _, guessed = guess.partition("/")
            found.append(self._group(("guess", guess, objective.period.text), lambda: [
                item.doc for item in table.in_any_period(owner, guessed) if item.period.contains(objective.period)
            ]))
        return self._union(found)

    def _group(self, key: tuple[str, ...], docs: Callable[[], Iterable[SheetDoc]]) -> Sheets:
        if key not in self.groups:
            self.groups[key] = paths_of(docs())
        return self.groups[key]

    def _union(self, groups: list[Sheets]) -> Sheets:
        key = tuple(id(group) for group in groups)  # the groups are kept: their ids stay theirs
        if key not in self.unions:
            largest = max(groups, key=len)
            whole = all(group <= largest for group in groups)
            self.unions[key] = largest if whole else Sheets(path for group in groups for path in group)
        return self.unions[key]


_NONE = Sheets()


def _problem(table: ObjectiveTable, objective: Written, text: str) -> str | None:
    """Why `text` names no objective for `objective`'s sheet, with what to write; or None."""
    period = objective.period
    try:
        ref = parse_ref(text)
    except RefError as err:
        return f"{err}{_hint(table, objective, text)}"
    if len(ref.parts) != 1:
        return _("parent '{text}' names a key result, but a parent is an objective; write '{ref}'").format(text=text, ref=_objective_part(ref))
    if ref.period is not None and not ref.period.contains(period):
        return _(
            "parent '{text}' is in {its_period}, which does not contain {period}; a parent is in {period} or a period that contains it{hint}"
        ).format(text=text, its_period=ref.period.text, period=period.text, hint=_hint(table, objective, str(ref)))
    if table.resolve(ref, period) is not None:
        return None
    if table.context.index.kpi(ref, period) is not None:
        return _("parent '{text}' names a KPI, but a parent is an objective; {advice}").format(text=text, advice=_objectives_of(table, objective, ref.owner))
    searched = ", ".join(p.text for p in table.candidate_periods(ref, period))
    return _("parent '{text}' matches no objective in {periods}{hint}").format(text=text, periods=searched, hint=_hint(table, objective, str(ref)))


def _objective_part(ref: Ref) -> str:
    prefix = f"{ref.period.text}:" if ref.period else ""
    return f"{prefix}{ref.owner}/{ref.parts[0]}"


def _hint(table: ObjectiveTable, objective: Written, text: str) -> str:
    """`did you mean` with the closest ref the sheet can reach, else how a ref is written."""
    known = table.refs_seen_from(objective.period)
    guess = known.suggest(text.split(":", 1)[-1], objective.owner)
    if guess is not None:
        return _("; did you mean '{guess}'?").format(guess=guess)
    if known.refs:
        return _("; write the ref of an existing objective as owner/O1")
    return _("; no objective exists there yet: add it, or remove `parent`")


def _objectives_of(table: ObjectiveTable, objective: Written, owner: str) -> str:
    mine = table.refs_seen_from(objective.period).of_owner(owner)
    if not mine:
        return _("write the ref of an objective as owner/O1")
    return _("write one of {refs}").format(refs=", ".join(f"'{ref}'" for ref in mine[:3]))
