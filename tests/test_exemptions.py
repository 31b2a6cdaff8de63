"""Exemptions recorded: the engine accepts each regime's own citations and refuses everything else with
one line; the register keeps them with their event; the import reads them from two columns."""

from __future__ import annotations

from datetime import date

import pytest

from importing.bulk_import import row_to_case
from rules import Case, Event, Regime, RuleViolation, evaluate
from rules.bank_holidays import calendar_for
from rules.exemptions import label

RECEIVED = date(2021, 3, 31)
ON = date(2021, 4, 21)


def responded(**kw) -> Event:
    return Event(type="responded", on=ON, outcome="part_withheld", **kw)


def run(regime: str, *events: Event):
    return evaluate(
        Case(regime=regime, received=RECEIVED, events=list(events)),
        calendar_for(Regime(regime), 2021, 2021),
        date(2021, 5, 4),
    )


@pytest.mark.parametrize(
    ("regime", "cited"),
    [
        ("foia", ["s31(1)(a)", "s31(3)", "s40(2)"]),  # the Home Office response of 21 April 2021
        ("foia", ["s21", "s22A(1)", "s36(2)(b)(i)", "s40(5A)", "s43(2)", "s44(1)(a)"]),
        ("foia", ["s40(2)", "s40(3A)(a)", "s30(1)(a)(i)", "s31(1)(g)", "s31(2)(b)"]),  # with their conditions
        ("eir", ["reg12(4)(a)", "reg12(4)(e)", "reg12(5)(a)", "reg12(5)(g)", "reg13"]),
        ("foisa", ["s25(1)", "s30(b)(i)", "s34(1)(a)(ii)", "s35(1)(a)", "s38(1)(b)", "s41(b)"]),
        ("sar", ["sch2-para2", "sch2-para19", "sch3-para7", "sch4-para1"]),
    ],
)
def test_each_regime_takes_its_own_citations(regime, cited):
    assert run(regime, responded(exemptions=cited, public_interest_test=True)).response_outcome == "part_withheld"


def test_citations_are_stored_the_way_the_legislation_numbers_them():
    e = responded(exemptions=["Section 31(1)(a)", "s 31 (3)", "S40(2)", "s40(2)"], public_interest_test=True)
    assert e.exemptions == ("s31(1)(a)", "s31(3)", "s40(2)")
    assert Event(type="responded", on=ON, outcome="withheld", exemptions=["Sch 2 para 5"]).exemptions == ("sch2-para5",)
    assert [label(c) for c in ("s31(1)(a)", "s40(5a)", "reg12(5)(b)", "sch2-para5")] == [
        "section 31(1)(a)",
        "section 40(5A)",
        "regulation 12(5)(b)",
        "Schedule 2 paragraph 5",
    ]


@pytest.mark.parametrize(
    ("regime", "event", "says"),
    [
        ("foia", responded(exemptions=["s45"]), "responded on 2021-04-21: unknown exemption 's45' under the FOIA"),
        ("foia", responded(exemptions=["s31(1)(z)"]), "unknown exemption 's31(1)(z)'"),
        ("foia", responded(exemptions=["s12"]), "unknown exemption 's12'"),
        (
            "foia",
            responded(exemptions=["s40(3A)(c)"]),
            "unknown exemption 's40(3a)(c)'",
        ),  # cost is an outcome, not an exemption
        ("eir", responded(exemptions=["reg12(5)(h)"]), "unknown exemption 'reg12(5)(h)' under the EIR"),
        ("eir", responded(exemptions=["s31(1)(a)"]), "under the EIR"),  # an FOIA section in an EIR case
        ("foisa", responded(exemptions=["s42"]), "under the FOISA"),
        ("sar", responded(exemptions=["sch5-para1"]), "under the SAR"),
        ("foia", responded(public_interest_test=True), "a public interest test needs the exemption"),
        (
            "foia",
            Event(type="withdrawn", on=ON, exemptions=["s40(2)"]),
            "withdrawn on 2021-04-21: exemptions and the public interest test are only for responded and "
            "review_completed",
        ),
    ],
)
def test_anything_else_is_one_line(regime, event, says):
    with pytest.raises(RuleViolation) as caught:
        run(regime, event)
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_a_history_recorded_before_exemptions_existed_still_parses():
    old = {"type": "responded", "on": "2021-04-21", "outcome": "granted", "until": None, "exceptional": False}
    e = Event.model_validate(old)
    assert (e.exemptions, e.public_interest_test) == ((), False)


def test_the_register_keeps_them_with_their_event(register):
    register.upsert_case(ref="63509", regime="foia", received=RECEIVED, workflow_id="foi-63509", stage="x")
    cited = responded(exemptions=["s31(1)(a)", "s31(3)", "s40(2)"], public_interest_test=True)
    assert register.record_event("63509", 0, cited)
    assert not register.record_event("63509", 0, cited)  # a retried activity records nothing twice
    register.record_event("63509", 1, Event(type="review_requested", on=date(2021, 6, 22)))
    assert register.case_events("63509") == [cited, Event(type="review_requested", on=date(2021, 6, 22))]


def test_the_import_reads_two_columns_per_event():
    case = row_to_case(
        {
            "ref": "63509",
            "regime": "foia",
            "received": "2021-03-31",
            "responded_on": "2021-04-21",
            "outcome": "part_withheld",
            "exemptions": "s31(1)(a); s31(3), s40(2)",
            "public_interest_test": "yes",
            "review_requested_on": "2021-06-22",
            "review_completed_on": "2021-08-26",
            "review_outcome": "upheld",
            "review_exemptions": "s31(1)(a);s31(3)",
        }
    )
    response, _, review = case.events
    assert (response.exemptions, response.public_interest_test) == (("s31(1)(a)", "s31(3)", "s40(2)"), True)
    assert (review.exemptions, review.public_interest_test) == (("s31(1)(a)", "s31(3)"), False)


def test_an_unknown_citation_in_a_csv_is_reported_by_line_and_that_row_not_started(settings):
    from importing.bulk_import import check

    text = (
        "ref,regime,received,responded_on,outcome,exemptions\n"
        "OK-1,foia,2021-03-31,2021-04-21,part_withheld,s31(1)(a);s40(2)\n"
        "BAD-1,eir,2021-03-31,2021-04-21,withheld,s31(1)(a)\n"
    )
    checked = check(text, settings)
    assert [case.ref for _, case in checked.valid] == ["OK-1"]
    assert checked.errors == [
        "line 3: responded on 2021-04-21: unknown exemption 's31(1)(a)' under the EIR "
        "(e.g. reg12(4)(b), reg12(5)(a), reg13)"
    ]
