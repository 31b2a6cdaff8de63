"""What the issue 15 probe found sound, kept so: concurrent conflicting records have one winner,
pages escape what they show, only the staff forms change state (issue 19), every encryption uses a fresh nonce, and the
report's CSV holds only labels and counts. (Binding refusal, other auth bypasses, bad refs and dates,
crash recovery and encrypted histories are covered in test_dashboard, test_dashboard_security,
test_processes, test_faults and test_privacy.)"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from datetime import date

import httpx
import pytest
from fastapi.routing import APIRoute
from temporalio.api.common.v1 import Payload

from dashboard.app import create_app
from rules import Event
from runtime.codec import EncryptionCodec, Keyring
from tests.conftest import running_worker
from tests.lifecycle import record, start, today, view
from tests.processes import Deployment
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard_security import serving


async def test_two_conflicting_records_at_once_have_one_winner(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, ref="RACE")
        on = await today(env)
        results = await asyncio.gather(
            record(handle, "responded", on, outcome="granted"),
            record(handle, "responded", on, outcome="withheld"),
            return_exceptions=True,
        )
        assert sum(not isinstance(r, BaseException) for r in results) == 1, results
        assert [e.type.value for e in (await view(handle)).events] == ["responded"]
        for _ in range(50):
            if register.events("RACE"):
                break
            await asyncio.sleep(0.05)
    assert len(register.events("RACE")) == 1


async def test_pages_escape_what_staff_typed(settings, register):
    register.claim_notification(
        key="k1",
        ref="ESC",
        kind="response_overdue",
        role="officer",
        recipient="<script>alert(1)</script>",
        alarm_on=date(2026, 1, 5),
        deadline=None,
        subject="<b>subject</b>",
        body="",
        channel="outbox",
    )
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            page = (await http.get("/alerts")).text
    finally:
        server.should_exit = True
        await task
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "&lt;b&gt;subject&lt;/b&gt;" in page


async def test_only_the_staff_forms_change_state_and_none_without_a_person(settings):
    """The forms of issue 19 (and the disclosure log's publish and withdraw) are the only routes that change
    anything (each POST): signed out, each sends to sign-in; with the read-only token, each is refused; the
    sign-in form needs its own token."""
    from dashboard.app import ROUTERS

    app = create_app(reading(settings))
    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) > 15  # every page's route, read from the routers the app includes
    posts = sorted(r.path for r in routes if r.methods - {"GET", "HEAD"})
    assert posts == [
        "/case/{ref:path}/assign",
        "/case/{ref:path}/event/{number}/{how}",
        "/case/{ref:path}/publish",
        "/case/{ref:path}/record",
        "/case/{ref:path}/unpublish",
        "/holidays",
        "/holidays/remove",
        "/people",
        "/sign-in",
        "/sign-out",
        "/start",
    ]
    port = free_port()
    server, task = await serving(app, port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            forms = ("/case/A/assign", "/case/A/event/1/void", "/case/A/record", "/case/A/publish", "/case/A/unpublish")
            for path in (*forms, "/holidays", "/people", "/start"):
                signed_out = await http.post(path, data={"reason": "x"})
                assert (signed_out.status_code, signed_out.headers["location"]) == (303, f"/sign-in?next={path}")
                assert (await http.post(path, headers=BEARER, data={"reason": "x"})).status_code == 403, path
            assert (await http.post("/sign-in", data={"email": "a@example.org", "password": "p"})).status_code == 403
            for method in ("PUT", "PATCH", "DELETE"):
                assert (await http.request(method, "/alerts", headers=BEARER)).status_code == 403
    finally:
        server.should_exit = True
        await task


async def test_every_encryption_uses_a_fresh_nonce():
    codec = EncryptionCodec(Keyring.generate())
    plain = Payload(metadata={"encoding": b"json/plain"}, data=b'"the same secret"')
    sealed = await codec.encode([plain] * 2000)
    nonces = {p.data[:12] for p in sealed}
    assert len(nonces) == 2000 and len({p.data for p in sealed}) == 2000


@pytest.mark.slow
def test_the_report_csv_holds_only_labels_and_counts(tmp_path):
    d = Deployment(tmp_path)
    from register import Register

    register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
    register.upsert_case(
        ref="REP-1",
        regime="foia",
        received=date(2021, 4, 6),
        workflow_id="foi-REP-1",
        stage="x",
        subject="Quillfeather Lane",
        requester_name="Zebedee Quillfeather",
        requester_email="zq@example.org",
        officer="officer@example.org",
    )
    register.record_event("REP-1", 0, Event(type="responded", on=date(2021, 4, 20), outcome="granted"))
    out = d.starter("report", "--quarter", "2021Q2", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == ["quarter", "section", "measure", "value"]
    numbers = re.compile(r"^(\d+(\.\d+)?)?$")  # a count, a percentage, or empty (nothing to divide by)
    assert all(r[0] == "2021Q2" and numbers.match(r[3]) for r in rows[1:])
    for secret in ("Quillfeather", "zq@example.org", "officer@example.org", "REP-1"):
        assert secret not in out.stdout
