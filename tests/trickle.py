"""A loopback HTTP server that answers one byte at a time: in its headers, or in its body.

Each connection gets its own thread; a byte goes out every ``pause`` seconds until the
response is done (a minute or more) or the client hangs up. Bound to 127.0.0.1 only.
"""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["trickling", "url_for"]

_BODY = b"<rss version='2.0'><channel><title>slow</title>" + b" " * 4000 + b"</channel></rss>"


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        self.server.connections.append(time.monotonic())
        self.server.connected.set()
        self.request.settimeout(5)
        try:
            self.request.recv(65536)  # the request; its content does not matter
        except OSError:
            return
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
            f"Content-Length: {len(_BODY)}\r\nX-Padding: {'p' * 200}\r\n\r\n"
        ).encode()
        fast, slow = (b"", head + _BODY) if self.server.mode == "headers" else (head, _BODY)
        try:
            if fast:
                self.request.sendall(fast)
            for i in range(len(slow)):
                if self.server.stopping.wait(self.server.pause):
                    return
                self.request.sendall(slow[i : i + 1])
        except OSError:
            return  # the client gave up: that is the point


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str, pause: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.pause = pause
        self.connections: list[float] = []
        self.connected = threading.Event()
        self.stopping = threading.Event()


@contextmanager
def trickling(mode: str, pause: float = 0.5) -> Iterator[_Server]:
    """A server trickling its ``"headers"`` or its ``"body"``; ``url_for`` its address."""
    server = _Server(mode, pause)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()


def url_for(server: socketserver.TCPServer, path: str = "/feed") -> str:
    host, port = server.server_address[:2]
    assert host == "127.0.0.1" and isinstance(port, int)
    return f"http://{host}:{port}{path}"
