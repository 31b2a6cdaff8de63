"""The signed-in person's session: one cookie, signed with `itsdangerous` (its contents readable by
the browser but not forgeable), `HttpOnly`, `SameSite=Lax`, `Secure` when the page came over HTTPS.

It carries the person's address, the session's CSRF token and when they signed in (signing out ends
every session of theirs begun before, so a copied cookie is no use afterwards). It is signed again with a new time on
every page, so it ends `FOI_SESSION_IDLE_MINUTES` after the last one (the signature's age is checked;
the cookie itself has no expiry and goes when the browser closes). The signing key is
`FOI_SESSION_SECRET`, else a random key kept in the data directory (made on first use, mode 0600, in the
private data dir; a key file others could read is refused), read once when the app is made.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from register.private import private_dir, shared_mode
from runtime.errors import Unavailable

COOKIE = "foi_session"


@dataclass(frozen=True)
class Session:
    email: str
    csrf: str
    begun: datetime  # when the person signed in: signing out (or a new password) ends sessions begun before


def signing_key(settings) -> str:
    """The key that signs sessions: the setting, else the key file (made whole, at once, if missing)."""
    if settings.session_secret:
        return settings.session_secret
    path = settings.session_key_file
    private_dir(path.parent)
    if not path.exists():
        fd, made = tempfile.mkstemp(dir=path.parent, prefix=".session-key-")  # mode 0600
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
        try:
            os.link(made, path)  # atomic: another process starting at once keeps its own or reads this one
        except FileExistsError:
            pass
        finally:
            os.unlink(made)
    if path.is_symlink() or shared_mode(path) is not None:
        raise Unavailable(f"{path}: the session key must be a file only its owner can read (chmod 600 {path})")
    return path.read_text().strip()


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.session_key, salt="foi-dashboard-session")


def read(request: Request) -> Session | None:
    """The request's session, or None (none, forged, or idle too long)."""
    settings = request.app.state.settings
    value = request.cookies.get(COOKIE)
    if not value:
        return None
    try:
        data = _serializer(request).loads(value, max_age=settings.session_idle_minutes * 60)
    except BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("e"), str) or not isinstance(data.get("c"), str):
        return None
    if not isinstance(data.get("b"), (int, float)):
        return None
    return Session(email=data["e"], csrf=data["c"], begun=datetime.fromtimestamp(data["b"], UTC))


def new(email: str) -> Session:
    return Session(email=email, csrf=secrets.token_urlsafe(32), begun=datetime.now(UTC))


def secure(request: Request) -> bool:
    """Served over HTTPS: directly, or behind a proxy at the `FOI_DASHBOARD_URL` it is reached by."""
    return request.url.scheme == "https" or (request.app.state.settings.dashboard_url or "").startswith("https:")


def keep(request: Request, response: Response, session: Session) -> None:
    """Set (or renew) the session cookie on `response`."""
    data = {"e": session.email, "c": session.csrf, "b": session.begun.timestamp()}
    value = _serializer(request).dumps(data)
    response.set_cookie(COOKIE, value, httponly=True, samesite="lax", secure=secure(request), path="/")


def end(request: Request, response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=secure(request))
