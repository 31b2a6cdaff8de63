"""The dashboard application: its state (settings, register, Temporal client), who is asking (a
signed-in person's session, `dashboard/sessions.py`, or a machine's read-only bearer token,
`dashboard/security.py`) and error pages around every request, the host names it answers to and the
headers every response carries (`dashboard/hardening.py`), its stylesheets (`static/`), and the routers
of its pages (`dashboard/pages/`). It reads the register and asks Temporal (visibility and queries);
staff actions go through `casework` like the command line's. Every date it shows comes from the
workflows' evaluations or from `rules/` — it computes none itself."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from temporalio.client import Client

from casework.passwords import active_actor
from dashboard import security, sessions
from dashboard.forms import Forbidden
from dashboard.hardening import harden
from dashboard.pages import (
    alerts,
    cases,
    health,
    holidays,
    letters,
    lists,
    mine,
    people,
    publishing,
    signin,
    stats,
    triage,
    work,
)
from dashboard.pages import returns as official_returns
from dashboard.rendering import page
from register import Register
from register.private import UnsafeDataDir
from runtime.errors import Unavailable, UserError

log = logging.getLogger("foi.dashboard")

ROUTERS = (
    signin.router,
    mine.router,
    work.router,
    publishing.router,
    people.router,
    holidays.router,
    lists.router,
    cases.router,
    letters.router,
    alerts.router,
    stats.router,
    official_returns.router,
    health.router,
    triage.router,
)
OPEN = ("/sign-in", "/static/")  # everything else needs a session (or, to read, the token)
READING = ("GET", "HEAD")


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

    app.state.session_key = sessions.signing_key(settings)
    app.state.clock = lambda: datetime.now(UTC)  # sign-in lock-outs read it (a test moves it on)

    @app.middleware("http")
    async def signed_in(request: Request, call_next):
        request.state.actor = request.state.session = None
        if not request.url.path.startswith(OPEN):
            session = sessions.read(request)
            who = active_actor(app.state.register, session.email, session.begun) if session else None
            if who is not None:
                request.state.actor, request.state.session = who, session
            elif security.machine(settings, request.headers.get("authorization", "")):
                if request.method not in READING:
                    return PlainTextResponse("the bearer token only reads: sign in to change anything", 403)
            elif request.headers.get("authorization"):
                return PlainTextResponse("authentication required", status_code=401)
            else:
                return RedirectResponse("/sign-in?next=" + quote(request.url.path, safe="/"), status_code=303)
        try:
            response = await call_next(request)
        except Forbidden as exc:
            response = page(request, "refused.html", status_code=403, message=str(exc))
        except (Unavailable, UnsafeDataDir) as exc:
            response = page(request, "unavailable.html", status_code=503, message=str(exc))
        except UserError as exc:
            response = page(request, "unavailable.html", status_code=404, message=str(exc))
        except Exception:  # a bug: logged, and answered here, inside the middleware that adds the headers
            log.exception("internal error on %s", request.url.path)
            response = page(request, "unavailable.html", status_code=500, message="internal error; see the log")
        if request.state.session is not None and "set-cookie" not in response.headers:
            sessions.keep(request, response, request.state.session)  # a page seen: the idle time starts again
        return response

    harden(app, settings, host)
    return app
