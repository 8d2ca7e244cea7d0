"""States on several days folded in one pass (a diff's two states): each day's fold."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from events import DomainEvent, EventRetracted
from tests.histories import noted
from tests.unit.test_projection_properties import START, events, logged
from tracker.projections import fold, fold_at


@settings(max_examples=60, deadline=None)
@given(
    noted(events(), 12, 6),
    st.lists(st.integers(-5, 75), min_size=1, max_size=4),
    st.integers(0, 20),
    st.booleans(),
    st.data(),
)
def test_states_on_several_days_in_one_pass_are_each_day_s_fold(
    items: list[DomainEvent], days: list[int], retract: int, every: bool, data: st.DataObject
) -> None:
    # fold_at (a diff's two states) folds once what fold does once a day: any days, in any
    # order (repeated too), known now or at a past time, with a retraction among the events.
    made = list(items)
    if retract < len(made):
        made.append(EventRetracted(subject=made[retract].event_id, reason="misread"))
    log = logged(made)
    known = data.draw(st.sampled_from([None, *[e.recorded_at for e in log]]))
    asked = [START + timedelta(days=d) for d in days]
    found = fold_at("ARM-USA", log, asked, known_at=known, every_commitment=every)
    assert found == [
        fold("ARM-USA", log, as_of=day, known_at=known, every_commitment=every) for day in asked
    ]
