"""The use cases of `okr score`, `okr scorecard` and `okr tree`: open the repository, read
when each key result was last updated (git read once), score the period, and build the view
asked for. Nothing here prints: the command hands the result to a reporter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.errors import EXIT_OK, EXIT_PROBLEMS
from okrcli.repo.source import When
from okrcli.score.entries import decode, encode
from okrcli.score.records import KPIScore, KRScore, LeftOut, ObjectiveScore, OwnerScore, Scorecard, ScoreReport

if TYPE_CHECKING:
    from okrcli.history.facts import GitFacts
    from okrcli.history.timeline import Point
    from okrcli.model.periods import Period
    from okrcli.repo.cache import Cache
    from okrcli.repo.config import Config, RuleSetting, Settings
    from okrcli.repo.config import Scorecard as ScorecardWeights
    from okrcli.repo.source import Source
    from okrcli.repo.workspace import Contents, Workspace
    from okrcli.score.alignment import TreeNode
    from okrcli.score.book import Scored


@dataclass(frozen=True, slots=True)
class ScoreRequest:
    base: Path  # where okr runs: left-out sheets are named relative to it, as `okr check` does
    config: Path | None  # --config, else the root's .okr.yaml
    period: str | None  # as typed (2025-Q3, Q3, H2, 2025, 2025-09); None: the period of as_of
    as_of: dt.date  # --as-of, else today (the date `--at` gives wins unless `as_of_given`)
    # Told of the sheets left out as soon as they are known, before an unknown owner is refused.
    on_left_out: Callable[[Sequence[LeftOut]], None] | None = None
    at: str | None = None  # --at REF: the sheets of that commit only
    as_of_given: bool = True  # False: --as-of was not given (today, or --at's commit day)
    on_notice: Callable[[str], None] | None = None  # told what the reading could not see (a shallow clone)

    @property
    def when(self) -> When:
        return When(self.as_of if self.as_of_given else None, self.at)


@dataclass(frozen=True, slots=True)
class PeriodScores:
    """What `okr score`, `okr scorecard` and `okr tree` show of a period, as a cache entry
    holds it: the report (the sheets left out named relative to the root) and the parents
    from enclosing periods the tree starts at."""

    report: ScoreReport
    context: list[ObjectiveScore]
    notices: tuple[str, ...] = ()  # what the reading could not see, for stderr: told again on a warm run


@dataclass(frozen=True, slots=True)
class Scores:
    """A period's scores as a command shows them."""

    report: ScoreReport  # the whole period, the sheets left out named as the user sees them
    weights: ScorecardWeights  # the config's scorecard
    context: list[ObjectiveScore]  # the parents from enclosing periods, scored in their own
    shown: ScoreReport | None = None  # one owner's part, when asked for

    @property
    def view(self) -> ScoreReport:
        return self.shown if self.shown is not None else self.report

    @property
    def exit_code(self) -> int:
        # A score with sheets left out is incomplete: say so to scripts (1 = problems found).
        return EXIT_PROBLEMS if self.report.left_out else EXIT_OK


def period_scores(request: ScoreRequest, owner: str | None = None) -> Scores:
    """The period scored at the moment the request names, as `score_period` scores it, read
    from the cache when a run with everything it depends on unchanged scored it
    (`_scores_key`); the notices told as a cold run tells them."""
    from okrcli.repo.cache import Cache, cache_root
    from okrcli.repo.root import find_root, shown_path
    from okrcli.repo.source import choose_source
    from okrcli.repo.workspace import read_source, workspace_of

    root = find_root(request.base)
    today = dt.date.today()
    source, as_of = choose_source(root, request.when, today)
    settings, contents = read_source(root, source, request.config, _written_rules)
    if source.notice is not None and request.on_notice is not None:
        request.on_notice(source.notice)
    cache = Cache(cache_root())
    key = _scores_key(root, request.period, settings, source, as_of, today, contents)
    found = None if key is None else _cached_scores(cache, key)
    if found is None:
        workspace = workspace_of(root, _with_rules(settings), contents, cache, source, as_of)
        found = _scored_fresh(workspace, request.period, as_of)
        if key is not None:
            cache.put("scores", key, encode(found))
    if request.on_notice is not None:
        for line in found.notices:
            request.on_notice(line)
    left_out = [replace(o, problem=replace(o.problem, path=shown_path(root / o.path, request.base))) for o in found.report.left_out]
    report = replace(found.report, left_out=left_out)
    if request.on_left_out is not None:
        request.on_left_out(left_out)
    return Scores(report, settings.config.scorecard, found.context, None if owner is None else _for_owner(report, owner))


def _written_rules(config: Config, where: str) -> dict[str, RuleSetting]:
    """The rules of a config that writes `rules:`, resolved at once: a wrong entry stops the
    command before anything is read or told, as everywhere. A config without has none yet:
    every rule at its defaults cannot fail, and only a period scored afresh needs them
    (`_with_rules`), so a warm run does not load the rules at all."""
    if not config.rules:
        return {}
    from okrcli.lint.settings import resolve_rules

    return resolve_rules(config, where)


def _with_rules(settings: Settings) -> Settings:
    """`settings` with every rule resolved (those `_written_rules` left for later)."""
    if settings.rules:
        return settings
    from okrcli.lint.settings import resolve_rules

    return replace(settings, rules=resolve_rules(settings.config))


def _for_owner(report: ScoreReport, owner: str) -> ScoreReport:
    from okrcli.score.book import for_owner

    return for_owner(report, owner)


def _scored_fresh(workspace: Workspace, period: str | None, as_of: dt.date) -> PeriodScores:
    from okrcli.score.alignment import ancestors

    told: list[str] = []
    scored = _scored_at(workspace, period, as_of, told.append)
    return PeriodScores(scored.report, ancestors(scored.report.objectives, scored.scorer), tuple(told))


def _scored_at(workspace: Workspace, period: str | None, as_of: dt.date, on_notice: Callable[[str], None] | None) -> Scored:
    """The period of `workspace` scored as read at the end of `as_of`, git read once (cut at
    the commit read); `on_notice` told what the reading could not see (outside git, a
    shallow clone's start)."""
    from okrcli.history.facts import shallow_notice
    from okrcli.history.timeline import key_results_of, last_updates
    from okrcli.lint.engine import unscorable
    from okrcli.score.book import score_workspace, select_period

    read_at(workspace, as_of, on_notice)  # check-ins after the as-of date are not known yet
    locale = workspace.settings.config.number_locale
    facts = moment_facts(workspace)
    selected = select_period(period, workspace, as_of)
    facts.want(doc.path for doc in workspace.sheets if doc.objectives and doc.period is not None and selected.contains(doc.period))
    updates = last_updates(facts, key_results_of(workspace.sheets), as_of=as_of, locale=locale)
    points = kr_points(facts, workspace, selected, as_of, locale)
    if facts.cut is not None and workspace.source.notice is None and on_notice is not None:  # one shallow notice
        on_notice(shallow_notice(facts.cut))
    scored = score_workspace(workspace, period, as_of, unscorable(workspace, as_of), updates, points)
    scored.root, scored.facts, scored.settings = workspace.root, facts, workspace.settings
    return scored


def _scores_key(
    root: Path, period: str | None, settings: Settings, source: Source, as_of: dt.date, today: dt.date, contents: Contents,
) -> str | None:
    """The key of a period's scores: everything they depend on. The sheets' bytes and the
    config's (the number locale with it), okr's code, the as-of date and today's (a period
    runs or has ended, a value is stale), the period asked for, the commit read and how
    (`--at`, an earlier day), what git says of the history (HEAD, a shallow clone's depth,
    whether git runs: last updates and forecasts come from it), the time zone, and the
    language (a broken formula's message is text). None when git's answers cannot be known
    without asking it: no entry."""
    import time

    from okrcli.i18n import current_language
    from okrcli.repo.cache import digest, run_key
    from okrcli.repo.git import history_fingerprint

    history = history_fingerprint(root)
    if history is None:
        return None
    moment = "" if source.moment is None else source.moment.commit
    config = f"{settings.path}\0{settings.source}"
    dates = f"{as_of.isoformat()}\0{today.isoformat()}"
    zone = f"{time.timezone}\0{time.altzone}\0{'/'.join(time.tzname)}"
    asked = "\0" if period is None else f"={period}"
    extra = f"scores-3\0{asked}\0{moment}\0{source.only_commit}\0{source.prefix}\0{history}\0{current_language()}\0{zone}"
    listing = ((path, digest(raw) if isinstance(raw, bytes) else f"unreadable: {raw.what}") for path, raw in contents.items())
    return run_key(config, dates, listing, extra=extra)


def _cached_scores(cache: Cache, key: str) -> PeriodScores | None:
    """The entry's scores, or None: missing, not ours, or of another shape. When the entry's
    text holds nothing a terminal would have escaped, its key results, KPIs and owners are
    shown as they are, without a look at each of their strings (`take_as_printable`)."""
    from okrcli.repo.cache import parse
    from okrcli.repo.workspace import paused_gc
    from okrcli.reporters.terminal import printable_json, take_as_printable

    text = cache.get_text("scores", key)
    with paused_gc():  # tens of thousands of lists and records, none in a cycle
        found = None if text is None else decode(PeriodScores, parse(text))
    if text is None or not isinstance(found, PeriodScores):
        return None
    take_as_printable(_frozen_records(found) if printable_json(text) else ())
    return found


def _frozen_records(scores: PeriodScores) -> Iterator[ObjectiveScore | KRScore | KPIScore | OwnerScore]:
    """The records of `scores` a reporter looks at: its objectives, their key results (a
    scorecard lists them on their own), KPIs and owners."""
    for objective in scores.report.objectives + scores.context:
        yield objective
        yield from objective.key_results
    yield from scores.report.kpis
    yield from scores.report.owners


def score_period(request: ScoreRequest, owner: str | None = None, *, histories: bool = False) -> Scored:
    """The period scored at the moment the request names (SPEC 3.1); with `owner`, only the
    objectives and KPIs they own. Git is read once (`Scored.facts`), cut at the commit read:
    for staleness, the projections and, with `histories`, the value histories the report
    shows."""
    from okrcli.repo.root import shown_path
    from okrcli.score.book import for_owner

    workspace = open_at(request)
    scored = _scored_at(workspace, request.period, workspace.as_of or request.as_of, request.on_notice)
    left_out = [replace(o, problem=replace(o.problem, path=shown_path(workspace.root / o.path, request.base))) for o in scored.left_out]
    scored.report = replace(scored.report, left_out=left_out)
    if request.on_left_out is not None:
        request.on_left_out(left_out)
    if owner is not None:
        scored.shown = for_owner(scored.report, owner)
    return scored


def open_at(request: ScoreRequest) -> Workspace:
    """The repository at the request's moment; the notice of what it could not see told."""
    from okrcli.lint.settings import resolve_rules
    from okrcli.repo.workspace import open_workspace

    workspace = open_workspace(request.base, request.config, resolve_rules, when=request.when)
    if workspace.source.notice is not None and request.on_notice is not None:
        request.on_notice(workspace.source.notice)
    return workspace


def read_at(workspace: Workspace, as_of: dt.date, on_notice: Callable[[str], None] | None) -> bool:
    """The workspace's sheets as read at the end of `as_of` (check-ins after it are not
    known yet; a closed sheet at its closing day). Outside git, when that sets a check-in
    or reading aside, `on_notice` is told the values come from the value rule (SPEC 3.1).
    Whether it was told."""
    from okrcli.load.as_of import doc_at, docs_at
    from okrcli.repo.moment import no_git_notice

    told = False
    if workspace.source.outside_git and on_notice is not None and any(doc_at(d, as_of) is not d for d in workspace.docs):
        on_notice(no_git_notice(workspace.root, as_of))
        told = True
    workspace.docs = docs_at(workspace.docs, as_of)
    return told


def moment_facts(workspace: Workspace) -> GitFacts:
    """What git says, cut at the commit the workspace was read from (HEAD's history else)."""
    from okrcli.history.facts import GitFacts
    from okrcli.repo.workspace import cached_loader, own_data, reusing_loader

    moment = workspace.source.moment
    # a sheet's versions are mostly bytes seen before: the workspace's own, else from the cache
    load, own = reusing_loader(workspace, cached_loader()), own_data(workspace)
    if moment is None:
        return GitFacts(workspace.root, load=load, own=own)
    return GitFacts(workspace.root, moment.commit, workspace.source.prefix, load=load, own=own)


def kr_points(facts: GitFacts, workspace: Workspace, selected: Period, as_of: dt.date, locale: str) -> dict[str, list[Point]]:
    """Every key result's value points of the selected period, and of the periods around it
    (a quarter's year: the tree's context objectives), up to `as_of` (check-ins and git, as
    `okr history` shows them), by its full ref: what the forecasts are fitted to."""
    from okrcli.history.timeline import Item, kr_key, value_histories
    from okrcli.load.as_of import reading_day

    docs = [doc for doc in workspace.sheets if doc.period is not None and (selected.contains(doc.period) or doc.period.contains(selected))]
    wanted = {
        kr_key(doc, objective, kr): (doc.path, Item(doc.period.text if doc.period else "", doc.owner, (objective.id, kr.id)), kr.check_ins)
        for doc in docs for objective in doc.objectives for kr in objective.key_results
    }
    # a closed sheet is read at its closing day: a later commit's value is no point of it
    cut = {kr_key(doc, objective, kr): reading_day(doc, as_of) for doc in docs for objective in doc.objectives for kr in objective.key_results}
    found, _ = value_histories(facts, wanted, locale)
    return {key: [p for p in points if p.date <= cut[key]] for key, points in found.items()}


def owner_scorecard(request: ScoreRequest, owner: str) -> tuple[Scores, Scorecard]:
    """The 60/40 scorecard of `owner` in the period."""
    from okrcli.score.book import owner_scorecard as build

    scores = period_scores(request)
    return scores, build(scores.report, owner, scores.weights)


def alignment_tree(request: ScoreRequest) -> tuple[Scores, list[TreeNode]]:
    """The period's objectives hung under their parents, with context from enclosing periods."""
    from okrcli.score.alignment import build_tree

    scores = period_scores(request)
    return scores, build_tree(scores.report.objectives + scores.context, {o.ref for o in scores.context})
