"""Fixtures shared by every test: real SQLite files in tmp_path, the shared folder if present."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.store_backends import BACKENDS, StoreBackend
from tracker.app import Tracker
from tracker.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# The PostgreSQL test server (pg_server, pg_database): see tests/pg_server.py.
pytest_plugins = ["tests.pg_server"]


_UNGROUPED: set[str] = set()


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> Iterator[None]:
    """Note the tests of an ``xdist_group`` that ``--dist loadgroup`` (pyproject's addopts) left
    untagged: xdist would spread them over the workers side by side, so that the timing tests
    marked ``xdist_group("serial")`` would flake; they fail instead (pytest_runtest_setup)."""
    yield
    if getattr(config.option, "loadgroup", False):
        _UNGROUPED.update(
            i.nodeid for i in items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.nodeid in _UNGROUPED:
        pytest.fail(
            "--dist loadgroup did not group this test with the others of its xdist_group: "
            "this pytest and pytest-xdist do not work together (pytest-xdist#1386)",
            pytrace=False,
        )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[EventStore]:
    with EventStore.open(db_path) as s:
        yield s


@pytest.fixture
def tracker(db_path: Path) -> Iterator[Tracker]:
    with Tracker.open(db_path) as t:
        yield t


@pytest.fixture(params=list(BACKENDS))
def log_backend(request: pytest.FixtureRequest) -> StoreBackend:
    """Each store backend in turn (see tests/store_backends.py): the contract test's fixture."""
    return BACKENDS[request.param](request)


@pytest.fixture
def shared() -> Path:
    """The ../shared folder; tests that need it skip cleanly on a user's clone."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (only developers and CI have it)")
    return SHARED


def rss_document(items: list[dict[str, str]], title: str = "Test feed") -> bytes:
    """An RSS 2.0 document; each item's keys become child elements (guid, link, title, ...)."""
    from xml.sax.saxutils import escape

    body = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>"
        for item in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}'
        f"</title><link>https://news.example/</link>{body}</channel></rss>"
    ).encode()


@pytest.fixture
def make_rss() -> Callable[..., bytes]:
    """Build an RSS feed from item dicts: ``make_rss([{"guid": "1", "title": "..."}])``."""
    return rss_document


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database `tracker demo` builds, made once per session: tests must only read it."""
    from click.testing import CliRunner

    from tracker.cli import cli

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled US-Armenia seed timeline in a database, once per session (read only).

    Unlike the demo, whose events come from extraction and may change with the extractor,
    these events are fixed, so tests can name their dates and counts.
    """
    import seeds
    from tracker.event_json import read_jsonl

    path = tmp_path_factory.mktemp("seed") / "seed.db"
    with Tracker.open(path) as t:
        t.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
        t.run_followers()  # as `tracker append` leaves it: the projection current
    return path
