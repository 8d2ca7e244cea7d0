"""The web application: :func:`create_app` wires the read-only database, pages and API.

Errors are answered here, once: bad input (an unknown actor, a malformed date, any
:class:`~tracker.errors.UsageError`) is a 4xx with the tracker's own message, as JSON under
``/api`` and as a page elsewhere; nothing a request says can produce a traceback. Every
response carries a Content-Security-Policy (see :mod:`tracker.web.security`).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from tracker.errors import TrackerError, UnknownActorError, UsageError
from tracker.store.failures import database_error
from tracker.web.api import api_router
from tracker.web.changes import changes_router
from tracker.web.display import (
    GOLDSTEIN,
    QUAD_CLASSES,
    act_words,
    change_words,
    commitment_words,
    earlier_commitments_words,
    label_kind,
    party_words,
    reason_words,
    step_actor,
)
from tracker.web.docs import endpoints, models
from tracker.web.pages import page_router
from tracker.web.readonly import ReadOnlyDatabase
from tracker.web.security import PageRenderer, SecurityHeaders, content_security_policy
from tracker.words import area_words, level_words, modality_words, status_words, type_words

__all__ = ["create_app"]

TEMPLATES = Path(__file__).parent / "templates"
FAVICON = Path(__file__).parent / "static" / "favicon.svg"
log = logging.getLogger("tracker.web")


def _status_of(exc: TrackerError) -> int:
    if isinstance(exc, UnknownActorError):
        return 404
    return 400 if isinstance(exc, UsageError) else 500


def create_app(db_path: str | Path) -> FastAPI:
    """The application serving ``db_path`` read-only (raises UsageError if it cannot be read)."""
    db = ReadOnlyDatabase(db_path)
    shared = {
        # A data: URL, so the icon too is part of the page, allowed by img-src data:.
        "favicon": "data:image/svg+xml," + quote(FAVICON.read_text().strip()),
        "goldstein": GOLDSTEIN,
        "label_kind": label_kind,
        "quad_classes": QUAD_CLASSES,
        # The reader's words for identifiers, from the one table (seeds/words.toml).
        "act_words": act_words,
        "area_words": area_words,
        "change_words": change_words,
        "commitment_words": commitment_words,
        "earlier_commitments_words": earlier_commitments_words,
        "level_words": level_words,
        "modality_words": modality_words,
        "party_words": party_words,
        "reason_words": reason_words,
        "status_words": status_words,
        "step_actor": step_actor,
        "type_words": type_words,
    }
    pages = PageRenderer(TEMPLATES, shared)
    app = FastAPI(
        title="policy-tracker",
        summary="Relations between states, as of any date, read-only.",
        version="1",
        # FastAPI's docs pages load their scripts from a CDN; the page fetches nothing from
        # the internet, so /docs is rendered here from the schema (tracker.web.docs).
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(api_router(db))
    app.include_router(page_router(db, pages))
    app.include_router(changes_router(db, pages))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Response:
        schema = app.openapi()
        found = models(schema)
        context = {
            "db_name": db.path.name,
            "title": app.title,
            "summary": app.summary or "",
            "version": app.version,
            "endpoints": endpoints(schema),
            "models": found,
            "model_names": {m.name for m in found},
        }
        return pages.render(request, "docs.html", context)

    app.add_middleware(SecurityHeaders)

    def answer(request: Request, status: int, heading: str, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": heading, "detail": message}, status_code=status)
        context = {
            "db_name": db.path.name,
            "status": status,
            "heading": heading,
            "message": message,
        }
        return pages.render(request, "error.html", context, status_code=status)

    @app.exception_handler(TrackerError)
    def tracker_error(request: Request, exc: TrackerError) -> Response:
        status = _status_of(exc)
        if status >= 500:
            log.error("request %s failed: %s", request.url.path, exc)
        heading = "Not found" if status == 404 else "Bad request" if status == 400 else "Error"
        return answer(request, status, heading, str(exc))

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return answer(request, 422, "Bad request", problems)

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        message = "There is no such page." if exc.status_code == 404 else str(exc.detail)
        return answer(
            request, exc.status_code, "Not found" if exc.status_code == 404 else "Error", message
        )

    @app.exception_handler(sqlite3.DatabaseError)
    def database_failed(request: Request, exc: sqlite3.DatabaseError) -> Response:
        # A damaged or unreadable file is the operator's to mend: say so, named, not a 500.
        known = database_error(db.path.name, exc)
        if known is None:
            return unexpected(request, exc)
        log.error("request %s failed: %s", request.url.path, known)
        return answer(request, 503, "Database unavailable", str(known))

    @app.exception_handler(Exception)
    def unexpected(request: Request, exc: Exception) -> Response:
        # A bug, not bad input: log it for the operator, tell the user without a traceback.
        log.exception("request %s failed", request.url.path)
        response = answer(request, 500, "Internal error", "The server failed; its log says why.")
        # Answered outside the middleware stack, so the policy is set here.
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    return app
