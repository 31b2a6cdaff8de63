"""Clearance in the browser workbench (issue 20, item 3), in Debian's Chromium driven by Playwright against
a real dev server, worker and register: the officer flags a case for clearance choosing the approving team,
a member of that team returns it (what to change required) and then clears it, and a manager records an
answer over pending clearance with a reason; a correction that would break clearance's order is refused,
and a return's changes are amended on its form. The refusals are the command line's own sentences, shown at
the form's field, with nothing recorded (counted in the register); axe-core's WCAG 2.2 A and AA rules run
on each clearance form, a refused one included."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.async_api import Page, async_playwright

from casework import cases
from casework.actors import Actor
from casework.passwords import set_password
from casework.people import add_person
from casework.teams import join
from casework.today import today
from dashboard.app import create_app
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.smtp import free_port
from tests.test_dashboard import CHROMIUM, FLAGS, serving
from tests.test_workbench import ADMIN, MANAGER, OFFICER, PASSWORD, axe_violations, fill_date, register_staff, sign_in

PRESS = "Press Office"
PAT = "pat@example.org"  # a member of the press office: the approving team
MEG = Actor(MANAGER, "Meg Manager", frozenset({"manager"}), registered=True)

pytestmark = pytest.mark.slow  # starts processes or a browser (docs/developer.md#what-slow-means)


def register_press_office(register, settings) -> None:
    register_staff(register, settings)
    admin = Actor(ADMIN, "Ada Admin", frozenset({"admin"}), registered=True)
    register.add_team(PRESS, by=ADMIN)
    register.add_team("Information Rights Team", by=ADMIN)
    add_person(register, admin, PAT, "Pat Press", ["officer"])
    set_password(register, settings, PAT, PASSWORD)
    join(register, admin, PRESS, PAT)


def kinds(register, ref: str) -> list[str]:
    return [str(e.type) for e in register.case_events(ref)]


async def person(browser, base: str, email: str) -> Page:
    page = await (await browser.new_context(bypass_csp=True)).new_page()  # to inject axe; the pages run no script
    await sign_in(page, base, email)
    await page.wait_for_url(lambda url: "/sign-in" not in url)  # each role has its own landing page
    return page


async def record(page: Page, base: str, ref: str, kind: str, on) -> None:
    await page.goto(f"{base}/case/{ref}/record")
    await page.click(f"a[href='?kind={kind}']")
    await fill_date(page, "on", on)


async def submit(page: Page) -> None:
    await page.click("button:has-text('Record it')")


async def test_flag_return_clear_and_a_managers_override_in_the_browser(dev_env, settings, register):
    register_press_office(register, settings)
    now = today("Europe/London")
    received, flagged = now - timedelta(days=10), now - timedelta(days=3)
    client = dev_env.client
    async with running_worker(client, settings):
        for ref in ("CW-1", "CW-2"):
            case = CaseInput(ref=ref, regime="foia", received=received, officer=OFFICER)
            await cases.start_case(client, settings, case, MEG)
        await cases.record_event(
            client, settings, "CW-2", Event(type="flag_for_clearance", on=flagged, team=PRESS), MEG
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                olu = await person(browser, base, OFFICER)

                # The choice of event offers the flag while an answer is owed, not cleared or returned.
                await olu.goto(f"{base}/case/CW-1/record")
                choices = await olu.inner_text("ul.record-choices")
                assert "Flag for clearance" in choices and "Cleared" not in choices and "Returned" not in choices

                # A flag with no team chosen: refused at the team field, nothing recorded.
                await record(olu, base, "CW-1", "flag_for_clearance", flagged)
                options = await olu.locator("#team option").all_inner_texts()
                assert options == ["Choose a team", "Information Rights Team", PRESS]
                await submit(olu)
                assert "Choose the approving team" in await olu.inner_text("#team-error")
                assert await olu.get_attribute(".govuk-error-summary a", "href") == "#team"
                assert await axe_violations(olu) == []
                assert kinds(register, "CW-1") == []
                await olu.select_option("#team", PRESS)
                await submit(olu)
                await olu.wait_for_url(f"{base}/case/CW-1")
                assert f"awaiting {PRESS} since" in await olu.inner_text("p.clearance")
                assert kinds(register, "CW-1") == ["flag_for_clearance"]
                assert register.clearances("CW-1")[0].team == PRESS
                assert register.events("CW-1")[0].recorded_by == OFFICER

                # The response while clearance is pending: the command line's refusal, at the date.
                await record(olu, base, "CW-1", "responded", now)
                assert await olu.locator("#override_clearance").count() == 0  # an officer: no override
                await olu.check("input[name=outcome][value=granted]")
                await submit(olu)
                error = await olu.inner_text("#on-day-error")
                assert f"clearance by '{PRESS}' is pending since {flagged.isoformat()} (event 1)" in error
                assert await axe_violations(olu) == []
                assert kinds(register, "CW-1") == ["flag_for_clearance"]

                # Cleared by someone not of the approving team: refused in one line, nothing recorded.
                await record(olu, base, "CW-1", "cleared", now)
                await submit(olu)
                assert (
                    f"{OFFICER} is not a member of '{PRESS}', the approving team, so cannot record cleared"
                    in await olu.inner_text(".govuk-error-summary")
                )
                assert kinds(register, "CW-1") == ["flag_for_clearance"]

                # A member of the press office returns it: what to change is required.
                pat = await person(browser, base, PAT)
                await record(pat, base, "CW-1", "returned", flagged + timedelta(days=1))
                await submit(pat)
                assert "Enter what is to change" in await pat.inner_text("#changes-error")
                assert await axe_violations(pat) == []
                assert kinds(register, "CW-1") == ["flag_for_clearance"]
                await pat.fill("#changes", "cite s40(2) for the names")
                await submit(pat)
                await pat.wait_for_url(f"{base}/case/CW-1")
                assert f"returned by {PRESS}" in await pat.inner_text("p.clearance")
                assert register.clearances("CW-1")[1].changes == "cite s40(2) for the names"

                # Returned: the officer's move; the choice offers the flag again, and it is resubmitted.
                await olu.goto(f"{base}/case/CW-1/record")
                assert "Cleared" not in await olu.inner_text("ul.record-choices")
                await record(olu, base, "CW-1", "flag_for_clearance", now)
                await olu.select_option("#team", PRESS)
                await submit(olu)
                await olu.wait_for_url(f"{base}/case/CW-1")

                # Cleared by the member; then the response goes out with no override needed.
                await record(pat, base, "CW-1", "cleared", now)
                await submit(pat)
                await pat.wait_for_url(f"{base}/case/CW-1")
                assert await pat.locator("p.clearance").count() == 0
                await record(olu, base, "CW-1", "responded", now)
                await olu.check("input[name=outcome][value=granted]")
                await submit(olu)
                await olu.wait_for_url(f"{base}/case/CW-1")
                assert kinds(register, "CW-1") == [
                    "flag_for_clearance",
                    "returned",
                    "flag_for_clearance",
                    "cleared",
                    "responded",
                ]
                assert [e.recorded_by for e in register.events("CW-1")] == [OFFICER, PAT, OFFICER, PAT, OFFICER]

                # Corrections keep clearance's order: voiding the `cleared` the response went out on is refused
                # at the reason, naming the event to correct first; nothing is voided.
                await olu.goto(f"{base}/case/CW-1/event/4/void")
                await olu.fill("#reason", "cleared by mistake")
                await olu.click("button:has-text('Void the event')")
                assert (
                    f"event 4 cannot be voided: event 5 (responded on {now.isoformat()}) would then be an answer "
                    f"while clearance by '{PRESS}' was pending, with no manager's override; correct event 5 first"
                ) in await olu.inner_text("#reason-error")
                assert await axe_violations(olu) == []
                assert [r.voided_at for r in register.events("CW-1")] == [None] * 5
                # The return's changes amended on its form (filled in with what it says now).
                await olu.goto(f"{base}/case/CW-1/event/2/amend")
                assert await olu.input_value("#changes") == "cite s40(2) for the names"
                await olu.fill("#changes", "cite s40(2) for the names and s43(2) for the prices")
                await olu.fill("#reason", "the press office asked for both")
                await olu.click("button:has-text('Amend the event')")
                await olu.wait_for_url(f"{base}/case/CW-1")
                changed = register.clearances("CW-1")[1]
                assert changed.changes == "cite s40(2) for the names and s43(2) for the prices"

                # A manager answers CW-2 over its pending clearance: without a reason refused at the override
                # field; with one, recorded, the reason kept in the register.
                meg = await person(browser, base, MANAGER)
                await record(meg, base, "CW-2", "responded", now)
                await meg.check("input[name=outcome][value=granted]")
                await submit(meg)
                assert f"clearance by '{PRESS}' is pending" in await meg.inner_text("#override_clearance-error")
                assert await meg.get_attribute(".govuk-error-summary a", "href") == "#override_clearance"
                assert await axe_violations(meg) == []
                assert kinds(register, "CW-2") == ["flag_for_clearance"]
                await meg.fill("#override_clearance", "the minister's office asked for it today")
                await submit(meg)
                await meg.wait_for_url(f"{base}/case/CW-2")
                assert "Recorded while clearance was pending" in await meg.inner_text("table.timeline")
                assert kinds(register, "CW-2") == ["flag_for_clearance", "responded"]
                assert register.clearances("CW-2")[1].override == "the minister's office asked for it today"
                await browser.close()
        finally:
            server.should_exit = True
            await task
