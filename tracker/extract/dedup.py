"""One real-world event, one entry: further sources of a known event become corroborations.

Two events are the same real-world event when they have the same type, the same parties
(in either order for joint acts), the same object (agreement, pledge, organisation), the
same modality, and dates that overlap within their precision. A planned act and its later
realisation or failure are different events: the projection resolves one by the other.

The events a new one is compared with are found through the dedup index
(:mod:`tracker.store.fingerprints`: the pair, the type and its date at its precision),
so the cost of a lookup does not grow with the pair's history; the rule stays here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from events import DiplomaticEvent, EventCorroborated, EventRetracted, RecordedEvent
from tracker.store import EventStore, NewEvent, fingerprints, side

__all__ = ["plan_appends", "same_event"]

_CORROBORATION = uuid5(NAMESPACE_URL, "https://policy-tracker.example.org/corroboration")


def _words(name: str) -> set[str]:
    return {w for w in name.split() if len(w) > 2}


def _same_object(one: DiplomaticEvent, other: DiplomaticEvent) -> bool:
    key, other_key = one.object_key(), other.object_key()
    if key == other_key:
        return True
    # Agreement names vary between outlets ("Charter on Strategic Partnership", "strategic
    # partnership charter"): half the content words in common is the same agreement.
    if one.family == "agreement":
        mine, theirs = _words(key), _words(other_key)
        return bool(mine and theirs) and len(mine & theirs) * 2 >= min(len(mine), len(theirs))
    return False


def same_event(one: DiplomaticEvent, other: DiplomaticEvent) -> bool:
    """True when both report the same real-world event."""
    same_parties = one.identity()[:4] == other.identity()[:4]
    return (
        same_parties
        and one.modality == other.modality
        and one.occurred.overlaps(other.occurred)
        and _same_object(one, other)
    )


def _articles(event: DiplomaticEvent) -> set[str]:
    return {e.article_id for e in event.evidence if e.article_id}


# The live events that may be the same as a new one (in position order), the articles
# behind each, and the sentences of its further sources.
_Known = tuple[list[DiplomaticEvent], dict[str, set[str]], dict[str, set[str]]]


def _through_index(store: EventStore, events: list[DiplomaticEvent]) -> list[_Known | None]:
    """What the log knows of each event of the batch (None: it holds the event), all
    looked up at once through the dedup index: which it holds, the events of the same
    type whose valid time overlaps each (one query for all, each decoded once), and the
    notes of only those that are the same (a read of the notes of every candidate grew
    with the pair: a busy pair's days hold more events)."""
    conn = side.table_connection(store)
    logged = fingerprints.logged(conn, [str(e.event_id) for e in events])
    asked = [e for e in events if str(e.event_id) not in logged]
    lookups = [
        (e.relationship.key, e.event_type, e.occurred.start, e.occurred.precision) for e in asked
    ]
    same = [
        [r.event for r in found if isinstance(r.event, DiplomaticEvent) and same_event(r.event, e)]
        for e, found in zip(asked, fingerprints.overlapping(conn, lookups), strict=True)
    ]
    subjects = {str(k.event_id) for matches in same for k in matches}
    _, sources, noted, retracted = _collect(fingerprints.notes(conn, sorted(subjects)))
    answers = iter(same)
    return [
        None
        if str(e.event_id) in logged
        else ([k for k in next(answers) if str(k.event_id) not in retracted], sources, noted)
        for e in events
    ]


def _through_reads(store: EventStore, event: DiplomaticEvent) -> _Known | None:
    """What the log knows of ``event`` by the store's own reads: whether it holds the
    event, and every event of the pair (a store that filters its reads, see _indexed)."""
    if store.get(str(event.event_id)) is not None:
        return None
    records = store.read(relationship=event.relationship.key)
    found, sources, noted, retracted = _collect(records, event.event_type)
    return [e for key, e in found.items() if key not in retracted], sources, noted


def _indexed(store: EventStore) -> bool:
    # A store that filters its reads (reextract's planning view hides the codings its
    # transaction retracts) must be read through its own read(); a PostgreSQL store has
    # the index on the server (its table connection, ``tables``).
    return type(store).read is EventStore.read or hasattr(type(store), "tables")


def _collect(
    records: Iterable[RecordedEvent], kind: str = ""
) -> tuple[dict[str, DiplomaticEvent], dict[str, set[str]], dict[str, set[str]], set[str]]:
    """The diplomatic events of type ``kind`` among ``records``, by id; the articles behind
    each event (its own and its corroborations'); the sentences of its corroborations; the
    ids retracted."""
    found: dict[str, DiplomaticEvent] = {}
    sources: dict[str, set[str]] = {}
    noted: dict[str, set[str]] = {}
    retracted: set[str] = set()
    for recorded in records:
        item = recorded.event
        if isinstance(item, DiplomaticEvent) and item.event_type == kind:
            found[str(item.event_id)] = item
            sources.setdefault(str(item.event_id), set()).update(_articles(item))
        elif isinstance(item, EventCorroborated) and item.evidence.article_id:
            sources.setdefault(str(item.subject), set()).add(item.evidence.article_id)
            if item.evidence.sentence:
                noted.setdefault(str(item.subject), set()).add(item.evidence.sentence)
        elif isinstance(item, EventRetracted):
            retracted.add(str(item.subject))
    return found, sources, noted, retracted


def _sentences(event: DiplomaticEvent) -> set[str]:
    return {e.sentence for e in event.evidence if e.sentence}


def plan_appends(
    store: EventStore, candidates: Iterable[tuple[DiplomaticEvent, dict[str, Any]]]
) -> list[NewEvent]:
    """New events for what the log does not know yet; corroborations for what it does.

    ``candidates`` pairs each event with the metadata to store beside it.
    """
    batch = list(candidates)
    knowing: Iterable[_Known | None]
    if _indexed(store):
        fingerprints.catch_up(store)  # the index holds every event appended before this
        knowing = _through_index(store, [event for event, _ in batch])
    else:
        knowing = (_through_reads(store, event) for event, _ in batch)
    planned: list[NewEvent] = []
    fresh: list[DiplomaticEvent] = []
    # The articles behind each known event so far, including those this batch adds: two
    # sentences of one article that both report an event are one further source.
    cited: dict[str, set[str]] = {}
    # The sentences behind each known event so far, so a sentence read twice adds nothing.
    told: dict[str, set[str]] = {}
    for (event, metadata), found in zip(batch, knowing, strict=True):
        if found is None:
            continue  # this sentence was read before: nothing new
        known, sources, noted = found
        match = next((k for k in [*known, *fresh] if same_event(k, event)), None)
        if match is None:
            fresh.append(event)
            planned.append(NewEvent(event, metadata=dict(metadata)))
            continue
        subject = str(match.event_id)
        articles = cited.get(subject)
        if articles is None:
            articles = cited[subject] = sources.get(subject, set()) | _articles(match)
        new_articles = _articles(event) - articles
        if not new_articles:
            # The same article says it twice: not a further source (sources are counted by
            # article), but the restating sentence is kept beside the first, so the fact
            # can be traced to every sentence that tells it ("have traded prisoners" in
            # the lead, "the exchange took place on Wednesday" below).
            said = told.setdefault(subject, _sentences(match) | noted.get(subject, set()))
            sentence = event.evidence[0].sentence if event.evidence else None
            if not sentence or sentence in said:
                continue
            said.add(sentence)
        articles.update(new_articles)
        note_id = uuid5(_CORROBORATION, f"{subject}|{event.event_id}")
        note = EventCorroborated(
            event_id=note_id,
            subject=match.event_id,
            by=event.evidence[0].extractor,
            evidence=event.evidence[0],
        )
        planned.append(NewEvent(note, metadata=dict(metadata)))
    return planned
