"""Staff working in the browser (issue 19), in Debian's Chromium driven by Playwright, against a real
dev server, worker and register: signing in, starting a case, recording a response, the refusals
(a bad date, a missing CSRF token, a role that may not, a locked-out address), the keyboard alone,
and axe-core's WCAG 2.2 A and AA rules on every page. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from casework import cases
from casework.actors import Actor
from casework.passwords import set_password
from casework.people import add_person
from casework.today import today
from dashboard.app import create_app
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.naive_law import naive_calendar, same_date_months_later
from tests.smtp import free_port
from tests.test_dashboard import ARTIFACTS, CHROMIUM, FLAGS, serving

AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"  # axe-core 4.14.1, MPL-2.0 (tests/axe/)
WCAG22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PASSWORD = "correct horse battery staple"
ADMIN, OFFICER, MANAGER = "ada@example.org", "olu@example.org", "meg@example.org"


def shown(d) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


def register_staff(register, settings) -> None:
    first = Actor("os:tests", "tests", frozenset(), registered=False)
    add_person(register, first, ADMIN, "Ada Admin", ["admin"])
    admin = Actor(ADMIN, "Ada Admin", frozenset({"admin"}), registered=True)
    add_person(register, admin, OFFICER, "Olu Okafor", ["officer"])
    add_person(register, admin, MANAGER, "Meg Manager", ["manager"])
    for email in (ADMIN, OFFICER, MANAGER):
        set_password(register, settings, email, PASSWORD)


async def sign_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    if not page.url.startswith(f"{base}/sign-in"):
        await page.goto(f"{base}/sign-in")
    await page.fill("#email", email)
    await page.fill("#password", password)
    await page.click("button:has-text('Sign in')")


async def fill_date(page: Page, name: str, d) -> None:
    await page.fill(f"#{name}-day", str(d.day))
    await page.fill(f"#{name}-month", str(d.month))
    await page.fill(f"#{name}-year", str(d.year))


def history_size(register, ref: str) -> int:
    return len(register.case_events(ref))


@pytest.mark.slow
@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
async def test_an_officer_signs_in_starts_a_case_and_records_a_response(dev_env, settings, register, javascript):
    register_staff(register, settings)
    cal = naive_calendar("foia")  # the tests' own model of the calendar, not the engine's
    now = today("Europe/London")
    received, responded = now - timedelta(days=21), now - timedelta(days=7)
    ref = f"WEB-{'JS' if javascript else 'NOJS'}"
    client = dev_env.client
    async with running_worker(client, settings):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                context = await browser.new_context(java_script_enabled=javascript)
                page = await context.new_page()

                await page.goto(f"{base}/open")  # signed out: sent to sign in, and back afterwards
                assert page.url == f"{base}/sign-in?next=/open"
                await sign_in(page, base, OFFICER)
                await page.wait_for_url(f"{base}/open")
                assert "Signed in as Olu Okafor" in await page.inner_text(".signed-in")

                await page.click("text=Start a case")
                await page.fill("#ref", ref)
                await page.check("input[name=regime][value=foia]")
                await fill_date(page, "received", received)
                await page.fill("#subject", "Council budgets 2026")
                await page.select_option("#officer", OFFICER)
                await page.click("button:has-text('Start the case')")
                await page.wait_for_url(f"{base}/case/{ref}")
                assert "Council budgets 2026" in await page.inner_text("main")
                due = cal.nth_working_day_after(received, 20)
                dates = (await page.inner_text("dl.case-dates")).replace("\t", "\n")
                assert f"Response due\n{shown(due)}" in dates

                await page.click("text=Record an event")
                await page.click("a:has-text('Responded')")
                await fill_date(page, "on", responded)
                await page.check("input[name=outcome][value=part_withheld]")
                await page.fill("#exemptions", "s40(2), s43(2)")
                await page.check("#public_interest_test")
                await page.click("button:has-text('Record it')")
                await page.wait_for_url(f"{base}/case/{ref}")
                dates = (await page.inner_text("dl.case-dates")).replace("\t", "\n")
                assert f"Responded\n{shown(responded)}" in dates
                review_until = same_date_months_later(responded, 2)  # FOIA default: two calendar months
                assert f"Review can be asked for until\n{shown(review_until)}" in dates
                assert "s40(2), s43(2)" in await page.inner_text("table.timeline")
                letter = page.locator("ul.letters a", has_text="Response")
                assert await letter.get_attribute("href") == f"/letter/response/{ref}"
                docx = await context.request.get(f"{base}/letter/response/{ref}")
                assert docx.status == 200 and (await docx.body())[:2] == b"PK"  # the Word document (a zip)
                assert [e.exemptions for e in register.case_events(ref)] == [("s40(2)", "s43(2)")]
                name = "workbench-case-js.png" if javascript else "workbench-case.png"  # JS off: docs/officer.md's
                await page.screenshot(path=str(ARTIFACTS / name), full_page=True)

                # A date that is not a date: the error summary, and nothing recorded.
                await page.goto(f"{base}/case/{ref}/event/1/amend")
                await page.fill("#on-day", "31")
                await page.fill("#on-month", "2")
                await page.fill("#reason", "typo")
                await page.click("button:has-text('Amend the event')")
                summary = page.locator(".govuk-error-summary")
                assert "must be a real date" in await summary.inner_text()
                assert await page.locator("#on-day-error").count() == 1
                assert await page.title() == f"Error: Amend event 1 of {ref} — FOI deadlines"
                assert [e.on for e in register.case_events(ref)] == [responded]
                await browser.close()
        finally:
            server.should_exit = True
            await task


@pytest.mark.slow
async def test_refusals_change_nothing(dev_env, settings, register):
    """A POST without the CSRF token or with another session's: 403, nothing recorded. An officer
    cannot reach people management. An unknown exemption: the error summary, nothing recorded."""
    register_staff(register, settings)
    now = today("Europe/London")
    client = dev_env.client
    async with running_worker(client, settings):
        typed = "<script>alert(1)</script><b>budgets</b>"
        await cases.start_case(
            client,
            settings,
            CaseInput(ref="REF-1", regime="foia", received=now - timedelta(days=3), subject=typed),
            STAFF,
        )
        await cases.start_case(
            client, settings, CaseInput(ref="REF-E", regime="eir", received=now - timedelta(days=3)), STAFF
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                officer = await browser.new_context(java_script_enabled=False)
                page = await officer.new_page()
                await sign_in(page, base, OFFICER)
                await page.wait_for_url(f"{base}/my-cases")
                await page.goto(f"{base}/case/REF-1")
                assert typed in await page.inner_text("main")  # shown as text, never as markup
                assert await page.locator("main script, main b").count() == 0
                other = await browser.new_context(java_script_enabled=False)
                other_page = await other.new_page()
                await sign_in(other_page, base, MANAGER)
                await other_page.wait_for_url(f"{base}/")
                their_token = await other_page.get_attribute("input[name=csrf]", "value")

                on = {"on-day": str(now.day), "on-month": str(now.month), "on-year": str(now.year)}
                form = {"type": "withdrawn", **on}
                for posted in (form, {**form, "csrf": their_token}, {**form, "csrf": ""}):
                    r = await officer.request.post(f"{base}/case/REF-1/record", form=posted, max_redirects=0)
                    assert r.status == 403, posted
                    assert "security token" in await r.text()
                assert history_size(register, "REF-1") == 0

                r = await officer.request.get(f"{base}/people", max_redirects=0)
                assert r.status == 403
                assert "may not do this" in await r.text()
                await page.goto(f"{base}/my-cases")
                assert await page.locator("nav a", has_text="People").count() == 0

                await page.goto(f"{base}/case/REF-E/record?kind=responded")  # the EIR have no s14(2)
                assert await page.locator("input[name=outcome][value=refused_vexatious]").count() == 1
                assert await page.locator("input[name=outcome][value=refused_repeated]").count() == 0
                await page.goto(f"{base}/case/REF-1/record?kind=responded")
                assert await page.locator("input[name=outcome][value=refused_repeated]").count() == 1
                await fill_date(page, "on", now)
                await page.check("input[name=outcome][value=withheld]")
                await page.fill("#exemptions", "s99(9)")
                await page.click("button:has-text('Record it')")
                assert "s99(9)" in await page.inner_text(".govuk-error-summary")
                assert await page.locator("#exemptions-error").count() == 1
                assert history_size(register, "REF-1") == 0

                await page.goto(f"{base}/start")  # text over its limit: the error summary, no case
                await page.fill("#ref", "LONG-1")
                await page.check("input[name=regime][value=foia]")
                await fill_date(page, "received", now)
                await page.fill("#subject", "x" * 201)
                await page.click("button:has-text('Start the case')")
                assert "The subject must be 200 characters or fewer (it is 201)" in await page.inner_text(
                    ".govuk-error-summary"
                )
                assert await cases.status(client, "LONG-1") is None and register.case("LONG-1") is None

                r = await officer.request.post(f"{base}/sign-out", form={}, max_redirects=0)
                assert r.status == 403  # signing out is a form too
                await browser.close()
        finally:
            server.should_exit = True
            await task


@pytest.mark.slow
async def test_a_locked_out_address_cannot_sign_in_with_the_right_password_until_the_lock_ends(settings, register):
    settings = settings.model_copy(update={"sign_in_attempts": 3, "sign_in_lockout_minutes": 15})
    register_staff(register, settings)
    app = create_app(settings)
    moment = [app.state.clock()]
    app.state.clock = lambda: moment[0]  # the lock-out's clock, moved on by the test instead of sleeping
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server, task = await serving(app, port)
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = await (await browser.new_context(java_script_enabled=False)).new_page()
            for _ in range(3):
                await sign_in(page, base, OFFICER, "not the password")
                assert "not right" in await page.inner_text(".govuk-error-summary")
            await sign_in(page, base, OFFICER)  # the right password, while locked
            assert "locked until" in await page.inner_text(".govuk-error-summary")
            assert page.url.startswith(f"{base}/sign-in")
            moment[0] += timedelta(minutes=14)
            await sign_in(page, base, OFFICER)
            assert "locked until" in await page.inner_text(".govuk-error-summary")
            moment[0] += timedelta(minutes=2)  # 16 minutes after the lock began
            await sign_in(page, base, OFFICER)
            await page.wait_for_url(f"{base}/my-cases")
            await browser.close()
    finally:
        server.should_exit = True
        await task


async def test_sign_in_is_logged_without_the_password(settings, register, caplog):
    from casework.passwords import SignInRefused, sign_in

    register_staff(register, settings)
    caplog.set_level("INFO", logger="foi.sign_in")
    moment = create_app(settings).state.clock()
    with pytest.raises(SignInRefused):
        sign_in(register, settings, OFFICER, "hunter2-wrong", moment)
    sign_in(register, settings, OFFICER, PASSWORD, moment)
    logged = caplog.text
    assert f"sign-in failed for {OFFICER}: wrong password" in logged and f"signed in: {OFFICER}" in logged
    assert "hunter2" not in logged and PASSWORD not in logged
    assert register.person(OFFICER).password_hash.startswith("$argon2id$")


async def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus (the keyboard alone)."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.slow
async def test_with_the_keyboard_alone_an_officer_signs_in_finds_a_case_and_records_a_response(
    dev_env, settings, register
):
    register_staff(register, settings)
    now = today("Europe/London")
    client = dev_env.client
    async with running_worker(client, settings):
        await cases.start_case(
            client,
            settings,
            CaseInput(ref="KEY-1", regime="foia", received=now - timedelta(days=5), officer=OFFICER),
            STAFF,
        )
        for _ in range(100):  # the register's row is written by the workflow
            if register.case("KEY-1") is not None:
                break
            await __import__("asyncio").sleep(0.1)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = await (await browser.new_context(java_script_enabled=False)).new_page()
                await page.goto(f"{base}/sign-in")
                await tab_to(page, "#email")
                await page.keyboard.type(OFFICER)
                await tab_to(page, "#password")
                await page.keyboard.type(PASSWORD)
                await page.keyboard.press("Enter")
                await page.wait_for_url(f"{base}/my-cases")
                await tab_to(page, "a[href='/case/KEY-1']")
                await page.keyboard.press("Enter")
                await page.wait_for_url(f"{base}/case/KEY-1")
                await tab_to(page, "a[href='/case/KEY-1/record']")
                await page.keyboard.press("Enter")
                await page.wait_for_url(f"{base}/case/KEY-1/record")
                await tab_to(page, "a[href='?kind=responded']")
                await page.keyboard.press("Enter")
                await page.wait_for_url(f"{base}/case/KEY-1/record?kind=responded")
                await tab_to(page, "#on-day")
                for part in (str(now.day), str(now.month), str(now.year)):
                    await page.keyboard.type(part)
                    await page.keyboard.press("Tab")
                await tab_to(page, "input[name=outcome][value=granted]")
                await page.keyboard.press("Space")
                await tab_to(page, "button[type=submit].govuk-button:not(.govuk-button--secondary)")
                await page.keyboard.press("Enter")
                await page.wait_for_url(f"{base}/case/KEY-1")
                assert f"Responded\n{shown(now)}" in (await page.inner_text("dl.case-dates")).replace("\t", "\n")
                assert [(e.type, e.outcome) for e in register.case_events("KEY-1")] == [("responded", "granted")]
                await browser.close()
        finally:
            server.should_exit = True
            await task


async def axe_violations(page: Page) -> list[dict]:
    await page.add_script_tag(content=AXE.read_text())
    result = await page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG22_A_AA)
    assert len(result["passes"]) > 5, page.url  # axe ran its rules on a real page
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


@pytest.mark.slow
async def test_every_page_passes_axe_core_at_wcag_2_2_a_and_aa(dev_env, settings, register):
    register_staff(register, settings)
    now = today("Europe/London")
    client = dev_env.client
    async with running_worker(client, settings):
        await cases.start_case(
            client,
            settings,
            CaseInput(
                ref="AXE-1",
                regime="foia",
                received=now - timedelta(days=40),
                subject="Parking fines",
                officer=ADMIN,
                manager=MANAGER,
            ),
            STAFF,
        )
        await cases.start_case(
            client, settings, CaseInput(ref="AXE-2", regime="sar", received=now - timedelta(days=3)), STAFF
        )
        for _ in range(100):
            if register.case("AXE-1") is not None and register.case("AXE-2") is not None:
                break
            await __import__("asyncio").sleep(0.1)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        checked: dict[str, list] = {}
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                context = await browser.new_context(bypass_csp=True)  # to inject axe; the pages run no script
                page = await context.new_page()

                async def check(name: str) -> None:
                    checked[name] = await axe_violations(page)
                    links = page.locator(".govuk-error-summary a")  # each leads to its field
                    for href in await links.evaluate_all("found => found.map(a => a.getAttribute('href'))"):
                        assert await page.locator(href).count() == 1, (name, href)

                await page.goto(f"{base}/sign-in")
                await check("sign-in")
                await sign_in(page, base, ADMIN, "wrong password")
                await check("sign-in with errors")
                await sign_in(page, base, ADMIN)
                await page.wait_for_url(f"{base}/")
                for path in (
                    "/",
                    "/due-soon",
                    "/open",
                    "/my-cases",
                    "/alerts",
                    "/stats",
                    "/people",
                    "/holidays",
                    "/triage",
                    "/start",
                ):
                    await page.goto(base + path)
                    await check(path)
                await page.click("button:has-text('Start the case')")
                await check("/start with errors")
                await page.goto(f"{base}/holidays")
                await page.click("button:has-text('Add the holiday')")
                await check("/holidays with errors")
                for path in (
                    "/case/AXE-1",
                    "/case/AXE-1/record",
                    "/case/AXE-1/record?kind=responded",
                    "/case/AXE-1/record?kind=extended",
                    "/case/AXE-1/assign",
                    "/case/AXE-2",
                ):
                    await page.goto(base + path)
                    await check(path)
                await page.goto(f"{base}/case/AXE-1/record?kind=responded")
                await fill_date(page, "on", now)
                await page.click("button:has-text('Record it')")
                await check("record with errors")
                await page.goto(f"{base}/case/AXE-1/record?kind=clarification_requested")
                await fill_date(page, "on", now)
                await page.click("button:has-text('Record it')")
                await page.wait_for_url(f"{base}/case/AXE-1")
                await check("/case/AXE-1 with an event")
                for path in ("/case/AXE-1/event/1/amend", "/case/AXE-1/event/1/void"):
                    await page.goto(base + path)
                    await check(path)
                await page.click("button:has-text('Void the event')")
                await check("void with errors")
                officer = await (await browser.new_context(bypass_csp=True)).new_page()
                await sign_in(officer, base, OFFICER)
                await officer.wait_for_url(f"{base}/my-cases")
                await officer.goto(f"{base}/people")
                checked["403 page"] = await axe_violations(officer)
                control = await browser.new_page()  # the check can fail: a page with faults of its own
                await control.set_content(
                    '<html lang="en"><title>t</title><main><h1>t</h1><img src="/x.png"><p>'
                    '<a href="/a"></a><input id="q"></p><p style="color:#bbb">pale</p></main></html>'
                )
                found = {v["id"] for v in await axe_violations(control)}
                assert {"image-alt", "link-name", "label", "color-contrast"} <= found
                await browser.close()
        finally:
            server.should_exit = True
            await task
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-pages.json").write_text(json.dumps(checked, indent=1))
    print("axe-core WCAG 2.2 A/AA, pages checked:", ", ".join(checked))
    assert len(checked) == 26
    assert {page: found for page, found in checked.items() if found} == {}


def test_the_pages_run_no_script_and_load_only_their_own_styles():
    templates = Path(__file__).resolve().parent.parent / "dashboard" / "templates"
    for template in templates.glob("*.html"):
        assert not re.search(r"<script|onclick=|javascript:", template.read_text()), template.name


@pytest.mark.slow
def test_people_password_reads_standard_input_and_refuses_in_one_line(tmp_path):
    from register import Register
    from tests.processes import Deployment

    d = Deployment(tmp_path)
    assert d.starter("people", "add", ADMIN, "--name", "Ada Admin", "--role", "admin").returncode == 0
    out = d.starter("people", "password", ADMIN, stdin=PASSWORD + "\n")
    assert (out.returncode, out.stdout.strip()) == (0, f"{ADMIN}: password set; they can sign in to the dashboard")
    assert PASSWORD not in out.stdout + out.stderr
    register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
    stored = register.person(ADMIN).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    for args, stdin, said in (
        ((ADMIN,), "short\n", "password: 5 characters; use at least 12"),
        (("nobody@example.org",), PASSWORD + "\n", "nobody@example.org is not a registered person"),
    ):
        out = d.starter("people", "password", *args, stdin=stdin)
        assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1 and said in out.stderr, out.stderr
    assert register.person(ADMIN).password_hash == stored  # refused: nothing changed


@pytest.mark.slow
async def test_an_admin_adds_and_removes_a_proclaimed_holiday_and_the_running_case_moves(dev_env, settings, register):
    register_staff(register, settings)
    cal = naive_calendar("foia")
    received = today("Europe/London") - timedelta(days=3)
    holiday = cal.nth_working_day_after(received, 10)  # a working day inside the 20
    plain = cal.nth_working_day_after(received, 20)
    moved = naive_calendar("foia", proclaimed=[(holiday, "uk")]).nth_working_day_after(received, 20)
    assert moved != plain
    client = dev_env.client
    async with running_worker(client, settings):
        await cases.start_case(client, settings, CaseInput(ref="HOL-1", regime="foia", received=received), STAFF)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                officer = await (await browser.new_context(java_script_enabled=False)).new_page()
                await sign_in(officer, base, OFFICER)
                await officer.wait_for_url(f"{base}/my-cases")
                assert (await officer.goto(f"{base}/holidays")).status == 403

                page = await (await browser.new_context(java_script_enabled=False)).new_page()
                await sign_in(page, base, ADMIN)
                await page.wait_for_url(f"{base}/")
                await page.goto(f"{base}/holidays")
                await fill_date(page, "on", holiday)
                await page.fill("#name", "Proclaimed for the <b>web</b> test")
                await page.click("button:has-text('Add the holiday')")
                await page.wait_for_url(f"{base}/holidays")
                assert "Proclaimed for the <b>web</b> test" in await page.inner_text("table.holidays")
                assert [(d.on, d.region) for d in register.proclaimed()] == [(holiday, "uk")]
                for _ in range(50):  # the signal is acted on in the case's next workflow task
                    if (await cases.view(client, settings, "HOL-1")).evaluation.response_due == moved:
                        break
                    await __import__("asyncio").sleep(0.2)
                await page.goto(f"{base}/case/HOL-1")
                assert f"Response due\n{shown(moved)}" in (await page.inner_text("dl.case-dates")).replace("\t", "\n")

                await page.goto(f"{base}/holidays")
                await page.click("table.holidays button:has-text('Remove')")
                await page.wait_for_url(f"{base}/holidays")
                assert register.proclaimed() == []
                done = [(a.kind, a.actor) for a in register.actions() if a.kind.startswith("holiday")]
                assert done == [("holiday_added", ADMIN), ("holiday_removed", ADMIN)]
                await browser.close()
        finally:
            server.should_exit = True
            await task


@pytest.mark.slow
async def test_the_session_cookie_is_signed_httponly_lax_and_ends_when_idle(settings, register):
    import time

    import httpx
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    from dashboard.sessions import COOKIE

    register_staff(register, settings)
    settings = settings.model_copy(update={"session_idle_minutes": 30})
    app = create_app(settings)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server, task = await serving(app, port)
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            context = await browser.new_context(java_script_enabled=False)
            page = await context.new_page()
            await sign_in(page, base, OFFICER)
            await page.wait_for_url(f"{base}/my-cases")
            (cookie,) = [c for c in await context.cookies() if c["name"] == COOKIE]
            assert (cookie["httpOnly"], cookie["sameSite"], cookie["secure"]) == (True, "Lax", False)
            assert cookie["expires"] == -1  # a browser-session cookie: the idle limit is in its signature
            await browser.close()
        key = settings.session_key_file.read_text().strip()

        def aged(minutes: int) -> str:
            class Then(TimestampSigner):
                def get_timestamp(self) -> int:
                    return super().get_timestamp() - minutes * 60

            forged = URLSafeTimedSerializer(key, salt="foi-dashboard-session", signer=Then)
            # begun after the password was set (which ended older sessions); last signed `minutes` ago
            return forged.dumps({"e": OFFICER, "c": "t", "b": time.time()})

        async with httpx.AsyncClient(base_url=base) as http:
            fresh = await http.get("/my-cases", headers={"Cookie": f"{COOKIE}={aged(29)}"})
            assert fresh.status_code == 200 and "My cases" in fresh.text
            renewed = fresh.headers["set-cookie"]  # seen: signed again with the time now
            assert renewed.startswith(f"{COOKIE}=") and "HttpOnly" in renewed and "SameSite=lax" in renewed
            idle = await http.get("/my-cases", headers={"Cookie": f"{COOKIE}={aged(31)}"})
            assert (idle.status_code, idle.headers["location"]) == (303, "/sign-in?next=/my-cases")
            tampered = aged(1).replace(".", "x.", 1)
            assert (await http.get("/my-cases", headers={"Cookie": f"{COOKIE}={tampered}"})).status_code == 303
    finally:
        server.should_exit = True
        await task
    secure = create_app(settings.model_copy(update={"dashboard_url": "https://foi.example.org"}))
    port = free_port()
    server, task = await serving(secure, port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            form = await http.get("/sign-in")
            token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
            assert "; secure" in form.headers["set-cookie"].lower()  # the sign-in form's own cookie too
            pre = form.headers["set-cookie"].split(";")[0]  # sent back as the proxy's browser would, over HTTPS
            signed = await http.post(
                "/sign-in",
                data={"csrf": token, "email": OFFICER, "password": PASSWORD},
                headers={"Cookie": pre},
            )
            assert signed.status_code == 303
            session_cookie = [c for c in signed.headers.get_list("set-cookie") if c.startswith(f"{COOKIE}=")]
            assert len(session_cookie) == 1 and "; secure" in session_cookie[0].lower()
    finally:
        server.should_exit = True
        await task


@pytest.mark.slow
async def test_a_manager_assigns_and_voids_the_engine_refuses_and_an_admin_registers_someone(
    dev_env, settings, register
):
    register_staff(register, settings)
    now = today("Europe/London")
    received = now - timedelta(days=6)
    client = dev_env.client
    async with running_worker(client, settings):
        await cases.start_case(
            client,
            settings,
            CaseInput(ref="MGR-1", regime="foia", received=received, events=[Event(type="withdrawn", on=now)]),
            STAFF,
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                context = await browser.new_context(java_script_enabled=False)
                page = await context.new_page()
                await sign_in(page, base, MANAGER)
                await page.wait_for_url(f"{base}/")

                # The engine's refusal (a review completed on a case never reviewed) shows at the form.
                token = await page.get_attribute("input[name=csrf]", "value")
                on = {"on-day": str(now.day), "on-month": str(now.month), "on-year": str(now.year)}
                form = {"csrf": token, "type": "review_completed", "outcome": "upheld", **on}
                refused = await context.request.post(f"{base}/case/MGR-1/record", form=form, max_redirects=0)
                assert refused.status == 400 and "govuk-error-summary" in await refused.text()
                assert len(register.case_events("MGR-1")) == 1

                await page.goto(f"{base}/case/MGR-1/event/1/void")
                await page.fill("#reason", "withdrawn on the wrong case")
                await page.click("button:has-text('Void the event')")
                await page.wait_for_url(f"{base}/case/MGR-1")
                assert "Voided by meg@example.org" in await page.inner_text("table.timeline")
                assert register.case_events("MGR-1") == []

                await page.goto(f"{base}/case/MGR-1/assign")
                await page.select_option("#officer", OFFICER)
                await page.click("button:has-text('Assign')")  # no reason: refused, nothing changes
                assert "Enter the reason" in await page.inner_text(".govuk-error-summary")
                assert (await cases.view(client, settings, "MGR-1")).officer is None
                await page.fill("#reason", "Olu knows this team")
                await page.click("button:has-text('Assign')")
                await page.wait_for_url(f"{base}/case/MGR-1")
                assert (await cases.view(client, settings, "MGR-1")).officer == OFFICER
                assigned = [(a.kind, a.actor, a.reason) for a in register.actions("MGR-1") if a.kind == "assigned"]
                assert assigned == [("assigned", MANAGER, "Olu knows this team")]
                await page.goto(f"{base}/case/MGR-1/assign")
                await page.select_option("#reviewer", ADMIN)  # an admin may review
                await page.fill("#reason", "Ada reviews this one")
                await page.click("button:has-text('Assign')")
                await page.wait_for_url(f"{base}/case/MGR-1")
                after = await cases.view(client, settings, "MGR-1")
                assert (after.officer, after.reviewer) == (OFFICER, ADMIN)

                copied = await context.cookies()  # a cookie copied before signing out is no use after
                await page.click("button:has-text('Sign out')")
                await page.wait_for_url(f"{base}/sign-in")
                await page.goto(f"{base}/")
                assert page.url == f"{base}/sign-in?next=/"
                thief = await browser.new_context(java_script_enabled=False)
                await thief.add_cookies(copied)
                replayed = await thief.request.get(f"{base}/", max_redirects=0)
                assert (replayed.status, replayed.headers["location"]) == (303, "/sign-in?next=/")

                await sign_in(page, base, ADMIN)
                await page.wait_for_url(f"{base}/")
                await page.goto(f"{base}/people")
                await page.fill("#email", "Rev@Example.org")
                await page.fill("#name", "Rhys <Reviewer>")
                await page.check("#role-reviewer")
                await page.click("button:has-text('Register')")
                await page.wait_for_url(f"{base}/people")
                added = register.person("rev@example.org")
                assert (added.name, added.roles, added.added_by) == ("Rhys <Reviewer>", ["reviewer"], ADMIN)
                await page.fill("#email", "rev@example.org")
                await page.fill("#name", "Again")
                await page.check("#role-officer")
                await page.click("button:has-text('Register')")
                assert "already registered" in await page.inner_text(".govuk-error-summary")
                await browser.close()
        finally:
            server.should_exit = True
            await task


@pytest.mark.slow
def test_the_dashboard_process_logs_each_sign_in_attempt_without_the_password(tmp_path):
    import subprocess
    import sys
    import time

    import httpx

    from tests.processes import ROOT, STARTED, Deployment

    d = Deployment(tmp_path)
    assert d.starter("people", "add", OFFICER, "--name", "Olu Okafor", "--role", "admin").returncode == 0
    assert d.starter("people", "password", OFFICER, stdin=PASSWORD + "\n").returncode == 0
    port = free_port()
    log = tmp_path / "dashboard.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "starter.py"), "dashboard", "--port", str(port)],
            cwd=tmp_path,
            env=d.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    STARTED.append(proc)  # stopped by tests/conftest.py if this test fails half-way
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):  # until it listens
            try:
                httpx.get(f"{base}/sign-in")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        with httpx.Client(base_url=base) as http:
            form = http.get("/sign-in")
            token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
            wrong = http.post("/sign-in", data={"csrf": token, "email": OFFICER, "password": "swordfish-wrong"})
            assert wrong.status_code == 400
            right = http.post("/sign-in", data={"csrf": token, "email": OFFICER, "password": PASSWORD})
            assert right.status_code == 303
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    said = log.read_text()
    assert f"foi.sign_in: sign-in failed for {OFFICER}: wrong password" in said
    assert f"foi.sign_in: signed in: {OFFICER}" in said
    assert "swordfish" not in said and PASSWORD not in said


@pytest.mark.parametrize(
    ("regime", "events", "as_of", "expected"),
    [
        # received Wed 3 Mar 2021; FOIA response due Thu 31 Mar 2021 (20 working days; docs/law.md)
        (
            "foia",
            [],
            "2021-03-10",
            ["clarification_requested", "fee_notice_issued", "extended", "responded", "withdrawn"],
        ),
        # late: a review of the failure to respond may be asked for (s45 Code, RULES: review while owed)
        (
            "foia",
            [],
            "2021-04-20",
            ["clarification_requested", "fee_notice_issued", "extended", "responded", "withdrawn", "review_requested"],
        ),
        ("foisa", [], "2021-03-10", ["clarification_requested", "fee_notice_issued", "responded", "withdrawn"]),
        (
            "sar",
            [],
            "2021-03-10",
            [
                "clarification_requested",
                "fee_notice_issued",
                "extended",
                "responded",
                "withdrawn",
                "identity_requested",
            ],
        ),
        ("foia", [("clarification_requested", "2021-03-05")], "2021-03-10", ["clarification_received", "withdrawn"]),
        ("foia", [("responded", "2021-03-10")], "2021-03-11", ["review_requested"]),
        ("sar", [("responded", "2021-03-10")], "2021-03-11", []),  # no internal review stage: closed
    ],
)
def test_the_record_form_offers_only_what_the_stage_allows(regime, events, as_of, expected):
    from rules.engine import offered
    from tests.helpers import ev, evaluate_case

    history = [ev(kind, on, **({"outcome": "granted"} if kind == "responded" else {})) for kind, on in events]
    assert [t.value for t in offered(evaluate_case(regime, "2021-03-03", history, as_of))] == expected


@pytest.mark.slow
async def test_a_review_by_someone_who_handled_the_request_needs_a_managers_override(dev_env, settings, register):
    register_staff(register, settings)
    now = today("Europe/London")
    meg = Actor(MANAGER, "Meg Manager", frozenset({"manager"}), registered=True)
    history = [Event(type="responded", on=now - timedelta(days=4), outcome="withheld")]
    history.append(Event(type="review_requested", on=now - timedelta(days=2)))
    client = dev_env.client
    async with running_worker(client, settings):
        case = CaseInput(ref="IND-1", regime="foia", received=now - timedelta(days=10), officer=MANAGER, events=history)
        await cases.start_case(client, settings, case, meg)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = await (await browser.new_context(java_script_enabled=False)).new_page()
                await sign_in(page, base, MANAGER)
                await page.wait_for_url(f"{base}/")
                await page.goto(f"{base}/case/IND-1/record?kind=review_completed")
                await fill_date(page, "on", now)
                await page.check("input[name=outcome][value=upheld]")
                await page.click("button:has-text('Record it')")
                assert "original handling" in await page.inner_text("#override-error")
                assert await page.get_attribute(".govuk-error-summary a", "href") == "#override"
                assert len(register.case_events("IND-1")) == 2
                await page.fill("#override", "the only reviewer is on leave; agreed with the DPO")
                await page.click("button:has-text('Record it')")
                await page.wait_for_url(f"{base}/case/IND-1")
                assert [e.type for e in register.case_events("IND-1")][-1] == "review_completed"
                await browser.close()
        finally:
            server.should_exit = True
            await task


def test_the_session_key_file_is_private_and_one_others_can_read_is_refused(settings):
    import stat

    from runtime.errors import Unavailable

    first = create_app(settings).state.session_key
    path = settings.session_key_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(first) >= 40
    assert create_app(settings).state.session_key == first  # kept: sessions survive a restart
    path.chmod(0o644)
    with pytest.raises(Unavailable, match="only its owner can read"):
        create_app(settings)
    assert create_app(settings.model_copy(update={"session_secret": "from-the-setting"})).state.session_key == (
        "from-the-setting"
    )
