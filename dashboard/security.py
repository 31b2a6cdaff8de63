"""Who may read the dashboard without signing in: a machine holding the bearer token.

`FOI_DASHBOARD_TOKEN` gives read-only access (GET and HEAD: the lists, the CSV downloads, `/healthz`)
to scripts and monitors; people sign in (`dashboard/sessions.py`). The token is compared as UTF-8
bytes in constant time, so any header a client sends is a yes or a no, never an error. The shared
basic-auth user of earlier versions is gone (docs/administrator.md, Upgrade notes): a setting still naming it is
refused at start-up in one line, so no one believes a password protects the dashboard when none does.
"""

from __future__ import annotations

import hmac

from runtime.errors import UserError


def check_credentials(settings) -> None:
    """Refuse the removed basic-auth settings."""
    named = [n for n, v in (("USER", settings.dashboard_user), ("PASSWORD", settings.dashboard_password)) if v]
    if named:
        raise UserError(
            f"FOI_DASHBOARD_{named[0]}: basic auth was removed; people sign in with their own password "
            "(starter.py people password EMAIL) and machines use FOI_DASHBOARD_TOKEN; unset it"
        )


def machine(settings, header: str) -> bool:
    """Whether an Authorization header carries the configured bearer token."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not settings.dashboard_token:
        return False
    given = value.strip().encode("latin-1", "replace")  # what the client sent, byte for byte
    return hmac.compare_digest(given, settings.dashboard_token.encode())
