"""Serving the dashboard: loopback by default; another interface only when credentials are configured,
and loopback too when other accounts can log in to the machine (every local account can reach
127.0.0.1), unless `FOI_DASHBOARD_SOLE_ACCOUNT` says this account is the only one that can."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

from dashboard.security import check_credentials
from runtime.errors import UserError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def other_login_accounts(passwd: Path = Path("/etc/passwd"), shells: Path = Path("/etc/shells")) -> list[str]:
    """The accounts besides this process's that have a login shell (one listed in /etc/shells)."""
    try:
        login_shells = {line.strip() for line in shells.read_text().splitlines() if line.startswith("/")}
        entries = [line.split(":") for line in passwd.read_text().splitlines() if line.count(":") >= 6]
    except OSError:
        return []
    return sorted(e[0] for e in entries if e[6].strip() in login_shells and e[2] != str(os.getuid()))


def serve(settings, host: str, port: int, others: list[str] | None = None) -> None:
    check_credentials(settings)
    if not is_loopback(host) and not settings.dashboard_credentials_configured:
        raise UserError(
            f"refusing to listen on {host} without credentials: set FOI_DASHBOARD_TOKEN, or "
            "FOI_DASHBOARD_USER and FOI_DASHBOARD_PASSWORD (or use 127.0.0.1)"
        )
    others = other_login_accounts() if others is None else others
    if others and not settings.dashboard_credentials_configured and not settings.dashboard_sole_account:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        raise UserError(
            f"other accounts can log in to this machine ({shown}) and reach {host}: set FOI_DASHBOARD_TOKEN, "
            "or FOI_DASHBOARD_USER and FOI_DASHBOARD_PASSWORD (or FOI_DASHBOARD_SOLE_ACCOUNT=true if none of "
            "them is a person)"
        )
    import uvicorn

    from dashboard.app import create_app

    print(f"dashboard on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(settings, host=host), host=host, port=port, log_level="warning")
