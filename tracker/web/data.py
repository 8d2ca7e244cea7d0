"""What the pages and the JSON API show, built from the state queries (no web framework here).

:func:`relation_page` answers "the state between A and B on D, known at T, and why": the
state, and the events of the relationship as known at T, over all valid time, each with the
change it made, so the page can show what is still to come after D as well as what led up
to it. The events with their changes are a relationship's :class:`Timeline`, the same for
every D: made once per (log head, relationship, T), and each D folds only its state from the
timeline's events (with the changes of the days before it, :func:`state_between`).
"""

from __future__ import annotations

import gc
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, overload

from pydantic import BaseModel, ConfigDict

from tracker.changes.compare import CountedCommitments
from tracker.changes.model import StateChange
from tracker.changes.windows import compared, marked
from tracker.projections import (
    Agreement,
    Change,
    FoldEvent,
    Ref,
    RelationshipState,
    RelationshipView,
    SourceRef,
    StateBuilder,
    facts_and_notes,
    view,
)
from tracker.projections import select as select_events
from tracker.projections.ordering import fold_key
from tracker.projections.trusted import construct
from tracker.queries import RelationSummary, relations, today_utc
from tracker.queries.rows import relationship_events
from tracker.web.limits import limit
from tracker.web.months import MAX_POINTS, MonthGroup, month_groups, regroup, span_first_day
from tracker.web.readonly import ReadOnlyDatabase
from tracker.web.sources import Article, CitedSource, articles, cite
from tracker.words import quad_words

if TYPE_CHECKING:
    from tracker.store.protocol import LogStore

__all__ = [
    "AROUND_DAYS",
    "Around",
    "CACHE_SIZE",
    "FREEZE_FROM",
    "SNAPSHOT_FACTS",
    "TIMELINES",
    "Timeline",
    "EventItem",
    "EventRow",
    "RelationPage",
    "event_count",
    "relation_list",
    "relation_page",
    "state_between",
    "timeline",
]

CACHE_SIZE = 64  # answers kept per kind (pages as bytes, lists)
TIMELINES = 4  # relationships' timelines kept (each a whole history: the size of a pair)
AROUND_DAYS = limit("around_days")  # a page shows the changes of these days up to its date
# A timeline keeps the state after every this many facts: a state as of any date folds at
# most this many facts and their notes from the nearest (a busy pair's JSON each ~70 KB: on
# the 50,000-event pair 316 of them, 22 MB beside the timeline's ~300 MB).
SNAPSHOT_FACTS = 50
FREEZE_FROM = 2_000  # events of a timeline that is frozen out of the cyclic GC


class EventItem(BaseModel):
    """One diplomatic event of the relationship, for the chart and the event list."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: str
    event_type: str
    family: str
    source: str
    target: str
    symmetric: bool  # an act with no direction (a meeting, talks)
    occurred: str  # as precise as the news was: 2025-01-14, 2025-02 or 2025
    start: date
    modality: str
    name: str
    note: str | None
    goldstein: float
    quad_class: int
    quad_name: str
    changes: tuple[Change, ...]  # in words: tracker.narrate.change_words
    sources: tuple[SourceRef, ...]  # its own evidence and every corroboration's
    cited: tuple[CitedSource, ...]  # the same, one per article, with outlet and headline
    after_as_of: bool  # had not happened yet on the as-of date


class EventRow(NamedTuple):
    """What the page's list of events shows of one (an :class:`EventItem`'s fields but its
    every source, which the JSON gives), made without models but its cited sources: a busy
    pair's rows are new on nearly every page asked for, fifty at a time."""

    event_id: str
    event_type: str
    source: str
    target: str
    occurred: str
    modality: str
    name: str
    note: str | None
    goldstein: float
    quad_class: int
    quad_name: str
    changes: tuple[Change, ...]
    cited: tuple[CitedSource, ...]


class RelationPage(BaseModel):
    """Everything the relationship page shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    state: RelationshipView
    events: tuple[EventItem, ...]
    # Agreements over all valid time (as known at T): their whole lifecycle, for the chart.
    lifecycles: tuple[Agreement, ...]
    dates: tuple[date, ...]  # the as-of slider's stops: event dates, the as-of date, today
    today: date


@dataclass(frozen=True, slots=True)
class Timeline:
    """A relationship's whole history as known at T: the same whatever the as-of date.

    Built once per (log head, relationship, known at) and shared by every as-of date and
    page of the events: only the states as of the date and a month before are folded per
    request, each from the nearest of the timeline's own snapshots (every
    :data:`SNAPSHOT_FACTS` facts), as :mod:`tracker.snapshots` does from the stored ones.
    """

    key: str
    # What any state as of a date is folded from: the facts in fold order (by valid time),
    # and the further sources and confirmations of each (they commute with later facts).
    facts: tuple[FoldEvent, ...]
    notes: dict[str, tuple[FoldEvent, ...]]
    recorded: dict[str, datetime]  # when the log learned each event
    snapshots: tuple[_Snapshot, ...]  # ascending
    items: Sequence[EventItem]  # its facts in the same order (after_as_of False)
    starts: tuple[date, ...]  # each item's start, for bisecting by the as-of date
    days: tuple[date, ...]  # the same, each once
    lifecycles: tuple[Agreement, ...]
    months: tuple[MonthGroup, ...]  # the chart's points past MAX_POINTS, by month
    # Notes learned after the timeline was first built of facts its snapshots held already,
    # with the index of their fact: a state thawed from a snapshot takes them too.
    late_notes: tuple[tuple[int, FoldEvent], ...] = ()
    # Each fact's place in ``facts``, by event id; shared with the timelines grown from this
    # one, which may move a fact or add more (:meth:`fact_of` checks the place it finds).
    index: Mapping[str, int] = field(default_factory=dict)

    def fact_of(self, event_id: str) -> FoldEvent | None:
        """The fact ``event_id`` of this timeline, if it holds it."""
        at = self.index.get(event_id)
        if at is None or at >= len(self.facts) or self.facts[at].event_id != event_id:
            return None
        return self.facts[at]

    def reports_of(self, event_id: str) -> list[Ref] | None:
        """Fact ``event_id``'s reports: its sources and those of its corroborations
        (:func:`tracker.changes.marks.reports`); None if the timeline does not hold it."""
        fact = self.fact_of(event_id)
        if fact is None:
            return None
        found = list(fact.sources)
        for note in self.notes.get(event_id, ()):
            if note.kind == "corroborated":
                found.extend(note.sources)
        return found

    def row(self, index: int) -> EventRow:
        """Event ``index`` as the page's list of events shows it."""
        if isinstance(self.items, _Items):
            return self.items.row(index)
        item = self.items[index]
        return EventRow(*(getattr(item, name) for name in EventRow._fields))

    def recorded_of(self, event_id: str) -> datetime | None:
        """When the log learned event ``event_id``, if the timeline holds it."""
        return self.recorded.get(event_id)

    def state(self, day: date) -> RelationshipState:
        """The state as of ``day``: the facts started by then, with their notes."""
        return self.states(day)[0]

    def states(self, *days: date, every_commitment: bool = False) -> list[RelationshipState]:
        """The states as of ``days`` (ascending), folded on from one to the next unless a
        snapshot saves more facts than lie between two (a page's two states, a month
        apart, fold once); ``every_commitment``: listing every commitment, folded from the
        start (a snapshot counts those resolved before its kept days)."""
        found: list[RelationshipState] = []
        builder = StateBuilder(self.key, narrate=False, every_commitment=every_commitment)
        folded = 0
        for day in days:
            end = bisect_right(self.starts, day)
            at = (
                -1 if every_commitment else bisect_right(self.snapshots, end, key=_facts_folded) - 1
            )
            # Decoding a snapshot costs about as much as folding as many facts as lie
            # between two: the next state starts from one only if it saves more than that.
            if at >= 0 and (not found or self.snapshots[at][0] - folded > SNAPSHOT_FACTS):
                snapshot = self.snapshots[at]
                folded = snapshot.folded
                builder = snapshot.thawed(any(i < folded for i, _ in self.late_notes))
                for index, note in self.late_notes:
                    if index < folded:
                        builder.add(note)
            for fact in self.facts[folded:end]:
                builder.add(fact)
                for note in self.notes.get(fact.event_id, ()):
                    builder.add(note)
            folded = end
            found.append(builder.build())
        return found

    def first_after(self, day: date) -> int:
        """The index of the first item that starts after ``day``."""
        return bisect_right(self.starts, day)

    def stops(self, day: date, today: date, limit: int | None = None) -> tuple[date, ...]:
        """The as-of slider's stops: the event dates up to today, ``day`` and today; past
        ``limit`` event dates, every n-th of them (the latest always), so that a long pair's
        slider (and the page that carries its stops) stays the same size."""
        end = bisect_right(self.days, today)
        if limit is not None and end > limit:
            # Every step-th counted back from the latest: sliced so, not copied whole (a
            # busy pair's ten thousand dates on each page).
            step = -(-end // limit)
            days = self.days[(end - 1) % step : end : step]
        else:
            days = self.days[:end]
        for extra in sorted({day, today}):
            at = bisect_right(days, extra)
            if not (at and days[at - 1] == extra):
                days = (*days[:at], extra, *days[at:])
        return days


def relation_page(
    db: ReadOnlyDatabase,
    a: str,
    b: str,
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> RelationPage:
    """The relationship of actor codes ``a`` and ``b`` as of ``as_of``, known at
    ``known_at``, with its events in the order they happened (``limit`` of them from
    ``offset``; all by default)."""
    today = today_utc()
    key = "-".join(sorted((a, b)))
    day = as_of or today
    found = timeline(db, key, known_at)
    chosen = found.items[offset : None if limit is None else offset + limit]
    first_after = found.first_after(day)
    events = tuple(
        item.model_copy(update={"after_as_of": True}) if offset + i >= first_after else item
        for i, item in enumerate(chosen)
    )
    return RelationPage(
        state=view(found.state(day), day, known_at),
        events=events,
        lifecycles=found.lifecycles,
        dates=found.stops(day, today),
        today=today,
    )


def event_count(db: ReadOnlyDatabase, a: str, b: str, *, known_at: datetime | None = None) -> int:
    """How many events the relationship of ``a`` and ``b`` has, as known at ``known_at``."""
    return len(timeline(db, "-".join(sorted((a, b))), known_at).items)


def timeline(db: ReadOnlyDatabase, key: str, known_at: datetime | None) -> Timeline:
    """Relationship ``key``'s timeline as known at ``known_at``, as the log stands now: the
    one known now when the log had learned all it holds by then (a busy pair's timeline as
    known at a past time is folded from its start, 1.5-2 s at 50,000 events)."""
    head = db.head()
    if known_at is not None and _knows_all(db.store(), head, known_at):
        known_at = None
    return _timeline(db, head, key, known_at)


def _knows_all(store: LogStore, head: int, known_at: datetime) -> bool:
    """Whether every event to ``head`` was recorded by ``known_at`` (transaction time never
    decreases along the log: the last one's says)."""
    if head == 0:
        return True
    (row,) = store.rows_between(head - 1, head)
    return datetime.fromisoformat(row[1]) <= known_at


class Around(NamedTuple):
    """What a relationship's page shows of the days up to its date: the state as of the
    date, and the changes of the ``AROUND_DAYS`` before it, newest first."""

    after: RelationshipView
    changes: tuple[StateChange, ...]


def state_between(
    db: ReadOnlyDatabase, found: Timeline, day: date, known_at: datetime | None
) -> Around:
    """The state as of ``day`` and the changes of the ``AROUND_DAYS`` before it: read off
    the stored marks when they answer, and the state folded from the timeline; else the
    state as of ``AROUND_DAYS`` before folded too, and the two compared
    (:func:`tracker.changes.windows.compared`)."""
    start = day - timedelta(days=AROUND_DAYS)
    changes = marked(db.store(), found.key, start, day, known_at, held=found)
    if changes is not None:
        (later,) = found.states(day)
        return Around(view(later, day, known_at), tuple(changes))
    earlier, later = found.states(start, day)
    try:
        diff = compared(
            db.store(), found.key, (earlier, start), (later, day), found.recorded, known_at
        )
    except CountedCommitments:  # a window longer than the kept days: every commitment
        earlier, later = found.states(start, day, every_commitment=True)
        diff = compared(
            db.store(), found.key, (earlier, start), (later, day), found.recorded, known_at
        )
    return Around(diff.after, diff.changes)


# The log only grows: a timeline is a pure function of the question and the log's last
# position, so it is kept by (question, position) and a new event retires it. Few are kept:
# each holds a relationship's whole history, and the pages keep their answers as bytes.
@lru_cache(maxsize=TIMELINES)
def _timeline(db: ReadOnlyDatabase, head: int, key: str, known_at: datetime | None) -> Timeline:
    grown = _grown(db, head, key) if known_at is None else None
    if grown is not None:
        return grown
    known = select_events(
        relationship_events(db.store(), key, known_at=known_at, until_position=head)
    )
    builder = StateBuilder(key)
    facts: list[tuple[FoldEvent, tuple[Change, ...]]] = []
    # The further sources of each fact, as the notes hold them (made into the page's models
    # only for the events a page shows: a busy pair's were 32,000 models, 13 MB).
    extra_sources: dict[str, list[Ref]] = {}
    for event in known:
        changes = tuple(builder.add(event))
        if event.kind == "fact":
            facts.append((event, changes))
        elif event.kind == "corroborated" and event.subject is not None:
            extra_sources.setdefault(event.subject, []).extend(event.sources)
    ids = {ref.article_id for event, _ in facts for ref in event.sources if ref.article_id}
    ids.update(ref.article_id for refs in extra_sources.values() for ref in refs if ref.article_id)
    items = _Items(facts, extra_sources, articles(db.store(), ids, known_at))
    listed, notes = facts_and_notes(known)
    facts_known = tuple(listed)
    snapshots, snapshotting = _snapshots(key, facts_known, notes)
    index = {e.event_id: at for at, e in enumerate(facts_known)}
    found = Timeline(
        key=key,
        facts=facts_known,
        notes={subject: tuple(found) for subject, found in notes.items()},
        recorded={e.event_id: e.recorded_at for e in known},
        snapshots=snapshots,
        items=items,
        starts=tuple(e.occurred_start for e in facts_known),
        days=tuple(sorted({e.occurred_start for e in facts_known})),
        lifecycles=builder.build().agreements,
        months=month_groups(_charted(facts_known)) if len(items) > MAX_POINTS else (),
        index=index,
    )
    if known_at is None:
        # Kept to grow: each fact's sources cut to those its frozen fact keeps (every id
        # stays), or building its lifecycles again would sort every source it ever took.
        builder.compact()
        _keep(db, key, _Growing(head, found, builder, snapshotting, index))
    if len(known) >= FREEZE_FROM:
        # A timeline lives until the log moves on; a long pair's is hundreds of thousands
        # of objects, which every full pass of the cyclic GC walked (~1 s on a 50,000-event
        # pair: the tail of the page's latency). Frozen, the collector leaves them (and
        # whatever else lives now) alone; reference counts still free them. What was frozen
        # before is collected first, so no garbage stays frozen past the next long timeline.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    return found


@dataclass(slots=True)
class _Growing:
    """A timeline as known now, and what grows it by the log's next events: the builders
    that folded it (the narrating one, after every fact and then every note; the snapshots',
    after every fact with its notes)."""

    head: int
    timeline: Timeline
    builder: StateBuilder
    snapshotting: StateBuilder
    index: dict[str, int]  # each fact's place in the timeline, by event id


# By database (held, as the timelines' cache holds it) and relationship.
_GROWING: dict[tuple[ReadOnlyDatabase, str], _Growing] = {}
_GROWING_LOCK = threading.Lock()


def _keep(db: ReadOnlyDatabase, key: str, growing: _Growing) -> None:
    with _GROWING_LOCK:
        _GROWING.pop((db, key), None)
        _GROWING[(db, key)] = growing
        while len(_GROWING) > TIMELINES:
            _GROWING.pop(next(iter(_GROWING)))


def _grown(db: ReadOnlyDatabase, head: int, key: str) -> Timeline | None:
    """Relationship ``key``'s timeline to ``head``, grown from the one last built for it
    when what the log gained since is news after its last fact and further sources or
    confirmations (a daemon's usual polls); None: build it afresh (a fact dated before its
    last, a retraction, or none kept). Built afresh, a busy pair's timeline folds its whole
    history (1.1 s of CPU at 50,000 events); grown, the new events (tests hold the two
    equal)."""
    with _GROWING_LOCK:
        growing = _GROWING.pop((db, key), None)
    if growing is None or growing.head > head:
        return None
    new = _pair_after(db, key, growing.head, head)
    old = growing.timeline
    if any(e.kind == "retracted" for e in new) or not isinstance(old.items, _Items):
        return None
    chosen = select_events(new)
    last = fold_key(old.facts[-1]) if old.facts else None
    if any(e.kind == "fact" and last is not None and fold_key(e) <= last for e in chosen):
        return _regrown(db, key, head, growing, chosen)
    builder, snapshotting = growing.builder, growing.snapshotting
    facts = [e for e in chosen if e.kind == "fact"]
    made = [(e, tuple(builder.add(e))) for e in facts]
    later_notes = [e for e in chosen if e.kind != "fact"]
    for note in later_notes:
        builder.add(note)
    notes = _noted(old.notes, later_notes)
    all_facts = old.facts + tuple(facts)
    # Notes of facts the snapshots hold already: each state thawed from one takes them too
    # (adding a note twice changes nothing).
    index = growing.index
    late = old.late_notes + tuple(
        (index[str(n.subject)], n) for n in later_notes if str(n.subject) in index
    )
    for at, e in enumerate(facts, start=len(old.facts)):
        index[e.event_id] = at
    for _, noted in late[len(old.late_notes) :]:
        snapshotting.add(noted)
    snapshots = list(old.snapshots)
    _walk(snapshotting, facts, notes, len(old.facts), snapshots)
    grown_items = old.items.grown(db, made, later_notes)
    starts = old.starts + tuple(e.occurred_start for e in facts)
    found = Timeline(
        key=key,
        facts=all_facts,
        notes=notes,
        recorded=old.recorded | {e.event_id: e.recorded_at for e in chosen},
        snapshots=tuple(snapshots),
        items=grown_items,
        starts=starts,
        # The new facts sort after the old: their days are the last ones's or later.
        days=old.days + tuple(sorted({e.occurred_start for e in facts} - set(old.days[-1:]))),
        lifecycles=builder.build().agreements,
        months=_regrouped(old.months, all_facts, starts, len(old.facts)),
        late_notes=late,
        index=index,
    )
    builder.compact()
    _keep(db, key, _Growing(head, found, builder, snapshotting, index))
    return found


def _regrown(
    db: ReadOnlyDatabase, key: str, head: int, growing: _Growing, chosen: list[FoldEvent]
) -> Timeline:
    """:func:`_grown` when news is dated before the timeline's last fact: the timeline up to
    the first fact it comes before is kept, the rest folded again from the nearest snapshot
    before it (what each later event changed may differ), with the new events. A late fact
    of the last weeks refolds little; one dated years back, most of the history, from the
    events the timeline holds (none read again from the log)."""
    old = growing.timeline
    items = old.items
    assert isinstance(items, _Items)  # checked by _grown
    new_facts = sorted((e for e in chosen if e.kind == "fact"), key=fold_key)
    new_notes = [e for e in chosen if e.kind != "fact"]
    first = bisect_left(old.facts, fold_key(new_facts[0]), key=fold_key)
    tail = sorted([*old.facts[first:], *new_facts], key=fold_key)
    facts = old.facts[:first] + tuple(tail)
    notes = _noted(old.notes, new_notes)
    index = growing.index
    for at, e in enumerate(tail, start=first):
        index[e.event_id] = at
    kept = [snapshot for snapshot in old.snapshots if snapshot[0] <= first]
    start = kept[-1].folded if kept else 0
    # Notes of facts the kept snapshots hold, learned after them (those of later facts are
    # folded with their facts below).
    late = tuple((i, n) for i, n in old.late_notes if i < start) + tuple(
        (index[str(n.subject)], n)
        for n in new_notes
        if str(n.subject) in index and index[str(n.subject)] < start
    )
    narrating = kept[-1].thawed(every_id=True) if kept else StateBuilder(key)
    narrating.narrate = True
    for fact in facts[start:first]:
        narrating.add(fact)
    made = [(e, tuple(narrating.add(e))) for e in tail]
    snapshotting = kept[-1].thawed(every_id=True) if kept else StateBuilder(key, narrate=False)
    for builder in (narrating, snapshotting):
        for _, noted in late:
            builder.add(noted)
    snapshots = list(kept)
    _walk(snapshotting, facts[start:], notes, start, snapshots, narrating)
    regrown = items.regrown(db, first, made, new_notes)
    # What comes before the first fact moved stays as it was: only the tail's days, starts
    # and chart points are made again (a busy pair's whole history took tens of ms).
    starts = old.starts[:first] + tuple(e.occurred_start for e in tail)
    before = bisect_left(old.days, tail[0].occurred_start)
    found = Timeline(
        key=key,
        facts=facts,
        notes=notes,
        recorded=old.recorded | {e.event_id: e.recorded_at for e in chosen},
        snapshots=tuple(snapshots),
        items=regrown,
        starts=starts,
        days=old.days[:before] + tuple(sorted({e.occurred_start for e in tail})),
        lifecycles=narrating.build().agreements,
        months=_regrouped(old.months, facts, starts, first),
        late_notes=late,
        index=index,
    )
    narrating.compact()
    _keep(db, key, _Growing(head, found, narrating, snapshotting, index))
    return found


def _noted(
    notes: dict[str, tuple[FoldEvent, ...]], new: list[FoldEvent]
) -> dict[str, tuple[FoldEvent, ...]]:
    """``notes`` by subject with the ``new`` ones after them."""
    found = dict(notes)
    for note in new:
        if note.subject is not None:
            found[note.subject] = (*found.get(note.subject, ()), note)
    return found


def _pair_after(db: ReadOnlyDatabase, key: str, after: int, until: int) -> list[FoldEvent]:
    """Relationship ``key``'s events in ``(after, until]``: a seek in its index (a range of
    keys read every event of the pair to find the few new ones: 2.5 ms at 50,000)."""
    return relationship_events(db.store(), key, until_position=until, after_position=after)


class _Items(Sequence[EventItem]):
    """A timeline's events as the page and the API show them, each made when first asked
    for and kept: a page shows fifty, and making every one of a busy pair's (its sources
    cited, as models) was a fifth of its timeline's time and most of its memory."""

    def __init__(
        self,
        facts: list[tuple[FoldEvent, tuple[Change, ...]]],
        extra_sources: dict[str, list[Ref]],
        known_articles: dict[str, Article],
    ) -> None:
        self._facts = facts
        self._extra = extra_sources
        self._articles = known_articles
        self._made: list[EventItem | None] = [None] * len(facts)
        self._rows: list[EventRow | None] = [None] * len(facts)

    def __len__(self) -> int:
        return len(self._facts)

    @overload
    def __getitem__(self, index: int) -> EventItem: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[EventItem, ...]: ...
    def __getitem__(self, index: int | slice) -> EventItem | tuple[EventItem, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        item = self._made[index]
        if item is None:  # two threads may both make it: the same item either way
            event, changes = self._facts[index]
            extra = self._extra.get(event.event_id, [])
            item = self._made[index] = _item(event, changes, extra, self._articles)
        return item

    def row(self, index: int) -> EventRow:
        """Event ``index`` as the page's list shows it, made when first asked for."""
        row = self._rows[index]
        if row is None:  # two threads may both make it: the same row either way
            event, changes = self._facts[index]
            extra = self._extra.get(event.event_id, [])
            row = self._rows[index] = _row(event, changes, extra, self._articles)
        return row

    def regrown(
        self,
        db: ReadOnlyDatabase,
        first: int,
        made: list[tuple[FoldEvent, tuple[Change, ...]]],
        notes: list[FoldEvent],
    ) -> _Items:
        """These events up to ``first``, then ``made`` (folded again from there, with the
        new facts among them), with the further sources among ``notes``."""
        kept = _Items(self._facts[:first], self._extra, self._articles)
        kept._made = self._made[:first]
        kept._rows = self._rows[:first]
        return kept.grown(db, made, notes)

    def grown(
        self,
        db: ReadOnlyDatabase,
        made: list[tuple[FoldEvent, tuple[Change, ...]]],
        notes: list[FoldEvent],
    ) -> _Items:
        """These events and the facts ``made`` after them, with the further sources among
        ``notes`` (an event they add a source to is made again when asked for)."""
        extra = dict(self._extra)
        touched: set[str] = set()
        for note in notes:
            if note.kind == "corroborated" and note.subject is not None:
                subject = str(note.subject)
                extra[subject] = [*extra.get(subject, ()), *note.sources]
                touched.add(subject)
        ids = {ref.article_id for event, _ in made for ref in event.sources if ref.article_id}
        ids.update(r.article_id for n in notes for r in n.sources if r.article_id)
        known = self._articles | articles(db.store(), ids - self._articles.keys(), None)
        grown = _Items([*self._facts, *made], extra, known)
        grown._made[: len(self._made)] = [
            None if item is not None and item.event_id in touched else item for item in self._made
        ]
        grown._rows[: len(self._rows)] = [
            None if row is not None and row.event_id in touched else row for row in self._rows
        ]
        return grown


def _regrouped(
    months: tuple[MonthGroup, ...], facts: Sequence[FoldEvent], starts: Sequence[date], first: int
) -> tuple[MonthGroup, ...]:
    """The chart's points of a timeline whose ``facts`` from ``first`` on are new or moved,
    grown from its points before (``months``): those of the spans before the first fact's
    are kept, the rest made again (:func:`.months.regroup`)."""
    if len(facts) <= MAX_POINTS:
        return ()
    if months and first >= len(facts):  # further sources alone: the points stand
        return months
    if months:
        at = bisect_left(starts, span_first_day(months[0].months, facts[first].occurred_start))
        found = regroup(months, _charted(facts[at:]), at)
        if found is not None:
            return found
    return month_groups(_charted(facts))


class _Charted(NamedTuple):
    """What the chart's months take of an event (see :mod:`.months`)."""

    event_id: str
    start: date
    modality: str
    quad_class: int
    goldstein: float


def _charted(facts: Sequence[FoldEvent]) -> list[_Charted]:
    return [
        _Charted(e.event_id, e.occurred_start, e.modality, e.quad_class, e.goldstein) for e in facts
    ]


class _Snapshot(NamedTuple):
    """A timeline's state after its first ``folded`` facts (with their notes): its JSON as
    a stored state (each fact's bounded ids), and every event id of each fact apart
    (:meth:`StateBuilder.ids_json`). A state asked for thaws the JSON alone, of a size
    bounded however long the history; one that must place a note of an older fact (a
    further source learned once the timeline was built) takes the ids back too."""

    folded: int
    text: str
    ids: str

    def thawed(self, every_id: bool) -> StateBuilder:
        """A builder to fold on from it (narrating nothing), with every id if asked."""
        builder = StateBuilder.from_json(self.text)
        builder.narrate = False
        if every_id:
            builder.restore_ids(self.ids)
        return builder


def _facts_folded(snapshot: _Snapshot) -> int:
    return snapshot.folded


def _snapshots(
    key: str, facts: tuple[FoldEvent, ...], notes: dict[str, list[FoldEvent]]
) -> tuple[tuple[_Snapshot, ...], StateBuilder]:
    """The state after every :data:`SNAPSHOT_FACTS` facts (and their notes), as JSON, and
    the builder that folded them (after every fact: a timeline grows from it)."""
    builder = StateBuilder(key, narrate=False)
    taken: list[_Snapshot] = []
    _walk(builder, facts, notes, 0, taken)
    return tuple(taken), builder


def _walk(
    builder: StateBuilder,
    facts: Sequence[FoldEvent],
    notes: Mapping[str, Sequence[FoldEvent]],
    folded: int,
    taken: list[_Snapshot],
    also: StateBuilder | None = None,
) -> None:
    """Fold ``facts`` with their ``notes`` into ``builder`` (which has folded the first
    ``folded`` facts), adding to ``taken`` the state after every :data:`SNAPSHOT_FACTS`
    facts; ``also`` takes the notes too (a builder that has folded the facts)."""
    for count, fact in enumerate(facts, start=folded + 1):
        builder.add(fact)
        for note in notes.get(fact.event_id, ()):
            builder.add(note)
            if also is not None:
                also.add(note)
        if count % SNAPSHOT_FACTS == 0:
            # Every id of each fact kept apart: a further source of an old fact, learned
            # once the timeline was built, is added to a state thawed from one
            # (Timeline.late_notes), which must find the fact by it.
            taken.append(_Snapshot(count, builder.build_json(), builder.ids_json()))
            # Folded on with each fact's sources cut as a frozen fact keeps them: a builder
            # keeps every source of a fact until it builds (building a busy pair's from its
            # start sorted them all, ~8 ms a snapshot).
            builder.compact()


def _source(ref: Ref) -> SourceRef:
    values = {"event_id": ref.event_id, "url": ref.url, "article_id": ref.article_id}
    return construct(SourceRef, values | {"sentence": ref.sentence, "confidence": None})


def _row(
    event: FoldEvent,
    changes: tuple[Change, ...],
    corroborations: Sequence[Ref],
    known_articles: dict[str, Article],
) -> EventRow:
    return EventRow(
        event.event_id,
        event.event_type,
        event.source,
        event.target,
        event.occurred,
        event.modality,
        event.name,
        event.note,
        event.goldstein,
        event.quad_class,
        quad_words(event.quad_class),
        changes,
        cite((*event.sources, *corroborations), known_articles),
    )


def _item(
    event: FoldEvent,
    changes: tuple[Change, ...],
    corroborations: Sequence[Ref],
    known_articles: dict[str, Article],
) -> EventItem:
    # Made from the fold's own values, of their declared types: not validated again (a
    # busy pair's page makes fifty at a time; tests hold them equal to validated ones).
    sources = [_source(ref) for ref in (*event.sources, *corroborations)]
    return construct(
        EventItem,
        {
            "event_id": event.event_id,
            "event_type": event.event_type,
            "family": event.family,
            "source": event.source,
            "target": event.target,
            "symmetric": event.symmetric,
            "occurred": event.occurred,
            "start": event.occurred_start,
            "modality": event.modality,
            "name": event.name,
            "note": event.note,
            "goldstein": event.goldstein,
            "quad_class": event.quad_class,
            "quad_name": quad_words(event.quad_class),
            "changes": changes,
            "sources": tuple(sources),
            "cited": cite(sources, known_articles),
            "after_as_of": False,
        },
    )


def _sort_value(summary: RelationSummary, key: str) -> tuple[bool, str | float | int]:
    # (missing, value): relationships without the figure sort last whatever the order.
    if key == "label":
        return (False, summary.label)
    if key == "last_contact":
        contact = summary.last_contact
        return (contact is None, contact.date if contact else "")
    if key == "tone":
        mean = summary.tone.recent.mean_goldstein
        if mean is None:
            mean = summary.tone.overall.mean_goldstein
        return (mean is None, mean if mean is not None else 0.0)
    if key == "events":
        return (False, summary.events)
    return (False, summary.relationship)


def relation_list(
    db: ReadOnlyDatabase,
    *,
    actor: str | None = None,
    as_of: date | None = None,
    sort: str = "relationship",
    descending: bool = False,
) -> list[RelationSummary]:
    """Every relationship (of actor code ``actor``) as of ``as_of``, sorted by ``sort``."""
    found = _summaries(db, db.head(), actor, as_of or today_utc())
    present = [s for s in found if not _sort_value(s, sort)[0]]
    missing = [s for s in found if _sort_value(s, sort)[0]]
    present.sort(key=lambda s: _sort_value(s, sort)[1], reverse=descending)
    return present + missing


@lru_cache(maxsize=CACHE_SIZE)
def _summaries(
    db: ReadOnlyDatabase, head: int, actor: str | None, day: date
) -> tuple[RelationSummary, ...]:
    # Cached like _relation_page: summarising thousands of relationships takes seconds.
    return tuple(relations(db.store(), db.projection(), actor=actor, as_of=day))
