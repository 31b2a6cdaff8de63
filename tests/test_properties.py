"""Property tests of the engine on the real calendars (hypothesis).

Random histories come from the law's state machine (`tests/law_histories.py`), so accepted histories hold
fees, extensions, reviews and completions; a perturbed copy of each exercises the rejections. Working days
in the expected values are counted with the naive model's own calendar (`tests/naive_law.py`), never with
the calendar under test.
"""

from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rules import Case, Event, Policy, RuleViolation, evaluate
from rules.calendar import CalendarRangeError
from tests.helpers import cal
from tests.law_histories import History, law_histories
from tests.naive_law import naive_calendar, replay

regimes = st.sampled_from(["foia", "eir", "foisa", "sar"])
received_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
gaps = st.integers(min_value=0, max_value=60)
fast = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def due(regime, received, events=()):
    case = Case(regime=regime, received=received, events=list(events))
    last = max([received, *(e.on for e in events)])
    return evaluate(case, cal(regime), last).statutory_due


@fast
@given(regimes, received_days)
def test_a_due_date_is_always_a_working_day_of_its_regime(regime, received):
    assert naive_calendar(regime).is_working_day(due(regime, received))


@fast
@given(regimes, received_days, st.integers(min_value=1, max_value=40))
def test_a_later_receipt_never_gives_an_earlier_due_date(regime, received, later_by):
    assert due(regime, received + timedelta(days=later_by)) >= due(regime, received)


@fast
@given(st.sampled_from(["foia", "eir", "foisa"]), received_days, st.integers(0, 30), st.integers(0, 40))
def test_a_valid_fee_notice_skips_the_paused_working_days_among_the_twenty(regime, received, wait, paid_after):
    """FOIA s10(2), EIR reg 8, FOISA s10(2): the working days from notice to payment (both inclusive) are not
    counted among the 20; a paused day that would not have been one of them (the day of receipt) moves nothing."""
    notice = received + timedelta(days=wait)
    paid = notice + timedelta(days=paid_after)
    assume(notice <= replay(regime, received).statutory_due())  # a valid notice: within the time for compliance
    events = [Event(type="fee_notice_issued", on=notice), Event(type="fee_paid", on=paid)]
    c = naive_calendar(regime)
    paused = c.working_days_in(max(received, notice - timedelta(days=1)), paid)
    plain, with_fee = due(regime, received), due(regime, received, events)
    assert c.working_days_in(plain, with_fee) == paused
    if notice == received == paid:
        assert with_fee == plain


@fast
@given(st.sampled_from(["foia", "eir", "foisa"]), received_days, st.integers(1, 60), st.integers(0, 40))
def test_a_fee_notice_given_after_the_time_for_compliance_moves_nothing(regime, received, late_by, paid_after):
    plain = due(regime, received)
    notice = plain + timedelta(days=late_by)
    events = [Event(type="fee_notice_issued", on=notice), Event(type="fee_paid", on=notice + timedelta(paid_after))]
    got = evaluate(Case(regime=regime, received=received, events=events), cal(regime), events[-1].on)
    assert (got.statutory_due, got.stage) == (plain, "awaiting_response")


# The later answer comes at most 88 days after the question: within the 3 months before the request lapses
# (the shortest three months, February to April, hold 89 days), so both histories are valid.
@fast
@given(regimes, received_days, gaps, st.integers(min_value=0, max_value=78), st.integers(min_value=1, max_value=10))
def test_clarification_received_later_never_gives_an_earlier_due_date(regime, received, wait, answer, later):
    asked = received + timedelta(days=wait)
    one = [
        Event(type="clarification_requested", on=asked),
        Event(type="clarification_received", on=asked + timedelta(days=answer)),
    ]
    two = [one[0], Event(type="clarification_received", on=asked + timedelta(days=answer + later))]
    assert due(regime, received, two) >= due(regime, received, one)


@st.composite
def perturbed(draw, h: History) -> History:
    """The history as drawn, or with one event moved, dropped or retyped: often one the law does not allow."""
    events = [dict(e) for e in h.events]
    how = draw(st.sampled_from(["as_drawn", "as_drawn", "move", "drop", "retype"]))
    if events and how != "as_drawn":
        i = draw(st.integers(0, len(events) - 1))
        if how == "move":
            events[i]["on"] += timedelta(days=draw(st.integers(-40, 40)))
        elif how == "drop":
            del events[i]
        else:
            events[i]["type"] = draw(st.sampled_from(["fee_paid", "review_requested", "responded", "extended"]))
    as_of = h.as_of + timedelta(days=draw(st.integers(-3, 0)))
    return h._replace(events=events, as_of=as_of)


def build(h: History) -> tuple[Case, Policy]:
    wanted = {**h.policy, "nation": h.nation or h.policy["nation"]}
    policy = Policy(**{k: v for k, v in wanted.items() if k in Policy.model_fields})
    events = [Event(**{k: v for k, v in e.items() if v is not None}) for e in h.events]
    return Case(regime=h.regime, received=h.received, events=events), policy


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(law_histories().flatmap(perturbed))
def test_any_history_is_either_evaluated_or_rejected_clearly_and_deterministically(h):
    case, policy = build(h)
    try:
        first = evaluate(case, cal(case.regime), h.as_of, policy)
    except (RuleViolation, CalendarRangeError) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert evaluate(case, cal(case.regime), h.as_of, policy) == first
    if first.response_due and first.stage == "awaiting_response":
        assert first.overdue == (h.as_of > first.response_due)
