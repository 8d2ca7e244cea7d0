"""What keeps text from the log inert in the browser: escaping and a Content-Security-Policy.

Names, sentences and labels come from feeds and from analysts, so any of them may hold
markup. Every template is autoescaped whatever its extension (Jinja's default escapes only
``.html``/``.xml``, which left the inline ``chart.svg`` raw), and every response carries a
policy under which the browser runs no script and applies no style but the page's own: the
one ``<script>`` and the ``<style>`` elements carry a fresh nonce per response, so an
injected element or ``onerror=`` attribute would not run even if escaping were ever missed.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CachedPage", "PageRenderer", "SecurityHeaders", "content_security_policy"]


def content_security_policy(nonce: str | None = None) -> str:
    """The policy: nothing from anywhere, except scripts and styles bearing ``nonce``."""
    inline = f"'nonce-{nonce}'" if nonce else "'none'"
    return (
        f"default-src 'none'; script-src {inline}; style-src {inline}; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


class PageRenderer:
    """Renders the page templates, each response with its own nonce and policy."""

    def __init__(self, directory: Path, shared: Mapping[str, Any] | None = None) -> None:
        """Templates from ``directory``; ``shared`` names are available to every one."""
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(directory), autoescape=True)
        env.globals.update(shared or {})
        self.templates = Jinja2Templates(env=env)

    def render(
        self,
        request: Request,
        name: str,
        context: Mapping[str, Any],
        status_code: int = 200,
    ) -> Response:
        """``name`` rendered with ``context`` plus ``csp_nonce``, under a policy allowing it."""
        nonce = secrets.token_urlsafe(16)
        response = self.templates.TemplateResponse(
            request, name, {**context, "csp_nonce": nonce}, status_code=status_code
        )
        response.headers["Content-Security-Policy"] = content_security_policy(nonce)
        return response

    def render_once(self, name: str, context: Mapping[str, Any]) -> CachedPage:
        """``name`` rendered with ``context`` for answering many times (see CachedPage)."""
        template = self.templates.env.get_template(name)
        return CachedPage(template.render({**context, "csp_nonce": CachedPage.SLOT}))


class CachedPage:
    """A page rendered once and answered many times, each time under a fresh nonce.

    It is rendered with a placeholder where the nonce goes, a random text drawn when the
    process starts (so no feed can hold it), which each response replaces with its own.
    """

    SLOT = secrets.token_hex(16)

    def __init__(self, body: str, status_code: int = 200) -> None:
        self.body = body.encode()
        self.status_code = status_code

    def response(self) -> Response:
        """The page as a response with a nonce and policy of its own."""
        nonce = secrets.token_urlsafe(16)
        response = Response(
            self.body.replace(self.SLOT.encode(), nonce.encode()),
            status_code=self.status_code,
            media_type="text/html",
        )
        response.headers["Content-Security-Policy"] = content_security_policy(nonce)
        return response


class SecurityHeaders:
    """ASGI middleware: every response without a policy of its own gets the strict one.

    JSON, redirects and the schema run no script; the policy and ``nosniff`` keep a browser
    from treating any of them as a page either.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", content_security_policy().encode()))
                if b"x-content-type-options" not in names:
                    headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
