"""The README walkthrough with real processes: the worker on its embedded dev server, the starter beside it."""

from __future__ import annotations

import json
import socket
import time
from datetime import timedelta

import pytest

from casework.actors import OS_PREFIX, os_user
from casework.today import today
from tests.processes import Deployment


@pytest.fixture
def deployment(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    yield d
    if d.worker.poll() is None:
        d.stop_worker()


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
def test_the_home_office_walkthrough_and_a_restart_that_repeats_no_alert(deployment):
    d = deployment
    out = d.starter(
        "new",
        "--ref",
        "63509",
        "--regime",
        "foia",
        "--received",
        "2021-03-31",
        "--subject",
        "Data extraction",
        "--officer",
        "officer@example.org",
        "--manager",
        "manager@example.org",
    )
    assert out.returncode == 0, out.stderr
    assert "63509: started (foia); response due Fri 30 Apr 2021 — OVERDUE" in out.stdout
    assert "  alarms already due wait 15 minutes for the history you record now (starter.py record)" in out.stdout

    again = d.starter("new", "--ref", "63509", "--regime", "foia", "--received", "2021-03-31")
    assert (again.returncode, again.stderr.strip()) == (2, "error: case 63509 already exists")

    assert d.starter("record", "63509", "responded", "--on", "2021-04-21", "--outcome", "part_withheld").returncode == 0
    late = d.json("record", "63509", "review_requested", "--on", "2021-06-22")  # window closed: reopened
    assert (late["stage"], late["review_requested_in_time"]) == ("in_review", False)

    overdue = d.json("overdue")
    assert [(o["ref"], o["stage"], o["review_due"]) for o in overdue] == [("63509", "in_review", "2021-07-21")]

    for _ in range(50):
        alerts = d.json("alerts")
        if alerts:
            break
        time.sleep(0.2)
    # The response was recorded within the back-dated start's grace period: it was in time, so the
    # seriously-overdue alarm the start alone would have raised is never sent.
    assert [(a["kind"], a["recipient"], a["status"]) for a in alerts] == [
        ("review_limit_exceeded", "manager@example.org", "queued")
    ]

    shown = d.json("show", "63509")
    calc = d.json(
        "calc",
        "-",
        stdin=json.dumps(
            {
                "regime": "foia",
                "received": "2021-03-31",
                "as_of": shown["as_of"],
                "events": [
                    {"type": "responded", "on": "2021-04-21", "outcome": "part_withheld"},
                    {"type": "review_requested", "on": "2021-06-22"},
                ],
            }
        ),
    )
    assert shown["ref"] == "63509"
    assert {k: shown[k] for k in calc} == calc

    assert d.stop_worker() == 0
    assert not port_open(d.port), "the embedded dev server stops with the worker"
    down = d.starter("show", "63509")
    assert down.returncode == 1 and "start the worker first (python worker.py)" in down.stderr
    assert len(down.stderr.strip().splitlines()) == 1

    d.start_worker()
    time.sleep(3)
    assert d.json("show", "63509")["stage"] == "in_review"
    assert len(d.json("alerts")) == 1


@pytest.mark.slow
def test_bad_input_to_the_starter_is_one_line_and_status_2(deployment):
    d = deployment
    now = today("Europe/London")
    cases = [
        (["new", "--ref", "X1", "--regime", "gdpr", "--received", "2021-01-01"], "unknown regime 'gdpr'"),
        (["new", "--ref", "X1", "--regime", "foia", "--received", "yesterday"], "not a date"),
        (["new", "--ref", "bad ref!", "--regime", "foia", "--received", "2021-01-01"], "ref 'bad ref!'"),
        (["new", "--ref", "X1", "--regime", "foia", "--received", "2099-01-01"], "in the future"),
        (["new", "--ref", "X1", "--regime", "foia", "--received", "2999-01-01"], "out of range"),
        (["record", "NOPE", "withdrawn"], "no case NOPE"),
        (["record", "X1", "teleported"], "invalid choice"),
        (["holiday", "add", "2021-13-01", "Nonsense"], "not a date"),
        (["show"], "required"),
        (
            ["new", "--ref", "X1", "--regime", "foia", "--received", "2021-01-01", "--manager", "head of FOI"],
            "manager 'head of FOI' is not an email address",
        ),
    ]
    for args, says in cases:
        out = d.starter(*args)
        assert out.returncode == 2, (args, out.stderr)
        assert says in out.stderr and len(out.stderr.strip().splitlines()) == 1, (args, out.stderr)
    started = d.starter("new", "--ref", "X1", "--regime", "foia", "--received", now.isoformat())
    assert started.returncode == 0
    assert started.stderr.strip().splitlines() == [
        "warning: case X1 has no officer's address (--officer, FOI_DEFAULT_OFFICER) or manager's address "
        "(--manager, FOI_DEFAULT_MANAGER): its alarms to the officer and manager cannot be delivered",
        f"note: no people are registered, so this was recorded as done by {OS_PREFIX}{os_user()} "
        "(starter.py people add)",
    ]
    assert "alarms already due" not in started.stdout  # received today: no alarm is due, none is held
    recent = d.starter("new", "--ref", "X2", "--regime", "foia", "--received", (now - timedelta(days=2)).isoformat())
    assert recent.returncode == 0 and recent.stdout.startswith("X2: started (foia); response due ")
    assert "alarms already due" not in recent.stdout  # back-dated, but its first reminder is days away
    rejected = d.starter("record", "X1", "review_requested")
    assert rejected.returncode == 2 and "a failure to respond can be asked for only after" in rejected.stderr
    assert d.json("show", "X1")["stage"] == "awaiting_response"
