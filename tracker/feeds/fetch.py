"""Fetching a feed over HTTP with httpx: timeouts, a deadline, a size cap, conditional GET.

feedparser's own fetcher has no timeout, so it is never used. Redirects are followed here,
not by httpx, to know whether every hop was permanent (301/308: the stored URL moves) or not
(302/303/307: it stays). The body is decompressed here too, in bounded steps, so a small
gzip bomb is refused at the cap instead of being inflated into memory.

One wall-clock deadline covers the whole exchange. httpx's timeouts bound each socket
operation, so a server trickling one byte a second (in its headers or its body) never trips
them; a watchdog timer therefore shuts the connection's socket down when the deadline
passes, which ends whatever read is waiting. It learns the socket from httpcore's trace
events, so clients from :func:`new_client` keep no connection alive (each fetch connects
afresh and is watched from its first byte).
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpx

from tracker.errors import FetchError

__all__ = ["USER_AGENT", "FetchPolicy", "FetchResult", "abort_fetches", "fetch", "new_client"]

USER_AGENT = "policy-tracker/0.1 (feed reader; polls politely, honours 304 and Retry-After)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How patient and how trusting a fetch is."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 60.0  # the whole exchange, redirects and body included
    max_bytes: int = 8 * 1024 * 1024  # after decompression
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The final response: status, body (2xx only), headers, and what the hops taught."""

    status: int
    url: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    moved_to: str | None = None  # set when every redirect hop was permanent
    retry_after: float | None = None  # seconds, from a 429/503's Retry-After


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    policy: FetchPolicy | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """GET ``url`` once (following redirects); :class:`FetchError` if the exchange fails."""
    policy = policy or FetchPolicy()
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"}
    headers["Accept"] = (
        "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
    )
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    session = client or new_client()
    deadline = time.monotonic() + policy.deadline
    try:
        with _Watchdog(deadline).running() as watchdog:
            return _follow(session, url, headers, policy, deadline, watchdog)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out fetching {url} ({type(exc).__name__})") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        if time.monotonic() >= deadline:
            raise FetchError(_late(url, policy)) from exc
        raise FetchError(f"could not fetch {url}: {type(exc).__name__}: {exc}") from exc
    finally:
        if own:
            session.close()


def new_client() -> httpx.Client:
    """A client for :func:`fetch`: no connection kept alive, so the deadline sees each one."""
    return httpx.Client(limits=httpx.Limits(max_keepalive_connections=0))


def _late(url: str, policy: FetchPolicy) -> str:
    return (
        f"timed out fetching {url}: the overall deadline of {policy.deadline:g}s passed "
        "before the server finished answering"
    )


class _Watchdog:
    """Records each connection's socket (a trace hook) and shuts them down at the deadline."""

    def __init__(self, deadline: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.expired = threading.Event()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True

    def trace(self, name: str, info: dict[str, object]) -> None:
        """httpcore's trace callback: keep the socket of every new connection or TLS layer."""
        if not name.endswith((".connect_tcp.complete", ".start_tls.complete")):
            return
        get_extra_info = getattr(info.get("return_value"), "get_extra_info", None)
        sock = get_extra_info("socket") if get_extra_info is not None else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                late = self.expired.is_set()
            if late:
                _shut(sock)

    @contextmanager
    def running(self) -> Iterator[_Watchdog]:
        with _RUNNING_LOCK:
            _RUNNING.add(self)
        self._timer.start()
        try:
            yield self
        finally:
            self._timer.cancel()
            with _RUNNING_LOCK:
                _RUNNING.discard(self)

    def _expire(self) -> None:
        with self._lock:
            self.expired.set()
            watched = list(self._sockets)
        for sock in watched:
            _shut(sock)


_RUNNING: set[_Watchdog] = set()
_RUNNING_LOCK = threading.Lock()


def abort_fetches() -> int:
    """End every fetch of this process now, as if its deadline had passed; return how many.

    For a clean stop (the daemon's SIGTERM): a fetch holds no transaction, so nothing is lost.
    """
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for watchdog in running:
        watchdog._expire()
    return len(running)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing is waiting on it


def _follow(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    policy: FetchPolicy,
    deadline: float,
    watchdog: _Watchdog,
) -> FetchResult:
    current, moved_to, permanent = url, None, True
    for _hop in range(policy.max_redirects + 1):
        timeout = _timeout(policy, deadline)
        with client.stream(
            "GET", current, headers=headers, timeout=timeout, extensions={"trace": watchdog.trace}
        ) as response:
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                try:
                    current = urljoin(current, location)
                except ValueError as exc:  # a hostile Location: "http://[x/" (bad IPv6)
                    raise FetchError(
                        f"{current} redirected to an address that does not parse: "
                        f"{location[:200]!r} ({exc})"
                    ) from exc
                permanent = permanent and response.status_code in _PERMANENT
                moved_to = current if permanent else moved_to
                continue
            body = b""
            if 200 <= response.status_code < 300:
                body = _read_body(response, policy.max_bytes, deadline)
                if watchdog.expired.is_set():
                    # A body ended by the watchdog's shutdown may look complete; it is not.
                    raise FetchError(_late(current, policy))
            return FetchResult(
                status=response.status_code,
                url=current,
                body=body,
                headers={k.lower(): v for k, v in response.headers.items()},
                moved_to=moved_to,
                retry_after=_retry_after(response.headers.get("retry-after")),
            )
    raise FetchError(f"more than {policy.max_redirects} redirects from {url}")


def _timeout(policy: FetchPolicy, deadline: float) -> httpx.Timeout:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"the overall deadline of {policy.deadline:g}s passed")
    connect = min(policy.connect_timeout, left)
    read = min(policy.read_timeout, left)
    return httpx.Timeout(connect=connect, read=read, write=read, pool=connect)


def _read_body(response: httpx.Response, cap: int, deadline: float) -> bytes:
    decoder = _BoundedDecoder(response.headers.get("content-encoding", ""), cap)
    for chunk in response.iter_raw(_CHUNK):
        decoder.feed(chunk)
        if time.monotonic() > deadline:
            raise FetchError("the overall deadline passed while the body was still arriving")
    return decoder.finish()


class _BoundedDecoder:
    """Content-Encoding decoding that never holds more than ``cap`` decoded bytes."""

    def __init__(self, encoding: str, cap: int) -> None:
        kind = encoding.strip().lower()
        if kind in ("", "identity"):
            self.inflater = None
        elif kind in ("gzip", "x-gzip", "deflate"):
            # 47 = 32 + 15: zlib reads the gzip or zlib header, whichever comes.
            self.inflater = zlib.decompressobj(47)
        else:
            raise FetchError(f"the server sent an unsupported Content-Encoding {encoding!r}")
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0

    def feed(self, chunk: bytes) -> None:
        if self.inflater is None:
            self._keep(chunk)
            return
        data = chunk
        try:
            while data:
                self._keep(self.inflater.decompress(data, self.cap - self.size + 1))
                data = self.inflater.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"the compressed body is corrupt ({exc})") from exc

    def finish(self) -> bytes:
        if self.inflater is not None:
            self._keep(self.inflater.flush())
        return b"".join(self.parts)

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise FetchError(
                f"the body is larger than the cap of {self.cap:,} bytes (after decompression); "
                "it was not parsed"
            )
        self.parts.append(data)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
