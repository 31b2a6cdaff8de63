"""The dashboard's defences, over real HTTP on loopback: credentials, host names, caching and
content policy, and refusals at start-up of settings that would leave it open."""

from __future__ import annotations

import asyncio
import base64

import httpx
import pytest
import uvicorn

from foi.dashboard.app import create_app
from foi.errors import UserError
from tests.processes import Deployment
from tests.smtp import free_port


async def serving(app, port: int):
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    return server, task


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.mark.parametrize(
    "half",
    [
        {"dashboard_token": "s3cret", "dashboard_user": "admin"},
        {"dashboard_user": "admin"},
        {"dashboard_user": "admin", "dashboard_password": ""},
        {"dashboard_password": "pw"},
    ],
)
def test_half_configured_basic_auth_is_refused_at_start_up(settings, half):
    with pytest.raises(UserError, match="FOI_DASHBOARD_USER and FOI_DASHBOARD_PASSWORD go together"):
        create_app(settings.model_copy(update=half))


def test_the_dashboard_command_refuses_a_user_without_a_password_in_one_line(tmp_path):
    d = Deployment(tmp_path, FOI_DASHBOARD_TOKEN="s3cret", FOI_DASHBOARD_USER="admin")
    out = d.starter("dashboard", "--port", str(free_port()), timeout=30)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "FOI_DASHBOARD_USER and FOI_DASHBOARD_PASSWORD go together" in out.stderr


async def test_an_empty_or_wrong_password_never_passes(settings):
    settings = settings.model_copy(
        update={"dashboard_token": "s3cret", "dashboard_user": "admin", "dashboard_password": "pw"}
    )
    port = free_port()
    server, task = await serving(create_app(settings), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for headers in (basic("admin", ""), basic("admin", "p"), basic("", "pw"), {"Authorization": "Basic"}):
                assert (await http.get("/alerts", headers=headers)).status_code == 401, headers
            assert (await http.get("/alerts", headers=basic("admin", "pw"))).status_code == 200
    finally:
        server.should_exit = True
        await task
