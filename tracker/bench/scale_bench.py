"""Bench section ``scale``: what one relationship's size costs (issue 17).

Logs whose busy pair has 500, 5,000 and 50,000 events (see :mod:`tracker.bench.pair_log`:
evidence on every fact, several sources each; ``--quick``: 500 and 5,000). For each size:

- ``state --as-of`` a past date (p50 over random dates), beside the raw read of the pair's
  rows to that date (SELECT + ``json.loads``);
- ``state`` as of today (the stored projection), beside the same raw read to today: the
  answer this process keeps while the log stays as it is, and the first ask after the log
  moved (the stored state read and decoded, as each ``tracker state`` process does);
- a late append: one event dated before the pair's last, appended and folded in
  (``Tracker.append`` + the projection's catch-up), beside a raw INSERT of one log row; p50
  and mean (the mean takes in the snapshots' upkeep), first with news dated in the 30 days
  before the pair's last fact (most late news);
- a 5-article poll's dedup and append: 25 extracted events (15 further sources of known
  events, 10 new ones of the last month) through :func:`tracker.extract.dedup.plan_appends`
  and the append, beside a raw INSERT of as many rows. The coder's own reading of the
  articles does not depend on the pair and is measured by the ``extract`` section;
- the changes a watch tells after such a poll (those learned from its news, as of the
  pair's last day), beside the raw read of the poll's rows (printed, not held);
- ``tracker diff`` of two past dates a month to a year apart (the two states and the
  changes between them), beside the raw read of the pair's rows to the later date (printed,
  not held);
- late appends again, dated anywhere in the pair's 25 years (the worst case for the
  snapshots: each such fact spoils those after its date), and a state as of a past date
  again right after them (these printed, not held to the target);
- read and decode of the pair's events (rate), beside the raw SELECT + ``json.loads``;
- the size of the pair's stored state (the projection's JSON), beside the size of its
  events' payloads in the log.

The relationship page, served: p50 and p99 over requests with a new past date each (across
the pairs' years, the same dates for every size), beside the same server's trivial route,
and the server's CPU a request; and the first request after each of a few polls' news,
appended by another process (printed, not held to the target).

Every figure is a median of several runs (the late appends' also a mean) and is printed beside
its raw baseline; for 5k and 50k a second figure sets it beside the 500-event one ("growth",
the target: within 1.5x). The sizes are sampled in turn, round by round (:func:`_rounds`),
so that a drift of the machine's speed falls on all of them alike.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid5

from tracker.bench.figures import Figure, timed
from tracker.bench.pair_log import PAIR, fact, pair_log
from tracker.bench.web_bench import pair_pages
from tracker.store.baselines import (
    insert_like_last,
    pair_rows,
    pair_rows_as_of,
    payloads_between,
)

__all__ = ["run"]

SECTION = "scale"
_KEY = "-".join(PAIR)


def run(quick: bool) -> list[Figure]:
    """Every figure of the section."""
    sizes = (500, 5_000) if quick else (500, 5_000, 50_000)
    runs = 3 if quick else 7
    paths = {size: pair_log(size) for size in sizes}
    measured = _measure(paths, runs)
    # The page last, served by other processes (tracker.bench.web_bench).
    for size, page in pair_pages(paths, 50 if quick else 200).items():
        measured[size].update(page)
    figures: list[Figure] = []
    first = measured[sizes[0]]
    for size in sizes:
        for name, (value, unit, base, base_name) in measured[size].items():
            label = f"{name} ({size:,}-event pair)"
            note = _NOTES.get(name, "")
            figures.append(Figure(SECTION, label, value, unit, base, base_name, note=note))
            if size == sizes[0] or name in _UNHELD:
                continue
            rate = unit == "events/s"
            figures.append(
                Figure(
                    SECTION,
                    f"growth: {label}",
                    value,
                    unit,
                    first[name][0],
                    f"the {sizes[0]:,}-event pair",
                    2 / 3 if rate else 1.5,
                    "ratio>=" if rate else "ratio<=",
                    note="flat: ratio near 1",
                )
            )
    return figures


_Measured = dict[str, tuple[float, str, float, str]]
_AS_OF = "state as-of a past date p50"
_TODAY = "state as of today p50"
_TODAY_DECODED = "state as of today, first ask after the log moved, p50"
_POLL = "5-article poll: dedup + append"
_WATCH = "changes learned from a poll's news (a watch's round)"
_DIFF = "diff of two past dates (tracker diff), p50"
_LATE_RECENT = "late append + fold, dated in the last 30 days, p50"
_LATE_RECENT_MEAN = "late append + fold, dated in the last 30 days, mean"
_LATE_ANY = "late append + fold, dated any day, p50"
_LATE_ANY_MEAN = "late append + fold, dated any day, mean"
_AFTER_ANY = "state as-of a past date p50, after late news of any day"
# Figures printed without a growth target: what the snapshots cost when late news is dated
# anywhere in the pair's 25 years (each such fact spoils the snapshots after its date; the
# follower writes them again once every so many events, folding from the earliest spoiled
# one), beside the figures held to the target, whose late news is recent, as most is.
_PAGE_AFTER_NEWS = "page, the first request after news of the last days, p50"
# The bench's facts are realized; news tells many contacts as plans first ("will visit"),
# each a commitment once told. A state counts those resolved before its kept days (listing
# each grew a busy pair's state to 3.3 MB at 50k): printed beside the same facts as told,
# not held (the 500 pair's plans are few and far apart: its state is the smaller).
_PLANNED = "size of the state, one contact in two told as a plan first"
# A watch's round (the changes the daemon sends) read from the bounded states, printed
# without a target: folded from the pair's start, as it was, it took 0.7 s at 50k.
# ``tracker diff`` reads its two states bounded (the stored state, the snapshots), printed
# without a target: folded from the pair's start, as it was, it took 1.1-1.8 s at 50k.
_UNHELD = frozenset(
    {_LATE_ANY, _LATE_ANY_MEAN, _AFTER_ANY, _PAGE_AFTER_NEWS, _PLANNED, _WATCH, _DIFF}
)
_NOTES = {
    _LATE_RECENT_MEAN: "with the snapshots' upkeep",
    _LATE_ANY_MEAN: "with the snapshots' upkeep (worst case)",
    _AFTER_ANY: "snapshots spoiled until the follower writes them again (worst case)",
    _PAGE_AFTER_NEWS: "the pair's timeline grown by the news",
    _WATCH: "the stored state beside a snapshot of the log before the news",
    _DIFF: "both states from snapshots, the changes off the marks",
}


def _measure(paths: dict[int, Path], runs: int) -> dict[int, _Measured]:
    """Every figure but the page's, for every size. Each figure is sampled round by round,
    one sample of each size per round (ours, then its raw baseline), the sizes' order
    turning each round: on a machine whose speed drifts, every size sees the same drift,
    and each of ours follows a raw read of the same kind (the 50k pair's raw read evicts
    the caches ours would otherwise keep warm; the 500's barely does)."""
    from tracker.app import Tracker

    rng = random.Random(7)
    with ExitStack() as stack:
        opened = {size: stack.enter_context(Tracker.open(path)) for size, path in paths.items()}
        for t in opened.values():
            # A log cached before a migration of a follower's tables (the dedup index) is
            # brought up to date first: once per database, no figure's cost.
            t.run_followers()
        pairs = {size: _Pair(t, _last_day(t)) for size, t in opened.items()}
        out: dict[int, _Measured] = {size: {} for size in paths}
        raw_read = "raw SELECT+json.loads"
        # The answers of today take a millisecond or less, where a machine's hiccup is as
        # long: sampled four times as often.
        for name, figure, samples in (
            (_AS_OF, lambda p: p.as_of(rng), runs * 5),
            (_DIFF, lambda p: p.diff(rng), runs * 3),
            (_TODAY, lambda p: p.today(), runs * 20),
            (_TODAY_DECODED, lambda p: p.today(decoded=True), runs * 20),
        ):
            for size, (ours, raw) in _rounds(pairs, samples, figure).items():
                out[size][name] = (_p50(ours), "ms", _p50(raw), raw_read)
        # The writes: recent news first (a poll brings news of the last days), the worst
        # case last, so that no figure pays the snapshots' upkeep of another's late news.
        one = "raw INSERT of one row"
        for size, (ours, raw) in _rounds(pairs, runs * 15, _late(rng, True)).items():
            out[size][_LATE_RECENT] = (_p50(ours), "ms", _p50(raw), one)
            out[size][_LATE_RECENT_MEAN] = (_mean(ours), "ms", _mean(raw), one)
        polls = _rounds(pairs, runs * 3, lambda p: p.poll(rng))
        for size, (ours, raw) in polls.items():
            out[size][_POLL] = (_p50(ours), "ms", _p50(raw), "raw INSERT of its rows")
        told = _rounds(pairs, runs * 3, lambda p: p.watch(rng))
        for size, (ours, raw) in told.items():
            out[size][_WATCH] = (_p50(ours), "ms", _p50(raw), "raw SELECT+json.loads of its rows")
        for size, (ours, raw) in _rounds(pairs, runs * 15, _late(rng, False)).items():
            out[size][_LATE_ANY] = (_p50(ours), "ms", _p50(raw), one)
            out[size][_LATE_ANY_MEAN] = (_mean(ours), "ms", _mean(raw), one)
        after = _rounds(pairs, runs * 5, lambda p: p.as_of(rng))
        for size, (ours, raw) in after.items():
            out[size][_AFTER_ANY] = (_p50(ours), "ms", _p50(raw), raw_read)
        for size, t in opened.items():
            rate, raw_rate = _read_rates(t, runs)
            out[size]["read+decode of the pair"] = (rate, "events/s", raw_rate, raw_read)
            size_kb, raw_kb = _sizes(t.store.conn)
            out[size]["size of the stored state"] = (
                size_kb,
                "KB",
                raw_kb,
                "the pair's payloads in the log",
            )
            planned_kb, as_told_kb = _planned_sizes(t)
            out[size][_PLANNED] = (planned_kb, "KB", as_told_kb, "the same facts as told")
    return out


def _late(rng: random.Random, recent: bool) -> Callable[[_Pair], Sample]:
    return lambda pair: pair.late(rng, recent)


def _mean(samples: list[float]) -> float:
    return statistics.mean(samples) * 1000


def _p50(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


Sample = tuple[float, float]  # seconds: ours, then the raw baseline


def _rounds(
    pairs: dict[int, _Pair], count: int, take: Callable[[_Pair], Sample]
) -> dict[int, tuple[list[float], list[float]]]:
    """``count`` rounds of ``take``, one sample of every size per round, in turning order."""
    found: dict[int, tuple[list[float], list[float]]] = {size: ([], []) for size in pairs}
    order = list(pairs)
    for n in range(count):
        turned = order[n % len(order) :] + order[: n % len(order)]
        for size in turned:
            ours, raw = take(pairs[size])
            found[size][0].append(ours)
            found[size][1].append(raw)
    return found


class _Pair:
    """One size's log, and how each figure samples it."""

    def __init__(self, t: Any, last: date) -> None:
        self.t, self.last, self.conn, self.polls = t, last, t.store.conn, 0

    def _raw_read(self, day: date) -> float:
        return timed(lambda: _raw_read(self.conn, day))

    def as_of(self, rng: random.Random) -> Sample:
        day = _past(rng, self.last)
        return timed(lambda: self.t.state(*PAIR, as_of=day)), self._raw_read(day)

    def today(self, decoded: bool = False) -> Sample:
        """As of today: the answer this process keeps, or (``decoded``) the stored state
        read and decoded, as a new process (``tracker state``) or a moved log has it."""
        from tracker import stored_states

        day = date.today()
        if decoded:
            stored_states.forget_decoded()
        return timed(lambda: self.t.state(*PAIR)), self._raw_read(day)

    def diff(self, rng: random.Random) -> Sample:
        """``tracker diff`` of two past dates a month to a year apart, as known now."""
        from tracker.changes.windows import between

        end = _past(rng, self.last)
        start = end - timedelta(days=rng.randrange(30, 366))
        ours = timed(lambda: between(self.t.store, _KEY, start, end, None, self.t.projection))
        return ours, self._raw_read(end)

    def late(self, rng: random.Random, recent: bool) -> Sample:
        """One event dated before the pair's last, appended and folded in."""
        back = rng.randrange(1, 31) if recent else rng.randrange(30, 9_000)
        self.polls += 1
        event = fact(rng, PAIR, 10**9 + self.polls, day=self.last - timedelta(days=back))

        def append() -> None:
            self.t.append([event])
            self.t.projection.catch_up()

        return timed(append), timed(lambda: insert_like_last(self.conn, 1))

    def poll(self, rng: random.Random) -> Sample:
        """A 5-article poll's dedup and append (its fold is the late append's figure)."""
        from tracker.extract.dedup import plan_appends

        self.polls += 1
        made = _poll_events(self.t, rng, self.polls, self.last)
        candidates = [(e, {"feed": "bench"}) for e in made]
        planned: list[Any] = []

        def dedup_and_append() -> None:
            planned.extend(plan_appends(self.t.store, candidates))
            self.t.store.append(planned)

        ours = timed(dedup_and_append)
        raw = timed(lambda: insert_like_last(self.conn, len(planned)))
        self.t.projection.catch_up()  # not timed
        return ours, raw

    def watch(self, rng: random.Random) -> Sample:
        """The changes a watch tells after a 5-article poll (appended and folded in, not
        timed): those learned from the poll's news, as of the pair's last day."""
        from tracker.changes.windows import learned_between

        after = self.t.store.head()
        self.poll(rng)
        head, day = self.t.store.head(), self.last
        ours = timed(
            lambda: learned_between(self.t.store, self.t.projection, after, head, day, day)
        )
        return ours, timed(lambda: _raw_rows(self.conn, after, head))


def _raw_rows(conn: sqlite3.Connection, after: int, head: int) -> None:
    for (payload,) in payloads_between(conn, after, head):
        json.loads(payload)


def _sizes(conn: sqlite3.Connection) -> tuple[float, float]:
    """The pair's stored state and its events' payloads, in KB."""
    from tracker.stored_states import TABLE

    sql = f"SELECT length(state) FROM {TABLE} WHERE relationship = ?"
    (state,) = conn.execute(sql, (_KEY,)).fetchone()
    payloads = sum(len(row[4]) for row in pair_rows(conn, _KEY))
    return state / 1000, payloads / 1000


def _planned_sizes(t: Any) -> tuple[float, float]:
    """The pair's state folded with one contact in two told first as a plan (a week
    before it happened), beside its facts folded as told, in KB."""
    from events import DiplomaticEvent, Modality
    from tracker.projections import fold, from_recorded

    told, planned = [], []
    contacts = 0
    for recorded in t.store.read(relationship=_KEY):
        event = recorded.event
        told.append(from_recorded(recorded))
        if isinstance(event, DiplomaticEvent) and event.family == "contact":
            contacts += 1
            if contacts % 2:
                plan = type(event).model_validate(
                    event.model_dump()
                    | {
                        "event_id": uuid5(UUID(str(event.event_id)), "plan"),
                        "modality": Modality.PLANNED,
                        "occurred": (event.occurred.start - timedelta(days=7)).isoformat(),
                    }
                )
                planned.append(from_recorded(recorded._replace(event=plan)))
    planned += told
    sizes = [len(fold(_KEY, events).model_dump_json()) / 1000 for events in (planned, told)]
    return sizes[0], sizes[1]


def _last_day(t: Any) -> date:
    from events import DiplomaticEvent

    found = (r.event for r in t.store.read(relationship=_KEY))
    return max(e.occurred.start for e in found if isinstance(e, DiplomaticEvent))


def _past(rng: random.Random, last: date) -> date:
    return last - timedelta(days=rng.randrange(30, 9_000))


def _raw_read(conn: sqlite3.Connection, day: date) -> None:
    for row in pair_rows_as_of(conn, _KEY, day.isoformat()):
        json.loads(row[4])


def _poll_events(t: Any, rng: random.Random, n: int, last: date) -> list[Any]:
    """What 5 articles' extraction yields: further sources of 15 known events, 10 new ones
    dated in the month before the pair's last fact (a poll brings news of the last days)."""
    from events import DiplomaticEvent, Evidence

    known = [
        r.event
        for r in t.store.read(relationship=_KEY, limit=2_000)
        if isinstance(r.event, DiplomaticEvent)
    ]
    events = []
    for i, old in enumerate(rng.sample(known, 15)):
        source = Evidence(
            article_id=f"poll-{n}-{i}",
            url=f"https://poll.example.org/{n}/{i}",
            sentence=old.evidence[0].sentence,
            extractor="policy-tracker-coder",
        )
        fresh = fact(rng, PAIR, 2 * 10**9 + n * 100 + i)
        events.append(old.model_copy(update={"event_id": fresh.event_id, "evidence": [source]}))
    events += [
        fact(rng, PAIR, 3 * 10**9 + n * 100 + i, day=last - timedelta(days=rng.randrange(31)))
        for i in range(10)
    ]
    return events


def _read_rates(t: Any, runs: int) -> tuple[float, float]:
    count = sum(1 for _ in t.store.read(relationship=_KEY))
    # Streamed, each event dropped once decoded, as the log section reads the whole log:
    # a list of every event would time the cyclic GC's passes over it, not the decoding.
    ours = [timed(lambda: _streamed(t.store.read(relationship=_KEY))) for _ in range(runs)]
    raw = [timed(lambda: _raw_pair(t.store.conn)) for _ in range(runs)]
    return count / statistics.median(ours), count / statistics.median(raw)


def _streamed(events: Iterator[Any]) -> int:
    return sum(1 for _ in events)


def _raw_pair(conn: sqlite3.Connection) -> None:
    for row in pair_rows(conn, _KEY):
        json.loads(row[4])
