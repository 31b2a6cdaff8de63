"""Issue 21, item 4: three edges of the clock, through `starter.py calc -`, with dates worked by hand.

- UK GDPR Art 12A: the clarification pause does not count towards "the applicable time period", the
  extension included, so it moves an extended deadline too.
- Art 12A again: a clarification first asked after the period ended pauses nothing (an expired period
  cannot be paused); it is kept as a fact and explained.
- EIR reg 9(2)(a): particulars must be asked for within 20 working days after receipt; asked later, the
  answer restarts nothing (like a late fees notice).
"""

import json

import pytest

from tests.test_calc_cli import calc


def history(regime, received, as_of, *events):
    return {
        "regime": regime,
        "received": received,
        "as_of": as_of,
        "events": [{"type": t, "on": on} for t, on in events],
    }


SAR_PAUSE_IN_EXTENSION = (
    ("extended", "2026-09-05"),
    ("clarification_requested", "2026-09-10"),
    ("clarification_received", "2026-09-20"),
)
SAR_LATE_CLARIFICATION = (("clarification_requested", "2026-10-15"), ("clarification_received", "2026-10-20"))
EIR_LATE_PARTICULARS = (("clarification_requested", "2025-11-03"), ("clarification_received", "2025-11-05"))


@pytest.mark.parametrize(
    "case, expected",
    [
        # 1 Sep + 1 month = Thu 1 Oct; paused 10..20 Sep, both counted = 11 days: Mon 12 Oct.
        # Extended: 1 Sep + 3 months = Tue 1 Dec; + 11 days = Sat 12 Dec, rolled to Mon 14 Dec.
        (
            history("sar", "2026-09-01", "2026-12-01", *SAR_PAUSE_IN_EXTENSION),
            {"statutory_due": "2026-10-12", "response_due": "2026-12-14", "extended_until": "2026-12-14",
             "overdue": False, "stage": "awaiting_response"},
        ),
        # still within the moved extension on Mon 14 Dec, overdue by one working day on Tue 15 Dec
        (
            history("sar", "2026-09-01", "2026-12-15", *SAR_PAUSE_IN_EXTENSION),
            {"response_due": "2026-12-14", "overdue": True, "working_days_overdue": 1},
        ),
        # the period ended Thu 1 Oct; clarification asked 15 Oct pauses nothing. Working days after 1 Oct
        # to 20 Oct: 2, 5-9, 12-16, 19, 20 = 13.
        (
            history("sar", "2026-09-01", "2026-10-20", *SAR_LATE_CLARIFICATION),
            {"statutory_due": "2026-10-01", "response_due": "2026-10-01", "stage": "awaiting_response",
             "overdue": True, "working_days_overdue": 13, "awaiting_since": None},
        ),
        # while the late request is unanswered the response stays owed: on 15 Oct, 2, 5-9, 12-15 = 10
        (
            history("sar", "2026-09-01", "2026-10-15", SAR_LATE_CLARIFICATION[0]),
            {"response_due": "2026-10-01", "stage": "awaiting_response", "working_days_overdue": 10},
        ),
        # the same case before anything was asked, on Wed 14 Oct: 2, 5-9, 12-14 = 9 working days overdue
        (
            history("sar", "2026-09-01", "2026-10-14"),
            {"response_due": "2026-10-01", "working_days_overdue": 9},
        ),
        # EIR: received Wed 1 Oct 2025; 20 working days = Wed 29 Oct; particulars asked Mon 3 Nov are late
        (
            history("eir", "2025-10-01", "2025-12-04", *EIR_LATE_PARTICULARS),
            {"clock_started": "2025-10-01", "statutory_due": "2025-10-29", "response_due": "2025-10-29",
             "stage": "awaiting_response", "overdue": True},
        ),
        # asked on the 20th working day itself (Wed 29 Oct), the particulars restart the clock from 5 Nov:
        # Nov 6-7, 10-14, 17-21, 24-28, Dec 2-4 = 20 (Mon 1 Dec is St Andrew's Day's substitute in
        # Scotland, which stops an EIR clock, reg 2(1)): Thu 4 Dec 2025
        (
            history("eir", "2025-10-01", "2025-11-05", ("clarification_requested", "2025-10-29"),
                    ("clarification_received", "2025-11-05")),
            {"clock_started": "2025-11-05", "statutory_due": "2025-12-04"},
        ),
    ],
)  # fmt: skip
def test_the_three_edges_through_the_calculator(case, expected):
    out = calc(json.dumps(case))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert {k: got[k] for k in expected} == expected


def test_a_late_clarification_is_explained_as_a_fact():
    out = calc(json.dumps(history("sar", "2026-09-01", "2026-10-20", *SAR_LATE_CLARIFICATION)), "--explain")
    assert out.returncode == 0, out.stderr
    assert "clarification asked for after 2026-10-01, the last day to ask: the answer will pause nothing" in out.stdout


def test_late_eir_particulars_are_explained_as_a_fact():
    out = calc(json.dumps(history("eir", "2025-10-01", "2025-12-04", *EIR_LATE_PARTICULARS)), "--explain")
    assert out.returncode == 0, out.stderr
    assert "particulars asked for after 2025-10-29, the last day to ask: the answer will restart nothing" in out.stdout


def test_a_foia_clarification_has_no_time_limit():
    """FOIA s1(3): no window; clarification asked after the due date still restarts the clock."""
    case = history("foia", "2025-10-01", "2025-11-05", *EIR_LATE_PARTICULARS)
    got = json.loads(calc(json.dumps(case)).stdout)
    assert got["clock_started"] == "2025-11-05"
