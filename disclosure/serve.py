"""Serving the public disclosure log: on loopback by default; any interface may be given, since it
shows only what was published (put it behind HTTPS, and name the public host in FOI_DISCLOSURE__HOSTS
when a reverse proxy forwards another name)."""

from __future__ import annotations

import logging


def serve(settings, host: str, port: int) -> None:
    import uvicorn

    from disclosure.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    print(f"disclosure log on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(settings, host=host), host=host, port=port, log_level="warning")
