"""What the case page says to do next, one line per situation. The expected sentences are written by
hand from the law (docs/law.md), most on the Home Office's worked FOIA case: received Wed 31 Mar 2021,
due Fri 30 Apr 2021, answered 21 Apr, review asked 22 Jun (late, accepted), review target Wed 21 Jul
(12 July, a Northern Ireland bank holiday, skipped), limit Thu 19 Aug, completed Thu 26 Aug, complaint
to the ICO by Thu 7 Oct 2021."""

from __future__ import annotations

import pytest

from rules.next_step import next_step
from tests.helpers import cal, ev, evaluate_case

HOME_OFFICE = ("foia", "2021-03-31")
RESPONDED = ev("responded", "2021-04-21", outcome="part_withheld")
REVIEW = ev("review_requested", "2021-06-22")
COMPLETED = ev("review_completed", "2021-08-26", outcome="upheld")

TABLE = [
    (HOME_OFFICE, [], "2021-04-26", "Respond by Fri 30 Apr 2021 (4 working days left)"),
    (HOME_OFFICE, [], "2021-04-29", "Respond by Fri 30 Apr 2021 (1 working day left)"),
    (HOME_OFFICE, [], "2021-04-30", "Respond by Fri 30 Apr 2021 (due today)"),
    # Mon 3 May 2021 is the Early May bank holiday: overdue on Tue 4 and Wed 5 May.
    (HOME_OFFICE, [], "2021-05-05", "Respond now: the response was due Fri 30 Apr 2021 (2 working days overdue)"),
    (
        HOME_OFFICE,
        [ev("extended", "2021-04-20", until="2021-05-28")],
        "2021-05-24",
        "Respond by Fri 28 May 2021 (4 working days left, extended)",
    ),
    (
        HOME_OFFICE,
        [RESPONDED],
        "2021-05-01",
        "Responded; the requester may ask for an internal review until Mon 21 Jun 2021",
    ),
    (HOME_OFFICE, [RESPONDED, REVIEW], "2021-06-23", "Complete the internal review by Wed 21 Jul 2021 (target)"),
    (
        HOME_OFFICE,
        [RESPONDED, REVIEW],
        "2021-07-26",  # Thu 22, Fri 23, Mon 26 July: 3 working days past the target
        "Complete the internal review now: its target was Wed 21 Jul 2021 "
        "(3 working days overdue; at the latest Thu 19 Aug 2021)",
    ),
    (
        HOME_OFFICE,
        [RESPONDED, REVIEW, COMPLETED],
        "2021-09-01",
        "Closed; the requester may complain to the ICO until Thu 7 Oct 2021",
    ),
    (
        HOME_OFFICE,
        [RESPONDED, REVIEW, COMPLETED],
        "2021-10-08",
        "Closed (internal review completed); nothing more to do",
    ),
    # Clarification asked Thu 1 Apr 2021: three months beginning with that day end on Wed 30 Jun 2021.
    (
        HOME_OFFICE,
        [ev("clarification_requested", "2021-04-01")],
        "2021-04-02",
        "Wait for the requester's clarification; the request lapses after Wed 30 Jun 2021",
    ),
    (HOME_OFFICE, [ev("withdrawn", "2021-04-02")], "2021-04-02", "Closed (withdrawn); nothing more to do"),
    # FOISA, received Wed 1 Oct 2025, due Wed 29 Oct; a review of the failure to respond asked Mon 10 Nov:
    # overdue Thu 30, Fri 31 Oct, Mon 3 .. Fri 7, Mon 10 Nov (8); review due Tue 9 Dec 2025 (St Andrew's Day
    # observed on Mon 1 Dec skipped).
    (
        ("foisa", "2025-10-01"),
        [ev("review_requested", "2025-11-10")],
        "2025-11-10",
        "Respond now (8 working days overdue) and complete the internal review by Tue 9 Dec 2025 (target)",
    ),
]


@pytest.mark.parametrize(("case", "events", "as_of", "expected"), TABLE)
def test_the_next_step_in_one_line(case, events, as_of, expected):
    regime, received = case
    evaluation = evaluate_case(regime, received, events, as_of=as_of)
    assert next_step(evaluation, cal(regime)) == expected
