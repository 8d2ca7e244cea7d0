"""A bounded state (tone by month past the last 90 days and by year before that year, a few
sources and steps per fact)
answers as the fold of every day and every source did, whatever the order of learning,
the as-of date, or where a fold was paused and resumed from a stored state."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import DiplomaticEvent, DomainEvent, EventCorroborated, Evidence, RecordedEvent
from tests.factories import diplomatic, every_type
from tracker.changes.compare import _tone_moved
from tracker.projections import FoldEvent, StateBuilder, fold, from_recorded, records, select, view
from tracker.projections.late import belongs, refold, unsure_parts
from tracker.projections.ordering import fold_key
from tracker.projections.tone import QUADS, active_days

DIPLOMATIC = [c for c in every_type() if issubclass(c, DiplomaticEvent)]
T0 = datetime(2025, 1, 1, tzinfo=UTC)
START = date(2020, 1, 1)
SPAN = 1500  # days: four years and more, so months roll, and months into years
TIGHT = records.Bounds(sources=2, steps=3, articles=3)


def _evidence(n: int, confidence: float) -> Evidence:
    return Evidence(
        article_id=f"a{n % 7}",  # articles repeat: independent sources are counted once
        url=f"https://news.example.org/{n % 7}",
        sentence=f"Sentence {n}.",
        extractor="test",
        confidence=confidence,
    )


@st.composite
def events(draw: st.DrawFn) -> list[DomainEvent]:
    """A diplomatic event (any type and modality, on one of the days of SPAN), and a few
    further sources of it."""
    cls = draw(st.sampled_from(DIPLOMATIC))
    day = START + timedelta(days=draw(st.integers(0, SPAN)))
    n = draw(st.integers(0, 10**6))
    fields: dict[str, Any] = {
        "occurred": day.isoformat()[: draw(st.sampled_from([10, 10, 10, 7]))],
        "modality": draw(st.sampled_from(["realized", "realized", "realized", "planned"])),
        "evidence": [_evidence(n, draw(st.sampled_from([0.5, 0.7, 0.9])))],
    }
    if cls.family == "agreement":
        fields["agreement"] = draw(st.sampled_from(["Charter", "123 Agreement"]))
    if cls.family == "commitment":
        fields["commitment"] = "aid package"
    made = diplomatic(cls, **fields)
    notes: list[DomainEvent] = [
        EventCorroborated(subject=made.event_id, evidence=_evidence(n + k, 0.6))
        for k in range(1, draw(st.integers(0, 2)) + 1)
    ]
    return [made, *notes]


def logged(items: list[DomainEvent]) -> list[FoldEvent]:
    return [
        from_recorded(RecordedEvent(i + 1, "s", i + 1, T0 + timedelta(seconds=i), e))
        for i, e in enumerate(items)
    ]


def resolved(builder: StateBuilder, log: list[FoldEvent]) -> None:
    """What tracker.late_facts.resolve does through the dedup index, from ``log`` itself:
    fold again the facts that the annotations of a resumed fold may be about."""
    by_id = {e.event_id: e for e in log}
    wanted = {
        part
        for note in builder.unresolved
        for part in unsure_parts(builder, by_id[str(note.subject)])
    }
    builder.unresolved = []
    groups: dict[tuple[str, str], list[FoldEvent]] = {}
    for part in wanted:
        own = [e for e in log if e.kind == "fact" and belongs(part, e)]
        ids = {e.event_id for e in own}
        groups[part] = own + [e for e in log if e.kind != "fact" and e.subject in ids]
    refold(builder, groups, lambda event_id: fold_key(by_id[event_id]))


def _tone(folded: list[FoldEvent], after: date | None, through: date) -> dict[str, Any]:
    """The old semantics: every realized event's day, counted one by one."""
    chosen = [
        e
        for e in folded
        if e.kind == "fact"
        and e.modality == "realized"
        and e.occurred_start <= through
        and (after is None or e.occurred_start > after)
    ]
    counts = [sum(1 for e in chosen if e.quad_class == q) for q in (1, 2, 3, 4)]
    tenths = sum(round(e.goldstein * 10) for e in chosen)
    total = len(chosen)
    return {
        "events": total,
        "counts": dict(zip(QUADS, counts, strict=True)),
        "mean_goldstein": round(tenths / (10 * total), 3) if total else None,
    }


def _days(folded: list[FoldEvent]) -> set[date]:
    return {e.occurred_start for e in folded if e.kind == "fact" and e.modality == "realized"}


@settings(max_examples=80, deadline=None)
@given(
    st.lists(events(), min_size=1, max_size=30),
    st.randoms(use_true_random=False),
    st.integers(0, SPAN + 200),
    st.integers(0, 10**6),
)
def test_the_bounded_fold_answers_as_every_day_did(
    groups: list[list[DomainEvent]], rng: Any, day: int, cut: int
) -> None:
    items = [e for group in groups for e in group]
    rng.shuffle(items)  # learned in any order
    log = logged(items)
    as_of = START + timedelta(days=day)
    with mock.patch.object(records, "BOUNDS", TIGHT):
        state = fold("ARM-USA", log, as_of=as_of)
        everything = fold("ARM-USA", log)
        # Paused anywhere and resumed from the frozen state (a stored state, a snapshot).
        chosen = select(log)
        builder = StateBuilder("ARM-USA", narrate=False)
        at = cut % (len(chosen) + 1)
        for event in chosen[:at]:
            builder.add(event)
        resumed = StateBuilder.from_state(builder.build())
        resumed.narrate = False
        for event in chosen[at:]:
            resumed.add(event)
        resolved(resumed, log)
        assert resumed.build() == everything
        assert resumed.build_json() == everything.model_dump_json()
        # Judged on a day before its last, as changes learned since a day judge it.
        early = fold("ARM-USA", log, judged_from=as_of)

    folded = select(log, as_of=as_of)
    window = as_of - timedelta(days=90)
    tone = view(state, as_of).tone
    assert tone.recent.model_dump() == _tone(folded, window, as_of)
    assert tone.overall.model_dump() == _tone(folded, None, as_of)
    early_tone = view(early, as_of).tone
    assert early_tone.recent.model_dump() == _tone(folded, window, as_of)
    assert early_tone.overall.model_dump() == _tone(folded, None, as_of)
    # The stored state (every event) judged on any day from its last.
    last = everything.last_occurred or START
    later = max(as_of, last)
    whole = view(everything, later).tone
    assert whole.recent.model_dump() == _tone(log, later - timedelta(days=90), later)
    assert whole.overall.model_dump() == _tone(log, None, later)

    # What tracker.changes asks of the tone: when the 90-day window last moved, and
    # whether a day of events lies in a span.
    days = _days(select(log))
    start = START + timedelta(days=cut % SPAN)
    end = start + timedelta(days=30 + cut % 400)
    ninety = timedelta(days=90)
    moved = [d for d in days if start < d <= end]
    moved += [d + ninety for d in days if start < d + ninety <= end]
    assert _tone_moved(everything, start, end) == max(moved, default=end)
    tone_rows = everything.tone_days, everything.tone_months
    spanned = active_days(*tone_rows, start - ninety, start, everything.tone_years)
    assert sorted(spanned) == sorted(d for d in days if start - ninety < d <= start)


@settings(max_examples=40, deadline=None)
@given(st.lists(events(), min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_a_bounded_fact_keeps_the_sources_of_its_status_and_counts_the_rest(
    groups: list[list[DomainEvent]], rng: Any
) -> None:
    items = [e for group in groups for e in group]
    rng.shuffle(items)
    log = logged(items)
    folded = StateBuilder("ARM-USA", narrate=False)
    with mock.patch.object(records, "BOUNDS", TIGHT):
        for event in select(log):
            folded.add(event)
        bounded = folded.build()
    refs: dict[str, set[tuple[Any, ...]]] = {}
    for event in select(log):
        owner = event.event_id if event.kind == "fact" else str(event.subject)
        refs.setdefault(owner, set()).update(event.sources)
    for fact in (*bounded.agreements, *bounded.memberships):
        # Every event it took (the frozen fact lists a bounded set of them, and counts them).
        taken = (folded.agreements | folded.memberships)[fact.key].event_ids
        assert fact.event_count == len(taken) and set(fact.event_ids) <= set(taken)
        status_ids = {
            s.event_id
            for s in fact.steps
            if s.date == fact.status_date and s.modality == "realized"
        }
        # Every step that gave the status is kept, with its own sources (changes cite them).
        listed = {tuple(s.model_dump().values()) for s in fact.sources}
        for event_id in status_ids:
            own = {r for r in refs[event_id] if r.event_id == event_id}
            assert own <= listed
        assert len(fact.steps) <= 1 + TIGHT.steps + len(status_ids)
        every = set().union(*(refs.get(i, set()) for i in taken))
        assert fact.source_count == len(every)
        articles = {r.url or r.article_id for r in every}
        assert fact.independent_sources == min(len(articles), TIGHT.articles) + fact.confirmed
        assert fact.confidence == max(r.confidence for r in every if r.confidence is not None)


def test_a_long_history_keeps_its_tone_in_a_year_of_months_and_a_row_a_year() -> None:
    """Thirty years of meetings twice a month: the state keeps the days of its last
    months, the months of the year those begin in, and one row for each earlier year
    (a busy pair kept a row per month, 360 here), and still answers exactly."""
    from events import MeetingHeld
    from tracker.projections.tone import keep_from

    made = [
        diplomatic(MeetingHeld, occurred=date(year, month, day).isoformat())
        for year in range(1996, 2026)
        for month in range(1, 13)
        for day in (1, 15)
    ]
    log = logged(list(made))
    state = fold("ARM-USA", log)
    last = date(2025, 12, 15)
    first_kept = keep_from(last)
    assert [y.year for y in state.tone_years] == [date(y, 1, 1) for y in range(1996, 2025)]
    assert [m.month for m in state.tone_months] == [date(2025, n, 1) for n in range(1, 9)]
    assert min(d.day for d in state.tone_days) >= first_kept == date(2025, 9, 1)
    # Every day up to any day from the last, and the 90 days before it, as counted.
    days = _days(select(log))
    for as_of in (last, date(2026, 3, 1)):
        tone = view(state, as_of).tone
        assert tone.overall.model_dump() == _tone(log, None, as_of)
        assert tone.recent.model_dump() == _tone(log, as_of - timedelta(days=90), as_of)
    # The days of an old span, read from the years' bits.
    old = active_days(
        state.tone_days, state.tone_months, date(2003, 2, 20), date(2004, 1, 20), state.tone_years
    )
    assert sorted(old) == sorted(d for d in days if date(2003, 2, 20) < d <= date(2004, 1, 20))
    # A window inside a year cannot be summed from it: the caller folds instead.
    with pytest.raises(ValueError, match="kept by year"):
        view(state.model_copy(update={"tone_days": ()}), date(2004, 6, 1))
