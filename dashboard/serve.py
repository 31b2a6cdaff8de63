"""Serving the dashboard: loopback by default; another interface only when credentials are configured."""

from __future__ import annotations

import ipaddress

from dashboard.security import check_credentials
from runtime.errors import UserError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(settings, host: str, port: int) -> None:
    check_credentials(settings)
    if not is_loopback(host) and not settings.dashboard_credentials_configured:
        raise UserError(
            f"refusing to listen on {host} without credentials: set FOI_DASHBOARD_TOKEN, or "
            "FOI_DASHBOARD_USER and FOI_DASHBOARD_PASSWORD (or use 127.0.0.1)"
        )
    import uvicorn

    from dashboard.app import create_app

    print(f"dashboard on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(settings, host=host), host=host, port=port, log_level="warning")
