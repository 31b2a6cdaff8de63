"""Serving the dashboard: on loopback by default. Another interface is allowed too, since every page
but the sign-in form needs a signed-in person (or, to read, the bearer token); put it behind HTTPS
(`FOI_DASHBOARD_URL=https://...` marks the session cookie Secure behind a proxy). Its log, on stderr,
says every sign-in attempt with its address and result (never the password). Loopback is not private
on a shared host (every local account can reach 127.0.0.1), which the sign-in covers: no page is shown
to an account without a person's password or the token."""

from __future__ import annotations

import ipaddress
import logging

from dashboard.security import check_credentials


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(settings, host: str, port: int) -> None:
    check_credentials(settings)
    import uvicorn

    # the dashboard's own log on stderr: every sign-in attempt (foi.sign_in), and any internal error
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from dashboard.app import create_app

    print(f"dashboard on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(settings, host=host), host=host, port=port, log_level="warning")
