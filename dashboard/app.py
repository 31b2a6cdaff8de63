"""The dashboard application: its state (settings, register, Temporal client), the credentials check
(`dashboard/security.py`) and error pages around every request, the host names it answers to and the
headers every response carries (`dashboard/hardening.py`), its stylesheet (`static/`), and the routers
of its pages (`dashboard/pages/`). It reads the register and asks Temporal (visibility and queries);
every date it shows comes from the workflows' evaluations or from `rules/` — it computes none itself."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles
from temporalio.client import Client

from dashboard import security
from dashboard.hardening import harden
from dashboard.pages import alerts, cases, health, letters, lists, stats, triage
from dashboard.rendering import page
from register import Register
from register.private import UnsafeDataDir
from runtime.errors import Unavailable, UserError

log = logging.getLogger("foi.dashboard")

ROUTERS = (lists.router, cases.router, letters.router, alerts.router, stats.router, health.router, triage.router)


def create_app(settings, temporal: Client | None = None, host: str = "127.0.0.1") -> FastAPI:
    """The app; `temporal` is a connected client to use (default: connect on first request); `host`
    is the address it is bound to (it answers only to that host's names). Settings that configure
    basic auth by halves are refused (`UserError`)."""
    security.check_credentials(settings)
    app = FastAPI(title="FOI deadlines", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
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
        except (Unavailable, UnsafeDataDir) as exc:
            return page(request, "unavailable.html", status_code=503, message=str(exc))
        except UserError as exc:
            return page(request, "unavailable.html", status_code=404, message=str(exc))
        except Exception:  # a bug: logged, and answered here, inside the middleware that adds the headers
            log.exception("internal error on %s", request.url.path)
            return page(request, "unavailable.html", status_code=500, message="internal error; see the log")

    def authorised(header: str) -> bool:
        """The token, or both user and password, compared as bytes in constant time (dashboard/security.py)."""
        return security.authorised(settings, header)

    harden(app, settings, host)
    return app
