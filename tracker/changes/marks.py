"""The path of one relationship's judged state through valid time, and the changes of a
window read off it.

A *mark* says that one fact of a relationship, judged on a day, took a new value that day:

- an agreement's, a membership's or the diplomatic relations' status (with its date);
- a commitment's judged status: it becomes ``overdue`` by the calendar alone, the day after
  its due date passed with it still pending;
- the last contact, and the last high-level contact;
- an area, named for the first time;
- the label (:mod:`tracker.projections.labels`);
- the band of the mean Goldstein value of the last 90 days (``tone``), which also moves by
  the calendar, the day a day of events leaves the window.

:func:`walk` folds a relationship's events (as the log knows them: retractions applied) in
valid-time order and judges the state at every day something can move, an event's day or a
day the calendar moves a value, writing a mark for each value that differs from the day
before, with the events and sources of the step that gave it (a record, as
:mod:`.compare` evidences a change). Calendar days after the last event are walked too (a
commitment falling overdue next year, the tone fading when the news stops), so the marks
describe every day, the future included, as the log knows it now.

:func:`compose` reads the changes of a window (``since``, ``until``] off the marks: each
fact whose value on ``until`` differs from its value on ``since``, dated and evidenced by
the mark that gave it its value on ``until``. For the facts this is exactly what comparing
the two states judged on those days finds (:func:`.compare.compare`; tests hold them
equal); the label and the tone are dated on the day they actually moved, which two states
alone cannot say.
"""

from __future__ import annotations

import heapq
import tomllib
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from typing import Any, NamedTuple

import msgspec

import seeds
from tracker.changes.compare import Evidenced, step_ids
from tracker.projections import (
    Change,
    FoldEvent,
    SourceRef,
    StateBuilder,
    select,
)
from tracker.projections.change import change
from tracker.projections.fold_event import Ref
from tracker.projections.labels import Reason, label, tone_band
from tracker.projections.records import (
    BOUNDS,
    AreaRecord,
    CommitmentRecord,
    ContactRecord,
    LifecycleRecord,
    Sourced,
)
from tracker.projections.trusted import construct
from tracker.projections.view import TONE_WINDOW_DAYS

__all__ = [
    "NO_LABEL",
    "Mark",
    "Resume",
    "cite",
    "compose",
    "decode",
    "initial",
    "months_before",
    "reports",
    "settings",
    "walk",
    "walk_on",
]

NO_LABEL = "no recorded relations"  # the label of a relationship with no realized event
_WINDOW = timedelta(days=TONE_WINDOW_DAYS)
_DAY = timedelta(days=1)
_STATUSES = ("agreement:", "membership:", "relations:")


class Mark(NamedTuple):
    """Fact ``fact`` of a relationship took ``value`` on ``day`` (None: it is not in the
    state), as ``record`` evidences it (see :func:`_record`)."""

    day: date
    fact: str
    value: str | None
    record: bytes


def initial(fact: str) -> str | None:
    """A fact's value before any mark: the label of no relations, or not in the state."""
    return NO_LABEL if fact == "label" else None


# -- the walk ----------------------------------------------------------------------------


class Resume(msgspec.Struct, frozen=True):
    """Where a walk can go on from: just before the facts of ``day`` (a day the walk found
    facts on), the fold of the facts before it (``state``, JSON) and what the walk knew
    then. News dated on or after ``day`` is walked from here (the marks before ``day`` stay
    as they are), over the facts this walk walked from that day on (``later``: read again
    by position, with no scan of the relationship's rows by date) and the news."""

    day: date
    later: list[int]  # the log positions of the facts walked from ``day`` on
    state: str
    values: dict[str, str | None]
    calendar: list[date]
    due: dict[str, date]
    window: list[tuple[date, int, int]]
    recent: tuple[int, int]
    overall: tuple[int, int]


def walk(relationship: str, events: Iterable[FoldEvent]) -> list[Mark]:
    """Every mark of ``relationship`` from its events (any order; retractions included),
    in day order."""
    return list(_Walk(relationship, events).marks())


def walk_on(
    relationship: str, events: Iterable[FoldEvent], resume: Resume | None = None
) -> tuple[list[Mark], list[Resume]]:
    """The marks of ``relationship`` and where later walks can go on from (days on or
    after the walk's first). From the start (``resume`` None: ``events`` all of its
    events), or from ``resume``: ``events`` are then its facts dated on or after
    ``resume.day`` with their retractions, and the marks are those from that day on."""
    walker = _Walk(relationship, events, resume)
    marks = list(walker.marks())
    return marks, walker.resumes


@cache
def settings() -> dict[str, int]:
    """The walk's settings (``seeds/changes.toml``)."""
    data = tomllib.loads(seeds.path("changes.toml").read_text(encoding="utf-8"))
    return {"resume_months": int(data["resume_months"])}


def months_before(day: date, months: int) -> date:
    """The first day of the month ``months`` before ``day``'s."""
    if day == date.min:
        return day
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


class _Walk:
    """A fold judged on each day something can move (see the module docstring)."""

    def __init__(
        self, relationship: str, events: Iterable[FoldEvent], resume: Resume | None = None
    ) -> None:
        # Retractions decide which facts are walked; the other annotations add sources,
        # which the marks leave to their reader (see cite).
        self.facts = [e for e in select(events) if e.kind == "fact"]
        self.commitments: dict[str, CommitmentRecord] = {}  # by id
        self.told: set[str] = set()  # the dates of the day's realized events, as told
        self.due_on: dict[date, list[str]] = {}  # the commitments falling overdue each day
        # The label a status gives (rules 1-4 of .labels), None: the tone gives it.
        self.given: tuple[str, Reason] | None = None
        self.resumed = resume is not None  # the first day asks the label's statuses again
        self.planned = self.resumed  # a plan today: every pending commitment judged again
        self.resumes: list[Resume] = []  # where later walks can start (see Resume)
        if resume is None:
            self.builder = StateBuilder(relationship, narrate=True)
            self.values: dict[str, str | None] = {}
            self.calendar: list[date] = []  # days the calendar moves a value (a heap)
            self.due: dict[str, date] = {}  # the day each pending commitment falls overdue
            # The tone: realized events of the last 90 days by day, their totals; all of them.
            self.window: deque[tuple[date, int, int]] = deque()
            self.recent = [0, 0]  # events, Goldstein tenths
            self.overall = [0, 0]
            return
        self.builder = StateBuilder.from_json(resume.state)
        self.values = dict(resume.values)
        self.calendar = list(resume.calendar)
        heapq.heapify(self.calendar)
        self.due = dict(resume.due)
        for key, overdue in self.due.items():
            self.due_on.setdefault(overdue, []).append(key)
        self.window = deque(resume.window)
        self.recent, self.overall = list(resume.recent), list(resume.overall)

    def marks(self) -> Iterator[Mark]:
        facts, calendar = self.facts, self.calendar
        at, count = 0, len(facts)
        # Where a later walk may start: the last day with facts, and the first of each
        # month with facts this many months before it (seeds/changes.toml).
        last = facts[-1].occurred_start if facts else date.min
        since = months_before(last, settings()["resume_months"])
        month = date.min
        while at < count or calendar:
            day = facts[at].occurred_start if at < count else calendar[0]
            if calendar and calendar[0] < day:
                day = calendar[0]
            if day >= since and at < count and facts[at].occurred_start == day:
                if day == last or day.replace(day=1) != month:
                    later = [e.position for e in facts[at:]]
                    self.resumes.append(self._resume_point(day, later))
                    month = day.replace(day=1)
            while calendar and calendar[0] == day:
                heapq.heappop(calendar)
            touched: set[str] = set()
            realized: list[str] = []
            self.told.clear()
            while at < count and facts[at].occurred_start == day:
                self._add(facts[at], touched, realized)
                at += 1
            yield from self._judge(day, touched, realized)

    def _resume_point(self, day: date, later: list[int]) -> Resume:
        return Resume(
            day=day,
            later=later,
            state=self.builder.build_json(),
            values=dict(self.values),
            calendar=sorted(self.calendar),
            due=dict(self.due),
            window=list(self.window),
            recent=(self.recent[0], self.recent[1]),
            overall=(self.overall[0], self.overall[1]),
        )

    def _add(self, event: FoldEvent, touched: set[str], realized: list[str]) -> None:
        builder = self.builder
        for item in builder.add(event):
            kind = item.kind
            if kind in ("agreement", "membership", "relations", "commitment"):
                touched.add(f"{kind}:{item.key}")
            elif kind in ("last_contact", "last_high_level_contact"):
                touched.add(kind)
            elif kind == "areas":
                touched.update(f"area:{a}" for a in item.added)
        if event.modality == "planned":
            self.planned = True
        elif event.modality == "realized":
            realized.append(event.event_id)
            self.told.add(event.occurred)
            tenths = round(event.goldstein * 10)
            window = self.window
            if window and window[-1][0] == event.occurred_start:
                last = window.pop()
                window.append((last[0], last[1] + 1, last[2] + tenths))
            else:
                window.append((event.occurred_start, 1, tenths))
                heapq.heappush(self.calendar, event.occurred_start + _WINDOW)
            self.recent[0] += 1
            self.recent[1] += tenths
            self.overall[0] += 1
            self.overall[1] += tenths

    def _judge(self, day: date, touched: set[str], realized: list[str]) -> Iterator[Mark]:
        builder = self.builder
        window, recent = self.window, self.recent
        while window and window[0][0] <= day - _WINDOW:  # left the 90 days up to ``day``
            _, events, tenths = window.popleft()
            recent[0] -= events
            recent[1] -= tenths
        # Commitments: those a step touched, those the calendar makes overdue today, and
        # on a day with a plan every pending one (a plan restated may move a due date).
        due = self.due_on.pop(day, ())
        if not (touched or due or self.planned):
            chosen: Iterable[str] = ()
        else:
            book = builder.commitments.all
            for record in book[len(self.commitments) :]:
                self.commitments[record.id] = record
            wanted = set(due)
            wanted.update(f[11:] for f in touched if f.startswith("commitment:"))
            if self.planned:
                wanted.update(c.id for c in builder.commitments.open.values())
                self.planned = False
            # A walk resumed from a state leaves out the commitments it counts as resolved
            # earlier (.projections.builder): one falling due now was resolved, its mark
            # moves no more.
            chosen = sorted(k for k in wanted if k in self.commitments)
        for key in chosen:
            yield from self._commitment(self.commitments[key], day)
        for fact in sorted(touched):
            kind, _, key = fact.partition(":")
            if kind in ("agreement", "membership", "relations"):
                yield from self._lifecycle(kind, key, day)
            elif kind in ("last_contact", "last_high_level_contact"):
                yield from self._contact(kind, day)
            elif kind == "area":
                yield from self._area(builder.areas[key], day)
        recent_mean = _mean(recent)
        band = tone_band(recent_mean) if recent_mean is not None else None
        if self._moves("tone", band):
            told = self._told(day)
            shift = {"kind": "tone_shift", "after": band, "goldstein": recent_mean, "date": told}
            yield Mark(day, "tone", band, _record(shift, told, realized))
        moved = self.resumed or any(f.startswith(_STATUSES) for f in touched)
        self.resumed = False
        yield from self._label(day, recent_mean, realized, moved)

    def _moves(self, fact: str, value: str | None) -> bool:
        """Whether ``fact`` takes a new ``value`` (it is kept as its value from now on)."""
        if self.values.get(fact, initial(fact)) == value:
            return False
        self.values[fact] = value
        return True

    def _told(self, day: date) -> str:
        """``day`` as the news of it told it: "2024-09" when its realized events are all
        dated by that month (the tone moved with them), else the day itself."""
        told = self.told
        return next(iter(told)) if len(told) == 1 else day.isoformat()

    def _commitment(self, record: CommitmentRecord, day: date) -> Iterator[Mark]:
        status, status_date = record.status, record.status_date or record.made
        if status == "pending" and record.due_end is not None:
            if record.due_end < day:
                status, status_date = "overdue", (record.due_end + _DAY).isoformat()
            elif self.due.get(record.id) != record.due_end + _DAY:
                overdue = self.due[record.id] = record.due_end + _DAY
                heapq.heappush(self.calendar, overdue)
                self.due_on.setdefault(overdue, []).append(record.id)
        fact = f"commitment:{record.id}"
        value = f"{status} {status_date}"
        if not self._moves(fact, value):
            return
        item = {
            "kind": "commitment",
            "key": record.id,
            "name": record.name,
            "after": status,
            "date": status_date,
            "parties": (record.by, record.to),
            "commitment": record.kind,
            "due": record.due,
        }
        yield Mark(day, fact, value, _record(item, status_date, _ids(record)))

    def _lifecycle(self, kind: str, key: str, day: date) -> Iterator[Mark]:
        builder = self.builder
        record: LifecycleRecord | None
        if kind == "agreement":
            record = builder.agreements.get(key)
        elif kind == "membership":
            record = builder.memberships.get(key)
        else:
            record = builder.relations
        if record is None:
            return
        fact = f"{kind}:{key}"
        value = f"{record.status} {record.status_date}"
        if not self._moves(fact, value):
            return
        item = {
            "kind": kind,
            "key": key,
            "name": record.name if kind != "relations" else key,
            "after": record.status,
            "date": record.status_date,
            "parties": (record.member, record.organisation) if kind == "membership" else (),
        }
        ids = step_ids(record, record.status) or _ids(record)
        yield Mark(day, fact, value, _record(item, record.status_date, ids))

    def _contact(self, kind: str, day: date) -> Iterator[Mark]:
        record: ContactRecord | None = getattr(self.builder, kind)
        if record is None:
            return
        first = next(iter(record.event_ids), "")
        value = f"{record.event_type} {record.date} {record.level} {first}"
        if not self._moves(kind, value):
            return
        item = {
            "kind": kind,
            "after": record.event_type,
            "event_type": record.event_type,
            "date": record.date,
            "level": record.level,
        }
        yield Mark(day, kind, value, _record(item, record.date, _ids(record)))

    def _area(self, record: AreaRecord, day: date) -> Iterator[Mark]:
        fact = f"area:{record.area}"
        if not self._moves(fact, "named"):
            return
        item = {"kind": "areas", "added": (record.area,)}
        yield Mark(day, fact, "named", _record(item, record.first_date, _ids(record)))

    def _label(
        self, day: date, recent_mean: float | None, realized: list[str], moved: bool
    ) -> Iterator[Mark]:
        builder = self.builder
        if moved:  # a status moved: whether one gives the label (rules 1-4), asked again
            agreements = [builder.agreements[k] for k in sorted(builder.agreements)]
            memberships = [builder.memberships[k] for k in sorted(builder.memberships)]
            given = label(agreements, memberships, None, None, builder.relations)
            self.given = given if given[1].kind != "none" else None
        if self.given is None:  # the tone's (rules 5-6): the cheap case, asked most days
            mean = recent_mean if recent_mean is not None else _mean(self.overall)
            name = tone_band(mean) if mean is not None else NO_LABEL
            if not self._moves("label", name):
                return
            reason = label((), (), recent_mean, _mean(self.overall))[1]
        else:
            name, reason = self.given
            if not self._moves("label", name):
                return
        ids: tuple[str, ...] = tuple(realized)
        fact: LifecycleRecord | None = None
        if reason.kind == "agreement":
            named = (builder.agreements[k] for k in sorted(builder.agreements))
            fact = next((a for a in named if a.name == reason.name), None)
        elif reason.kind == "membership":
            fact = builder.memberships.get(reason.organisation or "")
        elif reason.kind == "relations":
            fact = builder.relations
        if fact is not None:
            ids = step_ids(fact, fact.status) or _ids(fact)
        when = reason.date or self._told(day)
        item = {"kind": "label", "after": name, "date": when}
        yield Mark(day, "label", name, _record(item, when, ids))


def _ids(record: Sourced) -> tuple[str, ...]:
    """A fact's events, a few of them: its first and its latest (a long-lived fact's full
    list stays in the log)."""
    ids = list(record.event_ids)
    return tuple(ids) if len(ids) <= 3 else (ids[0], *ids[-2:])


def _mean(totals: list[int]) -> float | None:
    """A mean Goldstein value as the view rounds it (None: no events)."""
    events, tenths = totals
    return round(tenths / (10 * events), 3) if events else None


# -- records -----------------------------------------------------------------------------

_ENCODER = msgspec.json.Encoder()
_DECODE = msgspec.json.Decoder().decode
# A change's fields at their defaults, left out of a record.
_UNSET = {name: field.default for name, field in Change.model_fields.items()}


def _record(change: dict[str, Any], day: str, event_ids: Sequence[str]) -> bytes:
    """A mark's record: its change's fields (those not at their default; its ``before`` is
    filled in by :func:`compose`), its date and the events of the step that gave it. Not
    its sources: a further report of an event moves no value, so the marks need not be
    walked again for one; :func:`cite` gives them when the change is read."""
    fields = {k: v for k, v in change.items() if k == "kind" or v != _UNSET.get(k)}
    return _ENCODER.encode({"change": fields, "date": day, "event_ids": event_ids})


def decode(record: bytes | str) -> Evidenced:
    """The change a mark's record holds (see :func:`_record`), with no sources yet."""
    data: dict[str, Any] = _DECODE(record)
    fields = data["change"]
    for name in ("parties", "added", "removed"):  # JSON arrays, the model's tuples
        if name in fields:
            fields[name] = tuple(fields[name])
    # Written by encode from a Change: its fields are of the model's types already.
    return Evidenced(change(**fields), data["date"], tuple(data["event_ids"]), ())


def reports(events: Iterable[FoldEvent]) -> dict[str, list[Ref]]:
    """Each event's reports: its own sources and those of its corroborations (retracted
    ones left out), by event id."""
    found: dict[str, list[Ref]] = {}
    for event in select(events):
        if event.kind == "fact":
            found.setdefault(event.event_id, []).extend(event.sources)
        elif event.kind == "corroborated" and event.subject:
            found.setdefault(event.subject, []).extend(event.sources)
    return found


def cite(items: Iterable[Evidenced], reports: Mapping[str, Sequence[Ref]]) -> list[Evidenced]:
    """``items`` with the sources of their events: the strongest few of their reports (as
    many as a fact of the state lists, ``seeds/state_bounds.toml``), in a fixed order."""
    cited = []
    for item in items:
        refs = {r for i in item.event_ids for r in reports.get(i, ())}
        strongest = sorted(refs, key=_strength)[: BOUNDS.sources]
        sources = tuple(
            construct(SourceRef, r._asdict()) for r in sorted(strongest, key=_canonical)
        )
        cited.append(item._replace(sources=sources))
    return cited


def _canonical(ref: Ref) -> tuple[str, str, str, str, float]:
    confidence = -1.0 if ref.confidence is None else ref.confidence
    return (ref.event_id, ref.url or "", ref.article_id or "", ref.sentence or "", confidence)


def _strength(ref: Ref) -> tuple[float, tuple[str, str, str, str, float]]:
    key = _canonical(ref)
    return -key[4], key


# -- a window ----------------------------------------------------------------------------


def compose(
    window: Mapping[str, Sequence[tuple[str | None, bytes | str]]],
    before: Mapping[str, str | None],
) -> list[Evidenced]:
    """The changes of one relationship in a window: ``window`` holds each fact's marks in
    it (value, record), in day order; ``before`` each such fact's value on the window's
    first day (missing: :func:`initial`)."""
    found: list[Evidenced] = []
    added: list[tuple[str, Evidenced]] = []
    contact: Change | None = None
    for fact in sorted(window, key=_shown_first):
        marks = window[fact]
        value, record = marks[-1]
        was = before.get(fact, initial(fact))
        if value == was:
            continue
        item = decode(record)
        kind = item.change.kind
        if kind == "areas":
            added.append((fact, item))
            continue
        if kind == "last_contact":
            contact = item.change
        elif kind == "last_high_level_contact" and contact is not None:
            if (contact.date, contact.event_type) == (item.change.date, item.change.event_type):
                continue  # the same contact, already told as the last one
        if kind in ("agreement", "membership", "relations", "commitment"):
            status = was.split(" ", 1)[0] if was is not None else None
            item = item._replace(change=item.change.model_copy(update={"before": status}))
        elif kind in ("label", "tone_shift"):
            item = item._replace(change=item.change.model_copy(update={"before": was}))
        found.append(item)
    if added:
        added.sort()
        names = tuple(fact.partition(":")[2] for fact, _ in added)
        items = [item for _, item in added]
        found.append(
            Evidenced(
                change("areas", added=names),
                max(item.date for item in items),
                tuple(i for item in items for i in item.event_ids),
                (),
            )
        )
    return found


def _shown_first(fact: str) -> tuple[int, str]:
    # The last contact before the high-level one (which it may make redundant).
    return (0 if fact == "last_contact" else 1, fact)
