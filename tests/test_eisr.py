"""Issue 21, item 1: the Environmental Information (Scotland) Regulations 2004 (`eisr`), a fifth regime.

Every date below is worked by hand from the Regulations (comments show the count) on the Scottish
calendar (EISR reg 2(1) with FOISA s73: Easter Monday and the late-August Monday are working days, the
early-August Monday and St Andrew's Day are not), and checked through `starter.py calc -`.
"""

from __future__ import annotations

import io
import json
from datetime import date

import docx
import pytest

from importing.bulk_import import row_to_case
from letters.compose import letter
from rules import Case, Event, Regime, RuleViolation, evaluate
from rules.bank_holidays import calendar_for
from runtime.errors import UserError
from tests.test_calc_cli import calc

D = date.fromisoformat


def history(received, as_of, *events):
    out = []
    for t, on, *extra in events:
        out.append({"type": t, "on": on, **(extra[0] if extra else {})})
    return {"regime": "eisr", "received": received, "as_of": as_of, "events": out}


@pytest.mark.parametrize(
    "case, expected",
    [
        # reg 5(2): received Wed 31 Mar 2021. Good Friday 2 Apr skipped, Easter Monday 5 Apr counts in
        # Scotland: Apr 1, 5-9, 12-16, 19-23, 26-29 = 20: Thu 29 Apr 2021 (FOIA and EIR: Fri 30 Apr).
        (history("2021-03-31", "2021-03-31"), {"statutory_due": "2021-04-29"}),
        # reg 7(1)-(2): complex and voluminous, notified within the 20: 40 working days from receipt.
        # Apr 30 (21), May 3 is the Scottish May Day, May 4-7 (25), 10-14 (30), 17-21 (35), 24-28 (40): Fri 28 May.
        (
            history("2021-03-31", "2021-04-20", ("extended", "2021-04-20")),
            {"extended_until": "2021-05-28", "response_due": "2021-05-28"},
        ),
        # reg 7(2): notified after the 20th working day (Thu 29 Apr), the extension extends nothing
        (
            history("2021-03-31", "2021-05-04", ("extended", "2021-04-30")),
            {"extended_until": None, "response_due": "2021-04-29", "overdue": True},
        ),
        # reg 9(2)(a): particulars asked by the 20th working day restart the clock (reg 9(4)) from the
        # day they arrive: Tue 4 May 2021; May 5-7, 10-14, 17-21, 24-28 = 18, May 31 is the Scottish
        # spring holiday, Jun 1-2 = 20: Wed 2 Jun 2021.
        (
            history("2021-03-31", "2021-05-04", ("clarification_requested", "2021-04-29"),
                    ("clarification_received", "2021-05-04")),
            {"clock_started": "2021-05-04", "statutory_due": "2021-06-02"},
        ),
        # reg 9(2)(a): asked after the 20th working day, particulars restart nothing
        (
            history("2021-03-31", "2021-05-10", ("clarification_requested", "2021-04-30"),
                    ("clarification_received", "2021-05-04")),
            {"clock_started": "2021-03-31", "response_due": "2021-04-29", "overdue": True},
        ),
        # reg 16(2): 40 working days after the response (Wed 21 Apr 2021) to ask for a review; May 3 and
        # May 31 are Scottish holidays: Apr 22-23 (2), 26-30 (7), May 4-7 (11), 10-14 (16), 17-21 (21),
        # 24-28 (26), Jun 1-4 (30), 7-11 (35), 14-18 (40): Fri 18 Jun 2021.
        # reg 16(4): the review decided within 20 working days of Tue 4 May: Wed 2 Jun (target and limit).
        # reg 17 with FOISA s47(4)(a): 6 months after the review's outcome of Thu 10 Jun: Fri 10 Dec 2021.
        (
            history("2021-03-31", "2021-06-10", ("responded", "2021-04-21", {"outcome": "granted"}),
                    ("review_requested", "2021-05-04"), ("review_completed", "2021-06-10", {"outcome": "upheld"})),
            {"review_request_deadline": "2021-06-18", "review_due": "2021-06-02", "review_latest_due": "2021-06-02",
             "review_completed_within_limit": False, "complaint_deadline": "2021-12-10",
             "complaint_to": "the Scottish Information Commissioner", "responded_working_day": 14},
        ),
        # reg 8: an advance charge notified Fri 9 Apr, paid Wed 14 Apr: Apr 9, 12, 13, 14 are disregarded,
        # so the 20 run to four working days later: Apr 30, May 4-6 (May 3 Scottish May Day): Thu 6 May.
        (
            history("2021-03-31", "2021-04-14", ("fee_notice_issued", "2021-04-09"), ("fee_paid", "2021-04-14")),
            {"statutory_due": "2021-05-06"},
        ),
    ],
)  # fmt: skip
def test_the_eisr_dates_through_the_calculator(case, expected):
    out = calc(json.dumps(case))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert {k: got[k] for k in expected} == expected


def test_an_unpaid_eisr_charge_lapses_after_sixty_working_days():
    # reg 8: notice Thu 1 Apr 2021; 60 working days on the Scottish calendar (Good Friday 2 Apr, May Day
    # 3 May and the spring holiday 31 May skipped; Easter Monday counts): Apr 5-9, 12-16, 19-23, 26-30 = 20;
    # May 4-7, 10-14, 17-21, 24-28 = 19 (39); Jun 1-4 (43), 7-11 (48), 14-18 (53), 21-25 (58), Jun 28-29
    # (60): Tue 29 Jun 2021.
    case = history("2021-03-31", "2021-06-30", ("fee_notice_issued", "2021-04-01"))
    got = json.loads(calc(json.dumps(case)).stdout)
    assert (got["lapses_after"], got["stage"], got["closed_reason"]) == ("2021-06-29", "closed", "lapsed_fee")


def cited(*exemptions: str) -> Case:
    responded = Event(type="responded", on=D("2021-04-21"), outcome="part_withheld", exemptions=list(exemptions))
    return Case(regime="eisr", received=D("2021-03-31"), events=[responded])


def test_its_exceptions_are_its_own():
    ok = cited("reg10(4)(a)", "reg10(4)(e)", "reg10(5)(b)", "reg10(5)(g)", "reg10(8)", "reg11(2)", "Regulation 11")
    assert evaluate(ok, calendar_for(Regime.eisr, 2021, 2021), D("2021-04-21")).response_outcome == "part_withheld"


@pytest.mark.parametrize("wrong", ["reg12(4)(a)", "reg13", "reg10(5)(h)", "s30(b)(i)"])  # EIR's, FOISA's, none
def test_anything_else_is_refused_under_the_eisr(wrong):
    with pytest.raises(RuleViolation) as caught:
        evaluate(cited(wrong), calendar_for(Regime.eisr, 2021, 2021), D("2021-04-21"))
    assert f"unknown exemption '{wrong}' under the EISR" in str(caught.value)


def test_the_import_takes_it():
    case = row_to_case({"ref": "E1", "regime": "eisr", "received": "2021-03-31", "responded_on": "2021-04-21",
                        "outcome": "part_withheld", "exemptions": "reg10(5)(f)"})  # fmt: skip
    assert case.regime is Regime.eisr and case.events[0].exemptions == ("reg10(5)(f)",)


def test_its_letters_name_its_regulations_and_the_scottish_commissioner(settings, register):
    register.upsert_case(ref="E2", regime="eisr", received=D("2021-03-31"), workflow_id="foi-E2", stage="x")
    register.record_event(
        "E2", 0, Event(type="responded", on=D("2021-04-21"), outcome="part_withheld", exemptions=["reg10(5)(f)"])
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(letter(settings, "E2", "response"))).paragraphs)
    assert "the Environmental Information (Scotland) Regulations 2004" in text
    assert "Exceptions applied:" in text and "regulation 10(5)(f)" in text
    assert "apply to the Scottish Information Commissioner for a decision" in text
    assert "The last day to ask is 18 June 2021" in text  # reg 16(2), worked above


def test_no_clarification_letter_for_particulars_asked_too_late(settings, register):
    """EISR reg 9(2)(a): asked after the 20th working day (Thu 29 Apr 2021), the request has no effect."""
    register.upsert_case(ref="E3", regime="eisr", received=D("2021-03-31"), workflow_id="foi-E3", stage="x")
    register.record_event("E3", 0, Event(type="clarification_requested", on=D("2021-04-30")))
    with pytest.raises(UserError, match="no clarification letter: the request of 2021-04-30 came after the last day"):
        letter(settings, "E3", "clarification")
