"""A long relationship on the page: its events a page at a time, its chart by month, and its
state folded from the kept timeline equal to the state query's."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from events import DiplomaticEvent
from tracker.app import Tracker
from tracker.bench.pair_log import PAIR, build_pair_log
from tracker.web.app import create_app
from tracker.web.months import MAX_POINTS
from tracker.web.pages import PAGE_SIZE

KEY = "-".join(PAIR)


@pytest.fixture(scope="module")
def long_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 400 facts of one pair, each told by two to four sources, one of them retracted."""
    path = build_pair_log(tmp_path_factory.mktemp("long") / "long.db", 1_000)
    with Tracker.open(path) as t:
        facts = [r.event for r in t.log(relationship=KEY) if isinstance(r.event, DiplomaticEvent)]
        t.retract(facts[len(facts) // 2].event_id, "a misreading")
        t.run_followers()
    return path


@pytest.fixture(scope="module")
def client(long_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(long_db), raise_server_exceptions=False) as c:
        yield c


def _rows(html: str) -> list[tuple[str, bool]]:
    """The event list's rows: (event id, faded)."""
    start = html.index('<table id="events"')
    table = html[start : html.index("</table>", start)]
    return [
        (m.group(1), m.group(2) == "later")
        for m in re.finditer(r'<tr id="ev-([^"]+)" class="([^"]*)"', table)
    ]


def _all_events(client: TestClient, as_of: str) -> list[dict[str, object]]:
    events: list[dict[str, object]] = client.get(
        f"/api/relations/{KEY}", params={"as_of": as_of}
    ).json()["events"]
    return events


def test_events_are_listed_newest_first_a_page_at_a_time(client: TestClient) -> None:
    events = _all_events(client, "2026-01-01")
    newest_first = [e["event_id"] for e in reversed(events)]
    assert len(events) > 3 * PAGE_SIZE
    first = client.get(f"/relations/{KEY}", params={"as_of": "2026-01-01", "page": "1"}).text
    second = client.get(f"/relations/{KEY}", params={"as_of": "2026-01-01", "page": "2"}).text
    assert [i for i, _ in _rows(first)] == newest_first[:PAGE_SIZE]
    assert [i for i, _ in _rows(second)] == newest_first[PAGE_SIZE : 2 * PAGE_SIZE]
    last = -(-len(events) // PAGE_SIZE)
    oldest = client.get(f"/relations/{KEY}", params={"as_of": "2026-01-01", "page": str(last)})
    assert [i for i, _ in _rows(oldest.text)] == newest_first[(last - 1) * PAGE_SIZE :]
    # Links to the pages beside, and to the newest and oldest.
    assert 'page=3#events-and-sources" rel="next"' in second
    assert 'page=1#events-and-sources" rel="prev"' in second
    assert f'page={last}#events-and-sources" rel="last"' in second


def test_the_as_of_dates_neighbourhood_is_the_page_shown(client: TestClient) -> None:
    as_of = "2012-06-30"
    events = _all_events(client, as_of)
    by_then = [e["event_id"] for e in events if not e["after_as_of"]]
    html = client.get(f"/relations/{KEY}", params={"as_of": as_of}).text
    rows = _rows(html)
    assert len(rows) == PAGE_SIZE
    ids = [i for i, _ in rows]
    assert by_then[-1] in ids  # the last event by the as-of date is on the page
    faded = {i for i, later in rows if later}
    assert faded == {i for i in ids if i not in by_then}
    # Paging away offers the way back to the as-of date's page.
    away = client.get(f"/relations/{KEY}", params={"as_of": as_of, "page": "1"}).text
    assert 'class="as-of-page"' in away and 'class="as-of-page"' not in html


@pytest.mark.parametrize(
    ("page", "words"),
    [("999", "past the last page"), ("0", "not a page number"), ("two", "not a page number")],
)
def test_a_page_that_is_not_there_is_a_clear_error(
    client: TestClient, page: str, words: str
) -> None:
    response = client.get(f"/relations/{KEY}", params={"page": page})
    assert response.status_code == 400
    assert words in response.text and "Traceback" not in response.text


def test_the_chart_draws_a_point_per_month_and_links_to_its_page(client: TestClient) -> None:
    events = _all_events(client, "2012-06-30")
    assert len(events) > MAX_POINTS
    html = client.get(f"/relations/{KEY}", params={"as_of": "2012-06-30"}).text
    svg = html[html.index("<svg") : html.index("</svg>")]
    points = re.findall(r'<a href="([^"]*)">\s*<circle class="q(\d)( planned)?( dim)?"', svg)
    months = {str(e["start"])[:7] for e in events}
    assert len(points) < len(events)
    assert len(points) <= 4 * len(months) + 4  # a month's kinds, and the as-of month split
    assert any(dim for *_, dim in points) and any(not dim for *_, dim in points)
    # A point links to its first event's row, on whichever page holds it.
    href = next(h for h, *_ in points if not h.startswith("#"))
    path, anchor = href.split("#")
    target = client.get(path.replace("&amp;", "&")).text
    assert f'id="{anchor}"' in target


def test_the_api_pages_the_events_too(client: TestClient) -> None:
    events = _all_events(client, "2012-06-30")
    response = client.get(
        f"/api/relations/{KEY}", params={"as_of": "2012-06-30", "offset": 100, "limit": 30}
    )
    assert response.headers["x-total-count"] == str(len(events))
    assert response.json()["events"] == events[100:130]
    assert client.get(f"/api/relations/{KEY}", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("as_of", ["1999-12-31", "2003-02-14", "2012-06-30", "2025-12-31"])
@pytest.mark.parametrize("known_at", [None, datetime(2026, 1, 1, tzinfo=UTC)])
def test_the_page_state_equals_the_state_query(
    long_db: Path, as_of: str, known_at: datetime | None
) -> None:
    from tracker.web.data import relation_page
    from tracker.web.readonly import ReadOnlyDatabase

    day = date.fromisoformat(as_of)
    page = relation_page(ReadOnlyDatabase(long_db), *PAIR, as_of=day, known_at=known_at)
    with Tracker.open(long_db) as tracker:
        assert page.state == tracker.state(*PAIR, as_of=day, known_at=known_at)


@pytest.mark.parametrize("spacing", [37, 500])
@pytest.mark.parametrize("as_of", ["2003-02-14", "2012-06-30", "2019-11-30", "2025-12-31"])
def test_states_and_changes_from_the_timelines_snapshots_equal_a_fresh_fold(
    long_db: Path, monkeypatch: pytest.MonkeyPatch, spacing: int, as_of: str
) -> None:
    from tracker.changes.windows import between
    from tracker.web import data
    from tracker.web.readonly import ReadOnlyDatabase

    monkeypatch.setattr(data, "SNAPSHOT_FACTS", spacing)
    monkeypatch.setattr(data, "FREEZE_FROM", 1)  # kept out of the cyclic GC, as a long one
    db = ReadOnlyDatabase(long_db)  # a new database object: a timeline of its own
    day = date.fromisoformat(as_of)
    try:
        found = data.timeline(db, KEY, None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert len(found.snapshots) == len(found.facts) // spacing
    start = day - timedelta(days=data.AROUND_DAYS)
    diff = between(db.store(), KEY, start, day)
    assert data.state_between(db, found, day, None) == (diff.after, diff.changes)


def test_a_row_cites_a_few_sources_and_links_to_all_of_them(client: TestClient) -> None:
    from tracker.web.pages import SHOWN_SOURCES

    events = _all_events(client, "2026-01-01")
    many = [e for e in events if len(e["cited"]) > SHOWN_SOURCES]  # type: ignore[arg-type]
    assert many, "the long pair has events told by more articles than a row shows"
    index = events.index(many[-1])
    page = -(-(len(events) - index) // PAGE_SIZE)
    html = client.get(f"/relations/{KEY}", params={"as_of": "2026-01-01", "page": page}).text
    start = html.index(f'<tr id="ev-{many[-1]["event_id"]}"')
    row = html[start : html.index("</tr>", start)]
    assert row.count('<li class="source">') == SHOWN_SOURCES
    more = len(many[-1]["cited"]) - SHOWN_SOURCES  # type: ignore[arg-type]
    assert f"and {more} more source" in row
    href = re.search(r'class="more-sources muted"><a href="([^"]+)"', row)
    assert href
    full = client.get(href.group(1).replace("&amp;", "&")).json()["events"]
    assert [e["event_id"] for e in full] == [many[-1]["event_id"]]
    assert full[0]["cited"] == many[-1]["cited"]


def test_the_slider_keeps_a_bounded_number_of_stops(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.web import pages

    events = _all_events(client, "2026-01-01")
    days = sorted({str(e["start"]) for e in events})
    monkeypatch.setattr(pages, "MAX_STOPS", 25)
    as_of = "2011-03-17"  # a date no other test asks for: not from the page cache
    html = client.get(f"/relations/{KEY}", params={"as_of": as_of}).text
    found = re.search(r'data-dates="([^"]+)"', html)
    assert found
    stops = found.group(1).split()
    assert len(days) > 25 and len(stops) <= 25 + 2  # and the as-of date and today
    assert as_of in stops and stops == sorted(stops)
    assert days[-1] in stops  # the latest event date is always a stop
    assert set(stops) - {as_of, date.today().isoformat()} <= set(days)


def test_a_facts_earlier_steps_are_counted_and_linked(client: TestClient) -> None:
    from tracker.web.pages import SHOWN_STEPS

    as_of = "2026-01-01"
    html = client.get(f"/relations/{KEY}", params={"as_of": as_of}).text
    section = html[
        html.index('id="agreements"') : html.index("</section>", html.index('id="agreements"'))
    ]
    href = re.search(r'class="more-steps muted">.*?<a href="([^"]+)"', section)
    assert href, "the long pair has agreements with more steps than the page shows"
    state = client.get(href.group(1).replace("&amp;", "&")).json()["state"]
    assert state["as_of"] == as_of
    long = [a for a in state["agreements"] if len(a["steps"]) > SHOWN_STEPS]
    assert long
    for agreement in long:
        start = section.index(f"<strong>{agreement['name']}</strong>")
        block = section[start : section.index("</ol>", start)]
        hidden = len(agreement["steps"]) - SHOWN_STEPS
        assert f"and {hidden} earlier step" in block
        assert f"{agreement['event_count']} events in all" in block
        # The latest steps are shown, newest last, as the state keeps them.
        shown = re.findall(r'<li><span class="date">([^<]+)</span>', block)
        assert shown == [s["date"] for s in agreement["steps"][-SHOWN_STEPS:]]


def test_the_changes_past_the_shown_are_counted_and_linked(
    long_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.web import pages

    monkeypatch.setattr(pages, "SHOWN_CHANGES", 2)
    with TestClient(create_app(long_db), raise_server_exceptions=False) as c:
        # The first as-of date (a month end) with more changes in its 30 days than shown.
        for month in range(1, 300):
            as_of = (date(2001, 1, 1) + timedelta(days=30 * month)).isoformat()
            html = c.get(f"/relations/{KEY}", params={"as_of": as_of}).text
            if 'id="more-changes"' in html:
                break
        else:
            pytest.fail("no as-of date with more changes than the page shows")
        listed = html[html.index('<h2 id="changes">') : html.index("<h2>Timeline</h2>")]
        shown = re.findall(r'id="change-([^"]+)"', listed)
        assert len(shown) == 2
        found = re.search(r'The newest 2 of (\d+): <a href="([^"]+)"', listed)
        assert found
        total, href = int(found.group(1)), found.group(2).replace("&amp;", "&")
        assert f"until={as_of}" in href and "window=happened" in href
        everything = c.get(href)
        assert everything.status_code == 200
        ids = re.findall(r'id="change-([^"]+)"', everything.text)
        assert len(ids) == total > 2
        assert ids[:2] == shown  # newest first on both
        assert f"up to {as_of}" in everything.text


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"window": "learned", "until": "2020-01-01"}, "until bounds what happened"),
        ({"until": "2020-01-01"}, "until bounds what happened"),
        ({"window": "happened", "until": "2020-13-01"}, "until"),
    ],
)
def test_until_on_the_changes_page_is_checked(
    client: TestClient, query: dict[str, str], words: str
) -> None:
    response = client.get("/changes", params=query)
    assert response.status_code == 400
    assert words in response.text and "Traceback" not in response.text
