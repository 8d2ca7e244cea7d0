"""The domain and the folds import no infrastructure."""

from __future__ import annotations

import subprocess
import sys

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
