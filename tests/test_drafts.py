"""The internal (draft) deadline, pure engine (issue 20 item 2; docs/internal-deadlines.md).

Every expected date is counted by hand on the calendar, not with the code under test. FOIA and EIR skip a
bank holiday of any part of the UK; FOISA and EISR only Scotland's; subject access rolls over England and
Wales' days. 2025 around these dates: Mon 4 Aug (Scotland's summer holiday), Mon 25 Aug (the late summer
holiday everywhere but Scotland); no bank holiday in October or November before St Andrew's Day.
"""

from __future__ import annotations

import pytest

from rules import Case, Policy, evaluate
from rules.alarms import AlarmKind, AlarmPolicy, alarms_for
from rules.drafts import DraftPolicy
from tests.helpers import D, cal, ev, evaluate_case


@pytest.mark.parametrize(
    ("regime", "draft", "why"),
    [
        # Received Fri 15 Aug 2025. Mon 18 = 1, Tue 19 = 2, Wed 20 = 3, Thu 21 = 4, Fri 22 = 5; Mon 25 Aug is
        # a bank holiday in England, Wales and Northern Ireland, so FOIA and EIR skip it: Tue 26 = 6, Wed 27 = 7,
        # Thu 28 = 8, Fri 29 = 9, Mon 1 Sep = 10.
        ("foia", "2025-09-01", "Mon 25 Aug skipped (a bank holiday in part of the UK)"),
        ("eir", "2025-09-01", "as FOIA"),
        # FOISA and EISR count Scotland's days only: Mon 25 Aug is a working day there, = 6; Fri 29 Aug = 10.
        ("foisa", "2025-08-29", "Mon 25 Aug is a working day in Scotland"),
        ("eisr", "2025-08-29", "as FOISA"),
    ],
)
def test_the_draft_is_due_on_the_tenth_working_day_of_twenty(regime, draft, why):
    e = evaluate_case(regime, "2025-08-15", as_of="2025-08-18")
    assert e.draft_due == D(draft), why
    assert e.draft_of == "response"
    assert e.draft_due < e.statutory_due


def test_a_subject_access_draft_is_due_ten_calendar_days_before_the_month_ends():
    # Received Wed 15 Oct 2025: the month ends Sat 15 Nov (the response rolls to Mon 17 Nov); ten calendar days
    # before Sat 15 Nov is Wed 5 Nov, a working day.
    e = evaluate_case("sar", "2025-10-15", as_of="2025-10-16")
    assert (e.draft_due, e.statutory_due) == (D("2025-11-05"), D("2025-11-17"))


def test_a_subject_access_draft_on_a_weekend_comes_back_to_the_working_day_before():
    # Received Mon 3 Nov 2025: the month ends Wed 3 Dec; ten days before is Sun 23 Nov, so Fri 21 Nov.
    e = evaluate_case("sar", "2025-11-03", as_of="2025-11-04")
    assert (e.draft_due, e.statutory_due) == (D("2025-11-21"), D("2025-12-03"))
    later = evaluate_case(
        "sar", "2025-11-03", as_of="2025-11-04", policy=Policy(drafts=DraftPolicy(non_working_day="after"))
    )
    assert later.draft_due == D("2025-11-24")  # the other choice: Mon 24 Nov


def test_a_clarification_restarts_the_draft_date_with_the_clock():
    # Received Wed 1 Oct 2025: the 10th working day is Wed 15 Oct. Clarification asked Fri 3 Oct and given Mon
    # 13 Oct: a fresh period from 13 Oct. Tue 14 = 1, Wed 15 = 2, Thu 16 = 3, Fri 17 = 4, Mon 20 = 5, Tue 21 = 6,
    # Wed 22 = 7, Thu 23 = 8, Fri 24 = 9, Mon 27 Oct = 10; the 20th is Mon 10 Nov.
    before = evaluate_case("foia", "2025-10-01", as_of="2025-10-02")
    assert before.draft_due == D("2025-10-15")
    events = [ev("clarification_requested", "2025-10-03"), ev("clarification_received", "2025-10-13")]
    waiting = evaluate_case("foia", "2025-10-01", events[:1], as_of="2025-10-06")
    assert waiting.draft_due is None  # nothing is due while the clock stands
    after = evaluate_case("foia", "2025-10-01", events, as_of="2025-10-13")
    assert (after.draft_due, after.statutory_due) == (D("2025-10-27"), D("2025-11-10"))


def test_a_fee_pause_pushes_the_draft_date_out_by_the_working_days_disregarded():
    # Received Wed 1 Oct 2025; fees notice Mon 6 Oct, paid Wed 8 Oct: Mon 6, Tue 7 and Wed 8 are disregarded.
    # Thu 2 = 1, Fri 3 = 2, Thu 9 = 3, Fri 10 = 4, Mon 13 = 5, Tue 14 = 6, Wed 15 = 7, Thu 16 = 8, Fri 17 = 9,
    # Mon 20 Oct = 10 (three working days after Wed 15 Oct).
    events = [ev("fee_notice_issued", "2025-10-06"), ev("fee_paid", "2025-10-08")]
    e = evaluate_case("foia", "2025-10-01", events, as_of="2025-10-08")
    assert e.draft_due == D("2025-10-20")
    assert e.statutory_due == D("2025-11-03")  # Wed 29 Oct pushed out by three working days


def test_days_disregarded_after_the_draft_date_do_not_move_it():
    # Notice Thu 16 Oct (day 11), paid Fri 17 Oct: the draft's 10th day, Wed 15 Oct, is before them; the
    # statutory 20th, Wed 29 Oct, moves two working days to Fri 31 Oct.
    events = [ev("fee_notice_issued", "2025-10-16"), ev("fee_paid", "2025-10-17")]
    e = evaluate_case("foia", "2025-10-01", events, as_of="2025-10-17")
    assert (e.draft_due, e.statutory_due) == (D("2025-10-15"), D("2025-10-31"))


def test_a_subject_access_clarification_pause_moves_the_draft_date():
    # Received Mon 3 Nov 2025; clarification asked Mon 10 Nov, given Fri 14 Nov: 5 days paused (10 to 14 Nov,
    # both counted). The month's end moves from Wed 3 Dec to Mon 8 Dec; ten days before is Fri 28 Nov.
    events = [ev("clarification_requested", "2025-11-10"), ev("clarification_received", "2025-11-14")]
    e = evaluate_case("sar", "2025-11-03", events, as_of="2025-11-14")
    assert (e.draft_due, e.statutory_due) == (D("2025-11-28"), D("2025-12-08"))


def test_an_extension_leaves_the_draft_date_unless_the_policy_moves_it():
    # Received Wed 1 Oct 2025, due Wed 29 Oct; a public interest extension to Wed 26 Nov (20 working days
    # later). Kept: Wed 15 Oct. Moved: ten working days before Wed 26 Nov, which is Wed 12 Nov.
    events = [ev("extended", "2025-10-27", until="2025-11-26")]
    kept = evaluate_case("foia", "2025-10-01", events, as_of="2025-10-27")
    assert kept.draft_due == D("2025-10-15") and kept.draft_late
    moved = evaluate_case(
        "foia", "2025-10-01", events, as_of="2025-10-27", policy=Policy(drafts=DraftPolicy(extensions="move"))
    )
    assert moved.draft_due == D("2025-11-12") and not moved.draft_late


def test_a_draft_is_late_the_day_after_its_date_while_the_response_is_owed():
    on_the_day = evaluate_case("foia", "2025-10-01", as_of="2025-10-15")
    day_after = evaluate_case("foia", "2025-10-01", as_of="2025-10-16")
    answered = evaluate_case("foia", "2025-10-01", [ev("responded", "2025-10-20", outcome="granted")])
    assert (on_the_day.draft_late, day_after.draft_late) == (False, True)
    assert answered.draft_due == D("2025-10-15") and not answered.draft_late and answered.draft_owed_by is None


def test_a_draft_sent_for_clearance_is_done_and_never_late():
    # Received Wed 1 Oct 2025, draft due Wed 15 Oct. Sent for clearance on Tue 14 Oct: on Thu 16 Oct the
    # response is still owed (clearance pending), but the draft is done, so it is not late and no draft alarm
    # remains; the statutory date (Wed 29 Oct, the 20th working day) still stands and is still owed.
    flagged = [ev("flag_for_clearance", "2025-10-14", team="Press Office")]
    e = evaluate_case("foia", "2025-10-01", flagged, as_of="2025-10-16")
    assert (e.draft_due, e.draft_submitted, e.draft_late, e.draft_owed_by) == (
        D("2025-10-15"),
        D("2025-10-14"),
        False,
        None,
    )
    assert e.response_owed_by == D("2025-10-29")
    assert not [a for a in alarms_for(e, cal("foia"), AlarmPolicy()) if a.kind.startswith("draft")]
    # Sent late (Fri 17 Oct): it was late until then, and is done from then on.
    late = [ev("flag_for_clearance", "2025-10-17", team="Press Office")]
    assert evaluate_case("foia", "2025-10-01", as_of="2025-10-16").draft_late
    assert not evaluate_case("foia", "2025-10-01", late, as_of="2025-10-20").draft_late


def test_clearance_of_the_response_does_not_count_for_the_reviews_draft():
    # The response went for clearance on Thu 23 Oct 2025 and out on Fri 24 Oct; the review asked Mon 3 Nov has
    # its own draft (policy: the 5th working day, Mon 10 Nov), still owed and late on Tue 11 Nov.
    events = [
        ev("flag_for_clearance", "2025-10-23", team="Press Office"),
        ev("cleared", "2025-10-24"),
        ev("responded", "2025-10-24", outcome="granted"),
        ev("review_requested", "2025-11-03"),
    ]
    policy = Policy(drafts=DraftPolicy(review_working_day=5))
    e = evaluate_case("foia", "2025-10-01", events, as_of="2025-11-11", policy=policy)
    assert (e.draft_of, e.draft_due, e.draft_submitted, e.draft_late) == ("review", D("2025-11-10"), None, True)


def test_an_archives_case_keeps_the_same_distance_before_its_thirtieth_day():
    # SI 2004/3364 reg 4: 30 working days; the draft ten before, on the 20th: received Wed 1 Oct 2025, Wed 29 Oct.
    case = Case(regime="foia", received=D("2025-10-01"), category="archives")
    e = evaluate(case, cal("foia"), D("2025-10-02"), Policy())
    assert e.draft_due == D("2025-10-29")


def test_the_internal_review_has_a_draft_date_only_when_the_policy_gives_it_one():
    # Responded Fri 24 Oct 2025, review asked Mon 3 Nov; the 5th working day after is Mon 10 Nov.
    events = [ev("responded", "2025-10-24", outcome="granted"), ev("review_requested", "2025-11-03")]
    none = evaluate_case("foia", "2025-10-01", events, as_of="2025-11-04")
    assert (none.draft_of, none.draft_owed_by) == ("response", None)
    policy = Policy(drafts=DraftPolicy(review_working_day=5))
    given = evaluate_case("foia", "2025-10-01", events, as_of="2025-11-11", policy=policy)
    assert (given.draft_of, given.draft_due, given.draft_late) == ("review", D("2025-11-10"), True)


def test_the_officer_is_reminded_and_the_managers_told_when_the_draft_is_late():
    # Draft due Wed 15 Oct 2025: reminders two working days before (Mon 13 Oct) and on the day; late on Thu 16.
    e = evaluate_case("foia", "2025-10-01", as_of="2025-10-02")
    drafts = [a for a in alarms_for(e, cal("foia"), AlarmPolicy()) if a.kind.startswith("draft")]
    assert [(a.kind, a.on, a.to) for a in drafts] == [
        (AlarmKind.draft_reminder, D("2025-10-13"), ("officer",)),
        (AlarmKind.draft_reminder, D("2025-10-15"), ("officer",)),
        (AlarmKind.draft_late, D("2025-10-16"), ("manager",)),
    ]
    policy = AlarmPolicy(manager_delivery="immediate")
    assert policy.digest_only(drafts[2])  # a late draft goes to the digest even where escalations go at once
    assert not AlarmPolicy(draft_late_delivery="immediate").digest_only(drafts[2])


def test_the_draft_policy_is_read_from_settings_and_a_bad_value_is_one_line(monkeypatch):
    from settings import Settings, SettingsError, get_settings

    monkeypatch.setenv("FOI_POLICY__DRAFTS__SAR_DAYS_BEFORE", "7")
    monkeypatch.setenv("FOI_ALARMS__DRAFT_LATE_DELIVERY", "immediate")
    s = Settings()
    assert s.policy.drafts.sar_days_before == 7 and s.alarms.draft_late_delivery == "immediate"
    # Received Wed 15 Oct 2025, the month ends Sat 15 Nov: seven days before is Sat 8 Nov, so Fri 7 Nov.
    assert evaluate_case("sar", "2025-10-15", as_of="2025-10-16", policy=s.policy).draft_due == D("2025-11-07")

    monkeypatch.setenv("FOI_POLICY__DRAFTS__FOIA_WORKING_DAY", "20")  # on the statutory day itself: refused
    get_settings.cache_clear()
    try:
        with pytest.raises(SettingsError, match="^setting FOI_POLICY__DRAFTS__FOIA_WORKING_DAY: .*19$"):
            get_settings()
    finally:
        get_settings.cache_clear()


def test_the_explanation_says_how_the_draft_date_was_counted():
    from rules.explain import explain

    fee = [ev("fee_notice_issued", "2025-10-06"), ev("fee_paid", "2025-10-08")]
    text = explain(Case(regime="foia", received=D("2025-10-01"), events=fee), cal("foia"), D("2025-10-08"))
    assert (
        "Draft due (internal deadline): Mon 20 Oct 2025 — 10 working days after Wed 1 Oct 2025 (the authority's own "
        "deadline; 3 working days from fee notice to payment disregarded)"
    ) in text
    sar = explain(Case(regime="sar", received=D("2025-11-03")), cal("sar"), D("2025-11-03"))
    assert (
        "Draft due (internal deadline): Fri 21 Nov 2025 — 1 calendar month after Mon 3 Nov 2025 (the authority's own "
        "deadline; less 10 calendar days; Sun 23 Nov 2025 is not a working day)"
    ) in sar
