"""The domain and the folds import no infrastructure."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

INFRASTRUCTURE = (
    "sqlite3",
    "sqlite_utils",
    "feedparser",
    "apscheduler",
    "httpx",
    "click",
    "rich",
    "spacy",
    "fastapi",
    "tracker",
)


@pytest.mark.parametrize("package", ["events"])
def test_domain_imports_no_infrastructure(package: str) -> None:
    code = (
        f"import sys; import {package}; "
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {INFRASTRUCTURE!r}); "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{package} imports {out.stdout.strip()}"


def test_projection_folds_import_no_infrastructure() -> None:
    """The folds may use the domain and each other, nothing else of the tracker."""
    code = (
        "import sys, pkgutil, importlib, tracker.projections\n"
        "for m in pkgutil.iter_modules(tracker.projections.__path__):\n"
        "    importlib.import_module('tracker.projections.' + m.name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {INFRASTRUCTURE!r} "
        "and m not in ('tracker', 'tracker.projections') "
        "and not m.startswith('tracker.projections.')); print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"tracker.projections imports {out.stdout.strip()}"


@pytest.mark.parametrize("package", ["tracker.projections", "tracker.store"])
def test_every_name_a_package_exports_resolves(package: str) -> None:
    # Some names load on first use (see the package's __getattr__): each must resolve to
    # the function or class itself, never to a submodule of the same name.
    code = (
        f"import importlib, inspect; p = importlib.import_module({package!r}); "
        "bad = [n for n in p.__all__ if inspect.ismodule(getattr(p, n))]; print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# SQL naming one of the log's tables: a keyword that takes a table, then the table.
_LOG_TABLES = ("events", "event_parties", "event_relationships", "processor_checkpoints")
_LOG_SQL = re.compile(
    r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE|EXISTS)\s+(?:" + "|".join(_LOG_TABLES) + r")\b"
)


def _sql_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module (f-strings' literal parts too), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_only_the_store_runs_sql_on_the_log() -> None:
    """The log's tables are named in SQL only under tracker/store (see its protocol)."""
    root = Path(__file__).resolve().parents[2] / "tracker"
    store = root / "store"
    found = [
        f"{path.relative_to(root.parent)}:{line}: {match.group(0)}"
        for path in sorted(root.rglob("*.py"))
        if store not in path.parents
        for line, text in _sql_strings(path)
        if (match := _LOG_SQL.search(text))
    ]
    assert found == [], "SQL on the log outside tracker/store:\n" + "\n".join(found)


def test_the_log_sql_pattern_finds_what_it_should() -> None:
    # The check above is only as good as its pattern: it must see each kind of statement.
    for sql in (
        "SELECT 1 FROM events WHERE position > ?",
        "SELECT r.relationship FROM event_relationships r JOIN events e ON 1",
        "INSERT INTO event_parties VALUES (?, ?)",
        "UPDATE processor_checkpoints SET position = ?",
        "CREATE TABLE IF NOT EXISTS events (position INTEGER)",
    ):
        assert _LOG_SQL.search(sql), sql
    assert not _LOG_SQL.search("from events import DomainEvent")
    assert not _LOG_SQL.search("SELECT * FROM feed_entries")
