"""The event log: the one source of truth, and the only module that writes it."""

from tracker.store.hashing import GENESIS, row_hash
from tracker.store.rows import NewEvent, utc_now
from tracker.store.schema import SCHEMA_VERSION, migrate
from tracker.store.sqlite_store import EventStore, VerifyResult

__all__ = [
    "GENESIS",
    "SCHEMA_VERSION",
    "EventStore",
    "NewEvent",
    "VerifyResult",
    "migrate",
    "row_hash",
    "utc_now",
]
