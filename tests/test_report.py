"""Quarterly statistics: one test per category on a hand-built quarter (2021Q2), through the register."""

from __future__ import annotations

from datetime import date

import pytest

from register import Register
from reports.quarterly import Quarter, evaluations, quarter_figures
from rules import Event, Policy
from runtime.errors import UserError
from workflows import workflow_id

D = date.fromisoformat
# ref: (received, [(event, on, extra...)])
QUARTER = {
    "A": ("2021-04-06", [("responded", "2021-04-20", {"outcome": "granted"})]),
    "B": (
        "2021-04-07",
        [("extended", "2021-04-20", {"until": "2021-05-25"}), ("responded", "2021-05-20", {"outcome": "withheld"})],
    ),
    "C": ("2021-04-08", [("responded", "2021-06-01", {"outcome": "part_withheld"})]),
    "D": ("2021-05-04", [("withdrawn", "2021-05-06", {})]),
    "E": ("2021-05-05", [("fee_notice_issued", "2021-05-06", {})]),  # never paid: lapsed by now
    "F": ("2021-06-01", []),  # never answered
    "G": (
        "2021-03-25",
        [
            ("responded", "2021-04-01", {"outcome": "refused_cost"}),
            ("review_requested", "2021-04-20", {}),
            ("review_completed", "2021-05-10", {"outcome": "upheld"}),
            ("complaint_received", "2021-05-20", {}),
            ("decision_notice", "2021-06-15", {"outcome": "partly_upheld"}),  # steps due 35 days later, 20 Jul
            ("complied", "2021-06-30", {}),
        ],
    ),
    "H": (
        "2021-04-12",
        [
            ("responded", "2021-05-04", {"outcome": "not_held"}),
            ("review_requested", "2021-05-20", {}),
            ("review_completed", "2021-08-20", {"outcome": "overturned"}),
        ],
    ),
    "I": (
        "2021-06-10",
        [
            ("responded", "2021-06-11", {"outcome": "ncnd"}),
            ("review_requested", "2021-06-14", {}),
            ("review_completed", "2021-08-02", {"outcome": "partly_upheld"}),
        ],
    ),
    "J": ("2021-07-01", [("responded", "2021-07-02", {"outcome": "granted"})]),  # the next quarter
    "K": (  # received and reviewed in Q1; with the ICO in Q2
        "2021-01-04",
        [
            ("responded", "2021-01-05", {"outcome": "granted"}),
            ("review_requested", "2021-01-06", {}),
            ("review_completed", "2021-01-20", {"outcome": "upheld"}),
            ("complaint_received", "2021-04-01", {}),
            ("decision_notice", "2021-05-03", {"outcome": "not_upheld"}),
            ("appealed", "2021-05-20", {}),
        ],
    ),
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    register = Register(f"sqlite:///{tmp_path_factory.mktemp('report') / 'register.db'}")
    for ref, (received, events) in QUARTER.items():
        register.upsert_case(ref=ref, regime="foia", received=D(received), workflow_id=workflow_id(ref), stage="x")
        for seq, (kind, on, extra) in enumerate(events):
            extra = {k: D(v) if k == "until" else v for k, v in extra.items()}
            register.record_event(ref, seq, Event(type=kind, on=D(on), **extra))
    evs = evaluations(register, policy=Policy(), as_of=date(2026, 11, 24))
    return {measure: n for _, measure, n in quarter_figures(evs, Quarter.parse("2021Q2"))}


@pytest.mark.parametrize(
    "measure, expected",
    [
        ("received", 8),  # A B C D E F H I (G is Q1, J is Q3)
        ("withdrawn or lapsed", 2),  # D withdrawn, E lapsed
        ("resolvable", 6),
        ("answered by the statutory date (in time)", 3),  # A H I
        ("answered late but within a permitted extension", 1),  # B
        ("answered late", 1),  # C
        ("not yet answered", 1),  # F
        ("not yet answered and overdue", 1),
        ("granted in full", 1),
        ("withheld in full", 1),
        ("partially withheld", 1),
        ("information not held", 1),
        ("neither confirm nor deny", 1),
        ("refused on cost (s12)", 0),  # G's response belongs to Q1's requests
        ("refused as vexatious (s14(1))", 0),
        ("refused as repeated (s14(2))", 0),
        ("requested", 3),  # reviews requested in Q2: G H I (G's request came in Q1: counted by the review's day)
        ("completed", 3),
        ("completed within the target", 1),  # G: 14 working days
        ("completed within the limit", 2),  # G, and I (34 working days)
        ("upheld", 1),
        ("partly upheld", 1),
        ("overturned", 1),
        ("complaints received", 2),  # G 20 May, K 1 Apr
        ("decision notices", 2),
        ("complaint upheld", 0),
        ("complaint partly upheld", 1),  # G
        ("breach found, no steps required", 0),
        ("complaint not upheld", 1),  # K
        ("appeals made", 1),  # K
        ("steps taken", 1),  # G, 30 Jun
        ("steps taken after their date", 0),
        ("steps overdue now", 0),
    ],
)
def test_each_category(figures, measure, expected):
    assert figures[measure] == expected


def test_quarters_are_parsed_strictly():
    q = Quarter.parse("2021q2")
    assert (q.first, q.last, str(q)) == (date(2021, 4, 1), date(2021, 6, 30), "2021Q2")
    assert Quarter.parse("2021Q4").last == date(2021, 12, 31)
    with pytest.raises(UserError, match="like 2021Q2"):
        Quarter.parse("2021Q5")


def test_a_quarter_knows_its_neighbours_across_the_year():
    assert (str(Quarter.parse("2021Q1").previous), str(Quarter.parse("2021Q4").next)) == ("2020Q4", "2022Q1")
    assert (str(Quarter.parse("2021Q2").previous), str(Quarter.parse("2021Q2").next)) == ("2021Q1", "2021Q3")
