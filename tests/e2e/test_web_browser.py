"""The relationship page in a real headless Chromium (Debian's), driven by Playwright.

Served by uvicorn in a background thread on a free loopback port, over a copy of the demo
database with one more event whose source is an article on a local HTTP server, so that
following a source link stays on this machine. Skips when Chromium cannot be launched.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from events import Evidence, MeetingHeld
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

pytestmark = pytest.mark.slow


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
    """The demo database plus an event sourced from a local article, served on loopback."""
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
    with Tracker.open(db) as tracker:
        tracker.record(
            MeetingHeld(source="ARM", target="USA", occurred="2025-04-02", evidence=(evidence,))
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
