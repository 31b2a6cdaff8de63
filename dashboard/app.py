"""The dashboard application: its state (settings, register, Temporal client), the credentials check
and error pages around every request, and the routers of its pages (`dashboard/pages/`). It reads the
register and asks Temporal (visibility and queries); every date it shows comes from the workflows'
evaluations or from `rules/` — it computes none itself."""

from __future__ import annotations

import base64
import hmac

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from temporalio.client import Client

from dashboard.pages import alerts, cases, health, lists, stats
from dashboard.rendering import page
from register import Register
from runtime.errors import Unavailable, UserError

ROUTERS = (lists.router, cases.router, alerts.router, stats.router, health.router)


def create_app(settings, temporal: Client | None = None) -> FastAPI:
    """The app; `temporal` is a connected client to use (default: connect on first request)."""
    app = FastAPI(title="FOI deadlines", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.register = Register(settings.register_url)
    app.state.client = temporal
    for router in ROUTERS:
        app.include_router(router)

    @app.middleware("http")
    async def credentials(request: Request, call_next):
        if settings.dashboard_credentials_configured and not authorised(request.headers.get("authorization", "")):
            return PlainTextResponse(
                "authentication required", status_code=401, headers={"WWW-Authenticate": 'Basic realm="FOI deadlines"'}
            )
        try:
            return await call_next(request)
        except Unavailable as exc:
            return page(request, "unavailable.html", status_code=503, message=str(exc))
        except UserError as exc:
            return page(request, "unavailable.html", status_code=404, message=str(exc))

    def authorised(header: str) -> bool:
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and settings.dashboard_token:
            return hmac.compare_digest(value, settings.dashboard_token)
        if scheme.lower() == "basic" and settings.dashboard_user:
            try:
                user, _, password = base64.b64decode(value).decode().partition(":")
            except ValueError:
                return False
            return hmac.compare_digest(user, settings.dashboard_user) and hmac.compare_digest(
                password, settings.dashboard_password or ""
            )
        return False

    return app
