"""Clearance on the case page (issue 20, item 3), against a real dev server, worker and register, read with
the bearer token: the pending clearance with its internal deadline, the flag's team and a return's changes
on the timeline, and a manager's override with its reason, on the timeline and in the history. Dates by
hand (FOIA, received Mon 23 Nov 2026; Mon 30 Nov, St Andrew's Day, is not a working day): flagged Mon 30
Nov, so due for clearance Thu 3 Dec (Tue 1, Wed 2, Thu 3); the response stays due Tue 22 Dec 2026."""

from __future__ import annotations

from datetime import date
from html import unescape

import httpx

from casework import cases
from dashboard.app import create_app
from messages import CaseInput
from rules import Event
from tests.conftest import running_worker
from tests.helpers import STAFF
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard import serving

D = date.fromisoformat
PRESS = "Press Office"
WHY = "the minister's office asked for it today"


async def test_the_case_page_shows_clearance_and_the_override(dev_env, settings, register):
    register.add_team(PRESS, by="test")
    client = dev_env.client
    async with running_worker(client, settings):
        for ref in ("CP-1", "CP-2"):
            case = CaseInput(ref=ref, regime="foia", received=D("2026-11-23"), officer="olu@example.org")
            await cases.start_case(client, settings, case, STAFF)
            flag = Event(type="flag_for_clearance", on=D("2026-11-30"), team=PRESS)
            await cases.record_event(client, settings, ref, flag, STAFF)
        returned = Event(type="returned", on=D("2026-12-01"), changes="cite s40(2) for the names")
        await cases.record_event(client, settings, "CP-1", returned, STAFF)
        answer = Event(type="responded", on=D("2026-12-01"), outcome="granted")
        await cases.record_event(client, settings, "CP-2", answer, STAFF, override_clearance=WHY)
        port = free_port()
        server, task = await serving(create_app(reading(settings), client), port)
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
                first = unescape((await http.get("/case/CP-1")).text)
                second = unescape((await http.get("/case/CP-2")).text)
        finally:
            server.should_exit = True
            await task
    assert (
        "<strong>Clearance:</strong> returned by Press Office on Tue 1 Dec 2026; "
        "the officer resubmits by Thu 3 Dec 2026 (an internal deadline: the statutory dates below stand)"
        in " ".join(first.split())
    )
    assert "Tue 22 Dec 2026" in first
    assert "flag for clearance: Press Office" in first and "returned — to change: cite s40(2) for the names" in first
    assert "Clearance:" not in second  # answered: nothing pending
    assert f"Recorded while clearance was pending</strong>, by {STAFF.id}'s override: {WHY}" in second
    assert "(while clearance was pending: a manager's override)" in second and f"<td>{WHY}</td>" in second
