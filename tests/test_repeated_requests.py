"""A request refused as repeated (FOIA s14(2), FOISA s14(2)): the outcome `refused_repeated`, apart from a
vexatious request (s14(1), `refused_vexatious`). Only FOIA and FOISA have the refusal; the EIR and the EISR
treat a repeated request as manifestly unreasonable (an exception, reg 12(4)(b) / reg 10(4)(b)) and subject
access as manifestly unfounded or excessive (UK GDPR Art 12(5)). The engine and the naive model agree."""

from __future__ import annotations

import pytest

from importing.bulk_import import check
from rules import EventType, Regime, RuleViolation
from rules.engine import outcomes_of
from tests.helpers import ev, evaluate_case
from tests.naive_law import NaiveViolation, naive_evaluate

REFUSED = ev("responded", "2025-10-03", outcome="refused_repeated")


@pytest.mark.parametrize("regime", ["foia", "foisa"])
def test_foia_and_foisa_record_a_request_refused_as_repeated(regime):
    # received Wed 1 Oct 2025, refused Fri 3 Oct: working day 2 of 20, in time; the review window opens
    answered = evaluate_case(regime, "2025-10-01", [REFUSED])
    assert answered.response_outcome == "refused_repeated"
    assert answered.response_in_time is True
    assert answered.stage == "review_window"
    reviewed = evaluate_case(
        regime,
        "2025-10-01",
        [REFUSED, ev("review_requested", "2025-10-06"), ev("review_completed", "2025-10-08", outcome="upheld")],
    )
    assert (reviewed.response_outcome, reviewed.review_outcome, reviewed.stage) == (
        "refused_repeated",
        "upheld",
        "closed",
    )
    naive = naive_evaluate(
        regime, "2025-10-01", [{"type": "responded", "on": "2025-10-03", "outcome": "refused_repeated"}]
    )
    assert naive["response_outcome"] == "refused_repeated"


@pytest.mark.parametrize(
    "regime, instead",
    [
        ("eir", "reg 12(4)(b)"),
        ("eisr", "reg 10(4)(b)"),
        ("sar", "UK GDPR Art 12(5)"),
    ],
)
def test_a_regime_without_s14_2_refuses_the_outcome_in_one_line(regime, instead):
    with pytest.raises(RuleViolation) as refused:
        evaluate_case(regime, "2025-10-01", [REFUSED])
    said = str(refused.value)
    assert said.startswith("responded on 2025-10-03: refused_repeated is a refusal under FOIA s14(2) or FOISA s14(2)")
    assert instead in said and "\n" not in said
    with pytest.raises(NaiveViolation):
        naive_evaluate(regime, "2025-10-01", [{"type": "responded", "on": "2025-10-03", "outcome": "refused_repeated"}])


def test_the_vexatious_refusal_is_still_recorded_under_every_regime():
    """Unchanged: `refused_vexatious` is accepted everywhere, as before this outcome was added."""
    for regime in ("foia", "eir", "foisa", "eisr", "sar"):
        vexatious = ev("responded", "2025-10-03", outcome="refused_vexatious")
        assert evaluate_case(regime, "2025-10-01", [vexatious]).response_outcome == "refused_vexatious"


def test_a_response_without_an_outcome_is_told_the_outcomes_its_regime_has():
    with pytest.raises(RuleViolation, match=r"needs an outcome \(.*refused_vexatious, refused_repeated\)$"):
        evaluate_case("foisa", "2025-10-01", [ev("responded", "2025-10-03")])
    with pytest.raises(RuleViolation, match=r"needs an outcome \(.*refused_cost, refused_vexatious\)$"):
        evaluate_case("eir", "2025-10-01", [ev("responded", "2025-10-03")])


def test_the_forms_offer_refused_repeated_only_where_the_regime_has_it():
    """The record and correct forms list `outcomes_of(kind, regime)`."""
    offered = {r: [o.value for o in outcomes_of(EventType.responded, Regime(r))] for r in ("foia", "eir", "sar")}
    assert offered["foia"][-2:] == ["refused_vexatious", "refused_repeated"]
    assert "refused_repeated" not in offered["eir"] and "refused_repeated" not in offered["sar"]
    assert len(offered["foia"]) == 8 and len(offered["eir"]) == 7
    assert [o.value for o in outcomes_of(EventType.review_completed, Regime.eir)] == [
        "upheld",
        "partly_upheld",
        "overturned",
    ]


def test_an_import_file_is_checked_the_same_way(settings):
    header = "ref,regime,received,responded_on,outcome\n"
    rows = ["R-F,foia,2026-10-01,2026-10-05,refused_repeated", "R-E,eir,2026-10-01,2026-10-05,refused_repeated"]
    checked = check(header + "\n".join(rows) + "\n", settings)
    assert [c.ref for _, c in checked.valid] == ["R-F"]
    assert checked.errors == [
        "line 3: responded on 2026-10-05: refused_repeated is a refusal under FOIA s14(2) or FOISA s14(2), not under "
        "the Environmental Information Regulations 2004; there a repeated request is manifestly unreasonable, an "
        "exception (reg 12(4)(b))"
    ]
