"""Publishing from the staff dashboard's case page, in Chromium driven by Playwright, against a real dev
server, worker and register: an officer publishes an answered case's response with its document (a
refused upload first: nothing published, nothing stored), the public site then shows it, and they
withdraw it with a reason kept in the case's history; a reviewer is refused; the pages pass axe-core's
WCAG 2.2 A and AA rules.

The case: FOI, received 21 calendar days before today and answered 7 days before, part withheld under
s43(2); the public site shows those two dates as the calendar says them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from playwright.async_api import async_playwright

from casework import cases
from casework.actors import Actor
from casework.passwords import set_password
from casework.people import add_person
from casework.today import today
from dashboard.app import create_app
from disclosure.app import create_app as create_public_app
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.disclosure_seed import pdf
from tests.helpers import STAFF
from tests.smtp import free_port
from tests.test_dashboard import CHROMIUM, FLAGS, serving
from tests.test_workbench import ADMIN, OFFICER, PASSWORD, axe_violations, register_staff, shown, sign_in

REVIEWER = "rae@example.org"
TITLE = "Council budget papers 2026"

pytestmark = pytest.mark.slow  # starts processes or a browser (docs/developer.md#what-slow-means)


async def test_an_officer_publishes_from_the_case_page_and_withdraws_it(dev_env, settings, register, tmp_path):
    register_staff(register, settings)
    limit = settings.disclosure.model_copy(update={"document_limit_bytes": 100_000})
    settings = settings.model_copy(update={"disclosure": limit})
    admin = Actor(ADMIN, "Ada Admin", frozenset({"admin"}), registered=True)
    add_person(register, admin, REVIEWER, "Rae Reviewer", ["reviewer"])
    set_password(register, settings, REVIEWER, PASSWORD)
    now = today("Europe/London")
    received, responded = now - timedelta(days=21), now - timedelta(days=7)
    client = dev_env.client
    (tmp_path / "answer.pdf").write_bytes(pdf(b"our answer"))
    (tmp_path / "notes.pdf").write_bytes(b"not a pdf at all")
    (tmp_path / "huge.pdf").write_bytes(pdf(b"x" * 200_000))  # refused before it is read
    (tmp_path / "big.pdf").write_bytes(pdf(b"x" * 100_000))  # read, and refused
    async with running_worker(client, settings):
        case = CaseInput(
            ref="PUB-1", regime="foia", received=received, subject="Mr Smith's budget question", officer=OFFICER
        )
        await cases.start_case(client, settings, case, STAFF)
        answer = Event(type="responded", on=responded, outcome="part_withheld", exemptions=("s43(2)",))
        await cases.record_event(client, settings, "PUB-1", answer, STAFF)
        for _ in range(100):
            if register.case_events("PUB-1"):
                break
            await asyncio.sleep(0.1)
        port, public_port = free_port(), free_port()
        base, public = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{public_port}"
        server, task = await serving(create_app(settings, client), port)
        public_server, public_task = await serving(create_public_app(settings), public_port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = await (await browser.new_context(bypass_csp=True)).new_page()  # axe is injected
                await sign_in(page, base, OFFICER)
                await page.wait_for_url(f"{base}/my-cases")
                await page.goto(f"{base}/case/PUB-1")
                await page.click("text=Publish in the disclosure log")
                await page.wait_for_url(f"{base}/case/PUB-1/publish")
                assert await axe_violations(page) == []

                await page.fill("#title", TITLE)
                await page.set_input_files("#document", str(tmp_path / "notes.pdf"))
                await page.click("button:has-text('Publish')")
                summary = page.locator(".govuk-error-summary")
                assert "not a PDF or Word document" in await summary.inner_text()
                assert await page.locator("#document-error").count() == 1
                assert await axe_violations(page) == []
                assert register.publication("PUB-1") is None
                assert not (settings.data_dir / "disclosure").exists() or not any(
                    (settings.data_dir / "disclosure").iterdir()
                )

                for name, status in (("huge.pdf", 413), ("big.pdf", 400)):
                    await page.fill("#title", TITLE)  # the 413 could not read the form: typed again
                    await page.set_input_files("#document", str(tmp_path / name))
                    async with page.expect_response(f"{base}/case/PUB-1/publish") as posted:
                        await page.click("button:has-text('Publish')")
                    assert (await posted.value).status == status
                    assert "over the limit of 100,000" in await page.locator("#document-error").inner_text()
                    assert register.publication("PUB-1") is None

                await page.fill("#title", TITLE)
                await page.set_input_files("#document", str(tmp_path / "answer.pdf"))
                await page.click("button:has-text('Publish')")
                await page.wait_for_url(f"{base}/case/PUB-1")
                assert f"as “{TITLE}”" in await page.inner_text("p.published")
                assert "published in the disclosure log" in await page.inner_text("table.history")
                row = register.publication("PUB-1")
                assert (row.title, row.received, row.answered, row.exemptions) == (
                    TITLE,
                    received,
                    responded,
                    ["s43(2)"],
                )

                visitor = await (await browser.new_context()).new_page()
                await visitor.goto(f"{public}/response/PUB-1")
                facts = (await visitor.inner_text("dl.response")).replace("\t", "\n")
                assert f"Received\n{shown(received)}" in facts and f"Answered\n{shown(responded)}" in facts
                document = await visitor.context.request.get(f"{public}/document/PUB-1")
                assert await document.body() == pdf(b"our answer")
                assert "Smith" not in await visitor.content()

                await page.click("text=Published: change or withdraw")
                await page.click("button:has-text('Withdraw from the disclosure log')")
                assert "Enter why it is withdrawn" in await page.locator(".govuk-error-summary").inner_text()
                assert register.publication("PUB-1") is not None
                await page.fill("#reason", "published before the third party was consulted")
                await page.click("button:has-text('Withdraw from the disclosure log')")
                await page.wait_for_url(f"{base}/case/PUB-1")
                assert register.publication("PUB-1") is None
                [withdrawn] = [a for a in register.actions("PUB-1") if a.kind == "unpublished"]
                assert (withdrawn.actor, withdrawn.reason) == (
                    OFFICER,
                    "published before the third party was consulted",
                )
                assert (await visitor.context.request.get(f"{public}/response/PUB-1")).status == 404

                reviewer = await (await browser.new_context()).new_page()
                await sign_in(reviewer, base, REVIEWER)
                await reviewer.wait_for_url(f"{base}/my-cases")
                await reviewer.goto(f"{base}/case/PUB-1")
                assert await reviewer.locator("text=Publish in the disclosure log").count() == 0
                refused = await reviewer.goto(f"{base}/case/PUB-1/publish")
                assert refused.status == 403
                await browser.close()
        finally:
            server.should_exit = public_server.should_exit = True
            await task
            await public_task
