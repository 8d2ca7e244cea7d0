"""Every error policy-tracker raises on purpose, in one tree.

    TrackerError                 anything the user can act on; the CLI prints it, exit 1/2
    ├── UsageError               bad input: an unknown actor, a malformed date or file
    │   └── UnknownActorError    an actor name or code nobody knows (with close matches)
    ├── StoreError               the log refused or could not do something
    │   ├── ConcurrencyError     expected_version did not match the stream's version
    │   ├── CheckpointMovedError a follower's checkpoint moved since it read
    │   ├── DuplicateEventError  an event_id already in the log with a different content
    │   ├── UnknownEventError    an annotation (retraction, ...) names an event not in the log
    │   ├── LeaseLostError       a daemon's lease on a feed ran out: its poll writes nothing
    │   └── SchemaError          the database is newer than this program, or not a tracker db
    ├── FeedError                a feed could not be fetched or parsed
    │   └── FetchError           the HTTP exchange failed (timeout, status, size cap)
    └── DaemonError              the daemon could not start (another one holds the lock)

Errors of libraries (sqlite3, httpx, feedparser) are translated where they are caught:
``raise StoreError(...) from exc``. The message says what was wrong and what to do, and
quotes what the user typed through :func:`quoted`, so a pasted page of text is not echoed.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CheckpointMovedError",
    "ConcurrencyError",
    "DaemonError",
    "DuplicateEventError",
    "FeedError",
    "FetchError",
    "LeaseLostError",
    "SchemaError",
    "StoreError",
    "TrackerError",
    "UnknownActorError",
    "UnknownEventError",
    "QUOTE_LIMIT",
    "UsageError",
    "quoted",
]

# How much of the user's input a message quotes; the rest is an ellipsis.
QUOTE_LIMIT = 80


def quoted(text: object, limit: int = QUOTE_LIMIT) -> str:
    """``text`` quoted for a message (as ``repr``), cut to ``limit`` characters with an ellipsis."""
    value = str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)


class TrackerError(Exception):
    """Base of every error the tracker raises for the user to read."""

    exit_code = 1


class UsageError(TrackerError):
    """The input was wrong: the message says what and how to put it right."""

    exit_code = 2


class UnknownActorError(UsageError):
    """No actor has this name or code."""

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = f" Did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"unknown actor {quoted(name)}.{hint} Use an ISO 3166 alpha-3 code (ARM), a country "
            "name (Armenia) or an organisation code (CSTO)."
        )


class StoreError(TrackerError):
    """The event log refused an operation or could not complete it."""


class ConcurrencyError(StoreError):
    """Another writer appended to the stream first; reload and try again."""

    def __init__(
        self,
        stream: str,
        expected: int,
        actual: int,
        *,
        already: Sequence[str] = (),
        of: int = 0,
    ) -> None:
        self.stream, self.expected, self.actual = stream, expected, actual
        self.already = tuple(already)  # ids of the refused batch found in the log
        if not already:
            super().__init__(
                f"stream {stream!r} is at version {actual}, not the expected {expected}: "
                "someone else wrote to it first; read it again and retry"
            )
            return
        super().__init__(
            f"stream {stream!r} is at version {actual}, not the expected {expected}, and "
            f"{len(already)} of this batch's {of} events are in the log already (first: "
            f"{already[0]}): this is no retry of one committed batch; read the stream again "
            "and append only what it lacks"
        )


class CheckpointMovedError(StoreError):
    """Another process advanced a follower's checkpoint first; read after it again."""

    def __init__(self, name: str, expected: int, actual: int) -> None:
        self.name, self.expected, self.actual = name, expected, actual
        super().__init__(
            f"follower {name!r} is at position {actual}, not the expected {expected}: another "
            "process applied these events first; read after its checkpoint again"
        )


class DuplicateEventError(StoreError):
    """An event id already in the log was appended with different content."""


class UnknownEventError(StoreError):
    """An event id that is not in the log."""

    exit_code = 2  # the user named it: bad input, not a broken store


class LeaseLostError(StoreError):
    """A daemon's lease on a feed expired (another may hold it now): its poll writes nothing."""


class SchemaError(StoreError):
    """The database file is not a tracker log this version can use."""


class FeedError(TrackerError):
    """A feed could not be read."""


class FetchError(FeedError):
    """Fetching a feed over HTTP failed."""


class DaemonError(TrackerError):
    """The daemon could not start or run."""
