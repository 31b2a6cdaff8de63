"""Property tests of the engine on the real calendars (hypothesis)."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import Case, Event, EventType, RuleViolation, evaluate
from rules.calendar import CalendarRangeError
from tests.helpers import cal

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
    assert cal(regime).is_working_day(due(regime, received))


@fast
@given(regimes, received_days, st.integers(min_value=1, max_value=40))
def test_a_later_receipt_never_gives_an_earlier_due_date(regime, received, later_by):
    assert due(regime, received + timedelta(days=later_by)) >= due(regime, received)


@fast
@given(st.sampled_from(["foia", "foisa"]), received_days, gaps, st.integers(min_value=0, max_value=40))
def test_a_fee_pause_moves_the_due_date_by_exactly_the_working_days_paused(regime, received, wait, paid_after):
    c = cal(regime)
    notice = received + timedelta(days=wait)
    paid = notice + timedelta(days=paid_after)
    events = [Event(type="fee_notice_issued", on=notice), Event(type="fee_paid", on=paid)]
    paused = c.working_days_inclusive(notice, paid)
    assert c.working_days_between(due(regime, received), due(regime, received, events)) == paused


@fast
@given(regimes, received_days, gaps, st.integers(min_value=0, max_value=80), st.integers(min_value=1, max_value=10))
def test_clarification_received_later_never_gives_an_earlier_due_date(regime, received, wait, answer, later):
    asked = received + timedelta(days=wait)
    one = [
        Event(type="clarification_requested", on=asked),
        Event(type="clarification_received", on=asked + timedelta(days=answer)),
    ]
    two = [one[0], Event(type="clarification_received", on=asked + timedelta(days=answer + later))]
    assert due(regime, received, two) >= due(regime, received, one)


event_types = st.sampled_from([t.value for t in EventType])


@st.composite
def histories(draw):
    received = draw(received_days)
    day, events = received, []
    for _ in range(draw(st.integers(min_value=0, max_value=7))):
        day += timedelta(days=draw(st.integers(min_value=-3, max_value=70)))
        kind = draw(event_types)
        extra = {}
        if kind == "responded":
            extra["outcome"] = draw(st.sampled_from(["granted", "withheld", "ncnd", "bogus", None]))
        elif kind == "review_completed":
            extra["outcome"] = draw(st.sampled_from(["upheld", "overturned", None]))
        elif kind == "extended":
            extra["until"] = draw(st.none() | st.just(day + timedelta(days=draw(st.integers(-5, 90)))))
            extra["exceptional"] = draw(st.booleans())
        events.append(Event(type=kind, on=day, **extra))
    as_of = max([received, *(e.on for e in events)]) + timedelta(days=draw(st.integers(-2, 400)))
    return Case(regime=draw(regimes), received=received, events=events), as_of


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_any_history_is_either_evaluated_or_rejected_clearly_and_deterministically(history):
    case, as_of = history
    try:
        first = evaluate(case, cal(case.regime), as_of)
    except (RuleViolation, CalendarRangeError) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert evaluate(case, cal(case.regime), as_of) == first
    if first.response_due and first.stage == "awaiting_response":
        assert first.overdue == (as_of > first.response_due)
