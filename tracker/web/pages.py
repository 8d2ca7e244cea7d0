"""The HTML pages: every relationship, and one relationship's state, timeline and sources."""

from __future__ import annotations

from bisect import bisect_right
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tracker.actors import actor_name
from tracker.errors import UsageError, quoted
from tracker.queries import today_utc
from tracker.web.change_data import AROUND_DAYS, changes_around
from tracker.web.chart import timeline_chart
from tracker.web.data import EventItem, relation_list, relation_page
from tracker.web.params import (
    actor_param,
    as_of_param,
    known_at_param,
    pair_param,
    sort_param,
)
from tracker.web.readonly import ReadOnlyDatabase
from tracker.web.security import PageRenderer

__all__ = ["LIST_LIMIT", "page_router"]

# The event list shows at most this many rows, centred on the as-of date; the JSON has all.
LIST_LIMIT = 400
_COLUMNS = (
    ("relationship", "Relationship"),
    ("label", "Label"),
    ("last_contact", "Last contact"),
    ("tone", "Tone (mean Goldstein)"),
    ("events", "Events"),
)


def safe_url(url: str) -> bool:
    """Only http(s) links are shown: a feed could carry ``javascript:`` URLs."""
    return urlsplit(url).scheme in ("http", "https")


def _listed(events: tuple[EventItem, ...], index: int) -> tuple[EventItem, ...]:
    """At most LIST_LIMIT events around position ``index`` (the first after the as-of date)."""
    if len(events) <= LIST_LIMIT:
        return events
    start = max(0, min(index - LIST_LIMIT * 3 // 4, len(events) - LIST_LIMIT))
    return events[start : start + LIST_LIMIT]


def page_router(db: ReadOnlyDatabase, pages: PageRenderer) -> APIRouter:
    """The routes of the HTML pages over ``db``."""
    router = APIRouter(include_in_schema=False)
    common = {"db_name": db.path.name, "actor_name": actor_name, "safe_url": safe_url}

    @router.get("/", response_class=HTMLResponse)
    def index(
        request: Request,
        actor: str | None = None,
        as_of: str | None = None,
        sort: str | None = None,
        order: str | None = None,
    ) -> Response:
        code = actor_param(actor)
        day = as_of_param(as_of)
        key = sort_param(sort)
        if order not in (None, "", "asc", "desc"):
            raise UsageError(f"order {quoted(order)} is not asc or desc")
        direction = order or "asc"
        found = relation_list(db, actor=code, as_of=day, sort=key, descending=direction == "desc")
        as_of_day = found[0].as_of if found else (day or today_utc())
        current = {"actor": code, "as_of": as_of_day.isoformat(), "sort": key, "order": direction}

        def query(**changes: str | None) -> str:
            merged = {k: v for k, v in {**current, **changes}.items() if v}
            return "/?" + urlencode(merged)

        context = {
            **common,
            "relations": found,
            "actor": code,
            "as_of": as_of_day,
            "sort": key,
            "order": direction,
            "columns": _COLUMNS,
            "query": query,
        }
        return pages.render(request, "index.html", context)

    @router.get("/relations/{pair}", response_class=HTMLResponse)
    def relation(
        request: Request, pair: str, as_of: str | None = None, known_at: str | None = None
    ) -> Response:
        a, b = pair_param(pair)
        key = "-".join(sorted((a, b)))
        if pair != key:
            # One address per relationship: USA-ARM and Armenia-USA lead to ARM-USA.
            target = f"/relations/{key}"
            if request.url.query:
                target += f"?{request.url.query}"
            return RedirectResponse(target, status_code=307)
        page = relation_page(db, a, b, as_of=as_of_param(as_of), known_at=known_at_param(known_at))
        day = page.state.as_of
        first_after = bisect_right([e.start for e in page.events], day)
        context = {
            **common,
            "page": page,
            "chart": timeline_chart(page.events, page.lifecycles, day),
            "slider_index": page.dates.index(day),
            "listed": _listed(page.events, first_after),
            "shown": min(LIST_LIMIT, len(page.events)),
            "changes": changes_around(db, key, day, page.state.known_at),
            "around_days": AROUND_DAYS,
        }
        return pages.render(request, "relation.html", context)

    return router
