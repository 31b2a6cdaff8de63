"""The dashboard's side of the mailbox: the triage page lists the requests awaiting triage (escaped, with
how long each clock has run and the regime suggested) and the mailbox's health line; /healthz carries it."""

from __future__ import annotations

from datetime import timedelta

import httpx

from casework.today import today
from dashboard.app import create_app
from register.intake import FILED
from tests.intake_rows import take
from tests.signing_in import BEARER, reading


async def test_the_triage_page_and_the_health_line_show_what_awaits_and_how_the_mailbox_is(settings, register):
    now = today(settings.alarms.timezone)
    take(register, 1, now - timedelta(days=3), "Pollution <b>figures</b>")
    take(register, 2, now, "Out of office", status=FILED, reason="auto-reply (X-Autoreply)")
    register.intake_health("foi@example.org@127.0.0.1:993", False, "cannot read the mailbox: refused; retrying in 4 s")
    app = create_app(reading(settings))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1", headers=BEARER
    ) as http:
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


async def test_the_case_page_lists_a_threaded_reply_and_offers_the_event_the_case_awaits(dev_env, settings, register):
    from casework import cases
    from messages import CaseInput
    from register.intake import THREADED
    from rules import Event
    from tests.conftest import running_worker
    from tests.helpers import STAFF

    client = dev_env.client
    now = today(settings.alarms.timezone)
    received, asked, answered = now - timedelta(days=6), now - timedelta(days=3), now - timedelta(days=1)
    async with running_worker(client, settings):
        await cases.start_case(client, settings, CaseInput(ref="R-1", regime="foia", received=received), STAFF)
        await cases.record_event(client, settings, "R-1", Event(type="clarification_requested", on=asked), STAFF)
        reply = take(register, 5, answered, "Re: Your request [R-1]", status=THREADED, ref="R-1")
        app = create_app(reading(settings), temporal=client)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1", headers=BEARER
        ) as http:
            page = (await http.get("/case/R-1")).text
    assert "<h2>Replies by email</h2>" in page
    assert f"<code>starter.py record R-1 clarification_received --from-intake {reply}</code> (dated {answered})" in page
