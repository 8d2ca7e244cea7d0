"""The relationship page in a real headless Chromium (Debian's), driven by Playwright.

Served by uvicorn in a background thread on a free loopback port, over a copy of the demo
database with one more event whose source is an article on a local HTTP server, so that
following a source link stays on this machine. Skips when Chromium cannot be launched.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from events import Evidence, MeetingHeld, NegotiationsOpened
from tracker.app import Tracker
from tracker.queries import today_utc

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTICLE = (
    "<html><body><h1>Pashinyan and Rubio meet</h1><p>They met in Washington.</p></body></html>"
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serial")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    manager = playwright_api.sync_playwright().start()
    try:
        launched = manager.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    except Exception as exc:  # any launch failure means: no browser here, not a failed test
        manager.stop()
        pytest.skip(f"Chromium at {CHROMIUM} could not be launched: {exc}")
    yield launched
    launched.close()
    manager.stop()


@pytest.fixture
def site(demo_db: Path, tmp_path: Path, httpserver: HTTPServer) -> Iterator[str]:
    """The demo database plus an event sourced from a local article and a planned step of an
    agreement, served on loopback."""
    import uvicorn

    from tracker.web.app import create_app

    httpserver.expect_request("/article").respond_with_data(ARTICLE, content_type="text/html")
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    evidence = Evidence(
        article_id="local-1",
        url=httpserver.url_for("/article"),
        sentence="Pashinyan and Rubio met in Washington.",
    )
    planned = Evidence(article_id="local-2", sentence="They plan to open talks on a 123 Agreement.")
    with Tracker.open(db) as tracker:
        tracker.record(
            MeetingHeld(source="ARM", target="USA", occurred="2025-04-02", evidence=(evidence,))
        )
        # A step of an agreement that is only planned: a marker on the chart's lane.
        tracker.record(
            NegotiationsOpened(
                source="ARM",
                target="USA",
                agreement="123 Agreement",
                occurred="2025-01-15",
                modality="planned",
                evidence=(planned,),
            )
        )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def test_as_of_control_moves_the_charter_in_and_out(
    browser: Any, site: str, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site}/relations/ARM-USA")
    agreements = page.locator("#agreements")
    assert "Charter on Strategic Partnership" in agreements.inner_text()

    page.fill("#as-of-input", "2025-01-13")
    with page.expect_navigation():
        page.click("#as-of-form button[type=submit]")
    assert "as_of=2025-01-13" in page.url
    assert "Charter on Strategic Partnership" not in agreements.inner_text()
    assert page.locator("#as-of-date").inner_text() == "2025-01-13"
    page.screenshot(path=str(tmp_path / "before-charter.png"), full_page=True)

    # Back to today with the slider: its last stop is today; letting go reloads the page.
    slider = page.locator("#as-of-slider")
    slider.focus()
    with page.expect_navigation():
        page.keyboard.press("End")
    assert f"as_of={today_utc().isoformat()}" in page.url
    text = agreements.inner_text()
    assert "Charter on Strategic Partnership" in text and "signed" in text
    assert page.locator("#timeline-chart circle").count() >= 6

    shot = tmp_path / "relation.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()


def test_following_a_source_link_opens_the_article(browser: Any, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}/relations/ARM-USA")
    row = page.locator("tr", has_text="Pashinyan and Rubio met in Washington.")
    with page.expect_navigation():
        row.locator("a.source-link").click()
    assert page.url.endswith("/article")
    assert "They met in Washington." in page.locator("body").inner_text()
    page.close()


def test_index_page_links_to_the_relationship(browser: Any, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}/?actor=Armenia&sort=events&order=desc")
    with page.expect_navigation():
        page.click("text=Armenia – United States")
    assert "/relations/ARM-USA" in page.url
    assert page.locator("#state-label").inner_text() == "strategic partnership"
    page.close()


QUAD_COLOURS = {
    "verbal cooperation": "rgb(43, 138, 62)",
    "material cooperation": "rgb(24, 100, 171)",
    "verbal conflict": "rgb(230, 119, 0)",
    "material conflict": "rgb(201, 42, 42)",
}
PILL_COLOURS = {"strategic": "rgb(208, 235, 255)", "strained": "rgb(255, 243, 191)"}
ISO_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # as precise as the news was


def _watch_console(page: Any) -> list[str]:
    """Errors the page logs, such as a policy violation (a blocked style, icon or script)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def test_tone_dots_take_their_colour_from_the_quad_class(browser: Any, site: str) -> None:
    # ARM-CSTO has only conflict events: numbered by position, they would read as cooperation.
    page = browser.new_page()
    errors = _watch_console(page)
    page.goto(f"{site}/relations/ARM-CSTO")
    dots = page.locator("#tone .quad")
    assert dots.count() >= 1
    seen = set()
    for i in range(dots.count()):
        dot = dots.nth(i)
        quad = dot.get_attribute("title")
        colour = dot.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == QUAD_COLOURS[quad], quad
        seen.add(quad)
    assert "verbal conflict" in seen
    for i in range(page.locator("#events .quad").count()):
        dot = page.locator("#events .quad").nth(i)
        colour = dot.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == QUAD_COLOURS[dot.get_attribute("title")]
    assert errors == []
    page.close()


def test_label_pills_take_their_colour_from_the_kind(browser: Any, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}/?actor=ARM&as_of=2025-06-01")
    for label, kind in (("strategic partnership", "strategic"), ("strained", "strained")):
        pill = page.locator("#relations .label", has_text=label).first
        colour = pill.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == PILL_COLOURS[kind], label
    page.close()


def test_agreement_bands_and_events_after_the_as_of_date_are_faded(browser: Any, site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def opacities(selector: str) -> list[str]:
        found = page.locator(f"#timeline-chart {selector}")
        return [
            found.nth(i).evaluate("e => getComputedStyle(e).opacity") for i in range(found.count())
        ]

    # The day before the charter: its band, the 123 Agreement's planned step and the
    # events to come are all faded.
    page.goto(f"{site}/relations/ARM-USA?as_of=2025-01-13")
    assert set(opacities("rect.band")) == {"0.3"}
    assert set(opacities("path.step")) == {"0.3"}
    assert set(opacities("circle")) == {"0.3"}
    later = page.locator("#events tr.later td").first
    assert later.evaluate("e => getComputedStyle(e).color") == "rgb(154, 165, 177)"

    # Between the charter and the last event, a band is cut at the as-of line: full before,
    # faded after.
    page.goto(f"{site}/relations/ARM-USA?as_of=2025-02-15")
    line = float(page.locator("#as-of-line").get_attribute("x1"))
    bands = page.locator("#timeline-chart rect.band-signed")
    pieces = [
        (
            float(bands.nth(i).get_attribute("x")),
            bands.nth(i).evaluate("e => getComputedStyle(e).opacity"),
        )
        for i in range(bands.count())
    ]
    assert [o for x, o in pieces if x < line] == ["1"]
    assert [o for x, o in pieces if x >= line] == ["0.3"]
    assert "1" in opacities("circle") and "0.3" in opacities("circle")
    page.close()


@pytest.mark.parametrize("path", ["/", "/relations/ARM-USA", "/relations/ARM-CSTO", "/docs"])
def test_a_phone_screen_needs_no_sideways_scroll(browser: Any, site: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(site + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width} px wide"
    # The tables are stacked rows: each row as wide as the screen, not a row of columns.
    for table in ("#relations", "#events"):
        if page.locator(f"table{table}").count():
            box = page.locator(f"table{table} tbody tr").first.bounding_box()
            assert box is not None and box["width"] <= 390
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_dates_are_iso_and_never_wrap(browser: Any, site: str, width: int) -> None:
    # A German browser would show a date input as 13.01.2025: the field is ISO text instead.
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(f"{site}/relations/ARM-USA?as_of=2025-01-13")
    field = page.locator("#as-of-input")
    assert field.input_value() == "2025-01-13"
    assert field.evaluate("e => e.type") == "text"
    field.fill("13.01.2025")
    assert field.evaluate("e => e.checkValidity()") is False  # the form will not send it
    cells = page.locator("#events td.date")
    assert cells.count() >= 6
    for i in range(cells.count()):
        cell = cells.nth(i)
        assert ISO_DAY.match(cell.inner_text().strip())
        # One line: the text's boxes all sit on one line, however narrow the screen.
        lines = cell.evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"
        )
        assert lines == 1, cell.inner_text()
    ticks = page.evaluate(
        "[...document.querySelectorAll('#timeline-chart text')].map(t => t.textContent)"
    )
    assert any(ISO_DAY.match(t) for t in ticks)
    assert not any(re.match(r"^[A-Z][a-z]{2} \d{4}$", t) for t in ticks)  # no "Jan 2025"
    context.close()
