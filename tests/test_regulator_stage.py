"""Issue 21, item 3: after the review, the regulator, through `starter.py calc -` with dates worked by hand.

ICO (FOIA s50, s57; EIR reg 18): a decision notice's steps are due, by its standard wording, within 35
calendar days (policy `ico_steps_days`); either party may appeal to the First-tier Tribunal within 28 days
of the date the notice was sent (GRC Rules r22(1)(b)), a last day that is not a working day moving to the
next (r12(2)). SIC (FOISA s47, s49, s56; EISR reg 17): the decision's date for the steps (policy
`sic_steps_days`, 45), appeal to the Court of Session within 42 days; s47(4)(b): when the review was never
answered, the six months to apply run from the end of the time for the review.
"""

import json

import pytest

from tests.test_calc_cli import calc

HOME_OFFICE = [
    {"type": "responded", "on": "2021-04-21", "outcome": "withheld"},
    {"type": "review_requested", "on": "2021-06-22"},
    {"type": "review_completed", "on": "2021-08-26", "outcome": "upheld"},
    {"type": "complaint_received", "on": "2021-09-10"},
]


def ev(type_, on, **kw):
    return {"type": type_, "on": on, **kw}


def foia(as_of, *more):
    return {"regime": "foia", "received": "2021-03-31", "as_of": as_of, "events": [*HOME_OFFICE, *more]}


NOTICE = ev("decision_notice", "2021-12-01", outcome="upheld")
FOISA_REVIEW = [ev("responded", "2025-09-03", outcome="withheld"), ev("review_requested", "2025-09-10")]
EIR_TO_NOTICE = [
    ev("responded", "2025-06-20", outcome="withheld"),
    ev("review_requested", "2025-07-01"),
    ev("review_completed", "2025-08-15", outcome="upheld"),
    ev("complaint_received", "2025-09-01"),
    ev("decision_notice", "2025-11-28", outcome="not_upheld"),
]


@pytest.mark.parametrize(
    "case, expected",
    [
        # the complaint is with the ICO: nothing due from the authority
        (foia("2021-10-01"), {"stage": "with_regulator", "complaint_received_on": "2021-09-10"}),
        # notice Wed 1 Dec 2021: steps within 35 days, Wed 5 Jan 2022; appeal within 28 days, Wed 29 Dec 2021
        # (27 and 28 Dec were the Christmas substitute days; the 29th is a working day).
        (
            foia("2021-12-01", NOTICE),
            {"stage": "steps_required", "steps_due": "2022-01-05", "appeal_deadline": "2021-12-29",
             "appeal_to": "the First-tier Tribunal (General Regulatory Chamber)", "decision_outcome": "upheld"},
        ),
        # not taken by Thu 20 Jan 2022: Jan 6, 7, 10-14, 17-20 = 11 working days overdue
        (foia("2022-01-20", NOTICE), {"steps_overdue": True, "steps_working_days_overdue": 11}),
        # the notice's own date for the steps (`--until`)
        (
            foia("2022-01-20", {**NOTICE, "until": "2022-01-31"}),
            {"steps_due": "2022-01-31", "steps_overdue": False},
        ),
        # appealed in time (20 Dec): the steps wait for the appeal (FOIA s50(6))
        (
            foia("2022-02-01", NOTICE, ev("appealed", "2021-12-20")),
            {"stage": "under_appeal", "appealed_in_time": True, "steps_overdue": False},
        ),
        (foia("2021-12-30", NOTICE, ev("appealed", "2021-12-30")), {"appealed_in_time": False}),
        # appeal dismissed Tue 1 Mar 2022: the steps are due again 35 days later, Tue 5 Apr; taken 1 Apr
        (
            foia("2022-04-01", NOTICE, ev("appealed", "2021-12-20"),
                 ev("appeal_decided", "2022-03-01", outcome="dismissed"), ev("complied", "2022-04-01")),
            {"stage": "closed", "closed_reason": "complied", "steps_due": "2022-04-05", "complied_in_time": True,
             "appeal_outcome": "dismissed"},
        ),
        # appeal allowed, no steps: the case closes on the decision
        (
            foia("2022-03-01", NOTICE, ev("appealed", "2021-12-20"),
                 ev("appeal_decided", "2022-03-01", outcome="allowed")),
            {"stage": "closed", "closed_reason": "appeal_decided", "steps_due": None},
        ),
        # EIR, notice Fri 28 Nov 2025 not upheld: 28 days is Fri 26 Dec (Boxing Day), so the last day to
        # appeal is Mon 29 Dec 2025 (r12(2)); the case closes on Tue 30 Dec unless appealed.
        (
            {"regime": "eir", "received": "2025-06-02", "as_of": "2025-12-29", "events": EIR_TO_NOTICE},
            {"stage": "appeal_window", "appeal_deadline": "2025-12-29", "stage_changes_on": "2025-12-30"},
        ),
        (
            {"regime": "eir", "received": "2025-06-02", "as_of": "2025-12-30", "events": EIR_TO_NOTICE},
            {"stage": "closed", "closed_reason": "regulator_decided", "closed_on": "2025-12-30"},
        ),
        # FOISA, review asked Wed 10 Sep 2025 and never answered: 20 Scottish working days, Wed 8 Oct;
        # s47(4)(b): six months after that, Wed 8 Apr 2026
        (
            {"regime": "foisa", "received": "2025-09-01", "as_of": "2025-10-09", "events": FOISA_REVIEW},
            {"stage": "in_review", "review_latest_due": "2025-10-08", "complaint_deadline": "2026-04-08",
             "complaint_to": "the Scottish Information Commissioner"},
        ),
        # applied to the Commissioner Thu 9 Oct; the decision Mon 3 Nov upholds it: steps 45 days later,
        # Thu 18 Dec 2025; appeal to the Court of Session within 42 days, Mon 15 Dec 2025
        (
            {"regime": "foisa", "received": "2025-09-01", "as_of": "2025-11-03",
             "events": [*FOISA_REVIEW, ev("complaint_received", "2025-10-09"),
                        ev("decision_notice", "2025-11-03", outcome="upheld")]},
            {"stage": "steps_required", "steps_due": "2025-12-18", "appeal_deadline": "2025-12-15",
             "appeal_to": "the Court of Session"},
        ),
    ],
)  # fmt: skip
def test_the_regulators_dates_through_the_calculator(case, expected):
    out = calc(json.dumps(case))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(
    "case, says",
    [
        (
            {"regime": "foisa", "received": "2025-09-01", "as_of": "2025-10-08",
             "events": [*FOISA_REVIEW, ev("complaint_received", "2025-10-08")]},
            "the internal review may still be answered until 2025-10-08",
        ),
        (
            {"regime": "sar", "received": "2025-09-01",
             "events": [ev("responded", "2025-09-03", outcome="granted"), ev("complaint_received", "2025-09-10")]},
            "no decision-notice stage",
        ),
        (foia("2021-12-01", {**NOTICE, "outcome": "not_upheld", "until": "2022-01-31"}), "requires no steps"),
        (foia("2021-12-01", {**NOTICE, "outcome": "quashed"}), "unknown outcome 'quashed'"),
        (foia("2021-12-01", ev("complied", "2021-12-01")), "complied on 2021-12-01"),
        (foia("2021-12-01", {**NOTICE, "until": "2021-11-30"}), "must be after the day itself"),
    ],
)  # fmt: skip
def test_what_the_stage_does_not_allow_is_one_line(case, says):
    out = calc(json.dumps(case))
    assert out.returncode == 2 and out.stdout == ""
    assert says in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_a_complaint_reopens_a_case_closed_on_its_review_and_nothing_else():
    from rules.models import EventType
    from rules.reopen import reopens

    assert reopens("review_completed", EventType.complaint_received)
    assert not reopens("review_window_ended", EventType.complaint_received)
    assert not reopens("complied", EventType.complaint_received)
