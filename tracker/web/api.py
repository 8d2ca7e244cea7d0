"""The JSON API: the pages' data, described by FastAPI's OpenAPI schema at ``/openapi.json``.

Parameters are taken as text and parsed in :mod:`tracker.web.params`, so that a bad one is
answered with a 4xx and a message that says what to write instead (see ``app.py``).
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Response

from tracker.queries import RelationSummary
from tracker.web.data import RelationPage, event_count, relation_list, relation_page
from tracker.web.params import (
    actor_param,
    as_of_param,
    known_at_param,
    pair_param,
    sort_param,
)
from tracker.web.readonly import ReadOnlyDatabase

__all__ = ["api_router"]

_AS_OF = Query(None, description="Valid date, YYYY-MM-DD (default: today, UTC).")
_KNOWN_AT = Query(None, description="As known at this UTC time, e.g. 2025-02-01T00:00Z.")


def api_router(db: ReadOnlyDatabase) -> APIRouter:
    """The ``/api`` routes over ``db``."""
    router = APIRouter(prefix="/api", tags=["relations"])

    @router.get("/relations", response_model=list[RelationSummary])
    def relations(
        actor: str | None = Query(None, description="Only this actor's relations (ARM, Armenia)."),
        as_of: str | None = _AS_OF,
        sort: str | None = Query(
            None, description="relationship, label, last_contact, tone or events."
        ),
        order: Literal["asc", "desc"] = "asc",
    ) -> list[RelationSummary]:
        """Every relationship with its label, last contact, tone and number of events."""
        return relation_list(
            db,
            actor=actor_param(actor),
            as_of=as_of_param(as_of),
            sort=sort_param(sort),
            descending=order == "desc",
        )

    @router.get("/relations/{pair}", response_model=RelationPage)
    def relation(
        response: Response,
        pair: str,
        as_of: str | None = _AS_OF,
        known_at: str | None = _KNOWN_AT,
        offset: int = Query(0, ge=0, description="Events to skip, from the oldest."),
        limit: int | None = Query(
            None, ge=1, description="At most this many events (default: every one)."
        ),
    ) -> RelationPage:
        """One relationship (``ARM-USA``): its state as of a date, known at a time, and every
        event behind it (``limit`` of them from ``offset``, in the order they happened; the
        header ``X-Total-Count`` says how many there are) with the change it made and its
        sources."""
        a, b = pair_param(pair)
        when = known_at_param(known_at)
        found = relation_page(
            db, a, b, as_of=as_of_param(as_of), known_at=when, offset=offset, limit=limit
        )
        response.headers["X-Total-Count"] = str(event_count(db, a, b, known_at=when))
        return found

    return router
