"""The changes on the web: the /changes page and the Atom feed at /changes.atom (the data
they show: :mod:`tracker.web.change_data`)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tracker.actors import actor_name
from tracker.changes import ChangeFilter
from tracker.changes.atom import FEED_ID, atom_feed
from tracker.changes.durations import day_back, moment_back
from tracker.changes.model import KINDS
from tracker.errors import UsageError, quoted
from tracker.queries import today_utc
from tracker.web.change_data import changes_between
from tracker.web.params import actor_param, pair_param, until_param
from tracker.web.readonly import ReadOnlyDatabase
from tracker.web.security import PageRenderer
from tracker.web.sources import safe_url

__all__ = ["changes_router"]

_KINDS = sorted(set(KINDS.values()))


def _filter(actor: str | None, relationship: str | None, kind: str | None) -> ChangeFilter:
    code = actor_param(actor)
    pair = None
    if relationship:
        pair = "-".join(sorted(pair_param(relationship)))
    if kind and kind not in _KINDS:
        raise UsageError(f"kind {quoted(kind)} is not one of {', '.join(_KINDS)}")
    return ChangeFilter(
        actors=(code,) if code else (),
        relationship=pair,
        kinds=(kind,) if kind else (),
    )


def _window(window: str | None, since: str | None) -> tuple[str, str]:
    if window not in (None, "", "happened", "learned"):
        raise UsageError(f"window {quoted(window)} is not happened or learned")
    chosen = window or "learned"
    text = since or ("7d" if chosen == "learned" else "30d")
    # Checked here, so a bad value is a 400 before anything is cached.
    if chosen == "learned":
        moment_back(text, "since", datetime.now(UTC))
    else:
        day_back(text, "since", today_utc())
    return chosen, text


def changes_router(db: ReadOnlyDatabase, pages: PageRenderer) -> APIRouter:
    """The routes of the changes page and feed over ``db``."""
    router = APIRouter(include_in_schema=False)

    @router.get("/changes", response_class=HTMLResponse)
    def changes_page(
        request: Request,
        actor: str | None = None,
        relationship: str | None = None,
        kind: str | None = None,
        window: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Response:
        wanted = _filter(actor, relationship, kind)
        chosen, text = _window(window, since)
        end = until_param(until)
        if end is not None and chosen != "happened":
            raise UsageError("until bounds what happened: add window=happened, or leave it out")
        found = changes_between(db, db.head(), today_utc(), chosen, text, wanted, end)
        query = {
            "actor": wanted.actors[0] if wanted.actors else "",
            "relationship": wanted.relationship or "",
            "kind": kind or "",
        }
        feed = "/changes.atom?" + urlencode({k: v for k, v in query.items() if v})
        context = {
            "db_name": db.path.name,
            "actor_name": actor_name,
            "safe_url": safe_url,
            "changes": found,
            "wanted": wanted,
            "kind": kind or "",
            "kinds": _KINDS,
            "window": chosen,
            "since": text,
            "until": end,
            "feed_url": feed,
        }
        return pages.render(request, "changes.html", context)

    @router.get("/changes.atom")
    def changes_feed(
        request: Request,
        actor: str | None = None,
        relationship: str | None = None,
        kind: str | None = None,
        since: str | None = None,
    ) -> Response:
        wanted = _filter(actor, relationship, kind)
        chosen, text = _window("learned", since or "30d")
        found = changes_between(db, db.head(), today_utc(), chosen, text, wanted)
        filters = {
            "actor": ",".join(wanted.actors),
            "relationship": wanted.relationship or "",
            "kind": kind or "",
        }
        suffix = urlencode({k: v for k, v in filters.items() if v})
        body = atom_feed(
            found,
            title="policy-tracker: what changed" + (f" ({suffix})" if suffix else ""),
            self_url=str(request.url),
            feed_id=FEED_ID + (f"?{suffix}" if suffix else ""),
        )
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    return router
