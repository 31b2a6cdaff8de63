"""The naive model checked against dates worked by hand (docs/law.md and the examples of issue 8), never the engine."""

from datetime import date

import pytest

from tests.naive_law import NaiveViolation, naive_calendar, naive_evaluate


def e(type_, on, **kw):
    return {"type": type_, "on": on, **kw}


@pytest.mark.parametrize(
    "regime, received, events, key, expected",
    [
        # FOIA s10(2): day-0 notice paid two days later: the receipt day moves nothing
        ("foia", "2025-10-01", [e("fee_notice_issued", "2025-10-01"), e("fee_paid", "2025-10-03")],
         "statutory_due", "2025-10-31"),
        # FOIA s9(1): a notice after the time for compliance disregards nothing
        ("foia", "2025-10-01", [e("fee_notice_issued", "2025-10-30"), e("fee_paid", "2025-11-10"),
                                e("responded", "2025-11-10", outcome="granted")], "response_timeliness", "late"),
        # FOIA s10(3): an extension notified after the due date extends nothing
        ("foia", "2025-10-01", [e("extended", "2025-11-03", until="2025-11-20"),
                                e("responded", "2025-11-14", outcome="granted")], "response_due", "2025-10-29"),
        # FOISA s20(5): 40 working days after the expiry of the time allowed
        ("foisa", "2025-09-01", [e("responded", "2025-09-03", outcome="granted")],
         "review_request_deadline", "2025-11-24"),
        # FOISA s20(1): a review of a failure to respond
        ("foisa", "2025-10-01", [e("review_requested", "2025-11-10")], "review_due", "2025-12-09"),
        # UK GDPR Art 12(3): a fee restarts the month
        ("sar", "2027-01-28", [e("fee_notice_issued", "2027-01-28"), e("fee_paid", "2027-01-31")],
         "statutory_due", "2027-03-01"),
        # the clarification pause counts both ends
        ("sar", "2026-09-01", [e("clarification_requested", "2026-09-03"), e("clarification_received", "2026-09-08")],
         "statutory_due", "2026-10-07"),
        # Art 12A: the pause moves an extended deadline too (issue 21)
        ("sar", "2026-09-01", [e("extended", "2026-09-05"), e("clarification_requested", "2026-09-10"),
                               e("clarification_received", "2026-09-20")], "response_due", "2026-12-14"),
        # Art 12A: a clarification first asked after the period ended pauses nothing
        ("sar", "2026-09-01", [e("clarification_requested", "2026-10-15"), e("clarification_received", "2026-10-20")],
         "working_days_overdue", 13),
        # EIR reg 9(2)(a): particulars asked after the 20th working day restart nothing
        ("eir", "2025-10-01", [e("clarification_requested", "2025-11-03"), e("clarification_received", "2025-11-05")],
         "response_due", "2025-10-29"),
        # EISR reg 5(2) on the Scottish calendar: Easter Monday counts (issue 21)
        ("eisr", "2021-03-31", [], "statutory_due", "2021-04-29"),
        # EISR reg 16(4): the review decided within 20 working days, not the EIR's 40
        ("eisr", "2021-03-31", [e("responded", "2021-04-21", outcome="granted"), e("review_requested", "2021-05-04")],
         "review_latest_due", "2021-06-02"),
        # the ICO's decision notice: steps within 35 days, appeal within 28 (Boxing Day moves it to Mon 29 Dec)
        ("eir", "2025-06-02", [e("responded", "2025-06-20", outcome="withheld"), e("review_requested", "2025-07-01"),
                               e("review_completed", "2025-08-15", outcome="upheld"),
                               e("complaint_received", "2025-09-01"),
                               e("decision_notice", "2025-11-28", outcome="upheld")], "steps_due", "2026-01-02"),
        ("eir", "2025-06-02", [e("responded", "2025-06-20", outcome="withheld"), e("review_requested", "2025-07-01"),
                               e("review_completed", "2025-08-15", outcome="upheld"),
                               e("complaint_received", "2025-09-01"),
                               e("decision_notice", "2025-11-28", outcome="upheld")], "appeal_deadline", "2025-12-29"),
        # FOISA s56: 42 days to appeal to the Court of Session, not moved
        ("foisa", "2025-09-01", [e("responded", "2025-09-03", outcome="withheld"), e("review_requested", "2025-09-10"),
                                 e("complaint_received", "2025-10-09"),
                                 e("decision_notice", "2025-11-03", outcome="breach_only")],
         "appeal_deadline", "2025-12-15"),
        # an English controller does not skip St Andrew's Day
        ("sar", "2023-10-30", [], "statutory_due", "2023-11-30"),
        # the Home Office case 63509
        ("foia", "2021-03-31", [e("responded", "2021-04-21", outcome="part_withheld"),
                                e("review_requested", "2021-06-22"),
                                e("review_completed", "2021-08-26", outcome="upheld")],
         "review_latest_due", "2021-08-19"),
        ("foia", "2021-03-31", [e("responded", "2021-04-21", outcome="part_withheld")], "responded_working_day", 13),
    ],
)  # fmt: skip
def test_the_naive_model_gives_the_dates_worked_by_hand(regime, received, events, key, expected):
    assert naive_evaluate(regime, received, events)[key] == expected


def test_the_naive_model_reads_the_time_for_compliance_regulations():
    """SI 2004/3364 reg 4: the 30th working day; reg 3: 20 school days (half term 20-24 Oct skipped)."""
    assert naive_evaluate("foia", "2025-10-01", category="archives")["statutory_due"] == "2025-11-12"
    half_term = [date(2025, 10, d) for d in range(18, 27)]
    assert naive_evaluate("foia", "2025-10-01", category="school", non_school=half_term)["statutory_due"] == (
        "2025-11-05"
    )
    with pytest.raises(NaiveViolation):
        naive_evaluate("eir", "2025-10-01", category="school")


def test_the_naive_calendars():
    assert not naive_calendar("foisa").is_working_day(date(2026, 6, 15))
    assert not naive_calendar("foia").is_working_day(date(2026, 6, 15))  # FOIA s10(6): any part of the UK
    assert naive_calendar("sar", "england_wales").is_working_day(date(2026, 6, 15))
    assert not naive_calendar("foia").is_working_day(date(2021, 7, 12))
    assert naive_calendar("sar", "scotland").is_working_day(date(2021, 7, 12))


def test_the_naive_model_refuses_what_the_law_does_not_allow():
    with pytest.raises(NaiveViolation):
        naive_evaluate("foisa", "2025-10-01", [e("review_requested", "2025-10-29")])  # the time has not expired
    with pytest.raises(NaiveViolation):
        naive_evaluate("foia", "2025-10-01", [e("identity_requested", "2025-10-02")])
