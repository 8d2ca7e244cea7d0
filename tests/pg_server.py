"""A throwaway PostgreSQL server for the tests, and a fresh database for each test that asks.

Unless ``TRACKER_TEST_PG`` names a server (``postgresql://user@host:port/db``, a role that may
create databases), each session (each xdist worker) starts its own cluster: ``initdb`` into
a temporary folder (as the unprivileged ``postgres`` user when run as root, since initdb
refuses root), with fsync off, listening on a free port of 127.0.0.1 and on a socket in that
folder only, and stopped by its own ``pg_ctl`` at the end of the session. Where PostgreSQL is
not installed the tests that need it skip, except under ``CI=true``, where they fail: CI
installs it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

__all__ = ["find_bindir", "pg_database", "pg_server"]

_USER = "postgres"


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on PATH, else Debian's versioned folders."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: int(Path(p).parent.parent.name.split(".")[0] or 0),
    )
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user() -> list[str]:
    """The command prefix that runs a program as the cluster's owner (nothing unless root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(_USER)
    except KeyError:
        # Each xdist worker starts its own cluster: another may be adding the user too.
        subprocess.run(["useradd", "--system", "--no-create-home", _USER], check=False)
        pwd.getpwnam(_USER)
    return ["runuser", "-u", _USER, "--"]


class _Cluster:
    """One cluster in a temporary folder, owned by whoever runs the server."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.prefix = _as_server_user()
        if self.prefix:
            shutil.chown(self.root, user=_USER)

    def run(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def start(self) -> str:
        self.run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            _USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        log = self.root / "server.log"
        self.run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-o", options,
            "-w", "start",
        )  # fmt: skip
        return f"postgresql://{_USER}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server whose role may create databases."""
    named = os.environ.get("TRACKER_TEST_PG")
    if named:
        yield named
        return
    bindir = find_bindir()
    if bindir is None:
        _unavailable("PostgreSQL is not installed (no pg_ctl or initdb)")
    assert bindir is not None
    for attempt in range(3):  # a free port may be taken before the server binds it: retry
        cluster = _Cluster(bindir)
        try:
            url = cluster.start()
            break
        except subprocess.CalledProcessError as exc:
            shutil.rmtree(cluster.root, ignore_errors=True)
            if attempt == 2:
                _unavailable(f"the test cluster did not start: {exc.stderr or exc.stdout}")
    try:
        yield url
    finally:
        cluster.stop()


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped after the test."""
    import psycopg

    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlsplit(pg_server)._replace(path=f"/{name}").geturl()
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
