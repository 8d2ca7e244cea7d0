"""The dedup index: a known event of a pair found by one indexed lookup, whatever the pair's size.

Corroboration (:func:`tracker.extract.dedup.same_event`) compares events of one relationship
and one type whose valid times overlap. ``event_fingerprints`` holds one row per event with
a valid time, keyed (relationship, type, bucket, position), the bucket being its date at its
own precision: ``2024-03-10`` (a day), ``2024-03`` (a month), ``2024`` (a year). Valid times
are whole calendar days, months or years, so two overlap exactly when one's bucket is the
other's or a prefix of it: the events that may be the same as a new one lie in the index
range of its own bucket (its days, months) and at its coarser buckets, a few rows whatever
the pair's size. The sameness rule itself (modality, object) is still applied to those few by
``same_event``: the index narrows the candidates and never decides. ``event_notes`` maps an
event's id to the corroborations, confirmations and retractions that name it, so its
sources and whether it is live are read without the pair's other events (and a late fact's
facts are folded again from their own events: :mod:`tracker.late_facts`).

Both tables are a follower of the log (``fingerprints`` in ``processor_checkpoints``): each
catch-up writes the rows of the events after its checkpoint with the new checkpoint in one
transaction (:meth:`tracker.store.EventStore.following`); :func:`rebuild` writes them afresh
from the whole log (``tracker replay --rebuild``); :func:`check` compares them with a fresh
computation (``tracker verify``). The same SQL on both backends, run on the store's table
connection (:mod:`tracker.store.side`): on PostgreSQL too the rows are computed by the
server (``INSERT ... SELECT``) in the follower's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar, cast

from events import RecordedEvent
from tracker.store import positions, side
from tracker.store.reading import SELECT, decode_rows

if TYPE_CHECKING:
    from tracker.store.protocol import LogStore

__all__ = [
    "FOLLOWER",
    "Lookup",
    "bucket",
    "candidates",
    "catch_up",
    "check",
    "ensure",
    "logged",
    "notes",
    "overlapping",
    "rebuild",
]

FOLLOWER = "fingerprints"
_NOTE_TYPES = ("EventCorroborated", "EventConfirmed", "EventRetracted")
_CHUNK = 500  # bound parameters per query, under SQLite's limit

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE IF NOT EXISTS event_fingerprints (
            relationship TEXT NOT NULL,
            type TEXT NOT NULL,
            month TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (relationship, type, month, position)
        ) WITHOUT ROWID""",
        """CREATE TABLE IF NOT EXISTS event_notes (
            subject TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (subject, position)
        ) WITHOUT ROWID""",
    ],
    # 2: a row per event at its own precision (was: a row per month its span touched);
    # the index is written afresh from the log by the next catch-up.
    [
        "DROP TABLE event_fingerprints",
        """CREATE TABLE event_fingerprints (
            relationship TEXT NOT NULL,
            type TEXT NOT NULL,
            bucket TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (relationship, type, bucket, position)
        ) WITHOUT ROWID""",
        "DELETE FROM event_notes",
        f"DELETE FROM processor_checkpoints WHERE name = '{FOLLOWER}'",
    ],
    # 3: confirmations are notes too; the next catch-up indexes the log again (the rows
    # already there are kept: ON CONFLICT DO NOTHING).
    [f"DELETE FROM processor_checkpoints WHERE name = '{FOLLOWER}'"],
]
# The same tables on PostgreSQL, from their current shape (keys compare by bytes).
PG_MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE IF NOT EXISTS event_fingerprints (
            relationship TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            bucket TEXT COLLATE "C" NOT NULL,
            position BIGINT NOT NULL,
            PRIMARY KEY (relationship, type, bucket, position)
        )""",
        """CREATE TABLE IF NOT EXISTS event_notes (
            subject TEXT COLLATE "C" NOT NULL,
            position BIGINT NOT NULL,
            PRIMARY KEY (subject, position)
        )""",
    ],
    # 2: as migration 3 above.
    [f"DELETE FROM processor_checkpoints WHERE name = '{FOLLOWER}'"],
]

# The index's rows of the events in (?, ?], computed by the database: for every event with a
# valid time and two parties (a pair, in code order), its date at its precision (see
# bucket()); and for every corroboration and retraction, the id of the event it names (the
# JSON field read by the dialect's function: see _notes_sql).
_FACTS = """SELECT min(p.party) || '-' || max(p.party), e.type,
        substr(e.occurred_start, 1, CASE e.precision WHEN 'day' THEN 10 WHEN 'month' THEN 7
            ELSE 4 END),
        e.position
    FROM events e JOIN event_parties p ON p.position = e.position
    WHERE e.position > ? AND e.position <= ? AND e.occurred_start IS NOT NULL
    GROUP BY e.position HAVING count(*) = 2"""
_NOTES = """SELECT {subject}, position FROM events
    WHERE position > ? AND position <= ?
    AND type IN ({types}) AND {subject} IS NOT NULL"""


def _notes_sql(conn: side.SqlConnection) -> str:
    subject = side.json_text(conn, "payload", "subject")
    return _NOTES.format(subject=subject, types=", ".join(repr(t) for t in _NOTE_TYPES))


def ensure(conn: side.SqlConnection) -> None:
    """Create the tables (a migration of component ``fingerprints``) if they are missing."""
    side.migrate(conn, FOLLOWER, MIGRATIONS, PG_MIGRATIONS)


# The characters of an ISO date that name its day, month or year.
_WIDTH = {"day": 10, "month": 7, "year": 4}


def bucket(start: date | str, precision: str) -> str:
    """The date at its precision: ``2024-03-10``, ``2024-03`` or ``2024``."""
    text = start if isinstance(start, str) else start.isoformat()
    return text[: _WIDTH[precision]]


def _facts(conn: side.SqlConnection, after: int, until: int) -> Iterator[tuple[object, ...]]:
    return cast(Iterator[tuple[object, ...]], conn.execute(_FACTS, (after, until)))


def _notes(conn: side.SqlConnection, after: int, until: int) -> Iterator[tuple[object, ...]]:
    return cast(Iterator[tuple[object, ...]], conn.execute(_notes_sql(conn), (after, until)))


def _write(conn: side.SqlConnection, after: int, until: int) -> None:
    # In the database, row by row without Python: a rebuild indexes a million events in
    # seconds. (SQLite parses ON CONFLICT after a SELECT only once a WHERE or GROUP BY ends it.)
    # In the key's order, so each row goes at the end of the index, not at a random place
    # in it: a rebuild of a million events took 2.3x the CPU in the log's order.
    conn.execute(
        f"INSERT INTO event_fingerprints {_FACTS} ORDER BY 1, 2, 3, 4 ON CONFLICT DO NOTHING",
        (after, until),
    )
    conn.execute(
        f"INSERT INTO event_notes {_notes_sql(conn)} ON CONFLICT DO NOTHING", (after, until)
    )


def catch_up(store: LogStore) -> int:
    """Index the events after the checkpoint; return how many positions were read."""
    conn = side.table_connection(store)
    ensure(conn)
    if positions.checkpoint(conn, FOLLOWER) >= positions.head(conn):
        return 0  # the common case: no write lock needed
    with store.following(FOLLOWER) as follow:
        if follow.head <= follow.position:
            return 0
        _write(follow.conn, follow.position, follow.head)
        follow.advance(follow.head)
        return follow.head - follow.position


def rebuild(store: LogStore) -> int:
    """Write both tables afresh from the whole log; return the head they were built to."""
    ensure(side.table_connection(store))
    with store.following(FOLLOWER) as follow:
        follow.conn.execute("DELETE FROM event_fingerprints")
        follow.conn.execute("DELETE FROM event_notes")
        _write(follow.conn, 0, follow.head)
        follow.advance(follow.head)
        return follow.head


def check(conn: side.SqlConnection) -> str | None:
    """None when both tables hold exactly the rows the log gives up to their checkpoint;
    else what differs, in words. Compared as counts and order-free sums of row hashes,
    streamed: a log of millions of events is checked without holding its rows."""
    if side.schema_version(conn, FOLLOWER) == 0:
        return None  # never built: nothing to differ (the first extraction builds it)
    at = positions.checkpoint(conn, FOLLOWER)
    stored_facts = conn.execute(
        "SELECT relationship, type, bucket, position FROM event_fingerprints"
    )
    stored_notes = conn.execute("SELECT subject, position FROM event_notes")
    problems = []
    for name, stored, expected in (
        ("fingerprint", _digest(stored_facts), _digest(_facts(conn, 0, at))),
        ("note", _digest(stored_notes), _digest(_notes(conn, 0, at))),
    ):
        if stored != expected:
            problems.append(f"{stored[0]:,} {name} rows where the log gives {expected[0]:,}")
    if problems:
        return "; ".join(problems) + " (or rows of the same number differ)"
    return None


def _digest(rows: Iterable[tuple[object, ...]]) -> tuple[int, int]:
    """(count, sum of row hashes mod 2**64): equal for the same rows in any order."""
    count = total = 0
    for row in rows:
        count += 1
        total = (total + hash(tuple(row))) & 0xFFFFFFFFFFFFFFFF
    return count, total


# One part of a lookup: a relationship, a type, and a range of buckets (lo <= bucket <= hi).
_Part = tuple[str, str, str, str]
_PART = (
    "SELECT relationship, type, bucket, position FROM event_fingerprints "
    "WHERE relationship = ? AND type = ? AND bucket BETWEEN ? AND ?"
)
_PARTS_PER_QUERY = 100  # a compound SELECT of at most this many (SQLite allows 500)


def _parts(relationship: str, kind: str, start: date | str, precision: str) -> list[_Part]:
    """The index ranges that hold the events whose valid time overlaps the one starting
    ``start`` at ``precision``: its own bucket and all it contains ("~" sorts after "-" and
    the digits), and each coarser bucket that contains it ("2024-03" and "2024" for
    "2024-03-10"), itself alone."""
    own = bucket(start, precision)
    coarser = [own[:width] for width in (7, 4) if width < len(own)]
    return [(relationship, kind, own, own + "~"), *((relationship, kind, w, w) for w in coarser)]


def candidates(
    conn: side.SqlConnection, relationship: str, kind: str, start: date, precision: str
) -> list[RecordedEvent]:
    """The indexed events of ``relationship`` and type ``kind`` whose valid time overlaps
    the one starting ``start`` at ``precision``, in position order."""
    return overlapping(conn, [(relationship, kind, start, precision)])[0]


# A lookup of :func:`overlapping`: relationship, type, start of the valid time, precision.
Lookup = tuple[str, str, date | str, str]


def overlapping(conn: side.SqlConnection, lookups: Sequence[Lookup]) -> list[list[RecordedEvent]]:
    """For each lookup, what :func:`candidates` gives for it, in position order.

    Every lookup is answered together: the index ranges of all of them in one compound
    SELECT (each part an index range of its own: an OR of them would scan the pair's type)
    and the events found read and decoded once, however many lookups share them (a poll's
    events are few, and each of them a few statements cost more than its rows).
    """
    wanted = [_parts(*lookup) for lookup in lookups]
    unique = list(dict.fromkeys(part for parts in wanted for part in parts))
    rows: list[tuple[str, str, str, int]] = []
    for at in range(0, len(unique), _PARTS_PER_QUERY):
        chunk = _padded(unique[at : at + _PARTS_PER_QUERY], 25)
        sql = " UNION ALL ".join([_PART] * len(chunk))
        rows += conn.execute(sql, [value for part in chunk for value in part]).fetchall()
    indexed: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for relationship, kind, found, position in rows:
        indexed.setdefault((relationship, kind), []).append((found, position))
    events = {e.position: e for e in _events(conn, sorted({row[3] for row in rows}))}
    answers = []
    for parts in wanted:
        positions = {
            position
            for relationship, kind, low, high in parts
            for found, position in indexed.get((relationship, kind), ())
            if low <= found <= high
        }
        answers.append([events[p] for p in sorted(positions)])
    return answers


def logged(conn: side.SqlConnection, event_ids: Iterable[str]) -> set[str]:
    """Those of ``event_ids`` that the log holds."""
    wanted = list(event_ids)
    found: set[str] = set()
    for at in range(0, len(wanted), _CHUNK):
        chunk = _padded(wanted[at : at + _CHUNK])
        sql = f"SELECT event_id FROM events WHERE event_id IN ({', '.join('?' * len(chunk))})"
        found.update(str(i) for (i,) in conn.execute(sql, chunk))
    return found


def notes(conn: side.SqlConnection, subjects: Iterable[str]) -> list[RecordedEvent]:
    """The corroborations, confirmations and retractions naming any of ``subjects``, in
    position order."""
    wanted = list(subjects)
    found: list[RecordedEvent] = []
    for at in range(0, len(wanted), _CHUNK):
        chunk = _padded(wanted[at : at + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        sql = (
            f"{SELECT} JOIN event_notes n ON n.position = e.position "
            f"WHERE n.subject IN ({marks}) ORDER BY e.position"
        )
        found += decode_rows(conn.execute(sql, chunk))
    if len(wanted) > _CHUNK:  # each chunk is in order; a note names one subject
        found.sort(key=lambda e: e.position)
    return found


def _events(conn: side.SqlConnection, wanted: list[int]) -> list[RecordedEvent]:
    return [
        e for at in range(0, len(wanted), _CHUNK) for e in _chunk(conn, wanted[at : at + _CHUNK])
    ]


def _chunk(conn: side.SqlConnection, chunk: list[int]) -> Iterator[RecordedEvent]:
    chunk = _padded(chunk)
    marks = ", ".join("?" * len(chunk))
    sql = SELECT + f" WHERE e.position IN ({marks}) ORDER BY e.position"
    return decode_rows(conn.execute(sql, chunk))


_T = TypeVar("_T")


def _padded(values: list[_T], step: int = 8) -> list[_T]:
    """``values`` with the last repeated up to a multiple of ``step``: a few statements of
    each kind, each prepared once and kept by the connection, where a new count each time
    was a statement parsed anew (0.46 ms for the compound SELECT of a poll's 25 events,
    0.07 ms once kept). A value twice matches the same rows."""
    short = -len(values) % step
    return values + values[-1:] * short if values else values
