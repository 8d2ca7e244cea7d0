"""The event log: the one source of truth, and the only package that runs SQL on it.

:class:`LogStore` (:mod:`tracker.store.protocol`) is the interface every backend implements;
:class:`EventStore` is the SQLite one.
"""

from typing import TYPE_CHECKING, Any

from tracker.store.hashing import GENESIS, row_hash
from tracker.store.schema import SCHEMA_VERSION, migrate

if TYPE_CHECKING:
    from tracker.store.protocol import Checkpoint, Following, LogStore, VerifyResult
    from tracker.store.rows import NewEvent, utc_now
    from tracker.store.sqlite_store import EventStore

# These read the event vocabulary (the events package); checking a database's schema does
# not, and `tracker state` answering from the stored projection needs only that.
_LAZY = {
    "NewEvent": "rows",
    "utc_now": "rows",
    "EventStore": "sqlite_store",
    "Checkpoint": "protocol",
    "Following": "protocol",
    "LogStore": "protocol",
    "VerifyResult": "protocol",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "GENESIS",
    "SCHEMA_VERSION",
    "Checkpoint",
    "EventStore",
    "Following",
    "LogStore",
    "NewEvent",
    "VerifyResult",
    "migrate",
    "row_hash",
    "utc_now",
]
