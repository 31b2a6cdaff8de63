"""Cases awaiting clearance in the lists (issue 20, item 3), on SQLite and PostgreSQL: the `clearance` filter
of register/caseload.py (one approving team, or any), the column saying by whom, the counts by officer and
paging under the filter, the dashboard's list page (filter and column, read with the bearer token), and
`starter.py overdue --awaiting-clearance` as a process. Events are written straight into the register, in
the order recorded; which cases are awaiting clearance was worked out by hand from docs/clearance.md:

    C-1 flagged for the Press Office                                   awaiting Press Office
    C-2 flagged for the Press Office, returned                         returned by Press Office
    C-3 flagged for the Press Office, cleared                          -
    C-4 flagged for the Private Office                                 awaiting Private Office
    C-5 flagged for the Press Office, answered with a manager's override  -
    C-6 flagged for the Press Office, the flag voided                  -
    C-7 flagged for the Press Office, cleared, the `cleared` voided    awaiting Press Office
    C-8 flagged for the Private Office, returned, flagged for the Press Office  awaiting Press Office
    C-9 no clearance                                                   -

As of Wed 7 Apr 2021, the cases due Wed 31 Mar or Fri 26 Mar are overdue (C-1 to C-3, C-5, C-6, C-9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime

import httpx
import pytest

from casework.lists import listing, query_for
from dashboard.app import create_app
from rules import Event
from tests.caseload_seed import seed
from tests.postgres import DATABASES, settings_on
from tests.processes import ROOT
from tests.signing_in import BEARER, reading
from tests.smtp import free_port
from tests.test_dashboard import serving

settings = pytest.fixture(params=DATABASES)(settings_on)

PRESS, PRIVATE = "Press Office", "Private Office"
ANN, BOB = "ann@example.org", "bob@example.org"
WEDNESDAY = date(2021, 4, 7)
D = date.fromisoformat
OVERDUE, LATER = D("2021-03-31"), D("2021-04-20")


def flag(team: str, on: str = "2021-03-10") -> Event:
    return Event(type="flag_for_clearance", on=D(on), team=team)


def cases(register) -> None:
    returned = Event(type="returned", on=D("2021-03-11"), changes="cite s40(2)")
    cleared = Event(type="cleared", on=D("2021-03-11"))
    answer = Event(type="responded", on=D("2021-03-12"), outcome="granted")
    histories = {
        "C-1": (OVERDUE, ANN, [flag(PRESS)]),
        "C-2": (D("2021-03-26"), BOB, [flag(PRESS), returned]),
        "C-3": (OVERDUE, ANN, [flag(PRESS), cleared]),
        "C-4": (LATER, BOB, [flag(PRIVATE)]),
        "C-5": (OVERDUE, ANN, [flag(PRESS), answer]),
        "C-6": (OVERDUE, ANN, [flag(PRESS)]),
        "C-7": (D("2021-04-08"), ANN, [flag(PRESS), cleared]),
        "C-8": (LATER, BOB, [flag(PRIVATE), returned, flag(PRESS, "2021-03-12")]),
        "C-9": (OVERDUE, ANN, []),
    }
    for ref, (due, officer, events) in histories.items():
        seed(register, ref, due=due, officer=officer)
        for seq, e in enumerate(events):
            override = "the head of unit approved it" if ref == "C-5" and seq == 1 else None
            register.record_event(ref, seq, e, by=officer, clearance_override=override)
    at = datetime(2021, 3, 15, tzinfo=UTC)
    register.void_event("C-6", 0, by=BOB, at=at, reason="the wrong case")
    register.void_event("C-7", 1, by=BOB, at=at, reason="the text is not final")


def refs(found) -> list[str]:
    return [c.ref for c in found.cases]


def test_the_lists_filter_by_clearance_pending_and_say_by_whom(settings, register):
    cases(register)
    open_ = query_for(register, settings, "open", now=WEDNESDAY, sort="ref")
    everything = listing(register, settings, open_)
    assert [(c.ref, c.awaiting_clearance, c.clearance_returned) for c in everything.cases] == [
        ("C-1", PRESS, False),
        ("C-2", PRESS, True),
        ("C-3", None, False),
        ("C-4", PRIVATE, False),
        ("C-5", None, False),
        ("C-6", None, False),
        ("C-7", PRESS, False),
        ("C-8", PRESS, False),
        ("C-9", None, False),
    ]
    press = listing(register, settings, replace(open_, clearance=PRESS))
    assert refs(press) == ["C-1", "C-2", "C-7", "C-8"] and press.total == 4
    assert press.by_officer == [(ANN, 2), (BOB, 2)]
    assert refs(listing(register, settings, replace(open_, clearance=PRIVATE))) == ["C-4"]
    anyone = listing(register, settings, replace(open_, clearance="*"))
    assert refs(anyone) == ["C-1", "C-2", "C-4", "C-7", "C-8"] and anyone.total == 5
    assert refs(listing(register, settings, replace(open_, clearance="No such team"))) == []

    # Paged: two a page, the third page holds the fifth; a page past the end still counts them all.
    last = listing(register, settings, replace(open_, clearance="*", per_page=2, page=3))
    assert (refs(last), last.total, last.pages) == (["C-8"], 5, 3)
    past = listing(register, settings, replace(open_, clearance="*", per_page=2, page=4))
    assert (refs(past), past.total) == ([], 5)

    overdue = query_for(register, settings, "overdue", now=WEDNESDAY, sort="overdue")
    assert sorted(refs(listing(register, settings, overdue))) == ["C-1", "C-2", "C-3", "C-5", "C-6", "C-9"]
    waiting = listing(register, settings, replace(overdue, clearance="*"))
    assert refs(waiting) == ["C-2", "C-1"]  # most overdue first: due Fri 26 Mar, then Wed 31 Mar
    assert waiting.by_officer == [(ANN, 1), (BOB, 1)]
    soon = query_for(register, settings, "due_soon", now=WEDNESDAY)
    assert refs(listing(register, settings, replace(soon, clearance=PRESS))) == ["C-7"]  # due Thu 8 Apr


async def test_the_list_page_has_the_filter_and_the_column(settings, register):
    cases(register)
    register.add_team(PRESS, by="test")
    register.add_team(PRIVATE, by="test")
    port = free_port()
    server, task = await serving(create_app(reading(settings)), port)  # no Temporal: the lists are the register's
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers=BEARER) as http:
            page = (await http.get("/open", params={"clearance": PRIVATE, "sort": "ref"})).text
            everything = (await http.get("/open", params={"sort": "ref"})).text
    finally:
        server.should_exit = True
        await task
    assert "1 open case." in page
    assert '<option value="Private Office" selected>Private Office</option>' in page
    assert '<td class="clearance">awaiting Private Office</td>' in page
    assert "/case/C-1" not in page
    assert everything.count('<td class="clearance">awaiting Press Office</td>') == 3  # C-1, C-7, C-8
    assert everything.count('<td class="clearance">returned by Press Office</td>') == 1  # C-2
    assert everything.count('<td class="clearance"></td>') == 4  # C-3, C-5, C-6, C-9


@pytest.mark.slow
def test_overdue_awaiting_clearance_on_the_command_line(settings, register):
    cases(register)
    register.add_team(PRESS, by="test")  # a team named on the command line must exist
    register.add_team(PRIVATE, by="test")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "FOI_"))}
    env |= {"FOI_DATA_DIR": str(settings.data_dir), "FOI_DATABASE_URL": settings.register_url}

    def overdue(*args: str) -> str:
        out = subprocess.run(
            [sys.executable, str(ROOT / "starter.py"), "overdue", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    # Today (the process's own date, years after 2021) every open case is overdue: most overdue first.
    rows = json.loads(overdue("--json", "--awaiting-clearance"))
    assert [(r["ref"], r["awaiting_clearance"], r["clearance_returned"]) for r in rows] == [
        ("C-2", PRESS, True),
        ("C-1", PRESS, False),
        ("C-7", PRESS, False),
        ("C-4", PRIVATE, False),
        ("C-8", PRESS, False),
    ]
    assert [r["ref"] for r in json.loads(overdue("--json", "--awaiting-clearance", PRIVATE))] == ["C-4"]
    table = overdue("--awaiting-clearance", f" {PRESS} ")
    assert "Overdue cases (4;" in table
    lines = {line.split()[0]: line.rstrip() for line in table.splitlines() if line.startswith("C-")}
    assert sorted(lines) == ["C-1", "C-2", "C-7", "C-8"]
    assert lines["C-2"].endswith("returned by Press Office")
    assert lines["C-1"].endswith("Press Office") and "returned" not in lines["C-1"]
    assert len(json.loads(overdue("--json"))) == 9  # unfiltered: every case
