"""Who may read the dashboard: the credentials it accepts, and the settings it refuses to start with.

A bearer token (`FOI_DASHBOARD_TOKEN`) and/or HTTP basic auth (`FOI_DASHBOARD_USER` with
`FOI_DASHBOARD_PASSWORD`). Basic auth needs both: a user without a password, or a password without
a user, is refused at start-up in one line rather than half-enabled. Credentials are compared as
UTF-8 bytes in constant time, so any header a client sends is a yes or a no (401), never an error.
"""

from __future__ import annotations

import base64
import binascii
import hmac

from runtime.errors import UserError


def check_credentials(settings) -> None:
    """Refuse settings that configure basic auth by halves."""
    if bool(settings.dashboard_user) != bool(settings.dashboard_password):
        missing = "FOI_DASHBOARD_PASSWORD" if settings.dashboard_user else "FOI_DASHBOARD_USER"
        raise UserError(
            f"FOI_DASHBOARD_USER and FOI_DASHBOARD_PASSWORD go together: {missing} is not set "
            "(set both for basic auth, or neither)"
        )


def _same(given: bytes, expected: str) -> bool:
    return hmac.compare_digest(given, expected.encode())


def authorised(settings, header: str) -> bool:
    """Whether an Authorization header carries the configured token or user and password."""
    scheme, _, value = header.partition(" ")
    value = value.strip()
    given = value.encode("latin-1", "replace")  # what the client sent, byte for byte
    if scheme.lower() == "bearer" and settings.dashboard_token:
        return _same(given, settings.dashboard_token)
    if scheme.lower() == "basic" and settings.dashboard_user and settings.dashboard_password:
        try:
            decoded = base64.b64decode(given, validate=True)
        except (binascii.Error, ValueError):
            return False
        user, sep, password = decoded.partition(b":")
        user_ok = _same(user, settings.dashboard_user)
        return bool(sep) and _same(password, settings.dashboard_password) and user_ok
    return False
