"""Clearance's pure rules (rules/clearance.py), with every expected value written by hand. Dates on the FOIA
calendar of 2030 (Easter: Good Friday 19 April, Easter Monday 22 April)."""

from __future__ import annotations

from datetime import date

import pytest

from rules import Calendar, Case, Event, RuleViolation, Stage, evaluate
from rules.bank_holidays import calendar_for
from rules.clearance import ClearancePolicy, Round, answer_problem, next_step, pending, problem, rounds
from rules.regimes import Regime

D = date.fromisoformat
PRESS = "Press Office"
RECEIVED = D("2030-03-25")
FLAG = Event(type="flag_for_clearance", on=D("2030-04-04"), team=PRESS)
RETURN = Event(type="returned", on=D("2030-04-18"), changes="say which section applies")
AGAIN = Event(type="flag_for_clearance", on=D("2030-04-23"), team=PRESS)
CLEARED = Event(type="cleared", on=D("2030-04-25"))
ANSWER = Event(type="responded", on=D("2030-04-26"), outcome="granted")


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return calendar_for(Regime.foia, 2030, 2030)


def test_clearance_is_pending_from_the_flag_until_cleared_or_answered():
    assert pending([]) is None
    assert pending([FLAG]).team == PRESS and pending([FLAG]).number == 1 and pending([FLAG]).returned is None
    assert pending([FLAG, RETURN]).returned == D("2030-04-18")
    assert pending([FLAG, RETURN, AGAIN]).flagged == D("2030-04-23") and pending([FLAG, RETURN, AGAIN]).number == 3
    assert pending([FLAG, RETURN, AGAIN, CLEARED]) is None
    assert pending([FLAG, Event(type="responded", on=D("2030-04-05"), outcome="granted")]) is None  # overridden


def test_what_each_clearance_event_may_follow():
    owed = Stage.awaiting_response
    assert problem([], FLAG, owed, "a@x.org", None) is None
    assert problem([FLAG], AGAIN, owed, "a@x.org", None) == (
        "flag_for_clearance on 2030-04-23: already awaiting clearance by 'Press Office' since 2030-04-04 (event 1)"
    )
    assert problem([FLAG, RETURN], AGAIN, owed, "a@x.org", None) is None  # resubmitted
    assert problem([], FLAG, Stage.review_window, "a@x.org", None) == (
        "flag_for_clearance on 2030-04-04: no answer is owed while the case is review_window"
    )
    assert problem([], CLEARED, owed, "p@x.org", [PRESS]) == (
        "cleared on 2030-04-25: no clearance is pending (record flag_for_clearance first)"
    )
    assert problem([FLAG, RETURN], CLEARED, owed, "p@x.org", [PRESS]) == (
        "cleared on 2030-04-25: clearance by 'Press Office' was returned on 2030-04-18; the officer resubmits it "
        "with flag_for_clearance"
    )
    assert problem([FLAG], CLEARED, owed, "o@x.org", ["Secretariat"]) == (
        "o@x.org is not a member of 'Press Office', the approving team, so cannot record cleared"
    )
    assert problem([FLAG], RETURN, owed, "p@x.org", ["Secretariat", PRESS]) is None
    assert problem([FLAG], CLEARED, owed, "os:root", None) is None  # no one registered: membership not judged


def test_an_answer_is_refused_while_clearance_is_pending():
    assert answer_problem([FLAG], ANSWER) == (
        "responded on 2030-04-26: clearance by 'Press Office' is pending since 2030-04-04 (event 1); record cleared "
        "first, or a manager can override with --override-clearance REASON"
    )
    assert "is returned on 2030-04-18 (event 1)" in answer_problem([FLAG, RETURN], ANSWER)
    review = Event(type="review_completed", on=D("2030-04-26"), outcome="upheld")
    assert answer_problem([FLAG], review).startswith("review_completed on 2030-04-26: clearance by 'Press Office'")
    assert answer_problem([FLAG, CLEARED], ANSWER) is None
    assert answer_problem([FLAG], Event(type="extended", on=D("2030-04-05"), until=D("2030-05-20"))) is None


def test_each_step_has_its_own_internal_deadline(cal):
    policy = ClearancePolicy()  # 3 working days to clear, 2 to resubmit
    # flagged Thu 4 Apr: Fri 5, Mon 8, Tue 9
    assert (next_step([FLAG], cal, policy).kind, next_step([FLAG], cal, policy).due) == ("clearance", D("2030-04-09"))
    # returned Thu 18 Apr: Good Friday and Easter Monday do not count; Tue 23, Wed 24
    step = next_step([FLAG, RETURN], cal, policy)
    assert (step.kind, step.due) == ("resubmission", D("2030-04-24"))
    assert next_step([FLAG, RETURN, AGAIN, CLEARED], cal, policy) is None
    assert next_step([FLAG], cal, ClearancePolicy(clear_within_days=5)).due == D("2030-04-11")


def test_rounds_run_from_the_first_flag_to_the_clearance():
    assert rounds([FLAG, RETURN, AGAIN, CLEARED, ANSWER]) == [Round(PRESS, D("2030-04-04"), D("2030-04-25"), 1)]
    assert rounds([FLAG, ANSWER]) == [Round(PRESS, D("2030-04-04"), None, 0, overridden=True)]
    assert rounds([FLAG]) == [Round(PRESS, D("2030-04-04"), None, 0)]
    assert rounds([ANSWER]) == []


def test_the_engine_gives_clearance_no_statutory_effect_but_checks_its_fields(cal):
    plain = evaluate(Case(regime="foia", received=RECEIVED, events=[ANSWER]), cal, D("2030-05-01"))
    cleared = evaluate(
        Case(regime="foia", received=RECEIVED, events=[FLAG, RETURN, AGAIN, CLEARED, ANSWER]), cal, D("2030-05-01")
    )
    # no statutory effect: everything the same but the draft's being done (sent for clearance on the flag's day)
    assert cleared.model_copy(update={"draft_submitted": None}) == plain
    assert (plain.draft_submitted, cleared.draft_submitted) == (None, FLAG.on)
    assert cleared.response_due == D("2030-04-24")  # 20 working days from Mon 25 Mar 2030, Easter skipped
    bad = [
        (Event(type="flag_for_clearance", on=D("2030-04-04")), "name the approving team (--team NAME)"),
        (Event(type="returned", on=D("2030-04-04")), "say what is to change (--changes TEXT)"),
        (Event(type="cleared", on=D("2030-04-04"), team=PRESS), "team is only for flag_for_clearance"),
        (Event(type="cleared", on=D("2030-04-04"), changes="x"), "changes are only for returned"),
    ]
    for event, why in bad:
        with pytest.raises(RuleViolation, match=why.replace("(", r"\(").replace(")", r"\)")):
            evaluate(Case(regime="foia", received=RECEIVED, events=[event]), cal, D("2030-05-01"))


def test_what_the_record_form_offers_of_clearance():
    from rules.clearance import offered

    assert [str(t) for t in offered([], Stage.awaiting_response)] == ["flag_for_clearance"]
    assert [str(t) for t in offered([FLAG], Stage.awaiting_response)] == ["cleared", "returned"]
    back = Event(type="returned", on=D("2030-04-05"), changes="names")
    assert [str(t) for t in offered([FLAG, back], Stage.awaiting_response)] == ["flag_for_clearance"]
    assert offered([], Stage.review_window) == []  # no answer owed: nothing to clear
    assert [str(t) for t in offered([], Stage.in_review)] == ["flag_for_clearance"]  # the review's outcome


def test_a_correction_is_held_to_clearances_order_as_recorded():
    from messages import Change, Entry
    from rules.clearance import correction_problem

    cleared = Event(type="cleared", on=D("2030-04-05"))
    answer = Event(type="responded", on=D("2030-04-08"), outcome="granted")
    history = [Entry(event=FLAG), Entry(event=cleared), Entry(event=answer)]
    assert correction_problem(history, 2) == (
        "event 2 cannot be voided: event 3 (responded on 2030-04-08) would then be an answer while clearance by "
        "'Press Office' was pending, with no manager's override; correct event 3 first"
    )
    assert correction_problem(history, 3) is None  # the latest first: the response
    assert correction_problem(history, 1, FLAG.model_copy(update={"on": D("2030-04-01")})) is None  # a date only
    voided = Change(by="x@example.org", at="2030-04-09T10:00:00Z", reason="wrong case")
    history[2] = history[2].model_copy(update={"void": voided})
    assert correction_problem(history, 2) is None  # the response voided: the flag is simply pending again
    overridden = Change(by="mo@example.org", at="2030-04-09T10:00:00Z", reason="urgent")
    over = [Entry(event=FLAG), Entry(event=answer, clearance_override=overridden)]
    assert correction_problem(over, 2) is None and correction_problem(over, 1) is None
    # Already out of order before (a history recorded before the checks): not held against a correction.
    old = [Entry(event=answer), Entry(event=cleared), Entry(event=answer)]
    assert correction_problem(old, 1) is None
