"""What ``verify`` checks beside the hash chain, on either backend: the readings of
``tracker reextract`` and the dedup index, on the store's table connection
(:mod:`tracker.store.side`)."""

from __future__ import annotations

from tracker.store import fingerprints
from tracker.store.protocol import VerifyResult
from tracker.store.readings import check_readings
from tracker.store.side import SqlConnection

__all__ = ["check_beside"]


def check_beside(conn: SqlConnection, events: int) -> VerifyResult:
    """The verdict on a log whose chain of ``events`` is whole: each article re-read by
    ``tracker reextract`` had exactly the live codings its reading recorded (see
    :mod:`tracker.store.readings`), and the dedup index holds what the log gives (see
    :mod:`tracker.store.fingerprints`)."""
    mismatched = check_readings(conn)
    if mismatched:
        first = mismatched[0]
        return VerifyResult(
            False,
            events,
            first.position,
            f"{len(mismatched)} articles' live codings differ from their last reading "
            f"(first: {first.describe()}); run `tracker reextract --force`",
        )
    index = fingerprints.check(conn)
    if index is not None:
        return VerifyResult(
            False, events, None, f"the dedup index differs: {index}; run `tracker replay --rebuild`"
        )
    return VerifyResult(True, events)
