"""Bench section ``web``: the relationship page under load, from a second process on loopback.

``tracker serve`` runs as a subprocess over a copy of the synthetic log (1,000,000 events over
2,000 relationships; ``--quick``: 20,000 over 40), so the projection catch-up and views it
writes on startup never touch the cached file. A load process then sends a bounded number of
requests from a few concurrent keep-alive clients, first to a trivial route of the same
server (``/openapi.json``, cached: the cost of HTTP, uvicorn and FastAPI alone; the
baseline), then to the busiest relationship's page: once with a different past date on every
request (each folded from the log: nothing is served from the page's cache), and once with
the same date every time (the page's data cached, only rendering left). Figures:
requests/s and p95 latency, each beside the baseline's, and the ratio.

:func:`pair_pages` is the ``scale`` section's page figure: one client over each log whose
busy pair has 500, 5,000 or 50,000 events, a new past date on every request, the sizes
sampled in turn, p50 and p99 beside the trivial route's measured by the same client in the
same run (issue 17's targets on the
5,000-event pair: p50 < 50 ms, p99 < 150 ms), and the server's CPU time per request beside
the trivial route's: on a machine other work shares, latency drifts with the load where
the CPU a request costs barely does.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

from tracker.bench.figures import Figure
from tracker.bench.synthetic import synthetic_log

__all__ = ["latencies", "load", "pair_pages", "run"]

SECTION = "web"
CLIENTS = 4
_STARTUP_TIMEOUT = 900.0  # seconds: catching the projection up on 1M events takes a while


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _busiest(db: Path) -> tuple[str, int]:
    from tracker.store import EventStore

    with EventStore.open(db) as store:
        counts = store.relationship_counts(store.head())
    key, count = max(counts, key=lambda item: item[1])
    return key, count


def _wait_until_serving(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + _STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"tracker serve exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("tracker serve did not answer in time")


def load(url: str, requests: int, clients: int) -> dict[str, float]:
    """GET ``url`` ``requests`` times from ``clients`` threads; run in the load process.

    A ``{day}`` in ``url`` becomes a different date on each request (a week apart).
    """
    import httpx

    urls = [url.format(day=date(2001, 1, 1) + timedelta(weeks=i)) for i in range(requests)]

    def one_client(mine: list[str]) -> list[float]:
        latencies = []
        with httpx.Client(timeout=60) as client:
            for address in mine:
                start = time.perf_counter()
                response = client.get(address)
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise RuntimeError(f"{address} answered {response.status_code}")
        return latencies

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        parts = pool.map(one_client, [urls[i::clients] for i in range(clients)])
        latencies = [t for part in parts for t in part]
    wall = time.perf_counter() - start
    return {
        "rate": len(latencies) / wall,
        "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
    }


def latencies(urls: list[str]) -> list[float]:
    """Seconds each GET of ``urls`` took, one client, one after another (the load process)."""
    import httpx

    times = []
    with httpx.Client(timeout=120) as client:
        for address in urls:
            start = time.perf_counter()
            response = client.get(address)
            times.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise RuntimeError(f"{address} answered {response.status_code}")
    return times


def _latencies_from_second_process(urls: list[str]) -> list[float]:
    code = (
        "import json, sys; from tracker.bench.web_bench import latencies; "
        "print(json.dumps(latencies(json.load(sys.stdin))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(urls),
        capture_output=True,
        text=True,
        check=True,
    )
    times: list[float] = json.loads(done.stdout)
    return times


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of process ``pid`` so far (None where /proc is not)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # Fields 14 and 15 of stat(5), counted after the command's closing parenthesis.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p99 in ms."""
    cuts = statistics.quantiles(times, n=100)
    return statistics.median(times) * 1000, cuts[98] * 1000


class _Served:
    """``tracker serve`` over one log, in a subprocess, with the busy pair's page address."""

    def __init__(self, path: Path) -> None:
        from tracker.bench.pair_log import PAIR

        port = _free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.page = f"{self.base}/relations/{'-'.join(PAIR)}?as_of="
        command = [sys.executable, "-m", "tracker", "serve", "--db", str(path)]
        self.server = subprocess.Popen(
            [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def ready(self) -> None:
        _wait_until_serving(self.base, self.server)
        # The first request builds the pair's timeline: made first, not counted.
        _latencies_from_second_process([self.page + "2000-01-01"])

    def timed(self, urls: list[str]) -> tuple[list[float], float | None]:
        """Each request's seconds, and the server's CPU seconds over them all."""
        before = _cpu_seconds(self.server.pid)
        times = _latencies_from_second_process(urls)
        after = _cpu_seconds(self.server.pid)
        cpu = None if before is None or after is None else after - before
        return times, cpu

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=30)


_PAGE_ROUNDS = 5


def pair_pages(
    paths: dict[int, Path], requests: int
) -> dict[int, dict[str, tuple[float, str, float, str]]]:
    """The busy pair's page of each log in ``paths`` (by size), each served by its own
    ``tracker serve``, one client, a new past date each request, across the pairs' years
    (not served from the page cache): p50 and p99 in ms beside the trivial route's, and the
    server's CPU a request beside the trivial route's. The sizes are sampled in turn, a
    share of the dates a round, the trivial route just before each share (as the scale
    section samples its other figures): on a machine whose speed drifts, every size sees
    the same drift. Then, apart, the first request after each of a few polls' news appended
    by another process (the timeline grown by them). For section ``scale``."""
    served = {size: _Served(path) for size, path in paths.items()}
    # Past dates across the pairs' 25 years, as the scale section's answers as of a past
    # date are sampled, each once (none answered from the page cache), the same for every
    # size. (The first 200 weeks, as before, showed the 500-event pair's oldest page of
    # events, a third full, and its first facts only.)
    from tracker.bench.pair_log import LAST_DAY

    rng = random.Random(5)
    days = [LAST_DAY - timedelta(days=n) for n in rng.sample(range(30, 9_000), requests)]
    varied: dict[int, list[float]] = {size: [] for size in paths}
    trivial: dict[int, list[float]] = {size: [] for size in paths}
    cpu: dict[int, list[float | None]] = {size: [None, None] for size in paths}
    sizes = list(paths)
    try:
        for one in served.values():
            one.ready()
        for turn in range(_PAGE_ROUNDS):
            share = days[turn::_PAGE_ROUNDS]
            for size in sizes[turn % len(sizes) :] + sizes[: turn % len(sizes)]:
                one = served[size]
                times, spent = one.timed([f"{one.base}/openapi.json"] * len(share))
                trivial[size] += times
                cpu[size][0] = _added(cpu[size][0], spent)
                times, spent = one.timed([one.page + day.isoformat() for day in share])
                varied[size] += times
                cpu[size][1] = _added(cpu[size][1], spent)
        moved = {size: _after_news(paths[size], one.page, days) for size, one in served.items()}
    finally:
        for one in served.values():
            one.stop()
    found: dict[int, dict[str, tuple[float, str, float, str]]] = {}
    for size in sizes:
        p50, p99 = _percentiles(varied[size])
        base50, base99 = _percentiles(trivial[size])
        figures = {
            "page, a new date each request p50": (p50, "ms", base50, "trivial route p50"),
            "page, a new date each request p99": (p99, "ms", base99, "trivial route p99"),
            "page, the first request after news of the last days, p50": (
                statistics.median(moved[size]) * 1000,
                "ms",
                base50,
                "trivial route p50",
            ),
        }
        spent_trivial, spent_pages = cpu[size]
        if spent_trivial is not None and spent_pages is not None:
            figures["page, a new date each request: server CPU a request"] = (
                spent_pages / len(varied[size]) * 1000,
                "ms",
                spent_trivial / len(trivial[size]) * 1000,
                "trivial route's",
            )
        found[size] = figures
    return found


def _added(total: float | None, more: float | None) -> float | None:
    if more is None:
        return None
    return more if total is None else total + more


_NEWS_ROUNDS = 5


def _after_news(path: Path, page: str, days: list[date]) -> list[float]:
    """Seconds of the first request after each of a few polls' news (a fact dated in the
    days before the pair's last, and a further source of an old one) is appended by another
    process, as a daemon appends beside the server: the pair's timeline is grown by them."""
    from events import DiplomaticEvent, EventCorroborated, Evidence
    from tracker.app import Tracker
    from tracker.bench.pair_log import PAIR, fact

    rng = random.Random(11)
    key = "-".join(PAIR)
    with Tracker.open(path) as t:
        known = [r.event for r in t.store.read(relationship=key)]
    facts = [e for e in known if isinstance(e, DiplomaticEvent)]
    last = max(e.occurred.start for e in facts)
    times = []
    for n in range(_NEWS_ROUNDS):
        news = fact(rng, PAIR, 5 * 10**9 + n, day=last - timedelta(days=rng.randrange(4)))
        source = Evidence(url=f"https://later.example.org/{n}", sentence="Told again.")
        again = EventCorroborated(subject=rng.choice(facts).event_id, evidence=source)
        with Tracker.open(path) as t:
            t.append([news, again])
            t.run_followers()
        times += _latencies_from_second_process([page + days[n].isoformat()])
    return times


def _load_from_second_process(url: str, requests: int) -> dict[str, float]:
    code = (
        "import json, sys; from tracker.bench.web_bench import load; "
        "print(json.dumps(load(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, url, str(requests), str(CLIENTS)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def _figures(
    name: str, page: dict[str, float], trivial: dict[str, float], note: str
) -> list[Figure]:
    return [
        Figure(
            SECTION,
            f"{name} requests/s",
            page["rate"],
            "req/s",
            baseline=trivial["rate"],
            baseline_name="trivial route",
            note=note,
        ),
        Figure(
            SECTION,
            f"{name} p95",
            page["p95_ms"],
            "ms",
            baseline=trivial["p95_ms"],
            baseline_name="trivial route",
            note=note,
        ),
    ]


def run(quick: bool) -> list[Figure]:
    """Serve a copy of the synthetic log and measure its pages under load."""
    events, relationships = (20_000, 40) if quick else (1_000_000, 2_000)
    requests = 100 if quick else 500
    cached = synthetic_log(events, relationships=relationships)
    with tempfile.TemporaryDirectory(prefix="tracker-web-bench-") as folder:
        db = Path(folder) / "served.db"
        shutil.copy(cached, db)
        key, count = _busiest(db)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "tracker", "serve", "--db", str(db), "--port", str(port)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_until_serving(base, server)
            trivial = _load_from_second_process(f"{base}/openapi.json", requests)
            page = f"{base}/relations/{key}?as_of="
            varied = _load_from_second_process(page + "{day}", requests)
            repeated = _load_from_second_process(page + "2012-06-30", requests)
        finally:
            server.terminate()
            server.wait(timeout=30)
    note = f"{requests} requests, {CLIENTS} clients, {key}: {count:,} of {events:,} events"
    return [
        *_figures("relationship page, a new date each request", varied, trivial, note),
        *_figures("relationship page, same date (cached data)", repeated, trivial, note),
    ]
