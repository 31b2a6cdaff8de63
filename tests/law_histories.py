"""Hypothesis strategies for case histories the law allows, drawn from its state machine.

This module owns `law_histories()`: each history is built one event at a time from the events the naive
model (`tests/naive_law.py`, never the engine) allows in the stage the case is in, dated against the dates
that stage turns on (the due date and the day after it, the lapse day and the day after it, the review
window's last day...), so accepted histories regularly hold fees, extensions, reviews and completions.
Receipts are weighted to the hard edges: weekends, Christmas, Easter, one-off and Scottish-only holidays.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from hypothesis import strategies as st

from tests.naive_law import (
    APPEAL_OUTCOMES,
    NOTICE_OUTCOMES,
    REPEATED_REGIMES,
    REVIEW_OUTCOMES,
    STEPS,
    NaiveCase,
    NaiveViolation,
    replay,
)

D = date.fromisoformat
REGIMES = ("foia", "eir", "foisa", "sar", "eisr")
NATIONS = ("england_wales", "scotland", "northern_ireland")

HARD_DAYS = tuple(
    D(d)
    for d in (
        # Christmas and New Year
        "2020-12-24", "2020-12-25", "2020-12-26", "2021-12-24", "2021-12-27", "2022-12-23", "2022-12-26",
        "2025-12-24", "2025-12-25", "2026-12-24", "2026-12-28", "2021-12-31", "2022-01-03", "2022-01-04",
        # Easter: Maundy Thursday, Good Friday, Easter Monday
        "2021-04-01", "2021-04-02", "2021-04-05", "2024-03-28", "2024-03-29", "2025-04-18", "2025-04-21",
        "2026-04-02", "2026-04-03", "2026-04-06",
        # one-off days: jubilee, state funeral, coronation, the Scottish holiday of 15 June 2026
        "2022-06-01", "2022-06-02", "2022-06-03", "2022-09-16", "2022-09-19", "2023-05-05", "2023-05-08",
        "2026-06-12", "2026-06-15",
        # one part only: St Patrick, the Boyne, St Andrew, the Scottish and English August Mondays
        "2021-03-17", "2021-07-12", "2021-11-30", "2023-11-30", "2021-08-02", "2021-08-30",
        # month ends for the subject access month
        "2019-01-31", "2020-01-31", "2021-01-31", "2021-03-31", "2023-10-30", "2024-02-29", "2027-01-28",
        # the worked examples of issue 8
        "2025-10-01", "2025-09-01", "2026-09-01",
    )
)  # fmt: skip

RESPONSE_OUTCOMES = ("granted", "part_withheld", "withheld", "not_held", "ncnd", "refused_cost", "refused_vexatious")
REPEATED = "refused_repeated"  # only where the regime has a repeated-request refusal (naive_law.REPEATED_REGIMES)
WAITING = ("awaiting_clarification", "awaiting_fee", "awaiting_identity", "review_window", "appeal_window")
ONE_DAY = timedelta(days=1)
GAPS = (0, 0, 0, 1, 1, 2, 3, 4, 6, 7, 10, 13, 14, 19, 20, 27, 28, 30, 45, 60, 90)


class History(NamedTuple):
    regime: str
    received: date
    events: list[dict]
    as_of: date
    policy: dict
    nation: str | None
    proclaimed: tuple[tuple[date, str], ...]
    category: str = "standard"  # SI 2004/3364 (FOIA only)
    non_school: tuple[date, ...] = ()  # a school case's days that are not school days


def _model(h_regime, received, events, policy, nation, proclaimed, category="standard", non_school=()) -> NaiveCase:
    return replay(h_regime, received, events, policy, nation, proclaimed, category, non_school)


@st.composite
def receipts(draw) -> date:
    kind = draw(st.sampled_from(["hard", "hard", "hard", "before_hard", "weekend", "any"]))
    if kind in ("hard", "before_hard"):
        day = draw(st.sampled_from(HARD_DAYS))
        if kind == "before_hard":  # so that a due date or a lapse lands on the holiday
            day -= timedelta(days=draw(st.sampled_from([1, 26, 27, 28, 29, 30, 31, 56, 58])))
        return day
    day = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2039, 12, 31)))
    if kind == "weekend":
        day += timedelta(days=5 - day.weekday())  # the Saturday of that week
        day += timedelta(days=draw(st.sampled_from([0, 1])))
    return day


policies = st.fixed_dictionaries(
    {
        "foia_review_window": st.sampled_from(["two_months", "two_months", "40_working_days"]),
        "pit_cap_working_days": st.sampled_from([20, 20, 20, 0, 5, 30]),
        "clarification_lapse_months": st.sampled_from([3, 3, 1, 2, 6]),
        "identity_lapse_months": st.sampled_from([3, 3, 1, 6]),
        "nation": st.sampled_from(NATIONS),
        "ico_steps_days": st.sampled_from([35, 35, 30]),
        "sic_steps_days": st.sampled_from([45, 45, 28]),
    }
)


def allowed_kinds(case: NaiveCase) -> list[str]:
    """The event types the law allows next (restricted where docs/law.md leaves the sequel open: at most one
    extension per clock, no fee notice after an extension or while a late one is unpaid)."""
    s, r = case.stage, case.regime
    if s == "awaiting_response":
        kinds = ["clarification_requested", "clarification_requested", "responded", "responded", "responded"]
        kinds.append("withdrawn")
        if case.late_fee_unpaid:
            kinds.append("fee_paid")
        if case.late_clarification_unanswered:
            kinds += ["clarification_received"] * 2
        if r == "sar" and case.extended_until:  # Art 12A: a pause inside an extension moves it
            kinds += ["clarification_requested"] * 6
        elif case.extensions == 0:
            kinds += ["fee_notice_issued", "fee_notice_issued"]
        if r != "foisa" and case.extensions == 0:
            kinds += ["extended", "extended"]
        if r == "sar":
            kinds += ["identity_requested"] * 3
        else:
            kinds.append("review_requested")
        return kinds
    if s == "awaiting_clarification":
        return ["clarification_received"] * 4 + ["withdrawn"]
    if s == "awaiting_fee":
        return ["fee_paid"] * 4 + ["withdrawn"]
    if s == "awaiting_identity":
        return ["identity_received"] * 4 + ["withdrawn"]
    if s == "review_window":
        return ["review_requested"]
    if s == "in_review":
        kinds = (["review_completed"] * 6 if case.responded else ["responded"] * 6) + ["withdrawn"]
        return kinds + (["complaint_received"] * 3 if case.responded and r != "sar" else [])
    if s == "with_regulator":
        return ["decision_notice"] * 5 + ["withdrawn"]
    if s == "steps_required":
        return ["complied"] * 3 + ([] if case.appeal else ["appealed"] * 3)
    if s == "appeal_window":
        return ["appealed"]
    if s == "under_appeal":
        return ["appeal_decided"]
    if case.closed_reason == "review_window_ended":
        return ["review_requested"]
    if case.closed_reason == "review_completed" and r != "sar":
        return ["complaint_received"]
    return []


def _anchors(case: NaiveCase, kind: str) -> list[date]:
    """Dates this event may well fall on: the edges of the stage it comes in."""
    out: list[date] = []
    if case.stage == "awaiting_response":
        due, resp = case.statutory_due(), case.response_due()
        out += [due, due + timedelta(days=1), due + timedelta(days=1), resp, resp + timedelta(days=1), due - ONE_DAY]
        if kind == "review_requested":
            out = [resp + timedelta(days=1), resp + timedelta(days=2), resp + timedelta(days=30)]
    if case.lapses_after:
        out += [case.lapses_after, case.lapses_after - timedelta(days=1)]
    if case.review_request_deadline and case.stage in ("review_window", "closed"):
        out += [case.review_request_deadline, case.review_request_deadline + timedelta(days=1)]
    if case.review_requested and kind == "complaint_received" and case.stage == "in_review":
        out += [case.review_limit_day() + ONE_DAY] * 3
    if case.steps_due and kind == "complied":
        out += [case.steps_due, case.steps_due + ONE_DAY]
    if case.appeal_last_day and kind == "appealed":
        out += [case.appeal_last_day, case.appeal_last_day + ONE_DAY]
    if case.review_requested and kind == "review_completed":
        q = case.review_requested["on"]
        target = {"foia": 20, "eir": 40, "foisa": 20, "eisr": 20}[case.regime]
        out += [case.cal.nth_working_day_after(q, target), case.cal.nth_working_day_after(q, target) + timedelta(1)]
        out += [case.cal.nth_working_day_after(q, 40), case.cal.nth_working_day_after(q, 40) + timedelta(1)]
    return out


@st.composite
def _event(draw, case: NaiveCase, kind: str) -> dict:
    last = case.last_day
    if draw(st.booleans()) and (anchors := [a for a in _anchors(case, kind) if a >= last]):
        on = draw(st.sampled_from(anchors))
    else:
        on = last + timedelta(days=draw(st.sampled_from(GAPS)))
    e: dict = {"type": kind, "on": on}
    if kind == "responded":
        e["outcome"] = draw(
            st.sampled_from(RESPONSE_OUTCOMES + ((REPEATED,) if case.regime in REPEATED_REGIMES else ()))
        )
    elif kind == "review_completed":
        e["outcome"] = draw(st.sampled_from(REVIEW_OUTCOMES))
    elif kind == "extended":
        e |= draw(_extension(case, on))
    elif kind == "decision_notice":
        e["outcome"] = draw(st.sampled_from(NOTICE_OUTCOMES))
        if e["outcome"] in STEPS and draw(st.booleans()):
            e["until"] = on + timedelta(days=draw(st.sampled_from([1, 20, 35, 60])))
    elif kind == "appeal_decided":
        e["outcome"] = draw(st.sampled_from(APPEAL_OUTCOMES))
        if draw(st.integers(0, 3)) == 0:
            e["until"] = on + timedelta(days=draw(st.sampled_from([1, 28, 35])))
    return e


@st.composite
def _extension(draw, case: NaiveCase, on: date) -> dict:
    due = case.statutory_due()
    if on > due:  # a late extension: recorded whatever it says
        until = draw(st.none() | st.just(on + timedelta(days=draw(st.integers(-5, 60)))))
        return {"until": until, "exceptional": draw(st.booleans())}
    cap = case.extension_cap()
    exceptional = case.regime == "foia" and (cap <= due or draw(st.integers(0, 9)) == 0)
    if exceptional:
        return {"until": due + timedelta(days=draw(st.integers(1, 120))), "exceptional": True}
    span = (cap - due).days
    until = due + timedelta(days=draw(st.sampled_from([1, span, span, draw(st.integers(1, span))])))
    if case.regime != "foia" and draw(st.booleans()):
        until = None  # EIR and SAR: defaults to the cap
    return {"until": until}


@st.composite
def law_histories(draw, regimes=REGIMES) -> History:
    regime = draw(st.sampled_from(regimes))
    received = draw(receipts())
    policy = draw(policies)
    nation = draw(st.none() | st.none() | st.sampled_from(NATIONS))
    proclaimed: tuple = ()
    if draw(st.integers(0, 9)) == 0:
        day = received + timedelta(days=draw(st.integers(0, 40)))
        proclaimed = ((day, draw(st.sampled_from(["uk", "ENG", "WLS", "SCT", "NIR"]))),)
    category, non_school = "standard", ()
    if regime == "foia" and draw(st.integers(0, 3)) == 0:  # SI 2004/3364
        category = draw(st.sampled_from(["school", "school", "archives"]))
        if category == "school":  # a school holiday: a week's half term up to a long closure
            start = received + timedelta(days=draw(st.sampled_from([-3, 0, 1, 2, 7, 14, 25])))
            length = draw(st.sampled_from([1, 5, 9, 16, 44, 100, 100]))
            non_school = tuple(start + timedelta(days=i) for i in range(length))

    events: list[dict] = []
    case = _model(regime, received, events, policy, nation, proclaimed, category, non_school)
    for _ in range(draw(st.sampled_from([0, 1, 2, 3, 3, 4, 4, 5, 6, 8, 10, 12]))):
        kinds = allowed_kinds(case)
        if not kinds:
            break
        e = draw(_event(case, draw(st.sampled_from(kinds))))
        try:
            case = _model(regime, received, [*events, e], policy, nation, proclaimed, category, non_school)
        except NaiveViolation:  # dated past a lapse, or a review before the time expired: try the same day
            e = {**e, "on": case.last_day}
            if e["type"] == "extended":
                e |= draw(_extension(case, case.last_day))
            try:
                case = _model(regime, received, [*events, e], policy, nation, proclaimed, category, non_school)
            except NaiveViolation:  # not allowed on any day yet (a review before the time expired): draw again
                continue
        events.append(e)
        paused_extension = case.regime == "sar" and case.extended_until  # let it be answered (Art 12A)
        if case.stage in WAITING and not paused_extension and draw(st.integers(0, 2)) == 0:  # it may lapse or close
            break

    last = case.last_day
    anchors = [last]
    regulator = (case.stage == "steps_required" and case.steps_due, case.appeal_last_day)
    for d in (case.lapses_after, case.review_request_deadline, case.owed and case.response_due(), *regulator):
        if d:
            anchors += [d, d + timedelta(days=1), d + timedelta(days=1)]
    if case.review_requested:
        anchors.append(case.cal.nth_working_day_after(case.review_requested["on"], 20) + timedelta(days=1))
    anchors = [a for a in anchors if a >= last]
    if case.stage in WAITING and draw(st.booleans()):  # let time act: a lapse, or the review window closing
        end = (
            case.appeal_last_day if case.stage == "appeal_window" else case.lapses_after or case.review_request_deadline
        )
        as_of = end + timedelta(days=draw(st.sampled_from([1, 1, 30])))
    elif draw(st.booleans()):
        as_of = draw(st.sampled_from(anchors))
    else:
        as_of = last + timedelta(days=draw(st.sampled_from([0, 1, 5, 20, 40, 80, 120, 200, 400])))
    return History(regime, received, events, as_of, policy, nation, proclaimed, category, non_school)


def edge_tags(h: History) -> set[str]:
    """The hard edges a history touches, by the naive model's reading (for coverage and statistics)."""
    tags: set[str] = set()
    case = _model(h.regime, h.received, [], h.policy, h.nation, h.proclaimed, h.category, h.non_school)
    if not case.cal.is_working_day(h.received):
        tags.add("receipt_on_a_non_working_day")
    if h.category == "school":  # reg 3(2): which of (a) and (b) came first, before any event
        school = case.cal.nth_working_day_after(h.received, 20, case.non_school)
        tags.add(
            "school_sixtieth_first" if case.cal.nth_working_day_after(h.received, 60) < school else "school_days_first"
        )
    for i, e in enumerate(h.events):
        case = _model(h.regime, h.received, h.events[:i], h.policy, h.nation, h.proclaimed, h.category, h.non_school)
        case.advance(e["on"])
        kind, on = e["type"], e["on"]
        owed_due = case.stage == "awaiting_response" and case.statutory_due()
        if kind == "fee_notice_issued":
            tags.add("fee_notice_on_day_0" if on == case.clock_started else "fee_notice")
            if h.regime != "sar":
                tags.add("late_fee_notice" if on > owed_due else "fee_notice_in_time")
                if on == owed_due:
                    tags.add("fee_notice_on_the_due_date")
        elif kind == "extended":
            tags.add(f"{h.regime}_extension_{'late' if on > owed_due else 'in_time'}")
        elif kind == "review_requested":
            if case.stage == "awaiting_response":
                tags.add("review_of_a_failure_to_respond")
            elif case.stage == "closed":
                tags.add("late_review_request")
        elif kind == "responded" and case.stage == "in_review":
            tags.add("response_recorded_during_a_review_of_the_failure")
        elif kind in ("fee_paid", "identity_received") and h.regime == "sar":
            tags.add(f"sar_restart_on_{kind}")
        elif kind == "complaint_received" and case.stage == "in_review":
            tags.add(f"{h.regime}_complaint_after_an_unanswered_review")
        elif kind == "appealed" and on > case.appeal_last_day:
            tags.add("late_appeal")
        elif kind == "complied":
            tags.add("steps_taken_late" if on > case.steps_due else "steps_taken_in_time")
        elif kind == "clarification_requested" and case.stage == "awaiting_response":
            if not case.clarification_has_effect(on):
                tags.add(f"{h.regime}_clarification_too_late")
        elif kind == "clarification_received" and h.regime == "sar" and case.extended_until:
            tags.add("sar_pause_moves_an_extension")
    final = _model(h.regime, h.received, h.events, h.policy, h.nation, h.proclaimed, h.category, h.non_school)
    final.advance(h.as_of)
    if final.closed_reason and final.closed_reason.startswith("lapsed"):
        tags.add(f"{h.regime}_{final.closed_reason}")
    return tags
