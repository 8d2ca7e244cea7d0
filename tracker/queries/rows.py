"""Reading a relationship's events from the log, straight into the fold's records.

The store reads rows through the ``event_relationships`` index (see
:meth:`tracker.store.protocol.LogStore.relationship_rows`), so the cost of a state query
depends on the size of the relationship, not of the log; here they become fold records
without pydantic validation (see :mod:`tracker.projections.fold_event`), which a rebuild of a
million events needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from itertools import groupby, starmap
from operator import itemgetter
from typing import TYPE_CHECKING

from tracker.projections import FoldEvent, from_row

if TYPE_CHECKING:
    from tracker.store.protocol import LogStore

__all__ = ["by_relationship", "position_after", "relationship_events", "tail"]


def relationship_events(
    store: LogStore,
    key: str,
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
    until_position: int | None = None,
    after_position: int = 0,
) -> list[FoldEvent]:
    """The events of relationship ``key`` that a state as of/known at can depend on.

    Facts that start after ``as_of`` and events recorded after ``known_at`` are left out
    here already; annotations (no valid time) are always read. ``after_position``: only
    the events after it (the pair's news since a position).
    """
    rows = store.relationship_rows(
        key,
        as_of=as_of,
        known_at=known_at,
        until_position=until_position,
        after_position=after_position,
    )
    return list(starmap(from_row, rows))


def by_relationship(
    store: LogStore,
    *,
    after: int = 0,
    until: int,
    low: str | None = None,
    high: str | None = None,
) -> Iterator[tuple[str, list[FoldEvent]]]:
    """Every relationship with its events in ``(after, until]``, one relationship at a time.

    Walking the index in (relationship, position) order keeps one relationship in memory.
    ``low``/``high`` keep the keys with ``low <= key < high`` (a share of a parallel rebuild).
    """
    rows = store.rows_by_relationship(after=after, until=until, low=low, high=high)
    for key, group in groupby(rows, key=_first):
        yield key, list(starmap(from_row, map(_row_columns, group)))


# C-level helpers: a rebuild calls them once per row, where a lambda or a slice in a
# comprehension cost a Python frame each.
_first = itemgetter(0)
_row_columns = itemgetter(1, 2, 3, 4, 5)


def tail(store: LogStore, *, after: int, until: int) -> Iterator[tuple[str, FoldEvent]]:
    """The log's events in ``(after, until]`` that concern a relationship, with its key.

    Read by position (the catch-up after an append reads a few rows at the end); an
    annotation belongs to the relationship of the event it is about.
    """
    for row in store.rows_between(after, until):
        event = from_row(*row)
        key = _relationship_of(store, event)
        if key is not None:
            yield key, event


def _relationship_of(store: LogStore, event: FoldEvent) -> str | None:
    while event.kind in ("retracted", "corroborated", "confirmed"):
        row = store.row_of(str(event.subject))
        if row is None:
            return None
        event = from_row(*row)
    if event.kind != "fact":
        return None
    return "-".join(sorted((event.source, event.target)))


def position_after(store: LogStore, moment: datetime) -> int:
    """The first position recorded after ``moment`` (head + 1 if none): ``recorded_at``
    never decreases along the log, so a binary search finds it in a few one-row reads.
    What the log knew at ``moment`` is then its events to the position before."""
    text = moment.astimezone(UTC).isoformat(timespec="microseconds")
    low, high = 1, store.head() + 1
    while low < high:
        middle = (low + high) // 2
        (row,) = store.rows_between(middle - 1, middle)
        if row[1] > text:
            high = middle
        else:
            low = middle + 1
    return low
