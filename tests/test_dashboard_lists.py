"""The managers' lists in a real browser with JavaScript off (Debian's Chromium driven by Playwright):
paging by 50, filters, search, sorting and the counts by officer, all kept in the query string. The
cases are written straight into the register (the lists read nothing else), due from tomorrow on."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.async_api import async_playwright

from casework.today import today
from dashboard.app import create_app
from tests.caseload_seed import seed
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard import ARTIFACTS, CHROMIUM, FLAGS, serving

ANN, BOB = "ann@example.org", "bob@example.org"


def seed_caseload(register) -> None:
    """61 open cases: 40 of Ann's (FOIA, every third about the headquarters), 20 of Bob's (FOISA), one
    unassigned; and a closed case that no list shows."""
    now = today("Europe/London")
    for n in range(40):
        subject = "Costs of the new headquarters" if n % 3 == 0 else f"Contract {n}"
        seed(register, f"ANN-{n:02}", officer=ANN, subject=subject, received=now, due=now + timedelta(days=30 + n))
    for n in range(20):
        seed(
            register,
            f"BOB-{n:02}",
            regime="foisa",
            officer=BOB,
            subject="Ferry timetables",
            received=now,
            due=now + timedelta(days=10 + n),
        )
    seed(register, "NOBODY", officer=None, stage="awaiting_fee", received=now)
    seed(register, "DONE", stage="closed", received=now)


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


@pytest.mark.slow
async def test_paging_filters_search_and_sorting_without_javascript(settings, register):
    seed_caseload(register)
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)  # no Temporal: the lists are the register's
    base = f"http://127.0.0.1:{port}"
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            context = await browser.new_context(java_script_enabled=False, extra_http_headers=BEARER)
            page = await context.new_page()
            rows = page.locator("table.cases tbody tr")
            first_refs = lambda: rows.locator("td:first-child").all_inner_texts()  # noqa: E731

            await page.goto(f"{base}/open")
            assert "61 open cases." in await page.inner_text("p.summary")
            assert await rows.count() == 50
            assert (await first_refs())[:2] == ["BOB-00", "BOB-01"]  # soonest due first
            by_officer = await page.locator("table.by-officer tbody").inner_text()
            assert [line.split("\t") for line in by_officer.strip().splitlines()] == [
                [ANN, "40"],
                [BOB, "20"],
                ["(no officer)", "1"],
            ]
            assert "Page 1 of 2" in await page.inner_text("nav.pager")
            await page.click("text=Next →")
            assert query(page.url)["page"] == ["2"]
            assert await rows.count() == 11
            assert (await first_refs())[-1] == "NOBODY"  # nothing due: last

            await page.goto(f"{base}/open")
            await page.select_option("select[name=officer]", BOB)
            await page.click("button:text('Show')")
            assert query(page.url)["officer"] == [BOB]
            assert await rows.count() == 20 and "Page 1 of 1" in await page.inner_text("nav.pager")
            assert set(await rows.locator("td:nth-child(5)").all_inner_texts()) == {BOB}

            await page.select_option("select[name=officer]", "")
            await page.fill("input[name=q]", "HEADQUARTERS")
            await page.click("button:text('Show')")
            assert query(page.url)["q"] == ["HEADQUARTERS"]
            assert await first_refs() == [f"ANN-{n:02}" for n in range(0, 40, 3)]  # 14 of Ann's, by due date
            await page.fill("input[name=q]", "bob-1")
            await page.click("button:text('Show')")
            assert await first_refs() == [f"BOB-{n:02}" for n in range(10, 20)]  # search by ref

            await page.goto(f"{base}/open?regime=foisa")
            await page.click("table.cases thead >> text=Ref")
            assert query(page.url)["sort"] == ["ref"] and query(page.url)["dir"] == ["asc"]
            await page.click("table.cases thead >> text=Ref")
            assert query(page.url)["dir"] == ["desc"] and query(page.url)["regime"] == ["foisa"]  # filter kept
            assert (await first_refs())[:3] == ["BOB-19", "BOB-18", "BOB-17"]

            shared = f"{base}/open?officer={ANN}&q=headquarters&sort=ref&dir=desc"  # a bookmarked view
            await page.goto(shared)
            assert (await first_refs())[0] == "ANN-39"
            assert await page.locator("select[name=officer] option[selected]").inner_text() == ANN
            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / "dashboard-open-cases.png"), full_page=True)

            await page.goto(f"{base}/")
            assert "0 cases with a response or internal review past its deadline" in await page.inner_text("main")
            response = await page.goto(f"{base}/open?regime=nonsense")
            assert response.status == 400 and "regime 'nonsense'" in await page.inner_text("main")
            await browser.close()
    finally:
        server.should_exit = True
        await task


@pytest.mark.slow
async def test_a_ref_stays_on_one_line_in_a_crowded_list(settings, register):
    now = today("Europe/London")
    words = "Costs of the new headquarters building, its contracts and every consultant's report on them"
    for ref in ("HO-2026-108", "A1"):
        seed(
            register,
            ref,
            officer="a.very.long.officer.name@department.example.gov.uk",
            subject=words,
            received=now,
            due=now + timedelta(days=1),  # in every list but the overdue one
        )
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            context = await browser.new_context(
                java_script_enabled=False, viewport={"width": 1400, "height": 900}, extra_http_headers=BEARER
            )
            page = await context.new_page()
            for path in ("/open", "/due-soon"):
                await page.goto(f"http://127.0.0.1:{port}{path}")
                long_ref = await page.locator("table.cases a", has_text="HO-2026-108").bounding_box()
                short_ref = await page.locator("table.cases a", has_text="A1").bounding_box()
                assert long_ref["height"] == short_ref["height"], (path, long_ref, short_ref)  # one line each
            await browser.close()
    finally:
        server.should_exit = True
        await task
