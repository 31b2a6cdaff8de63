"""Clearance in the quarter's statistics (reports/clearance.py), on a hand-built quarter, 2021Q2, through the
register. Working days counted by hand on the FOIA calendar (Mon 3 May 2021 is the Early May bank holiday):
- P1: flagged Thu 8 Apr, cleared Tue 13 Apr: Fri 9, Mon 12, Tue 13 = 3 working days;
- P2: flagged Thu 29 Apr, returned Fri 30 Apr, flagged again Tue 4 May, cleared Fri 7 May: Fri 30, (Mon 3
  May skipped), Tue 4, Wed 5, Thu 6, Fri 7 = 5 working days, counted from the first flag; returned once;
- P3: flagged Mon 7 Jun, cleared Mon 21 Jun: 8-11 and 14-18 Jun and Mon 21 = 10 working days;
- P4: flagged Thu 3 Jun, answered Fri 4 Jun with a manager's override: flagged, never cleared;
- P5: flagged Mon 7 Jun, still pending: flagged only;
- P6 was received in Q1 (cleared in April: not this quarter's); P7 had no clearance; P8's flag was voided.
So: 5 flagged, 3 cleared, 1 returned, 1 override; median 5 and maximum 10 working days (of 3, 5 and 10)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from register import Register
from reports.quarterly import Quarter
from reports.statistics import figures
from rules import Event, Policy
from workflows import workflow_id

D = date.fromisoformat
PRESS = "Press Office"


def flag(on: str) -> Event:
    return Event(type="flag_for_clearance", on=D(on), team=PRESS)


def cleared(on: str) -> Event:
    return Event(type="cleared", on=D(on))


def answered(on: str) -> Event:
    return Event(type="responded", on=D(on), outcome="granted")


CASES = {
    "P1": ("2021-04-06", [flag("2021-04-08"), cleared("2021-04-13"), answered("2021-04-14")]),
    "P2": (
        "2021-04-26",
        [
            flag("2021-04-29"),
            Event(type="returned", on=D("2021-04-30"), changes="the names are personal data"),
            flag("2021-05-04"),
            cleared("2021-05-07"),
        ],
    ),
    "P3": ("2021-06-01", [flag("2021-06-07"), cleared("2021-06-21")]),
    "P4": ("2021-06-02", [flag("2021-06-03"), answered("2021-06-04")]),
    "P5": ("2021-06-03", [flag("2021-06-07")]),
    "P6": ("2021-03-08", [flag("2021-03-30"), cleared("2021-04-01")]),
    "P7": ("2021-05-10", [answered("2021-05-12")]),
    "P8": ("2021-05-10", [flag("2021-05-11")]),
}


def test_the_quarters_clearance_figures(tmp_path):
    register = Register(f"sqlite:///{tmp_path / 'register.db'}")
    for ref, (received, events) in CASES.items():
        register.upsert_case(ref=ref, regime="foia", received=D(received), workflow_id=workflow_id(ref), stage="x")
        for seq, e in enumerate(events):
            over = "the press office was closed" if ref == "P4" and e.type == "responded" else None
            register.record_event(ref, seq, e, by="o@example.org", clearance_override=over)
    register.void_event("P8", 0, "m@example.org", datetime(2021, 5, 12, tzinfo=UTC), "flagged by mistake")

    rows = figures(register, Policy(), date(2026, 11, 24), Quarter.parse("2021Q2"))
    clearance = {m: v for s, m, v in rows if s == "clearance (internal)"}
    assert clearance == {
        "requests flagged for clearance": 5,
        "requests cleared (went through clearance)": 3,
        "clearances returned for changes": 1,
        "answers recorded while clearance was pending (a manager's override)": 1,
        "median working days from flag to cleared": 5,
        "maximum working days from flag to cleared": 10,
    }
    assert register.clearances("P4")[1].override == "the press office was closed"
    q3 = {m: v for s, m, v in figures(register, Policy(), date(2026, 11, 24), Quarter.parse("2021Q3")) if "clear" in s}
    assert q3["requests flagged for clearance"] == 0 and q3["median working days from flag to cleared"] is None
