"""The dashboard's side of the mailbox: the triage page lists the requests awaiting triage (escaped, with
how long each clock has run and the regime suggested) and the mailbox's health line; /healthz carries it."""

from __future__ import annotations

from datetime import timedelta

import httpx

from casework.today import today
from dashboard.app import create_app
from register.intake import FILED
from tests.intake_rows import take


async def test_the_triage_page_and_the_health_line_show_what_awaits_and_how_the_mailbox_is(settings, register):
    now = today(settings.alarms.timezone)
    take(register, 1, now - timedelta(days=3), "Pollution <b>figures</b>")
    take(register, 2, now, "Out of office", status=FILED, reason="auto-reply (X-Autoreply)")
    register.intake_health("foi@example.org@127.0.0.1:993", False, "cannot read the mailbox: refused; retrying in 4 s")
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as http:
        page = (await http.get("/triage")).text
        health = (await http.get("/healthz")).text
    assert "Requests awaiting triage (1)" in page
    assert "Pollution &lt;b&gt;figures&lt;/b&gt;" in page and "<b>figures" not in page
    assert "<td>3</td><td>eir (environmental: mentions &#39;pollution&#39;)</td>" in page
    assert "Out of office" not in page
    assert "Mailbox foi@example.org@127.0.0.1:993: cannot read the mailbox: refused; retrying in 4 s" in page
    assert health.splitlines()[1:] == [
        "mailbox foi@example.org@127.0.0.1:993: FAILING: cannot read the mailbox: refused; retrying in 4 s"
    ]
