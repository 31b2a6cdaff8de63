"""The case page's exemptions and letters, and the Statistics page's exemptions and CSV download, in a real
browser (Debian's Chromium, JavaScript off) against a real dev server, worker and register."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date
from pathlib import Path

import docx
import pytest
from playwright.async_api import async_playwright

from casework import cases
from dashboard.app import create_app
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.signing_in import signed_in
from tests.smtp import free_port
from tests.test_dashboard import CHROMIUM, FLAGS, serving

HOME_OFFICE = CaseInput(
    ref="63509",
    regime="foia",
    received=date(2021, 3, 31),
    events=[
        Event(
            type="responded",
            on=date(2021, 4, 21),
            outcome="part_withheld",
            exemptions=["s31(1)(a)", "s31(3)", "s40(2)"],
            public_interest_test=True,
        ),
        Event(type="review_requested", on=date(2021, 6, 22)),
        Event(type="review_completed", on=date(2021, 8, 26), outcome="upheld"),
    ],
)


@pytest.mark.slow
async def test_a_manager_downloads_the_letters_and_the_quarters_figures(dev_env, settings, register, tmp_path):
    client = dev_env.client
    async with running_worker(client, settings):
        await cases.start_case(client, settings, HOME_OFFICE, STAFF)
        for _ in range(100):
            if len(register.case_events("63509")) == 3:
                break
            await asyncio.sleep(0.1)
        assert register.case_events("63509")[0].exemptions == ("s31(1)(a)", "s31(3)", "s40(2)")
        port = free_port()
        server, task = await serving(create_app(settings, client), port)
        try:
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                context = await browser.new_context(java_script_enabled=False, accept_downloads=True)
                base = f"http://127.0.0.1:{port}"
                await signed_in(context, base, register, settings)  # letters are for people, not the token
                page = await context.new_page()
                await page.goto(f"http://127.0.0.1:{port}/case/63509")
                timeline = await page.locator("table").first.inner_text()
                assert "part withheld — s31(1)(a), s31(3), s40(2) (public interest test)" in timeline
                letters = await page.locator("ul.letters li").all_inner_texts()
                assert letters == [
                    "Acknowledgement (Word)",
                    "Response (Word)",
                    "Review acknowledgement (Word)",
                    "Review outcome (Word)",
                ]
                async with page.expect_download() as got:
                    await page.click("text=Review outcome (Word)")
                outcome = docx.Document(str(await (await got.value).path()))
                text = "\n".join(p.text for p in outcome.paragraphs)
                assert "26 August 2021" in text and "7 October 2021" in text

                await page.goto(f"http://127.0.0.1:{port}/stats?quarter=2021Q1")
                table = await page.inner_text("table")
                assert "FOI/EIR exemptions applied\tFOIA s31\t1" in table
                assert "FOI/EIR timeliness\tpercentage answered in time\t100.0%" in table
                async with page.expect_download() as got:
                    await page.click("text=Download these figures (CSV)")
                rows = list(csv.DictReader(io.StringIO(Path(await (await got.value).path()).read_text())))
                assert {"quarter": "2021Q1", "section": "FOI/EIR exemptions applied", "measure": "FOIA s40"} | {
                    "value": "1"
                } in rows
                refused = await context.request.get(f"{base}/letter/extension/63509")
                assert refused.status == 404 and "no extension has been recorded" in await refused.text()
                ok = await context.request.get(f"{base}/letter/response/63509")
                assert ok.headers["content-type"].startswith("application/vnd.openxmlformats")
                letter = docx.Document(io.BytesIO(await ok.body()))
                assert "21 June 2021" in "\n".join(p.text for p in letter.paragraphs)
                await browser.close()
        finally:
            server.should_exit = True
            await task
