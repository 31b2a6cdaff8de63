"""How a case ends and the reopen rule: the enums name every value the engine gives, and `reopens`
agrees with the engine about which closed case takes a late review request."""

from __future__ import annotations

import pytest

from rules import EventType, RuleViolation, Stage
from rules.outcomes import LAPSED, ClosedReason, ResponseTimeliness
from rules.reopen import reopens
from tests.helpers import ev, evaluate_case

ANSWERED = ev("responded", "2021-04-21", outcome="granted")
REVIEWED = [ANSWERED, ev("review_requested", "2021-05-04"), ev("review_completed", "2021-05-20", outcome="upheld")]
REGULATOR = [ev("complaint_received", "2021-05-25"), ev("decision_notice", "2021-06-01", outcome="upheld")]
CLOSINGS = [
    ("sar", [ANSWERED], None, ClosedReason.responded),
    ("foia", [ANSWERED], "2021-06-22", ClosedReason.review_window_ended),
    (
        "foia",
        [ANSWERED, ev("review_requested", "2021-05-04"), ev("review_completed", "2021-05-20", outcome="upheld")],
        None,
        ClosedReason.review_completed,
    ),
    ("foia", [ev("withdrawn", "2021-04-02")], None, ClosedReason.withdrawn),
    ("foia", [ev("clarification_requested", "2021-04-01")], "2021-08-01", ClosedReason.lapsed_clarification),
    ("foia", [ev("fee_notice_issued", "2021-04-01")], "2021-08-01", ClosedReason.lapsed_fee),
    # after the review, the regulator (issue 21)
    ("foia", [*REVIEWED, *REGULATOR, ev("complied", "2021-07-01")], None, ClosedReason.complied),
    (
        "foia",
        [*REVIEWED, ev("complaint_received", "2021-05-25"), ev("decision_notice", "2021-06-01", outcome="not_upheld")],
        "2021-07-01",  # 28 days after 1 Jun is Tue 29 Jun: the case closes on the 30th
        ClosedReason.regulator_decided,
    ),
    (
        "foia",
        [*REVIEWED, *REGULATOR, ev("appealed", "2021-06-10"), ev("appeal_decided", "2021-09-01", outcome="allowed")],
        None,
        ClosedReason.appeal_decided,
    ),
]


@pytest.mark.parametrize(("regime", "events", "as_of", "reason"), CLOSINGS, ids=[c[3] for c in CLOSINGS])
def test_every_closed_reason_is_one_the_engine_gives(regime, events, as_of, reason):
    got = evaluate_case(regime, "2021-03-31", events, as_of=as_of)
    assert (got.stage, got.closed_reason) == (Stage.closed, reason)
    assert (reason in LAPSED) == reason.name.startswith("lapsed")


def test_timeliness_values_are_the_engines():
    got = evaluate_case("foia", "2021-03-31", [ANSWERED])
    assert ResponseTimeliness(got.response_timeliness) is ResponseTimeliness.in_time


@pytest.mark.parametrize(("regime", "events", "as_of", "reason"), CLOSINGS, ids=[c[3] for c in CLOSINGS])
def test_reopens_says_what_the_engine_accepts_after_closing(regime, events, as_of, reason):
    closed = evaluate_case(regime, "2021-03-31", events, as_of=as_of)
    late_review = ev("review_requested", "2021-12-01")
    try:
        evaluate_case(regime, "2021-03-31", [*events, late_review])
        accepted = True
    except RuleViolation:
        accepted = False
    assert reopens(closed.closed_reason, EventType.review_requested) is accepted
    assert not reopens(closed.closed_reason, EventType.responded)


@pytest.mark.parametrize(("regime", "events", "as_of", "reason"), CLOSINGS, ids=[c[3] for c in CLOSINGS])
def test_reopens_says_which_closed_case_takes_a_complaint(regime, events, as_of, reason):
    closed = evaluate_case(regime, "2021-03-31", events, as_of=as_of)
    try:
        evaluate_case(regime, "2021-03-31", [*events, ev("complaint_received", "2021-12-01")])
        accepted = True
    except RuleViolation:
        accepted = False
    assert reopens(closed.closed_reason, EventType.complaint_received) is accepted
