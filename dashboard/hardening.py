"""What every dashboard response carries, and which requests it answers at all.

- Host names: only those it is reached by (Starlette's TrustedHostMiddleware), so a page on another
  site cannot read it through DNS rebinding. Bound to loopback: `localhost`, `127.0.0.1`, `::1`; bound
  to one address: that address; bound to every interface (credentials required there): any name.
  `FOI_DASHBOARD_HOSTS` adds names (e.g. the name a reverse proxy forwards).
- Headers: `Cache-Control: no-store` (the pages hold personal data), a Content-Security-Policy that
  allows nothing but the dashboard's own stylesheet, no framing, no sniffing, no referrer.
- HEAD is answered as GET without a body.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dashboard.serve import is_loopback

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
ALL_INTERFACES = ("0.0.0.0", "::", "")
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def allowed_hosts(settings, bound: str, names: str | None = None) -> list[str]:
    """The host names to answer to; `names` (comma-separated) instead of FOI_DASHBOARD_HOSTS for
    another app (the public disclosure log's FOI_DISCLOSURE__HOSTS)."""
    given = settings.dashboard_hosts if names is None else names
    extra = [h.strip() for h in (given or "").split(",") if h.strip()]
    if is_loopback(bound):
        return [*LOOPBACK_NAMES, *extra]
    if bound in ALL_INTERFACES:
        return extra or ["*"]
    return [bound, *extra]


class Hardened:
    """Adds HEADERS to every response; serves HEAD as GET with the body dropped."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, sending)


def harden(app, settings, bound: str, names: str | None = None) -> None:
    """Install both on `app` (outermost: they run before the credentials check); `names`: see allowed_hosts."""
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings, bound, names))
    app.add_middleware(Hardened)
