"""The dashboard's defences, over real HTTP on loopback: credentials, host names, caching and
content policy, and refusals at start-up of settings that would leave it open."""

from __future__ import annotations

import asyncio
import base64
from datetime import date

import httpx
import pytest
import uvicorn

from dashboard.app import create_app
from runtime.errors import UserError
from tests.caseload_seed import seed
from tests.processes import Deployment
from tests.signing_in import BEARER, reading
from tests.smtp import free_port

BEARER_S3CRET = {"Authorization": "Bearer s3cret"}


async def serving(app, port: int):
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    return server, task


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.mark.parametrize("removed", [{"dashboard_user": "admin"}, {"dashboard_password": "pw"}])
def test_the_removed_basic_auth_settings_are_refused_at_start_up(settings, removed):
    with pytest.raises(UserError, match="basic auth was removed"):
        create_app(settings.model_copy(update=removed))


@pytest.mark.slow
def test_the_dashboard_command_refuses_the_basic_auth_user_in_one_line(tmp_path):
    d = Deployment(tmp_path, FOI_DASHBOARD_TOKEN="s3cret", FOI_DASHBOARD_USER="admin")
    out = d.starter("dashboard", "--port", str(free_port()), timeout=30)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "FOI_DASHBOARD_USER: basic auth was removed" in out.stderr


async def test_basic_auth_and_a_wrong_token_never_pass(settings):
    settings = settings.model_copy(update={"dashboard_token": "s3cret"})
    port = free_port()
    server, task = await serving(create_app(settings), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for headers in (basic("admin", "s3cret"), {"Authorization": "Bearer s3cre"}, {"Authorization": "Basic"}):
                assert (await http.get("/alerts", headers=headers)).status_code == 401, headers
            assert (await http.get("/alerts", headers=BEARER_S3CRET)).status_code == 200
    finally:
        server.should_exit = True
        await task


async def test_only_the_bound_host_names_are_answered(settings):
    """DNS rebinding: a page fetched as attacker.example must not get the loopback dashboard's data."""
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            for path in ("/alerts", "/stats", "/", "/sign-in"):
                refused = await http.get(path, headers={"Host": "attacker.example"})
                assert refused.status_code == 400, (path, refused.status_code)
            assert (await http.get("/alerts", headers={"Host": f"localhost:{port}"})).status_code == 200
            assert (await http.get("/alerts")).status_code == 200
    finally:
        server.should_exit = True
        await task


async def test_pages_are_not_cached_and_carry_a_strict_content_policy(settings):
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            page = await http.get("/alerts")
    finally:
        server.should_exit = True
        await task
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"


async def test_non_ascii_credentials_are_a_401_not_an_error(settings):
    settings = settings.model_copy(update={"dashboard_token": "s3cret"})
    port = free_port()
    server, task = await serving(create_app(settings), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for value in (b"Bearer \xc3\xa9t\xc3\xa9", b"Basic \xff\xfe", b"Bearer s3cret\xe2\x82\xac"):
                r = await http.get("/alerts", headers={"Authorization": value})
                assert r.status_code == 401, (value, r.status_code)
            for user, password in (("adm\u00efn", "pw"), ("admin", "p\u00e9"), ("\u00e9", "\u20ac")):
                r = await http.get("/alerts", headers=basic(user, password))
                assert r.status_code == 401, (user, password, r.status_code)
    finally:
        server.should_exit = True
        await task


async def test_an_authenticated_head_request_is_answered(settings):
    settings = settings.model_copy(update={"dashboard_token": "s3cret"})
    port = free_port()
    server, task = await serving(create_app(settings), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            head = await http.head("/alerts", headers={"Authorization": "Bearer s3cret"})
            assert (head.status_code, head.content) == (200, b"")
            assert head.headers["cache-control"] == "no-store"
            assert (await http.head("/alerts")).status_code == 303  # signed out: to the sign-in page
    finally:
        server.should_exit = True
        await task


@pytest.mark.slow
async def test_the_pages_keep_their_style_under_the_content_policy(settings):
    from playwright.async_api import async_playwright

    from tests.test_dashboard import CHROMIUM, FLAGS

    port = free_port()
    server, task = await serving(create_app(settings), port)
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = await browser.new_page()
            refused = []
            page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
            await page.goto(f"http://127.0.0.1:{port}/alerts")  # signed out: the sign-in page
            background = await page.eval_on_selector(".govuk-button", "e => getComputedStyle(e).backgroundColor")
            await browser.close()
    finally:
        server.should_exit = True
        await task
    assert background == "rgb(15, 122, 82)"  # GOV.UK Frontend 6 green button (#0f7a52): its stylesheet applies
    assert refused == []


async def test_the_front_page_lists_open_cases_with_no_one_to_alert(settings, register):
    """No address and no default for a role: the case is named on the "No one to alert" panel; a
    default for that role takes it off; a closed case is never listed."""
    seed(register, "NOBODY", officer=None, manager=None, due=date(2021, 4, 30))
    seed(register, "NOMGR", manager=None, due=date(2021, 4, 30))
    seed(register, "BOTH", due=date(2021, 4, 30))
    seed(register, "DONE", stage="closed", officer=None, manager=None)
    pages = {}
    for name, s in (("none", settings), ("default", settings.model_copy(update={"default_manager": "h@example.org"}))):
        port = free_port()
        server, task = await serving(create_app(reading(s)), port)
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
                pages[name] = (await http.get("/")).text
        finally:
            server.should_exit = True
            await task
    panel = pages["none"].split('<h2 id="unalerted">')[1].split("</section>")[0]
    assert panel.startswith("No one to alert (2)")
    assert '<a href="/case/NOBODY">NOBODY</a></td><td>officer and manager</td>' in panel
    assert '<a href="/case/NOMGR">NOMGR</a></td><td>manager</td>' in panel
    assert "BOTH" not in panel and "DONE" not in panel
    panel = pages["default"].split('<h2 id="unalerted">')[1].split("</section>")[0]
    assert panel.startswith("No one to alert (1)") and "NOBODY" in panel and "NOMGR" not in panel


async def test_on_loopback_where_every_local_account_can_reach_it_nothing_is_shown_without_signing_in(settings):
    """Issue 25's shared host: another local account reaches 127.0.0.1 too; issue 19's sign-in answers it."""
    port = free_port()
    server, task = await serving(create_app(settings, host="127.0.0.1"), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for path in ("/", "/open", "/case/ANY", "/alerts", "/stats", "/letter/response/ANY", "/triage"):
                r = await http.get(path)
                assert (r.status_code, r.headers["location"]) == (303, f"/sign-in?next={path}"), path
    finally:
        server.should_exit = True
        await task
