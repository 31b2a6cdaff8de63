"""Every change has an author, and a mistake can be put right — as a person does it: the worker and the
starter as processes on the embedded dev server, email to a real SMTP server on loopback (issue 18).

Dates are relative to today, so the cases are still running (a closed case's history cannot change);
the due dates come from the tests' own naive model of the calendar (tests/naive_law.py), never the
engine's. What is counted: the messages the SMTP server received, the register's rows and the workflow
history's events."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import timedelta

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from casework.today import today
from register import Register
from runtime.codec import read_key_file
from runtime.connection import data_converter
from tests.naive_law import naive_calendar
from tests.processes import Deployment
from tests.smtp import free_port, smtp_server
from tests.test_faults import wait_for
from workflows import workflow_id

ADMIN, ALICE, BOB, MEG, GONE = (
    "admin@example.org",
    "alice@example.org",
    "bob@example.org",
    "meg@example.org",
    "gone@example.org",
)
CAL = naive_calendar("foia")


def history_events(d: Deployment, ref: str) -> int:
    """How many updates the case's workflow history accepted or completed (a refused one leaves none)."""

    async def count():
        keys = read_key_file(d.workdir / ".foi" / "payload.keys")
        client = await Client.connect(f"127.0.0.1:{d.port}", data_converter=data_converter(keys))
        history = await client.get_workflow_handle(workflow_id(ref)).fetch_history()
        kinds = (
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
        )
        return sum(e.event_type in kinds for e in history.events)

    return asyncio.run(count())


def raw_history(d: Deployment, ref: str) -> str:
    """The workflow history as the server stores it (no codec: payloads as they are on disk), as JSON."""

    async def fetch():
        client = await Client.connect(f"127.0.0.1:{d.port}")
        return (await client.get_workflow_handle(workflow_id(ref)).fetch_history()).to_json()

    return asyncio.run(fetch())


def ok(d: Deployment, *args: str) -> str:
    out = d.starter(*args)
    assert out.returncode == 0, (args, out.stdout, out.stderr)
    return out.stdout


def refused(d: Deployment, *args: str) -> str:
    out = d.starter(*args)
    assert out.returncode == 2, (args, out.returncode, out.stdout, out.stderr)
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("error: "), out.stderr
    assert "Traceback" not in out.stderr
    return out.stderr


@pytest.mark.slow
def test_corrections_and_assignments_through_a_real_worker_counted_at_the_smtp_server(tmp_path):
    now = today("Europe/London")
    port = free_port()
    d = Deployment(
        tmp_path,
        FOI_SMTP_HOST="127.0.0.1",
        FOI_SMTP_PORT=str(port),
        FOI_ALARMS__MANAGER_DELIVERY="immediate",
        FOI_ALARMS__CATCH_UP_GRACE_MINUTES="1",
    )
    register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
    with smtp_server(port) as inbox:
        d.start_worker()
        try:
            first = d.starter("people", "add", ADMIN, "--name", "Ada", "--role", "admin", "--role", "manager")
            assert first.returncode == 0 and "recorded as done by os:" in first.stderr
            for email, name, role in ((ALICE, "Alice", "officer"), (BOB, "Bob", "officer"), (MEG, "Meg", "officer")):
                ok(d, "people", "add", email, "--name", name, "--role", role, "--as", ADMIN)
            ok(d, "people", "add", GONE, "--name", "Gone", "--role", "officer", "--as", ADMIN)
            ok(d, "people", "deactivate", GONE, "--as", ADMIN)
            listed = {p["email"]: p for p in json.loads(ok(d, "people", "list", "--json"))}
            assert listed[GONE]["active"] is False and listed[ADMIN]["roles"] == ["manager", "admin"]

            # A: back-dated with nothing recorded: its overdue alarm (to the officer and the manager: overdue,
            # not yet seriously) waits the 1-minute grace; assigned meanwhile
            received_a = now - timedelta(days=35)
            assert 0 < CAL.working_days_in(CAL.nth_working_day_after(received_a, 20), now) < 20
            ok(d, "new", "--ref", "A", "--regime", "foia", "--received", received_a.isoformat(),
               "--officer", ALICE, "--manager", ADMIN, "--as", ALICE)  # fmt: skip
            ok(d, "assign", "A", "--officer", MEG, "--reason", "Alice is on leave", "--as", ADMIN)
            assert register.case("A").officer == MEG  # the lists follow at once

            # B: a response recorded on the wrong day (a working day late), amended to the day it went
            received_b = now - timedelta(days=50)
            due_b = CAL.nth_working_day_after(received_b, 20)
            wrong = CAL.nth_working_day_after(due_b, 1)
            response = [{"type": "responded", "on": wrong.isoformat(), "outcome": "granted"}]
            out = d.starter(
                *("new", "--ref", "B", "--regime", "foia", "--received", received_b.isoformat()),
                *("--officer", ALICE, "--manager", ADMIN, "--events", "-", "--as", ALICE),
                stdin=json.dumps(response),
            )
            assert out.returncode == 0, out.stderr
            assert d.json("show", "B")["response_timeliness"] == "late"
            ok(d, "amend", "B", "1", "--on", due_b.isoformat(), "--reason", "it went on the due day", "--as", BOB)
            shown = d.json("show", "B")
            assert (shown["response_timeliness"], shown["responded_on"]) == ("in_time", due_b.isoformat())
            assert shown["events"][0]["amended"]["by"] == BOB and shown["events"][0]["recorded_by"] == ALICE

            # C: a review request recorded on the wrong case: its escalation goes out, the void withdraws it
            review_on = now - timedelta(days=45)
            responded_c = review_on - timedelta(days=3)
            received_c = responded_c - timedelta(days=10)
            history = [
                {"type": "responded", "on": responded_c.isoformat(), "outcome": "granted"},
                {"type": "review_requested", "on": review_on.isoformat()},
            ]
            out = d.starter(
                *("new", "--ref", "C", "--regime", "foia", "--received", received_c.isoformat()),
                *("--officer", ALICE, "--manager", ADMIN, "--events", "-", "--as", ALICE),
                stdin=json.dumps(history),
            )
            assert out.returncode == 0, out.stderr
            about = lambda ref: [m for _, m in inbox.messages if f"[{ref}]" in m["Subject"]]  # noqa: E731
            wait_for(lambda: about("C"), 60, "case C's escalation")
            assert [m["To"] for m in about("C")] == [ADMIN] and "WITHDRAWN" not in about("C")[0]["Subject"].upper()

            # refused, each with one line and nothing recorded anywhere
            # A's alarm may arrive at any moment now (its grace is a real minute, which a loaded machine can
            # spend on the steps above; it is counted below): every other message counts here
            not_a = lambda: len([m for _, m in inbox.messages if "[A]" not in m["Subject"]])  # noqa: E731
            before = (history_events(d, "C"), len(register.actions("C")), not_a())
            said = refused(d, "void", "C", "1", "--reason", "wrong", "--as", BOB)
            assert "event 1 cannot be voided" in said and "review_requested" in said
            assert "no event 9" in refused(d, "void", "C", "9", "--reason", "x", "--as", BOB)
            assert "no case NOPE" in refused(d, "void", "NOPE", "1", "--reason", "x", "--as", BOB)
            assert "reason" in refused(d, "void", "C", "2", "--reason", "  ", "--as", BOB)
            assert "2000" in refused(d, "void", "C", "2", "--reason", "x" * 2001, "--as", BOB)
            assert "not a registered person" in refused(d, "void", "C", "2", "--reason", "x", "--as", "who@example.org")
            assert "deactivated" in refused(d, "void", "C", "2", "--reason", "x", "--as", GONE)
            assert "changes nothing" in refused(
                d, "amend", "C", "2", "--on", review_on.isoformat(), "--reason", "x", "--as", BOB
            )
            assert "may not assign" in refused(d, "assign", "C", "--officer", BOB, "--reason", "x", "--as", ALICE)
            assert "people" in refused(
                d, "people", "add", "x@example.org", "--name", "X", "--role", "admin", "--as", BOB
            )
            assert (history_events(d, "C"), len(register.actions("C")), not_a()) == before
            assert [r.voided_at for r in register.events("C")] == [None, None]

            ok(d, "void", "C", "2", "--reason", "recorded on the wrong case", "--as", BOB)
            raw = raw_history(d, "C")
            assert "workflowExecutionUpdateAccepted" in raw or "UPDATE_ACCEPTED" in raw.upper()
            assert BOB not in raw and "recorded on the wrong case" not in raw  # the actor travels encrypted
            wait_for(lambda: len(about("C")) >= 2, 60, "case C's correction")
            correction = about("C")[1]
            assert correction["To"] == ADMIN and "withdrawn" in correction["Subject"].lower()
            text = next(p for p in correction.walk() if p.get_content_type() == "text/plain")
            assert "recorded on the wrong case" in text.get_payload(decode=True).decode()
            assert d.json("show", "C")["stage"] == "review_window"
            assert "C" not in {r["ref"] for r in json.loads(ok(d, "overdue", "--json"))}

            # A's grace ends: its alarm goes to the officer it was assigned to
            wait_for(lambda: about("A"), 120, "case A's alarm after the grace period")
            wait_for(lambda: len({to for m in about("A") for to in m["To"].split(", ")}) >= 2, 30, "both")
            to = {addr for m in about("A") for addr in m["To"].split(", ")}
            assert MEG in to and ALICE not in to
        finally:
            d.stop_worker()
        counts = {ref: len(about(ref)) for ref in ("A", "B", "C")}
    assert counts["B"] == 0 and counts["C"] == 2  # nothing twice

    steps = json.loads(d.starter("history", "C", "--json").stdout)
    assert [(s["action"], s["by"]) for s in steps if s["action"] != "alarm"][:4] == [
        ("started", ALICE),
        ("recorded", ALICE),
        ("recorded", ALICE),
        ("void", BOB),
    ]
    assert all(s["by"] for s in steps)
    (void,) = [s for s in steps if s["action"] == "void"]
    assert (void["number"], void["reason"]) == (2, "recorded on the wrong case")
    table = list(csv.DictReader(io.StringIO(d.starter("history", "C", "--csv").stdout)))
    assert [(r["action"], r["number"], r["by"]) for r in table if r["action"] == "void"] == [("void", "2", BOB)]
    assigned = [s for s in json.loads(d.starter("history", "A", "--json").stdout) if s["action"] == "assigned"]
    assert [(s["by"], s["reason"]) for s in assigned] == [(ADMIN, "Alice is on leave")]
