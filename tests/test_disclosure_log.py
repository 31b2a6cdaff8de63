"""The public disclosure log (`disclosure/`) in Debian's Chromium driven by Playwright, on a real register:
what it lists, with search and pages, each response's page and document, the Atom feed and the CSV; that
none of the requesters' or staff's names, addresses or subject lines appear on any public page, in the
feed or in the CSV; that it answers only GET and HEAD, only to its own host names, with the dashboard's
headers; that a ref not published is a 404 saying no more; and axe-core's WCAG 2.2 A and AA rules.

Seeded by tests/disclosure_seed.py; expected values written by hand from it: HO-63509 received Wed 31
Mar 2021, answered Wed 21 Apr 2021, withheld under s31(1)(a) and s31(3); EIR-7 received Mon 5 Jan 2026,
answered Fri 30 Jan 2026, part withheld under reg12(5)(a); FOI-8 received Mon 2 Feb 2026, answered Fri
27 Feb 2026, granted. FOI-9 was published and withdrawn; FOI-OPEN is unanswered; SAR-1 is never published."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from playwright.async_api import async_playwright

from casework.publishing import Document, publish, unpublish
from dashboard.hardening import HEADERS
from disclosure.app import create_app
from tests.disclosure_seed import MANAGER, OFFICER_ACTOR, REQUESTERS, STAFF_NAMES, docx, pdf, personal_data, seed
from tests.smtp import free_port
from tests.test_dashboard import ARTIFACTS, CHROMIUM, FLAGS, serving
from tests.test_workbench import axe_violations

TITLES = {
    "HO-63509": "Immigration enforcement: operational guidance (2021)",
    "EIR-7": "Flood defence inspection reports, River Aire 2025",
    "FOI-8": "Staff bonus scheme: rules and totals 2025",
    "FOI-9": "Planning enforcement complaints procedure",
}
ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = pytest.mark.slow  # starts processes or a browser (docs/developer.md#what-slow-means)


@pytest.fixture
async def site(settings, register):
    """The public site on a free loopback port, two responses a page, over the seeded register: HO-63509
    (a PDF), EIR-7 (a Word document) and FOI-8 (no document) published in that order, FOI-9 published and
    withdrawn."""
    seed(register)
    settings = settings.model_copy(update={"disclosure": settings.disclosure.model_copy(update={"page_size": 2})})
    publish(register, settings, OFFICER_ACTOR, "HO-63509", TITLES["HO-63509"], Document("r.pdf", pdf(b"HO")))
    publish(register, settings, OFFICER_ACTOR, "EIR-7", TITLES["EIR-7"], Document("r.docx", docx()))
    publish(register, settings, OFFICER_ACTOR, "FOI-9", TITLES["FOI-9"])
    publish(register, settings, OFFICER_ACTOR, "FOI-8", TITLES["FOI-8"])
    unpublish(register, settings, OFFICER_ACTOR, "FOI-9", f"named {STAFF_NAMES[MANAGER]} by mistake")
    port = free_port()
    server, task = await serving(create_app(settings), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def browser():
    async with async_playwright() as pw:
        b = await pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        await b.close()


async def test_the_list_pages_search_and_each_response_with_its_document(site, browser):
    page = await (await browser.new_context(java_script_enabled=False)).new_page()
    await page.goto(f"{site}/")
    assert "3 published responses." in await page.inner_text(".published-count")
    rows = page.locator("table.published tbody tr")
    assert await rows.count() == 2  # two a page, newest first
    first = [await c.inner_text() for c in await rows.nth(0).locator("td").all()]
    assert first[0].startswith(TITLES["FOI-8"]) and "FOI-8 · FOI Act 2000" in first[0]
    assert first[1:6] == ["Mon 2 Feb 2026", "Fri 27 Feb 2026", "Information provided in full", "None", "None"]
    second = [await c.inner_text() for c in await rows.nth(1).locator("td").all()]
    assert second[0].startswith(TITLES["EIR-7"])
    assert second[1:5] == ["Mon 5 Jan 2026", "Fri 30 Jan 2026", "Information provided in part", "reg12(5)(a)"]
    assert second[5].startswith("Download") and "(Word," in second[5]
    assert "Page 1 of 2" in await page.inner_text("nav.govuk-pagination")
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "disclosure-log.png"), full_page=True)

    await page.click("a[rel=next]")
    await page.wait_for_url(f"{site}/?page=2")
    rows = page.locator("table.published tbody tr")
    assert await rows.count() == 1
    last = [await c.inner_text() for c in await rows.nth(0).locator("td").all()]
    assert last[0].startswith(TITLES["HO-63509"])
    assert last[1:5] == ["Wed 31 Mar 2021", "Wed 21 Apr 2021", "Information withheld", "s31(1)(a), s31(3)"]
    assert await page.locator("a[rel=next]").count() == 0
    assert await page.locator("a[rel=prev]").count() == 1

    await page.fill("#q", "FLOOD")  # any case
    await page.click("button:has-text('Search')")
    await page.wait_for_url(f"{site}/?q=FLOOD")
    assert "1 published response whose title contains “FLOOD”." in await page.inner_text(".published-count")
    assert await page.locator("table.published tbody tr").count() == 1
    assert await page.locator("nav.govuk-pagination").count() == 0
    await page.goto(f"{site}/?q=planning")  # the withdrawn response is not found
    assert "0 published responses" in await page.inner_text(".published-count")
    await page.goto(f"{site}/?q=100%25")  # LIKE's wildcards are searched for as themselves
    assert "0 published responses" in await page.inner_text(".published-count")

    await page.goto(f"{site}/response/HO-63509")
    assert await page.inner_text("h1") == TITLES["HO-63509"]
    facts = (await page.inner_text("dl.response")).replace("\t", "\n")
    for label, value in (
        ("Reference", "HO-63509"),
        ("Law", "FOI Act 2000"),
        ("Received", "Wed 31 Mar 2021"),
        ("Answered", "Wed 21 Apr 2021"),
        ("Outcome", "Information withheld"),
        ("Exemptions", "s31(1)(a), s31(3)"),
    ):
        assert f"{label}\n{value}" in facts
    document = await page.context.request.get(f"{site}/document/HO-63509")
    assert document.status == 200 and await document.body() == pdf(b"HO")
    assert document.headers["content-type"] == "application/pdf"
    assert document.headers["content-disposition"] == 'attachment; filename="HO-63509.pdf"'
    word = await page.context.request.get(f"{site}/document/EIR-7")
    assert await word.body() == docx()
    assert word.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    await page.goto(f"{site}/response/FOI-8")
    assert "No document was published with this response." in await page.inner_text("main")
    assert (await page.context.request.get(f"{site}/document/FOI-8")).status == 404


async def test_the_feed_and_the_csv_list_what_is_published(site, browser, register, settings):
    context = await browser.new_context()
    feed = await context.request.get(f"{site}/feed.atom")
    assert feed.status == 200 and feed.headers["content-type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(await feed.body())
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [TITLES["FOI-8"], TITLES["EIR-7"], TITLES["HO-63509"]]
    ho = entries[2]
    assert ho.findtext(f"{ATOM}id") == f"{site}/response/HO-63509"
    assert ho.findtext(f"{ATOM}summary") == (
        "FOI Act 2000 request HO-63509, received Wed 31 Mar 2021, answered Wed 21 Apr 2021: "
        "Information withheld (s31(1)(a), s31(3))."
    )
    [enclosure] = ho.findall(f"{ATOM}link[@rel='enclosure']")
    assert (enclosure.get("href"), enclosure.get("type")) == (f"{site}/document/HO-63509", "application/pdf")
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    assert entries[0].findtext(f"{ATOM}updated").endswith("+00:00")

    table = await context.request.get(f"{site}/disclosure-log.csv")
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO((await table.body()).decode())))
    assert [r["ref"] for r in rows] == ["FOI-8", "EIR-7", "HO-63509"]
    assert rows[2] == rows[2] | {
        "title": TITLES["HO-63509"],
        "law": "FOI Act 2000",
        "received": "2021-03-31",
        "answered": "2021-04-21",
        "outcome": "Information withheld",
        "exemptions": "s31(1)(a); s31(3)",
        "document": f"{site}/document/HO-63509",
    }
    searched = await context.request.get(f"{site}/disclosure-log.csv?q=bonus")
    assert [r["ref"] for r in csv.DictReader(io.StringIO((await searched.body()).decode()))] == ["FOI-8"]

    formula = '=HYPERLINK("http://attacker.example") sums'  # a spreadsheet would run it
    publish(register, settings, OFFICER_ACTOR, "FOI-9", formula)
    searched = await context.request.get(f"{site}/disclosure-log.csv?q=HYPERLINK")
    [row] = csv.DictReader(io.StringIO((await searched.body()).decode()))
    assert row["title"] == "'" + formula


async def test_no_personal_data_on_any_public_page_in_the_feed_or_the_csv(site, browser, register):
    for ref, (name, email, subject) in REQUESTERS.items():  # the register does hold them
        case = register.case(ref)
        assert (case.requester_name, case.requester_email, case.subject) == (name, email, subject)
    assert {p.email: p.name for p in register.people()} == STAFF_NAMES
    context = await browser.new_context()
    page = await context.new_page()
    seen: dict[str, str] = {}
    for path in (
        "/",
        "/?page=2",
        "/?q=enforcement",
        "/response/HO-63509",
        "/response/EIR-7",
        "/response/FOI-8",
        "/response/FOI-9",  # withdrawn
        "/response/FOI-OPEN",
        "/response/SAR-1",
        "/?page=x",
    ):
        await page.goto(site + path)
        seen[path] = await page.content()
    for path in ("/feed.atom", "/disclosure-log.csv", "/disclosure-log.csv?q=a", "/document/FOI-9"):
        seen[path] = (await (await context.request.get(site + path)).body()).decode()
    assert all(TITLES["HO-63509"] in seen[p] for p in ("/?page=2", "/response/HO-63509", "/feed.atom"))

    found = {
        (path, value) for path, text in seen.items() for value in personal_data() if value.casefold() in text.casefold()
    }
    assert found == set()
    assert all(TITLES["FOI-9"] not in text for text in seen.values())  # withdrawn: gone everywhere


async def test_only_get_and_head_only_its_hosts_the_headers_and_a_bare_404(site, browser):
    context = await browser.new_context()
    for method in ("post", "put", "delete", "patch"):
        for path in ("/", "/response/HO-63509", "/feed.atom"):
            refused = await context.request.fetch(site + path, method=method.upper(), data="x=1")
            assert refused.status == 405, (method, path)
            assert refused.headers["allow"] == "GET, HEAD"
    head = await context.request.head(f"{site}/response/HO-63509")
    assert head.status == 200 and await head.body() == b""

    for path in ("/", "/response/HO-63509", "/feed.atom", "/disclosure-log.csv", "/document/HO-63509", "/nope"):
        got = await context.request.get(site + path)
        assert {k: got.headers[k.lower()] for k in HEADERS} == HEADERS, path

    other = await context.request.get(f"{site}/", headers={"Host": "disclosure.attacker.example"})
    assert other.status == 400

    bodies = {}
    for ref in ("FOI-9", "FOI-OPEN", "SAR-1", "NO-SUCH-REF"):  # withdrawn, unanswered, never published, unknown
        for kind in ("response", "document"):
            got = await context.request.get(f"{site}/{kind}/{ref}")
            assert got.status == 404
            bodies[(ref, kind)] = await got.body()
            assert ref.encode() not in bodies[(ref, kind)]
    assert len(set(bodies.values())) == 1  # the same page whatever the reason
    page = await context.new_page()
    await page.goto(f"{site}/response/FOI-9")
    assert (await page.inner_text("main")).split() == ["Not", "found", "All", "published", "responses"]


async def test_the_public_pages_pass_axe_core_at_wcag_2_2_a_and_aa(site, browser):
    page = await (await browser.new_context(bypass_csp=True)).new_page()  # to inject axe; the pages run no script
    checked = {}
    for path in ("/", "/?page=2", "/?q=flood", "/?q=nothing-matches", "/response/HO-63509", "/response/FOI-8"):
        await page.goto(site + path)
        checked[path] = await axe_violations(page)
    for path in ("/response/NO-SUCH", "/?page=x"):
        await page.goto(site + path)
        checked[path] = await axe_violations(page)
    assert {p: found for p, found in checked.items() if found} == {}
    assert len(checked) == 8
