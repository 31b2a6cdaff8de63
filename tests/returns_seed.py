"""A hand-built quarter, 2026Q3 (Wed 1 Jul to Wed 30 Sep 2026), for the official returns' tests: FOIA, EIR,
FOISA, EISR and subject access requests written into a real register. The tests write down, by hand, what
each return must count; the comments here say why each request counts where it does.

FOIA and EIR count the working days of every part of the UK (Mon 13 Jul, NI; Mon 3 Aug, Scotland; Mon 31
Aug, England), FOISA and EISR only Scotland's (Mon 3 Aug). Every case is evaluated as of Tue 1 Dec 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from register import Register
from rules import Event

D = date.fromisoformat
AS_OF = date(2026, 12, 1)

# ref: (regime, received, [(event, on, {outcome, until, exemptions})])
QUARTER = {
    # FOIA -----------------------------------------------------------------------------------------
    "F1": ("foia", "2026-07-01", [("responded", "2026-07-03", {"outcome": "granted"})]),  # in time
    "F2": (  # due Thu 30 Jul; a public interest extension to Fri 21 Aug, answered Tue 18 Aug within it
        "foia",
        "2026-07-01",
        [
            ("extended", "2026-07-20", {"until": "2026-08-21"}),
            ("responded", "2026-08-18", {"outcome": "part_withheld", "exemptions": ["s40(2)", "s43(2)"]}),
        ],
    ),
    "F3": ("foia", "2026-07-02", [("responded", "2026-09-30", {"outcome": "withheld", "exemptions": ["s21(1)"]})]),
    "F4": ("foia", "2026-07-06", [("responded", "2026-07-08", {"outcome": "not_held"})]),
    "F5": ("foia", "2026-07-07", [("responded", "2026-07-09", {"outcome": "refused_cost"})]),
    "F6": ("foia", "2026-07-08", [("responded", "2026-07-10", {"outcome": "refused_vexatious"})]),  # s14(1)
    "F14": ("foia", "2026-07-14", [("responded", "2026-07-16", {"outcome": "refused_repeated"})]),  # s14(2), in time
    # clarification asked Fri 10 Jul, never given: lapsed after Fri 9 Oct (3 months beginning with 10 Jul)
    "F7": ("foia", "2026-07-09", [("clarification_requested", "2026-07-10", {})]),
    "F8": ("foia", "2026-07-13", [("withdrawn", "2026-07-15", {})]),
    "F9": (
        "foia",
        "2026-08-03",
        [("responded", "2026-08-05", {"outcome": "ncnd", "exemptions": ["s23(5)", "s24(2)"]})],
    ),
    "F10": ("foia", "2026-09-01", []),  # due Tue 29 Sep, never answered: overdue
    "F11": (  # refused in part under s21 and s40 (not s21 alone); review asked Thu 10 Sep, upheld Thu 24 Sep
        "foia",
        "2026-09-02",
        [
            ("responded", "2026-09-04", {"outcome": "part_withheld", "exemptions": ["s21(1)", "s40(2)"]}),
            ("review_requested", "2026-09-10", {}),
            ("review_completed", "2026-09-24", {"outcome": "upheld"}),
        ],
    ),
    # received on a Sunday; clarification asked Tue 22 Sep, still awaited on 1 Dec (lapses after 21 Dec)
    "F12": ("foia", "2026-09-20", [("clarification_requested", "2026-09-22", {})]),
    "F0": (  # received in Q2; its review (asked Mon 6 Jul), the ICO complaint and decision notice are Q3's
        "foia",
        "2026-05-05",
        [
            ("responded", "2026-05-07", {"outcome": "withheld", "exemptions": ["s42(1)"]}),
            ("review_requested", "2026-07-06", {}),
            ("review_completed", "2026-07-20", {"outcome": "overturned"}),
            ("complaint_received", "2026-08-10", {}),
            ("decision_notice", "2026-09-15", {"outcome": "not_upheld"}),
        ],
    ),
    "F13": (  # received in Q2, review asked in Q2 (Mon 1 Jun), completed in Q3: a Q2 review
        "foia",
        "2026-04-01",
        [
            ("responded", "2026-04-03", {"outcome": "granted"}),
            ("review_requested", "2026-06-01", {}),
            ("review_completed", "2026-07-10", {"outcome": "partly_upheld"}),
        ],
    ),
    "FQ4": ("foia", "2026-10-05", [("responded", "2026-10-06", {"outcome": "granted"})]),  # the next quarter
    # EIR ------------------------------------------------------------------------------------------
    "E1": (  # in time; review asked Mon 20 Jul, answered Tue 20 Oct: past the 40 working days (reg 11(4))
        "eir",
        "2026-07-01",
        [
            ("responded", "2026-07-02", {"outcome": "part_withheld", "exemptions": ["reg12(5)(e)", "reg13(1)"]}),
            ("review_requested", "2026-07-20", {}),
            ("review_completed", "2026-10-20", {"outcome": "upheld"}),
        ],
    ),
    "E2": ("eir", "2026-08-03", [("responded", "2026-11-02", {"outcome": "granted"})]),  # late
    # FOISA ----------------------------------------------------------------------------------------
    "S1": ("foisa", "2026-07-01", [("responded", "2026-07-03", {"outcome": "granted"})]),
    "S2": (  # due Thu 30 Jul; answered Tue 1 Sep: late
        "foisa",
        "2026-07-02",
        [("responded", "2026-09-01", {"outcome": "withheld", "exemptions": ["s38(1)(b)", "s30(b)(i)"]})],
    ),
    "S3": (
        "foisa",
        "2026-07-06",
        [("responded", "2026-07-08", {"outcome": "part_withheld", "exemptions": ["s25(1)"]})],
    ),
    "S4": ("foisa", "2026-07-07", [("withdrawn", "2026-07-08", {})]),
    "S5": ("foisa", "2026-08-03", [("clarification_requested", "2026-08-04", {})]),  # lapsed after 3 Nov
    "S6": ("foisa", "2026-09-28", []),  # never answered: overdue
    "S8": ("foisa", "2026-07-14", [("responded", "2026-07-16", {"outcome": "refused_repeated"})]),  # s14(2), in time
    "S7": (  # review asked Mon 20 Jul, answered Wed 5 Aug (working day 12); an application to the SIC
        "foisa",
        "2026-07-10",
        [
            ("responded", "2026-07-13", {"outcome": "refused_cost"}),
            ("review_requested", "2026-07-20", {}),
            ("review_completed", "2026-08-05", {"outcome": "partly_upheld"}),
            ("complaint_received", "2026-09-10", {}),
        ],
    ),
    "S0": (  # received in Q2; its review asked Wed 1 Jul, answered Wed 22 Jul (working day 15)
        "foisa",
        "2026-06-01",
        [
            ("responded", "2026-06-03", {"outcome": "ncnd", "exemptions": ["s18(1)", "s35(1)(a)"]}),
            ("review_requested", "2026-07-01", {}),
            ("review_completed", "2026-07-22", {"outcome": "upheld"}),
        ],
    ),
    # EISR -----------------------------------------------------------------------------------------
    "X1": (
        "eisr",
        "2026-07-01",
        [("responded", "2026-07-02", {"outcome": "part_withheld", "exemptions": ["reg10(5)(f)", "reg11(2)"]})],
    ),
    "X2": ("eisr", "2026-07-15", [("responded", "2026-10-01", {"outcome": "not_held"})]),  # late
    "X3": (  # clarification asked and given: the clock restarts on Fri 14 Aug; answered in time
        "eisr",
        "2026-08-10",
        [
            ("clarification_requested", "2026-08-11", {}),
            ("clarification_received", "2026-08-14", {}),
            ("responded", "2026-08-20", {"outcome": "granted"}),
        ],
    ),
    # subject access: in none of the returns
    "SAR1": ("sar", "2026-07-01", [("responded", "2026-07-05", {"outcome": "granted"})]),
}


def seed_quarter(db: Path) -> Register:
    register = Register(f"sqlite:///{db}")
    for ref, (regime, received, events) in QUARTER.items():
        register.upsert_case(ref=ref, regime=regime, received=D(received), workflow_id=f"foi-{ref}", stage="x")
        for seq, (kind, on, extra) in enumerate(events):
            extra = {k: D(v) if k == "until" else v for k, v in extra.items()}
            register.record_event(ref, seq, Event(type=kind, on=D(on), **extra))
    return register
