"""The two windows of changes: what happened between two valid dates, and what the log
learned since a moment.

- :func:`happened`: each relationship's state as of ``until`` against its state as of
  ``since``, both as known now (valid time), read off the marks of each fact's path through
  valid time (:mod:`.marks`) that the log keeps beside it (:mod:`.stored`).
- :func:`learned`: each relationship's state now against its state as known at ``since``
  and judged on that day (transaction time): late news about the past, retractions (a fact
  that leaves the state, told as removed) and commitments the calendar made overdue.

For :func:`learned`, only relationships that can have changed are folded: those with an
event in the window's reach (for tone, the 90 days before it), or a pending commitment
falling due within it; read from the stored states' heads, the rest cost nothing. Nothing
stored is a new fact: the marks too are derived from the log, and rebuilt from it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import msgspec
from pydantic import BaseModel, ConfigDict

from tracker.changes import stored
from tracker.changes.compare import CountedCommitments, Evidenced, compare
from tracker.changes.model import ChangeFilter, StateChange, change_id, kind_of
from tracker.errors import StoreError
from tracker.projection_store import ProjectionStore
from tracker.projections import (
    FoldEvent,
    RelationshipState,
    RelationshipView,
    fold,
    fold_at,
    view,
)
from tracker.projections.tone import ToneDay, ToneMonth, ToneYear, active_days
from tracker.projections.view import TONE_WINDOW_DAYS
from tracker.queries.rows import position_after, relationship_events, tail
from tracker.queries.state import folded_state
from tracker.store import EventStore, change_rows
from tracker.store.protocol import LogStore
from tracker.stored_states import today_utc
from tracker.web.sources import articles, cite

__all__ = [
    "StateDiff",
    "between",
    "compared",
    "happened",
    "learned",
    "learned_between",
    "position_after",
]

_TONE = timedelta(days=TONE_WINDOW_DAYS)


def happened(
    store: LogStore,
    since: date,
    until: date | None = None,
    wanted: ChangeFilter | None = None,
    *,
    fast: bool = True,
) -> list[StateChange]:
    """Changes that took effect after ``since`` up to ``until`` (default today), as known
    now, newest first.

    ``fast``: read off the marks kept beside the log (:mod:`.stored`), brought up to the
    log's head first; when they cannot be (a reader that may not write), the relationships
    with news since are walked from their events and the rest read; with ``fast`` False
    (what tests hold the stored marks equal to), or marks never written, each relationship
    is walked.
    """
    wanted = wanted or ChangeFilter()
    end = until or today_utc()
    found: list[tuple[str, Evidenced]] = []
    # Relationships the stored marks do not answer for: those with news after their
    # checkpoint (a reader that may not write them, meanwhile), or all of them.
    behind = stored.behind(store) if fast and not _marks_current(store) else set()
    walk_all = not fast or behind is None
    if not walk_all:
        assert behind is not None
        keys = (lambda k: k not in behind and wanted.keys(k)) if behind else wanted.keys
        found = list(stored.window(store, since, end, keys))
    for key in store.relationships() if walk_all else sorted(behind or ()):
        if wanted.keys(key):
            events = relationship_events(store, key, as_of=end)
            found += [(key, item) for item in stored.walked(key, events, since, end)]
    recorded = recorded_at(store, [item for _, item in found])
    changes = _placed(store, [(key, item, recorded) for key, item in found], wanted)
    changes.sort(key=lambda c: (c.date, c.learned_at, c.id), reverse=True)
    return changes


def _marks_current(store: LogStore) -> bool:
    """Bring the stored marks up to the log's head if this process may write; whether they
    are there."""
    if stored.current(store):
        return True
    try:
        stored.catch_up(store)
    except (sqlite3.OperationalError, StoreError):
        return False  # a file this process may only read (the web page), or a busy writer
    return stored.current(store)


def _answered(store: LogStore, key: str) -> bool:
    """Whether the stored marks answer for relationship ``key`` (read only)."""
    if stored.current(store):
        return True
    behind = stored.behind(store)
    return behind is not None and key not in behind


def learned(
    store: LogStore,
    projection: ProjectionStore,
    since: datetime,
    wanted: ChangeFilter | None = None,
    today: date | None = None,
) -> list[StateChange]:
    """Changes the log learned after ``since`` (and the calendar made since that day),
    in the state as of ``today`` (default: today), newest learned first."""
    first = position_after(store, since)
    return learned_between(
        store,
        projection,
        first - 1,
        store.head(),
        since.astimezone(UTC).date(),
        today or today_utc(),
        wanted,
    )


def learned_between(
    store: LogStore,
    projection: ProjectionStore,
    after: int,
    until: int,
    start: date,
    end: date,
    wanted: ChangeFilter | None = None,
) -> list[StateChange]:
    """The changes from the log up to position ``after`` judged on ``start`` to the log up
    to ``until`` judged on ``end`` (both states as of ``end``), newest learned first: what a
    follower of the log (a watch) has not told yet. The stored states must be current."""
    wanted = wanted or ChangeFilter()
    keys = set(_calendar_keys(store, projection, wanted, start, end))
    news: dict[str, list[FoldEvent]] = {}
    for key, event in tail(store, after=after, until=until):
        if wanted.keys(key):
            news.setdefault(key, []).append(event)
    keys.update(news)
    found: list[tuple[str, Evidenced, dict[str, datetime]]] = []
    stored = projection.checkpoint() == until  # the stored states are the log to ``until``
    for key in sorted(keys):
        told = news.get(key, [])
        items = _from_bounded(store, projection, key, (after, until), (start, end), told, stored)
        if items is None:
            items = _from_folds(store, projection, key, (after, until), (start, end), stored)
        found += items
    changes = _placed(store, found, wanted)
    changes.sort(key=lambda c: (c.learned_at, c.date, c.id), reverse=True)
    return changes


_Learned = list[tuple[str, Evidenced, dict[str, datetime]]]


def _from_bounded(
    store: LogStore,
    projection: ProjectionStore,
    key: str,
    positions: tuple[int, int],
    days: tuple[date, date],
    news: list[FoldEvent],
    stored: bool,
) -> _Learned | None:
    """:func:`learned_between` for one relationship from its bounded states (the stored
    state, a busy pair's snapshots), read, not folded from its start; None when they cannot
    tell the changes: no snapshot for the log before the news, a retraction among it, a
    commitment its news resolved and the later state counts, or a tone they keep by month
    where it is judged by day. Folded from the start, a busy pair took 0.7 s a watch's
    round at 50,000 events, where the news was a dozen."""
    (after, until), (start, end) = positions, days
    if any(e.kind == "retracted" for e in news):
        return None
    now = (projection.stored_answer(key, end) if stored else None) or projection.from_snapshot(
        key, end, until
    )
    if now is None:
        return None
    before = now if not news else projection.from_snapshot(key, end, after)
    if before is None:
        return None
    return _told_bounded(store, key, (before, start), (now, end))


def _told_bounded(
    store: LogStore,
    key: str,
    first: tuple[RelationshipState, date],
    second: tuple[RelationshipState, date],
) -> _Learned | None:
    """The changes from the bounded state ``first`` (judged on its day) to ``second``, each
    with the times its events were learned; None when the two cannot tell them: a
    commitment pending in the earlier and counted in the later, made and resolved between
    them before the later's kept days, or (compared backwards) listed by the earlier and
    counted by the later; or a tone kept by month or year where it is judged by day."""
    (one, start), (other, end) = first, second
    try:
        items = compare(one, start, other, end)
    except (CountedCommitments, ValueError):
        return None
    earlier, later = (one, other) if start <= end else (other, one)
    if _resolved_unseen(earlier, later) or (start > end and _counted_since(earlier, later)):
        return None
    recorded = recorded_at(store, items)
    return [(key, item, recorded) for item in items]


def _resolved_unseen(before: RelationshipState, now: RelationshipState) -> bool:
    """Whether ``now`` counts a commitment resolved since ``before`` that neither lists:
    made and resolved by the news, before the days ``now`` lists commitments for."""
    counted = sum(e.fulfilled + e.failed for e in now.earlier_commitments)
    known = sum(e.fulfilled + e.failed for e in before.earlier_commitments)
    listed = {c.id for c in now.commitments}
    moved = sum(1 for c in before.commitments if c.id not in listed)
    return counted > known + moved


def _counted_since(earlier: RelationshipState, later: RelationshipState) -> bool:
    """Whether ``later`` counts a commitment ``earlier`` lists (resolved before its kept
    days): compared backwards, the later state tells nothing of it, where the earlier
    does (its status then, or its opening)."""
    listed = {c.id for c in later.commitments}
    return any(c.id not in listed for c in earlier.commitments)


def _from_folds(
    store: LogStore,
    projection: ProjectionStore,
    key: str,
    positions: tuple[int, int],
    days: tuple[date, date],
    stored: bool,
) -> _Learned:
    """:func:`learned_between` for one relationship folded from its start: the log to
    ``after`` judged on ``start`` beside the log to ``until`` judged on ``end``."""
    (after, until), (start, end) = positions, days
    events = relationship_events(store, key, until_position=until)
    known = [e for e in events if e.position <= after]
    before = fold(key, known, as_of=end, judged_from=start, every_commitment=True)
    if len(known) == len(events):  # nothing learned: the calendar alone moved it
        now = before
    else:  # the stored state when it answers for ``end``, else folded
        now = (projection.stored_answer(key, end) if stored else None) or fold(
            key, events, as_of=end
        )
    recorded = {e.event_id: e.recorded_at for e in events}
    retractions = _retractions(events, after)
    try:
        items = compare(before, start, now, end)
    except CountedCommitments:  # news resolved an old commitment: the state counts it
        items = compare(before, start, fold(key, events, as_of=end, every_commitment=True), end)
    return [(key, item, {**recorded, **retractions}) for item in items]


class StateDiff(BaseModel):
    """Two states of one relationship side by side, and what changed between them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    before: RelationshipView
    after: RelationshipView
    changes: tuple[StateChange, ...]


def between(
    store: LogStore,
    key: str,
    start: date,
    end: date,
    known_at: datetime | None = None,
    projection: ProjectionStore | None = None,
) -> StateDiff:
    """Relationship ``key`` as of ``start`` and as of ``end``, both as known at ``known_at``
    (default: now), with the changes from the one to the other, newest first (see
    :func:`compared`). Given the ``projection``, both states are read bounded, as the page
    and ``tracker state`` have them (:func:`_between_bounded`); else, or where those cannot
    tell the changes, folded from the pair's start listing every commitment."""
    if projection is not None:
        found = _between_bounded(store, projection, key, (start, end), known_at)
        if found is not None:
            return found
    events = relationship_events(store, key, as_of=max(start, end), known_at=known_at)
    # Every commitment listed: one resolved between them would be counted, not told. Both
    # in one pass (a busy pair's history folded once, not twice).
    before, after = fold_at(key, events, [start, end], known_at=known_at, every_commitment=True)
    if known_at is None and start < end:
        _marks_current(store)  # brought up to the log, if this process may write
    recorded = {e.event_id: e.recorded_at for e in events}
    return compared(store, key, (before, start), (after, end), recorded, known_at)


def _between_bounded(
    store: LogStore,
    projection: ProjectionStore,
    key: str,
    days: tuple[date, date],
    known_at: datetime | None,
) -> StateDiff | None:
    """:func:`between` from the pair's bounded states (the stored state, a busy pair's
    snapshots, a small pair's own events), with the changes read off the marks or the two
    compared; None when the two cannot tell them (:func:`_told_bounded`). Folded from its
    start, the 50,000-event pair took 1.9-2.0 s and 190 MB a ``tracker diff``."""
    start, end = days
    first = folded_state(store, projection, key, start, known_at)
    second = folded_state(store, projection, key, end, known_at)
    if known_at is None and start < end:
        _marks_current(store)  # brought up to the log, if this process may write
    changes = marked(store, key, start, end, known_at)
    if changes is None:
        found = _told_bounded(store, key, (first, start), (second, end))
        if found is None:
            return None
        changes = _newest_first(_placed(store, found, ChangeFilter()))
    return StateDiff(
        before=view(first, start, known_at),
        after=view(second, end, known_at),
        changes=tuple(changes),
    )


def compared(
    store: LogStore,
    key: str,
    before: tuple[RelationshipState, date],
    after: tuple[RelationshipState, date],
    recorded: dict[str, datetime],
    known_at: datetime | None = None,
) -> StateDiff:
    """:func:`between` for two states folded already (each with the date it is as of; the
    web page folds them from events it keeps), ``recorded`` the times their events were
    learned. As known now and forward in time, the changes are read off the stored marks
    when they hold the whole log (what ``changes`` shows for the pair); else, or as known
    at a past moment, or backwards, the two states are compared."""
    (first, start), (second, end) = before, after
    changes = marked(store, key, start, end, known_at)
    if changes is None:
        found = [(key, item, recorded) for item in compare(first, start, second, end)]
        changes = _newest_first(_placed(store, found, ChangeFilter()))
    return StateDiff(
        before=view(first, start, known_at),
        after=view(second, end, known_at),
        changes=tuple(changes),
    )


def marked(
    store: LogStore,
    key: str,
    start: date,
    end: date,
    known_at: datetime | None = None,
    held: stored.Held | None = None,
) -> list[StateChange] | None:
    """Relationship ``key``'s changes from ``start`` to ``end``, newest first, read off the
    stored marks when they answer (known now, forward in time, the marks holding the whole
    log); None when they do not: compare the two states (:func:`compared`). A caller with
    the later state alone (the web page) folds the earlier one only then. The events
    ``held`` (the page's timeline) are cited from it, not read from the log again."""
    if known_at is not None or start >= end or not _answered(store, key):
        return None
    read = list(stored.window(store, start, end, relationship=key, held=held))
    times = recorded_at(store, [item for _, item in read], held)
    return _newest_first(_placed(store, [(k, item, times) for k, item in read], ChangeFilter()))


def _newest_first(changes: list[StateChange]) -> list[StateChange]:
    changes.sort(key=lambda c: (c.date, c.learned_at, c.id), reverse=True)
    return changes


class _Due(msgspec.Struct):
    status: str
    due_end: date | None = None


class _Reach(msgspec.Struct):
    """What of a stored state says whether the calendar can have changed it: its tone's
    days and its commitments' due dates. msgspec skips the rest of the JSON (the states of
    a 1M-event log are ~100 MB) several times faster than pydantic's partial models."""

    tone_days: tuple[ToneDay, ...] = ()
    tone_months: tuple[ToneMonth, ...] = ()
    tone_years: tuple[ToneYear, ...] = ()
    commitments: tuple[_Due, ...] = ()


_REACH = msgspec.json.Decoder(_Reach)


def _calendar_keys(
    store: LogStore, projection: ProjectionStore, wanted: ChangeFilter, start: date, end: date
) -> list[str]:
    """Relationships whose state the calendar alone can change between ``start`` and
    ``end``: a day of tone leaving the 90 days before it, or a commitment falling due within
    it. Read from the stored states, catching them up first."""
    projection.catch_up()
    if not projection.is_current():
        # Stored states that lag (a reader that may not write them) or none at all (a
        # PostgreSQL log): every relationship is folded from the log.
        return [k for k in store.relationships() if wanted.keys(k)]
    keys = []
    for key, text in projection.stored_texts():
        if not wanted.keys(key):
            continue
        reach = _REACH.decode(text)
        spanned = active_days(
            reach.tone_days, reach.tone_months, start - _TONE, end - _TONE, reach.tone_years
        )
        if spanned or any(
            c.status == "pending" and c.due_end is not None and start <= c.due_end < end
            for c in reach.commitments
        ):
            keys.append(key)
    return keys


def recorded_at(
    store: LogStore, items: list[Evidenced], held: stored.Held | None = None
) -> dict[str, datetime]:
    """When the log learned each event the changes rest on (those ``held``, from it)."""
    wanted = {i for item in items for i in item.event_ids}
    return stored.held_first(
        wanted, None if held is None else held.recorded_of, lambda rest: _read_recorded(store, rest)
    )


def _read_recorded(store: LogStore, wanted: set[str]) -> dict[str, datetime]:
    if isinstance(store, EventStore):  # a few queries for them all
        times = change_rows.recorded_times(store.conn, wanted)
        return {i: datetime.fromisoformat(text) for i, text in times.items()}
    found: dict[str, datetime] = {}
    for event_id in wanted:
        row = store.row_of(event_id)
        if row is not None:
            found[event_id] = datetime.fromisoformat(row[1])
    return found


def _retractions(events: Iterable[FoldEvent], after: int) -> dict[str, datetime]:
    """When each event retracted after position ``after`` was retracted."""
    return {
        e.subject: e.recorded_at
        for e in events
        if e.kind == "retracted" and e.subject and e.position > after
    }


def _placed(
    store: LogStore,
    found: list[tuple[str, Evidenced, dict[str, datetime]]],
    wanted: ChangeFilter,
) -> list[StateChange]:
    """The changes with their ids, learned times and cited sources (one read of articles)."""
    ids = {s.article_id for _, item, _ in found for s in item.sources if s.article_id}
    known = articles(store, ids)
    changes = []
    for key, item, recorded in found:
        kind = kind_of(item.change)
        if wanted.kinds and kind not in wanted.kinds:
            continue
        removed = item.change.after is None and item.change.kind not in (
            "areas",
            "tone_shift",
        )
        times = [recorded[i] for i in item.event_ids if i in recorded]
        learned_at = max(times) if times else _midnight(item.date)
        changes.append(
            StateChange(
                id=change_id(key, item.change, item.date),
                relationship=key,
                kind=kind,
                change=item.change,
                date=item.date,
                learned_at=learned_at,
                removed=removed,
                event_ids=item.event_ids,
                sources=cite(item.sources, known),
            )
        )
    return changes


def _midnight(day: str) -> datetime:
    """The start of a FuzzyDate's first day, UTC: when the calendar made a change."""
    text = day if len(day) == 10 else (day + "-01-01")[:10]
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
