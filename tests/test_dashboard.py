"""The dashboard in a real browser (Debian's Chromium driven by Playwright), against a real dev server,
worker and register. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import asyncio
import base64
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.async_api import async_playwright

from casework import cases
from casework.lists import everything, query_for
from casework.today import today
from dashboard.app import create_app
from messages import CaseInput
from rules import Event, ProclaimedDay
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.naive_law import naive_calendar
from tests.signing_in import BEARER, reading
from tests.smtp import free_port

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def serving(app, port: int):
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    return server, task


@pytest.mark.slow
async def test_a_manager_follows_an_overdue_case_to_the_holiday_that_moved_its_date(dev_env, settings, register):
    now = today("Europe/London")
    cal = naive_calendar("foia")  # the tests' own model of the calendar, not the engine's
    received = now - timedelta(days=60)
    holiday = cal.nth_working_day_after(received, 4)
    soon = now
    while cal.working_days_in(soon, now) < 17:  # received 17 working days ago: due in 3
        soon -= timedelta(days=1)
    register.add_proclaimed(ProclaimedDay(on=holiday, name="Proclaimed for the dashboard test"))
    client = dev_env.client
    async with running_worker(client, settings):
        await cases.start_case(
            client,
            settings,
            CaseInput(
                ref="DASH-1", regime="foia", received=received, officer="officer@example.org", manager="m@example.org"
            ),
            STAFF,
        )
        await cases.start_case(
            client, settings, CaseInput(ref="DASH-2", regime="foia", received=now - timedelta(days=90)), STAFF
        )
        responded = now - timedelta(days=70)
        await cases.start_case(
            client,
            settings,
            CaseInput(
                ref="DASH-3",
                regime="foia",
                received=now - timedelta(days=80),
                events=[Event(type="responded", on=responded, outcome="part_withheld")],
            ),
            STAFF,
        )
        await cases.start_case(client, settings, CaseInput(ref="SOON", regime="foia", received=soon), STAFF)
        for _ in range(100):
            overdue = everything(register, settings, query_for(register, settings, "overdue"))
            if len(overdue) == 2 and len(register.notifications()) >= 2:
                break
            await asyncio.sleep(0.2)
        port = free_port()
        server, task = await serving(create_app(reading(settings), client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                # it must work without JS; read as a machine holding the token (no action buttons)
                context = await browser.new_context(java_script_enabled=False, extra_http_headers=BEARER)
                page = await context.new_page()
                await page.goto(f"http://127.0.0.1:{port}/")
                rows = page.locator("table.cases tbody tr")
                assert await rows.count() == 2
                assert await rows.nth(0).locator("td").nth(0).inner_text() == "DASH-2"  # most overdue first
                await page.click("text=DASH-1")
                await page.wait_for_url("**/case/DASH-1")
                deadlines = await page.locator("ul.deadlines").inner_text()
                assert f"{holiday:%a} {holiday.day} {holiday:%b %Y} — Proclaimed for the dashboard test" in deadlines
                assert "officer@example.org" in await page.inner_text("main")
                assert (await page.inner_text("p.next-step")).startswith("Respond now: the response was due")
                assert "queued for the next digest" in await page.inner_text("table.alerts")
                headings = await page.locator("h2").all_inner_texts()
                assert "Alerts: sent, queued or withdrawn" in headings and "Alerts sent" not in headings
                ARTIFACTS.mkdir(exist_ok=True)
                await page.screenshot(path=str(ARTIFACTS / "dashboard-case.png"), full_page=True)

                await page.goto(f"http://127.0.0.1:{port}/due-soon")
                assert "SOON" in await page.inner_text("main")
                await page.goto(f"http://127.0.0.1:{port}/alerts")
                assert "SERIOUSLY OVERDUE" in await page.inner_text("main")
                quarter = f"{received.year}Q{(received.month - 1) // 3 + 1}"
                await page.goto(f"http://127.0.0.1:{port}/stats?quarter={quarter}")
                assert await page.locator("svg rect").count() > 5
                assert "received" in await page.inner_text("table")
                await page.screenshot(path=str(ARTIFACTS / "dashboard-stats.png"), full_page=True)
                await page.goto(f"http://127.0.0.1:{port}/")
                await page.screenshot(path=str(ARTIFACTS / "dashboard-overdue.png"), full_page=True)
                await browser.close()
        finally:
            server.should_exit = True
            await task


async def test_credentials_when_configured(settings):
    settings = settings.model_copy(update={"dashboard_token": "s3cret"})
    port = free_port()
    server, task = await serving(create_app(settings), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            signed_out = await http.get("/alerts")
            assert (signed_out.status_code, signed_out.headers["location"]) == (303, "/sign-in?next=/alerts")
            assert (await http.get("/alerts", headers={"Authorization": "Bearer nope"})).status_code == 401
            assert (await http.get("/alerts", headers={"Authorization": "Bearer s3cret"})).status_code == 200
            basic = base64.b64encode(b"manager:pw").decode()  # basic auth is gone
            assert (await http.get("/alerts", headers={"Authorization": f"Basic {basic}"})).status_code == 401
            posted = await http.post("/start", headers={"Authorization": "Bearer s3cret"}, data={"ref": "X"})
            assert posted.status_code == 403  # the token only reads
    finally:
        server.should_exit = True
        await task


async def test_on_every_interface_a_signed_out_request_is_sent_to_sign_in(settings):
    port = free_port()
    server, task = await serving(create_app(settings, host="0.0.0.0"), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            for path in ("/", "/case/ANY", "/stats", "/healthz", "/people"):
                r = await http.get(path)
                assert (r.status_code, r.headers["location"]) == (303, f"/sign-in?next={path}"), path
            assert (await http.get("/sign-in")).status_code == 200
    finally:
        server.should_exit = True
        await task


async def test_without_temporal_the_pages_say_so_and_do_not_crash(settings, monkeypatch):
    monkeypatch.setenv("FOI_DEV_SERVER_PORT", str(free_port()))
    from settings import get_settings

    get_settings.cache_clear()
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            r = await http.get("/case/ANY")
            assert r.status_code == 503 and "start the worker" in r.text
            assert (await http.get("/alerts")).status_code == 200  # the register still answers
            assert (await http.get("/")).status_code == 200  # the lists are the register's too
    finally:
        server.should_exit = True
        await task
        get_settings.cache_clear()
