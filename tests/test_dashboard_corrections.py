"""The case page shows who did what: its events numbered as `void` and `amend` take them, a voided one
struck through with who voided it, when and why, and the case's audit trail — in a real browser
(Debian's Chromium, JavaScript off) against a real dev server, worker and register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.async_api import async_playwright

from casework import cases
from casework.actors import Actor
from casework.today import today
from dashboard.app import create_app
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard import CHROMIUM, FLAGS, serving

ALICE = Actor("alice@example.org", "Alice", frozenset({"officer"}), registered=True)
BOB = Actor("bob@example.org", "Bob", frozenset({"manager"}), registered=True)


@pytest.mark.slow
async def test_the_case_page_strikes_through_a_voided_event_and_lists_every_action_with_its_author(
    dev_env, settings, register
):
    client, now = dev_env.client, today("Europe/London")
    history = [
        Event(type="responded", on=now - timedelta(days=10), outcome="granted"),
        Event(type="review_requested", on=now - timedelta(days=5)),
    ]
    case = CaseInput(ref="PAGE-1", regime="foia", received=now - timedelta(days=30), events=history)
    async with running_worker(client, settings):
        await cases.start_case(client, settings, case, ALICE)
        await cases.view(client, settings, "PAGE-1")
        await cases.void_event(client, settings, "PAGE-1", 2, "recorded on the wrong case <b>oops</b>", BOB)
        port = free_port()
        server, _task = await serving(create_app(reading(settings), client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                context = await browser.new_context(java_script_enabled=False, extra_http_headers=BEARER)
                page = await context.new_page()
                await page.goto(f"http://127.0.0.1:{port}/case/PAGE-1")
                rows = await page.locator("table.timeline tbody tr").all_inner_texts()
                assert rows[1].startswith("1\t") and "granted" in rows[1] and rows[1].endswith("alice@example.org")
                assert rows[2].startswith("2\t") and "review requested" in rows[2]
                assert "Voided by bob@example.org" in rows[2] and "recorded on the wrong case <b>oops</b>" in rows[2]
                struck = await page.locator("table.timeline tr.voided del").all_inner_texts()
                assert "review requested" in " ".join(struck)
                assert await page.locator("table.timeline b").count() == 0  # what a person typed is text
                trail = await page.locator("table.history tbody tr").all_inner_texts()
                actions = [row.split("\t")[1:3] for row in trail if "\talarm" not in row]
                assert actions == [
                    ["started", "alice@example.org"],
                    ["recorded 1", "alice@example.org"],
                    ["recorded 2", "alice@example.org"],
                    ["void 2", "bob@example.org"],
                ]
                await browser.close()
        finally:
            server.should_exit = True
