"""The HTML pages: every relationship, and one relationship's state, timeline and sources."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tracker.actors import actor_name
from tracker.errors import UsageError, quoted
from tracker.gc_pause import cyclic_gc_paused
from tracker.queries import today_utc
from tracker.web.chart import lanes_markup, points_markup, timeline_chart
from tracker.web.data import AROUND_DAYS, CACHE_SIZE, relation_list, state_between, timeline
from tracker.web.limits import limit
from tracker.web.params import (
    actor_param,
    as_of_param,
    known_at_param,
    page_param,
    pair_param,
    sort_param,
)
from tracker.web.readonly import ReadOnlyDatabase
from tracker.web.security import CachedPage, PageRenderer
from tracker.web.sources import safe_url

__all__ = ["MAX_STOPS", "PAGE_SIZE", "SHOWN_CHANGES", "SHOWN_SOURCES", "SHOWN_STEPS", "page_router"]

# The event list shows this many events a page, newest first; the JSON has them all.
# The limits are data (seeds/page.toml).
PAGE_SIZE = limit("page_size")
MAX_STOPS = limit("max_stops")  # the as-of slider's stops at most (every n-th event date past it)
SHOWN_SOURCES = limit("shown_sources")  # an event row's articles, then "and N more"
# The state's facts show their latest steps, then "N earlier" (the JSON: every step kept).
SHOWN_STEPS = limit("shown_steps")
# The changes of the days up to the as-of date: the newest, then a link to them all.
SHOWN_CHANGES = limit("shown_changes")
_COLUMNS = (
    ("relationship", "Relationship"),
    ("label", "Label"),
    ("last_contact", "Last contact"),
    ("tone", "Tone (mean Goldstein)"),
    ("events", "Events"),
)


def page_of(index: int, total: int) -> int:
    """The page (1 the newest) of the event list that shows event ``index`` of ``total``."""
    return (total - 1 - index) // PAGE_SIZE + 1


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
        request: Request,
        pair: str,
        as_of: str | None = None,
        known_at: str | None = None,
        page: str | None = None,
    ) -> Response:
        a, b = pair_param(pair)
        key = "-".join(sorted((a, b)))
        if pair != key:
            # One address per relationship: USA-ARM and Armenia-USA lead to ARM-USA.
            target = f"/relations/{key}"
            if request.url.query:
                target += f"?{request.url.query}"
            return RedirectResponse(target, status_code=307)
        today = today_utc()
        day = as_of_param(as_of) or today
        when = known_at_param(known_at)
        number = page_param(page)
        # The fold and the rendering allocate tens of thousands of objects that make no
        # cycles: with the cyclic GC running, those alive at its passes were promoted to the
        # oldest generation and set off a full pass every ten requests or so (~200 ms each
        # on a 5,000-event pair). Paused, reference counts free them.
        with cyclic_gc_paused():
            found = relation_html(db.head(), key, day, when, today, number)
        return found.response()

    # The log only grows: a page is a pure function of the question, the log's last position
    # and today, so it is kept by them, as bytes (an object graph per page made the cyclic
    # GC's full passes walk them all); a new event retires them all.
    @lru_cache(maxsize=CACHE_SIZE)
    def relation_html(
        head: int, key: str, day: date, when: datetime | None, today: date, number: int | None
    ) -> CachedPage:
        found = timeline(db, key, when)
        diff = state_between(db, found, day, when)
        total = len(found.items)
        first_after = found.first_after(day)
        pages_total = max(1, -(-total // PAGE_SIZE))
        as_of_page = page_of(max(first_after - 1, 0), total) if total else 1
        number = number or as_of_page
        if number > pages_total:
            raise UsageError(
                f"page {number} is past the last page of events ({pages_total}): "
                "leave page out to see the as-of date's"
            )
        high = total - PAGE_SIZE * (number - 1)
        low = max(0, high - PAGE_SIZE)
        wanted = {"as_of": day.isoformat(), "known_at": when.isoformat() if when else None}

        # The question's part of a page's address is encoded once: a long pair's chart
        # points link to a hundred pages or more.
        asked = urlencode({k: v for k, v in wanted.items() if v})

        @cache  # the chart's points ask for a few pages, each many times
        def page_href(n: int) -> str:
            return f"/relations/{key}?{asked}&page={n}"

        def sources_href(index: int) -> str:
            """The JSON of event ``index`` of the timeline: every source of it."""
            query = {"known_at": wanted["known_at"], "offset": str(index), "limit": "1"}
            return f"/api/relations/{key}?{urlencode({k: v for k, v in query.items() if v})}"

        def changes_href() -> str:
            """The changes page for every change of the days before ``day``."""
            query = {
                "relationship": key,
                "window": "happened",
                "since": (day - timedelta(days=AROUND_DAYS)).isoformat(),
                "until": day.isoformat(),
            }
            return f"/changes?{urlencode(query)}"

        def point_href(index: int, anchor: str) -> str:
            n = page_of(index, total)
            return f"#{anchor}" if n == number else f"{page_href(n)}#{anchor}"

        stops = found.stops(day, today, MAX_STOPS)
        context = {
            **common,
            "state": diff.after,
            "stops": " ".join(map(str, stops)),
            "stop_count": len(stops),
            "chart": timeline_chart(found.items, found.lifecycles, day, found.months),
            "slider_index": stops.index(day),
            "rows": [(found.row(i), i >= first_after, i) for i in range(high - 1, low - 1, -1)],
            "total": total,
            "page_size": PAGE_SIZE,
            "first_shown": total - high + 1,
            "last_shown": total - low,
            "page_number": number,
            "pages_total": pages_total,
            "as_of_page": as_of_page,
            "page_href": page_href,
            "point_href": point_href,
            "sources_href": sources_href,
            "shown_sources": SHOWN_SOURCES,
            "points_markup": points_markup,
            "lanes_markup": lanes_markup,
            "changes": diff.changes[:SHOWN_CHANGES],
            "changes_total": len(diff.changes),
            "changes_href": changes_href,
            "shown_steps": SHOWN_STEPS,
            # The state's JSON, every step and source it keeps (with the first event: the
            # events are the table's, a page at a time).
            "state_href": f"/api/relations/{key}?{asked}&limit=1",
            "around_days": AROUND_DAYS,
        }
        return pages.render_once("relation.html", context)

    return router
