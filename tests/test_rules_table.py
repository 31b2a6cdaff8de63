"""Table tests: one or more cases for every rule in docs/law.md, with dates worked by hand.

Every expected date below was counted on a calendar by hand from the law (the comments show the
count); none is computed with the calendar or the engine under test."""

from datetime import date

import pytest

from rules import Policy, ProclaimedDay, RuleViolation, Stage
from tests.helpers import D, cal, ev, evaluate_case

# -- working days --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, why",
    [
        ("2021-03-17", "St Patrick's Day (NI)"),
        ("2021-07-12", "Battle of the Boyne (NI)"),
        ("2021-01-04", "2 January holiday observed (Scotland)"),
        ("2021-11-30", "St Andrew's Day (Scotland)"),
        ("2021-08-02", "Summer bank holiday (Scotland)"),
        ("2021-04-05", "Easter Monday (England, Wales, NI)"),
        ("2021-12-27", "Christmas Day observed"),
        ("2022-09-19", "State funeral, proclaimed"),
        ("2023-05-08", "Coronation, proclaimed"),
        ("2026-06-15", "Scotland's FIFA World Cup holiday, proclaimed (Scotland)"),
    ],
)
def test_foia_and_eir_stop_for_a_bank_holiday_in_any_part_of_the_uk(day, why):
    assert not cal("foia").is_working_day(D(day)), why
    assert not cal("eir").is_working_day(D(day)), why


@pytest.mark.parametrize("day", ["2021-04-05", "2021-03-17", "2021-07-12", "2021-08-30"])
def test_foisa_counts_days_that_are_holidays_only_outside_scotland(day):
    assert cal("foisa").is_working_day(D(day))


@pytest.mark.parametrize("day", ["2021-01-04", "2021-11-30", "2021-08-02", "2021-04-02", "2021-12-27", "2026-06-15"])
def test_foisa_stops_for_scottish_bank_holidays(day):
    assert not cal("foisa").is_working_day(D(day))


# -- counting ------------------------------------------------------------------------------------


def test_day_one_is_the_first_working_day_after_receipt():
    # Mon 4 Oct 2021 (no holiday that month): day 1 is Tue 5 Oct, day 20 is Mon 1 Nov.
    assert evaluate_case("foia", "2021-10-04").statutory_due == D("2021-11-01")
    # Mon 1 Mar 2021: St Patrick's Day (17 Mar, Northern Ireland) stops an English clock too.
    assert evaluate_case("foia", "2021-03-01").statutory_due == D("2021-03-30")


def test_receipt_on_a_saturday_has_the_same_deadline_as_on_the_friday():
    friday = evaluate_case("foia", "2021-10-08").statutory_due
    assert evaluate_case("foia", "2021-10-09").statutory_due == friday == D("2021-11-05")


def test_overdue_from_the_day_after_the_due_date():
    on_due = evaluate_case("foia", "2021-10-04", as_of="2021-11-01")
    after = evaluate_case("foia", "2021-10-04", as_of="2021-11-02")
    assert (on_due.overdue, after.overdue, after.working_days_overdue) == (False, True, 1)


def test_clarification_stops_everything_then_restarts_a_fresh_twenty_days():
    events = [ev("clarification_requested", "2021-10-06")]
    waiting = evaluate_case("foia", "2021-10-04", events, as_of="2021-11-20")
    assert (waiting.stage, waiting.response_due, waiting.overdue) == (Stage.awaiting_clarification, None, False)
    events.append(ev("clarification_received", "2021-10-11"))
    restarted = evaluate_case("foia", "2021-10-04", events)
    # A fresh 20 working days from Mon 11 Oct: Mon 8 Nov.
    assert (restarted.clock_started, restarted.statutory_due) == (D("2021-10-11"), D("2021-11-08"))


def test_no_clarification_within_three_months_lapses_the_request():
    events = [ev("clarification_requested", "2021-03-05")]
    still = evaluate_case("foia", "2021-03-01", events, as_of="2021-06-04")
    lapsed = evaluate_case("foia", "2021-03-01", events, as_of="2021-06-05")
    assert (still.stage, still.lapses_after) == (Stage.awaiting_clarification, D("2021-06-04"))
    assert (lapsed.stage, lapsed.closed_reason) == (Stage.closed, "lapsed_clarification")


def test_the_clarification_lapse_is_a_policy():
    events = [ev("clarification_requested", "2021-03-05")]
    got = evaluate_case("foia", "2021-03-01", events, as_of="2021-04-20", policy=Policy(clarification_lapse_months=1))
    assert (got.stage, got.closed_reason) == (Stage.closed, "lapsed_clarification")


def test_a_fee_notice_disregards_the_working_days_from_notice_to_payment_both_inclusive():
    events = [ev("fee_notice_issued", "2021-10-06"), ev("fee_paid", "2021-10-12")]
    # Wed 6 .. Tue 12 Oct: five working days; due moves from Mon 1 Nov to Mon 8 Nov.
    assert evaluate_case("foia", "2021-10-04", events).statutory_due == D("2021-11-08")


def test_fee_days_are_skipped_among_the_twenty_and_the_day_of_receipt_moves_nothing():
    # s10(2): received Wed 1 Oct 2025, notice that day, paid Fri 3 Oct. Day 0 (1 Oct) is never one of
    # the 20; Thu 2 and Fri 3 are skipped; the 20 run Mon 6 .. Fri 31 Oct (not Mon 3 Nov).
    events = [ev("fee_notice_issued", "2025-10-01"), ev("fee_paid", "2025-10-03")]
    got = evaluate_case("foia", "2025-10-01", events)
    assert (got.statutory_due, got.response_due) == (D("2025-10-31"), D("2025-10-31"))
    # Answered Thu 30 Oct: working day 19 of the 20 (2 and 3 Oct not counted).
    answered = evaluate_case("foia", "2025-10-01", [*events, ev("responded", "2025-10-30", outcome="granted")])
    assert (answered.responded_working_day, answered.response_timeliness) == (19, "in_time")


def test_a_fees_notice_given_after_the_time_for_compliance_disregards_nothing():
    # s9(1): due Wed 29 Oct 2025; a notice of Thu 30 Oct is out of time, paid Mon 10 Nov, answered that day.
    events = [
        ev("fee_notice_issued", "2025-10-30"),
        ev("fee_paid", "2025-11-10"),
        ev("responded", "2025-11-10", outcome="granted"),
    ]
    waiting = evaluate_case("foia", "2025-10-01", events[:1], as_of="2025-11-03")
    assert (waiting.stage, waiting.response_due, waiting.overdue, waiting.lapses_after) == (
        Stage.awaiting_response,
        D("2025-10-29"),
        True,
        None,
    )
    got = evaluate_case("foia", "2025-10-01", events)
    assert (got.statutory_due, got.response_in_time, got.response_timeliness) == (D("2025-10-29"), False, "late")
    # A notice on the due date itself is in time.
    on_time = evaluate_case("foia", "2025-10-01", [ev("fee_notice_issued", "2025-10-29")])
    assert on_time.stage is Stage.awaiting_fee


def test_a_fee_not_paid_within_three_months_beginning_with_the_notice_lapses():
    events = [ev("fee_notice_issued", "2021-01-31")]
    still = evaluate_case("foia", "2021-01-29", events, as_of="2021-04-30")
    lapsed = evaluate_case("foia", "2021-01-29", events, as_of="2021-05-01")
    assert (still.stage, still.lapses_after) == (Stage.awaiting_fee, D("2021-04-30"))
    assert lapsed.closed_reason == "lapsed_fee"
    with pytest.raises(RuleViolation, match="closed on 2021-05-01 \\(lapsed_fee\\)"):
        evaluate_case("foia", "2021-01-29", [*events, ev("fee_paid", "2021-05-03")])


def test_foisa_fees_pause_the_clock_too():
    events = [ev("fee_notice_issued", "2021-03-03"), ev("fee_paid", "2021-03-09")]
    # Scottish calendar, received Mon 1 Mar 2021: plain due Mon 29 Mar (17 Mar is a working day).
    assert evaluate_case("foisa", "2021-03-01").statutory_due == D("2021-03-29")
    # Wed 3 .. Tue 9 Mar skipped: Tue 2 (1), 10-12 (4), 15-19 (9), 22-26 (14), 29-31 (17), Thu 1 Apr (18),
    # Good Friday, Mon 5 Apr (19: Easter Monday is no Scottish holiday), Tue 6 Apr (20).
    assert evaluate_case("foisa", "2021-03-01", events).statutory_due == D("2021-04-06")


def test_eir_advance_charges_disregard_days_by_default():
    # reg 8(6): Wed 6 .. Tue 12 Oct 2021 disregarded, due Mon 8 Nov as under FOIA.
    events = [ev("fee_notice_issued", "2021-10-06"), ev("fee_paid", "2021-10-12")]
    assert evaluate_case("eir", "2021-10-04", events).statutory_due == D("2021-11-08")


def test_an_eir_advance_charge_unpaid_sixty_working_days_after_the_notice_lapses():
    # reg 8(5): notice Wed 6 Oct 2021. Counting 60 working days: Tue 30 Nov (St Andrew's), 27-28 Dec
    # (Christmas, Boxing Day observed), Mon 3 Jan (New Year observed) and Tue 4 Jan 2022 (2 January,
    # Scotland) are skipped: the 60th is Wed 5 Jan 2022.
    events = [ev("fee_notice_issued", "2021-10-06")]
    still = evaluate_case("eir", "2021-10-04", events, as_of="2022-01-05")
    lapsed = evaluate_case("eir", "2021-10-04", events, as_of="2022-01-06")
    assert (still.stage, still.lapses_after) == (Stage.awaiting_fee, D("2022-01-05"))
    assert (lapsed.stage, lapsed.closed_reason, lapsed.closed_on) == (Stage.closed, "lapsed_fee", D("2022-01-06"))


def test_an_eir_advance_charge_notified_after_twenty_working_days_disregards_nothing():
    # reg 8(4): due Mon 1 Nov 2021; a notice on Tue 2 Nov is out of time.
    got = evaluate_case("eir", "2021-10-04", [ev("fee_notice_issued", "2021-11-02")], as_of="2021-11-03")
    assert (got.stage, got.response_due, got.overdue, got.working_days_overdue) == (
        Stage.awaiting_response,
        D("2021-11-01"),
        True,
        2,
    )


def test_pit_extension_runs_at_most_twenty_working_days_past_the_statutory_date():
    # Statutory due Mon 1 Nov 2021; 20 working days later is Mon 29 Nov.
    ok = evaluate_case("foia", "2021-10-04", [ev("extended", "2021-10-25", until="2021-11-29")])
    assert (ok.statutory_due, ok.response_due) == (D("2021-11-01"), D("2021-11-29"))
    with pytest.raises(RuleViolation, match="beyond 2021-11-29 .*exceptional"):
        evaluate_case("foia", "2021-10-04", [ev("extended", "2021-10-25", until="2021-12-01")])
    rare = evaluate_case("foia", "2021-10-04", [ev("extended", "2021-10-25", until="2021-12-20", exceptional=True)])
    assert rare.response_due == D("2021-12-20")


def test_pit_extension_needs_a_date_and_must_extend():
    with pytest.raises(RuleViolation, match="needs the date"):
        evaluate_case("foia", "2021-03-01", [ev("extended", "2021-03-20")])
    with pytest.raises(RuleViolation, match="not after the statutory due date"):
        evaluate_case("foia", "2021-10-04", [ev("extended", "2021-10-20", until="2021-11-01")])


def test_an_extension_notified_after_the_statutory_due_date_extends_nothing():
    # s10(3) with s17(1)-(2): due Wed 29 Oct 2025; the notice of Mon 3 Nov came too late.
    events = [ev("extended", "2025-11-03", until="2025-11-20"), ev("responded", "2025-11-14", outcome="granted")]
    got = evaluate_case("foia", "2025-10-01", events)
    assert (got.statutory_due, got.response_due, got.extended_until) == (D("2025-10-29"), D("2025-10-29"), None)
    assert (got.response_in_time, got.response_timeliness) == (False, "late")
    # The same for EIR (reg 7(3)) and subject access (Art 12(3)).
    eir = evaluate_case("eir", "2021-10-04", [ev("extended", "2021-11-02")])
    assert (eir.response_due, eir.extended_until) == (D("2021-11-01"), None)
    sar = evaluate_case("sar", "2021-03-31", [ev("extended", "2021-05-01")])
    assert (sar.response_due, sar.extended_until) == (D("2021-04-30"), None)


def test_explain_says_why_a_late_extension_or_fees_notice_has_no_effect():
    from rules import Case
    from rules.explain import explain

    case = Case(
        regime="foia",
        received=date(2025, 10, 1),
        events=[ev("fee_notice_issued", "2025-10-30"), ev("extended", "2025-11-03", until="2025-11-20")],
    )
    text = explain(case, cal("foia"), date(2025, 11, 4))
    assert "Thu 30 Oct 2025: fees notice given after the time for compliance ended on 2025-10-29" in text
    assert "Mon 3 Nov 2025: extension notified after the statutory due date 2025-10-29: it extends nothing" in text


def test_foisa_has_no_extension():
    with pytest.raises(RuleViolation, match="allows no extension"):
        evaluate_case("foisa", "2021-03-01", [ev("extended", "2021-03-20", until="2021-04-20")])


def test_eir_extension_defaults_to_forty_working_days_from_receipt():
    got = evaluate_case("eir", "2021-10-04", [ev("extended", "2021-10-15")])
    assert got.response_due == D("2021-11-29")
    with pytest.raises(RuleViolation, match="40 working days from receipt"):
        evaluate_case("eir", "2021-10-04", [ev("extended", "2021-10-15", until="2021-12-01")])


@pytest.mark.parametrize(
    "received, due",
    [
        ("2021-03-31", "2021-04-30"),  # the same date next month
        ("2021-01-31", "2021-03-01"),  # 28 Feb is a Sunday: next working day
        ("2021-01-30", "2021-03-01"),
        ("2019-01-31", "2019-02-28"),  # no 31 Feb: the last day of the month (a Thursday in 2019)
        ("2020-01-31", "2020-03-02"),  # 29 Feb 2020 is a Saturday
        ("2022-05-02", "2022-06-06"),  # 2 and 3 June 2022 proclaimed holidays, then a weekend
    ],
)
def test_subject_access_is_one_calendar_month_rolled_to_a_working_day(received, due):
    assert evaluate_case("sar", received).statutory_due == D(due)


def test_subject_access_extension_is_three_months_from_receipt():
    got = evaluate_case("sar", "2021-03-31", [ev("extended", "2021-04-10")])
    assert got.response_due == D("2021-06-30")
    with pytest.raises(RuleViolation, match="3 months from receipt"):
        evaluate_case("sar", "2021-03-31", [ev("extended", "2021-04-10", until="2021-07-01")])


def test_subject_access_clarification_pauses_rather_than_restarts():
    events = [ev("clarification_requested", "2021-04-05"), ev("clarification_received", "2021-04-12")]
    # 31 Mar + 1 month = 30 Apr, plus 8 days paused (5 .. 12 Apr, both counted) = Sat 8 May: Mon 10 May 2021.
    assert evaluate_case("sar", "2021-03-31", events).statutory_due == D("2021-05-10")
    # Art 12A: received 1 Sep 2026, asked 3 Sep, answered 8 Sep: 6 days; 1 Oct + 6 = Wed 7 Oct 2026.
    events = [ev("clarification_requested", "2026-09-03"), ev("clarification_received", "2026-09-08")]
    assert evaluate_case("sar", "2026-09-01", events).statutory_due == D("2026-10-07")


def test_a_subject_access_fee_restarts_the_month_from_payment():
    # Art 12A: received Thu 28 Jan 2027, fee asked that day, paid Sun 31 Jan: the month runs from 31 Jan;
    # there is no 31 Feb, so Sun 28 Feb, not a working day: Mon 1 Mar 2027.
    events = [ev("fee_notice_issued", "2027-01-28"), ev("fee_paid", "2027-01-31")]
    got = evaluate_case("sar", "2027-01-28", events)
    assert (got.clock_started, got.statutory_due) == (D("2027-01-31"), D("2027-03-01"))


def test_subject_access_identity_restarts_the_month_and_lapses_by_policy():
    # Art 12(6), 12A: asked Wed 2 Sep 2026, received Tue 15 Sep: due Thu 15 Oct 2026.
    asked = [ev("identity_requested", "2026-09-02")]
    waiting = evaluate_case("sar", "2026-09-01", asked, as_of="2026-11-01")
    assert (waiting.stage, waiting.response_due, waiting.overdue) == (Stage.awaiting_identity, None, False)
    got = evaluate_case("sar", "2026-09-01", [*asked, ev("identity_received", "2026-09-15")])
    assert (got.stage, got.clock_started, got.statutory_due) == (
        Stage.awaiting_response,
        D("2026-09-15"),
        D("2026-10-15"),
    )
    # No answer within 3 months beginning with 2 Sep (to Tue 1 Dec): closed from Wed 2 Dec.
    still = evaluate_case("sar", "2026-09-01", asked, as_of="2026-12-01")
    lapsed = evaluate_case("sar", "2026-09-01", asked, as_of="2026-12-02")
    assert (still.lapses_after, lapsed.closed_reason, lapsed.closed_on) == (
        D("2026-12-01"),
        "lapsed_identity",
        D("2026-12-02"),
    )
    short = evaluate_case("sar", "2026-09-01", asked, as_of="2026-10-02", policy=Policy(identity_lapse_months=1))
    assert short.closed_reason == "lapsed_identity"
    with pytest.raises(RuleViolation, match="only in subject access requests"):
        evaluate_case("foia", "2026-09-01", asked)


@pytest.mark.parametrize(
    "nation, due",
    [
        ("england_wales", "2023-11-30"),  # St Andrew's Day is no English holiday
        ("northern_ireland", "2023-11-30"),
        ("scotland", "2023-12-01"),  # Thu 30 Nov 2023 is St Andrew's Day: Fri 1 Dec
    ],
)
def test_a_subject_access_deadline_rolls_past_the_controllers_own_nations_holidays(nation, due):
    from rules import Case, evaluate
    from rules.bank_holidays import calendar_for

    case = Case(regime="sar", received=D("2023-10-30"))
    calendar = calendar_for(case.regime, 2022, 2025, nation=nation)
    assert evaluate(case, calendar, D("2023-10-30"), Policy(nation=nation)).statutory_due == D(due)


def test_subject_access_has_no_review_and_closes_on_response():
    got = evaluate_case("sar", "2021-03-31", [ev("responded", "2021-04-20", outcome="granted")])
    assert (got.stage, got.closed_reason, got.review_request_deadline) == (Stage.closed, "responded", None)
    with pytest.raises(RuleViolation):
        evaluate_case(
            "sar",
            "2021-03-31",
            [ev("responded", "2021-04-20", outcome="granted"), ev("review_requested", "2021-04-21")],
        )


# -- after the response --------------------------------------------------------------------------


def test_foia_review_window_is_two_calendar_months_by_default_or_forty_working_days():
    events = [ev("responded", "2021-04-21", outcome="granted")]
    assert evaluate_case("foia", "2021-03-31", events).review_request_deadline == D("2021-06-21")
    wd = evaluate_case("foia", "2021-03-31", events, policy=Policy(foia_review_window="40_working_days"))
    # From Wed 21 Apr 2021, skipping Mon 3 May and Mon 31 May: Fri 18 Jun.
    assert wd.review_request_deadline == D("2021-06-18")


def test_eir_review_window_and_deadline_are_forty_working_days():
    events = [ev("responded", "2021-04-21", outcome="granted"), ev("review_requested", "2021-05-04")]
    got = evaluate_case("eir", "2021-03-31", events)
    assert got.review_request_deadline == D("2021-06-18")
    # From Tue 4 May 2021, skipping Mon 31 May: Wed 30 Jun.
    assert got.review_due == got.review_latest_due == D("2021-06-30")


def test_foisa_review_twenty_working_days_on_the_scottish_calendar_and_six_months_to_appeal():
    events = [
        ev("responded", "2021-04-21", outcome="granted"),
        ev("review_requested", "2021-06-22"),
        ev("review_completed", "2021-07-20", outcome="upheld"),
    ]
    got = evaluate_case("foisa", "2021-03-31", events)
    # 12 July is not a Scottish holiday, so the review is due a day earlier than under FOIA.
    assert got.review_due == got.review_latest_due == D("2021-07-20")
    # s20(5): 40 working days after the expiry of the time allowed (Thu 29 Apr 2021 on the Scottish
    # calendar), not after the response: Mon 3 May and Mon 31 May skipped, Mon 28 Jun.
    assert got.review_request_deadline == D("2021-06-28")
    assert (got.review_completed_within_target, got.complaint_deadline) == (True, D("2022-01-20"))
    assert got.complaint_to == "the Scottish Information Commissioner"


def test_the_foisa_review_window_runs_from_the_expiry_of_the_time_allowed():
    # Received Mon 1 Sep 2025, due Mon 29 Sep, answered early on 3 Sep: 40 working days after 29 Sep
    # is Mon 24 Nov 2025, so a request of 10 Nov is in time.
    events = [ev("responded", "2025-09-03", outcome="granted"), ev("review_requested", "2025-11-10")]
    got = evaluate_case("foisa", "2025-09-01", events)
    assert (got.review_request_deadline, got.review_requested_in_time) == (D("2025-11-24"), True)
    # A late response (Tue 7 Oct) starts the 40 from itself: Mon 1 Dec (St Andrew's, observed) skipped,
    # Wed 3 Dec 2025.
    late = evaluate_case("foisa", "2025-09-01", [ev("responded", "2025-10-07", outcome="granted")])
    assert late.review_request_deadline == D("2025-12-03")


def test_a_review_of_a_failure_to_respond_is_accepted_and_the_response_stays_owed():
    # FOISA s20(1): received Wed 1 Oct 2025, due Wed 29 Oct; review asked Mon 10 Nov.
    events = [ev("review_requested", "2025-11-10")]
    got = evaluate_case("foisa", "2025-10-01", events)
    # Review due 20 Scottish working days after 10 Nov, Mon 1 Dec skipped: Tue 9 Dec 2025.
    assert (got.stage, got.review_due, got.review_requested_in_time) == (Stage.in_review, D("2025-12-09"), True)
    # Still owed: 30, 31 Oct, 3-7, 10 Nov = 8 working days overdue.
    assert (got.response_due, got.overdue, got.working_days_overdue) == (D("2025-10-29"), True, 8)
    # Window: 40 working days after 29 Oct; 1 Dec, 25 and 26 Dec skipped: Mon 29 Dec 2025.
    assert got.review_request_deadline == D("2025-12-29")
    answered = evaluate_case("foisa", "2025-10-01", [*events, ev("responded", "2025-11-20", outcome="granted")])
    assert (answered.stage, answered.overdue, answered.response_timeliness) == (Stage.in_review, False, "late")
    with pytest.raises(RuleViolation, match="the response is still owed; record responded first"):
        evaluate_case("foisa", "2025-10-01", [*events, ev("review_completed", "2025-11-20", outcome="upheld")])
    # FOIA (s45 Code) likewise: target Tue 9 Dec 2025, limit Mon 12 Jan 2026 (UK calendar).
    foia = evaluate_case("foia", "2025-10-01", events)
    assert (foia.review_due, foia.review_latest_due) == (D("2025-12-09"), D("2026-01-12"))
    # Not before the time allowed has run out.
    with pytest.raises(RuleViolation, match="not due until 2025-10-29"):
        evaluate_case("eir", "2025-10-01", [ev("review_requested", "2025-10-29")])


def test_the_review_window_closing_closes_the_case_but_a_late_request_is_accepted():
    events = [ev("responded", "2021-04-21", outcome="granted")]
    closed = evaluate_case("foia", "2021-03-31", events, as_of="2021-06-22")
    assert (closed.stage, closed.closed_reason) == (Stage.closed, "review_window_ended")
    late = evaluate_case("foia", "2021-03-31", [*events, ev("review_requested", "2021-09-01")])
    assert (late.stage, late.review_requested_in_time) == (Stage.in_review, False)


def test_timeliness_categories_for_reporting():
    in_time = evaluate_case("foia", "2021-10-04", [ev("responded", "2021-11-01", outcome="granted")])
    extended = [ev("extended", "2021-10-25", until="2021-11-29")]
    within = evaluate_case("foia", "2021-10-04", [*extended, ev("responded", "2021-11-20", outcome="withheld")])
    late = evaluate_case("foia", "2021-10-04", [ev("responded", "2021-11-02", outcome="granted")])
    assert [x.response_timeliness for x in (in_time, within, late)] == ["in_time", "within_extension", "late"]
    assert [x.response_in_time for x in (in_time, within, late)] == [True, True, False]


def test_a_proclaimed_holiday_moves_the_deadline():
    # Received Mon 2 Nov 2026: Mon 30 Nov (St Andrew's Day) skipped, due Tue 1 Dec; a day proclaimed on
    # Mon 16 Nov moves it to Wed 2 Dec.
    assert evaluate_case("foia", "2026-11-02").statutory_due == D("2026-12-01")
    moved = evaluate_case(
        "foia", "2026-11-02", proclaimed=(ProclaimedDay(on=D("2026-11-16"), name="Proclaimed holiday"),)
    )
    assert moved.statutory_due == D("2026-12-02")


def test_a_holiday_proclaimed_for_england_only_does_not_stop_a_foisa_clock():
    england_only = (ProclaimedDay(on=D("2026-11-16"), name="Proclaimed holiday", region="ENG"),)
    assert evaluate_case("foisa", "2026-11-02", proclaimed=england_only).statutory_due == D("2026-12-01")


# -- the worked case -----------------------------------------------------------------------------


def test_the_home_office_case_63509():
    events = [
        ev("responded", "2021-04-21", outcome="part_withheld"),
        ev("review_requested", "2021-06-22"),
        ev("review_completed", "2021-08-26", outcome="upheld"),
    ]
    got = evaluate_case("foia", "2021-03-31", events)
    assert got.statutory_due == got.response_due == D("2021-04-30")
    assert (got.responded_working_day, got.response_in_time) == (13, True)
    assert (got.review_request_deadline, got.review_requested_in_time) == (D("2021-06-21"), False)
    assert (got.review_due, got.review_latest_due) == (D("2021-07-21"), D("2021-08-19"))
    assert (got.review_completed_within_target, got.review_completed_within_limit) == (False, False)
    assert (got.complaint_deadline, got.complaint_to) == (D("2021-10-07"), "the ICO")
    assert (got.stage, got.closed_reason) == (Stage.closed, "review_completed")


def test_the_home_office_review_overdue_while_it_was_running():
    events = [ev("responded", "2021-04-21", outcome="part_withheld"), ev("review_requested", "2021-06-22")]
    got = evaluate_case("foia", "2021-03-31", events, as_of="2021-08-20")
    assert (got.stage, got.review_overdue, got.review_working_days_overdue) == (Stage.in_review, True, 21)


# -- impossible histories ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "events, message",
    [
        ([ev("responded", "2021-02-27", outcome="granted")], "before the request was received"),
        ([ev("clarification_requested", "2021-03-05"), ev("clarification_received", "2021-03-04")], "date order"),
        ([ev("fee_paid", "2021-03-05")], "no fee notice is outstanding"),
        ([ev("review_requested", "2021-03-05")], "not due until 2021-03-30"),
        ([ev("review_completed", "2021-03-05", outcome="upheld")], "no internal review was requested"),
        ([ev("responded", "2021-03-05")], "needs an outcome"),
        ([ev("responded", "2021-03-05", outcome="maybe")], "unknown outcome 'maybe'"),
        (
            [ev("responded", "2021-03-05", outcome="granted"), ev("responded", "2021-03-06", outcome="granted")],
            "already answered",
        ),
        (
            [ev("withdrawn", "2021-03-05"), ev("responded", "2021-03-06", outcome="granted")],
            "closed on 2021-03-05 \\(withdrawn\\)",
        ),
        (
            [ev("clarification_requested", "2021-03-05"), ev("responded", "2021-03-06", outcome="granted")],
            "awaiting clarification",
        ),
        ([ev("fee_paid", "2021-03-05", until="2021-04-01")], "only for extended"),
        ([ev("withdrawn", "2021-03-05", outcome="granted")], "only for responded"),
    ],
)
def test_impossible_histories_are_rejected_with_a_clear_message(events, message):
    with pytest.raises(RuleViolation, match=message):
        evaluate_case("foia", "2021-03-01", events)


def test_as_of_before_the_last_event_is_rejected():
    with pytest.raises(RuleViolation, match="before the last event"):
        evaluate_case("foia", "2021-03-01", [ev("responded", "2021-03-10", outcome="granted")], as_of="2021-03-05")


def test_withdrawal_closes_the_case():
    got = evaluate_case("foia", "2021-03-01", [ev("withdrawn", "2021-03-05")], as_of="2021-06-01")
    assert (got.stage, got.closed_reason, got.overdue) == (Stage.closed, "withdrawn", False)


def test_explain_names_the_holidays_that_moved_a_date():
    from rules import Case
    from rules.explain import explain

    case = Case(regime="foia", received=date(2021, 6, 22))
    text = explain(case, cal("foia"), date(2021, 6, 22))
    assert "Mon 12 Jul 2021 — Battle of the Boyne (Northern Ireland)" in text
    assert "Response due (statutory): Wed 21 Jul 2021" in text
