"""Parents that loop: an objective aligned, through its parents, to itself.

**What it does**: follows every objective's `parent` (resolved as `unknown-ref` resolves it)
and reports each loop once, at the `parent` of the loop's member written first (in path
order of the sheets, then order in the sheet), listing the whole loop. An objective that is
its own parent is a loop of one. Objectives that merely lead into a loop are not reported;
their chain ends in the loop that is.

**Why it matters**: alignment is a tree with the company objectives at the top. A loop has
no top: `okr tree` cannot place its members and their scores never roll up to anything.

**Example**:

```yaml
owner: marketing
objectives:
  - id: O1
    parent: sales/O2
# owner: sales
objectives:
  - id: O2
    parent: marketing/O1
```

**Use instead**: point one of them at the objective both contribute to, or remove its
`parent`:

```yaml
  - id: O2
    parent: company/O1
```
"""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.i18n import _
from okrcli.lint.context import Context
from okrcli.lint.rules._counting import IdKey, ObjectiveTable, Written
from okrcli.lint.rules.base import Finding, NoOptions, at
from okrcli.model.periods import Period
from okrcli.model.refs import RefError, parse_ref
from okrcli.problem import Level

ID = "alignment-cycle"
LEVEL: Level = "error"
Options = NoOptions


def check(context: Context, options: Options) -> Iterator[Finding]:
    table = ObjectiveTable(context)
    firsts = {key: items[0] for key, items in table.objectives.items()}
    parents = {key: _parent(table, item) for key, item in firsts.items()}
    order = {key: number for number, key in enumerate(firsts)}
    for loop in _loops(parents):
        start = min(range(len(loop)), key=lambda i: order[loop[i]])
        loop = loop[start:] + loop[:start]
        member = firsts[loop[0]]
        yield at(member.doc, member.path + ("parent",), _message(member.period, loop), involves=[firsts[key].doc for key in loop])


def _parent(table: ObjectiveTable, objective: Written) -> IdKey | None:
    """The key of the objective this one aligns to; None when it has no (valid) parent."""
    if objective.parent is None:
        return None
    try:
        ref = parse_ref(objective.parent)
    except RefError:
        return None  # unknown-ref reports it
    if ref.period is not None and not ref.period.contains(objective.period):
        return None
    found = table.resolve(ref, objective.period)
    return None if found is None else (found.period.text, found.owner, found.id or "")


def _loops(parents: dict[IdKey, IdKey | None]) -> Iterator[list[IdKey]]:
    """Each loop once: every objective has at most one parent, so walks never branch."""
    done: set[IdKey] = set()
    for start in parents:
        walk: dict[IdKey, int] = {}  # each node of this walk → its place in it
        node: IdKey | None = start
        while node is not None and node not in done and node not in walk:
            walk[node] = len(walk)
            node = parents.get(node)
        if node is not None and node in walk:
            yield list(walk)[walk[node]:]
        done.update(walk)


def _message(period: Period, loop: list[IdKey]) -> str:
    names = [f"{owner}/{oid}" for _, owner, oid in loop]
    if len(names) == 1:
        return _("objective '{ref}' is its own parent; point `parent` at the higher objective it contributes to, or remove it").format(ref=names[0])
    chain = " → ".join([*names, names[0]])
    return _(
        "parents loop in {period}: {chain}; alignment goes upwards, so point one of these "
        "parents at the higher objective they contribute to, or remove it"
    ).format(period=period.text, chain=chain)
