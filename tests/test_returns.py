"""The official returns' lines on a hand-built quarter (tests/returns_seed.py, 2026Q3), each expected
count written down by hand from the seed and the definitions in docs/law.md (Reporting)."""

from __future__ import annotations

import pytest

from register import Register
from reports.quarterly import Quarter
from reports.returns import make
from rules import Event, Policy
from tests.returns_seed import AS_OF, D, seed_quarter

Q3 = Quarter.parse("2026Q3")


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    return seed_quarter(tmp_path_factory.mktemp("returns") / "register.db")


@pytest.fixture(scope="module")
def cabinet_office(register):
    return make("cabinet-office", register, Policy(), AS_OF, Q3)


@pytest.fixture(scope="module")
def s45(register):
    return make("s45", register, Policy(), AS_OF, Q3)


@pytest.fixture(scope="module")
def sic(register):
    return make("sic", register, Policy(), AS_OF, Q3)


CABINET_OFFICE = [
    ("requests", "requests received", 15),  # F1-F12, F14, E1, E2 (F0, F13 are Q2's, FQ4 Q4's; FOISA, EISR, SAR not)
    ("requests", "of which EIR", 2),  # E1 E2
    ("requests", "answered", 11),  # F1 F2 F3 F4 F5 F6 F9 F11 F14 E1 E2
    ("requests", "withdrawn or lapsed (no response owed)", 2),  # F7 lapsed, F8 withdrawn
    ("requests", "waiting for clarification or a fee", 1),  # F12
    ("requests", "not yet answered (a response owed)", 1),  # F10
    ("timeliness", "answered within 20 working days", 8),  # F1 F4 F5 F6 F9 F11 F14 E1
    ("timeliness", "answered in excess of 20 working days but within a permitted extension", 1),  # F2
    ("timeliness", "answered late", 2),  # F3 E2
    ("timeliness", "not yet answered and already past the time for compliance", 1),  # F10
    ("outcomes", "resolvable requests", 10),  # the 11 answered less F4, not held
    ("outcomes", "granted in full", 2),  # F1 E2
    ("outcomes", "refused in part", 3),  # F2 F11 E1
    ("outcomes", "refused in full", 5),  # F3 withheld, F5 s12, F6 s14(1), F9 neither confirm nor deny, F14 s14(2)
    ("outcomes", "information not held", 1),  # F4
    ("outcomes", "clarification sought and not received", 2),  # F7 lapsed, F12 still waiting
    ("reasons for refusal (refused in full or in part)", "s12 cost limit", 1),  # F5
    ("reasons for refusal (refused in full or in part)", "s14(1) vexatious", 1),  # F6
    ("reasons for refusal (refused in full or in part)", "s14(2) repeated", 1),  # F14
    ("reasons for refusal (refused in full or in part)", "exemptions or exceptions applied", 5),  # F2 F3 F9 F11 E1
    ("exemptions applied (FOIA)", "section 21", 2),  # F3 F11
    ("exemptions applied (FOIA)", "section 22", 0),
    ("exemptions applied (FOIA)", "section 22A", 0),
    ("exemptions applied (FOIA)", "section 23", 1),  # F9
    ("exemptions applied (FOIA)", "section 24", 1),  # F9
    ("exemptions applied (FOIA)", "section 40", 2),  # F2 F11
    ("exemptions applied (FOIA)", "section 42", 0),  # F0's s42 belongs to Q2's requests
    ("exemptions applied (FOIA)", "section 43", 1),  # F2
    ("exemptions applied (FOIA)", "section 44", 0),
    ("exemptions applied (FOIA)", "refused under section 21 alone", 1),  # F3 (F11 cites s40 too)
    ("exceptions applied (EIR)", "regulation 12(5)(e)", 1),  # E1
    ("exceptions applied (EIR)", "regulation 13", 1),  # E1's reg 13(1)
    ("exceptions applied (EIR)", "regulation 12(4)(b)", 0),
    ("internal reviews", "internal reviews received", 3),  # asked in Q3: F0 6 Jul, E1 20 Jul, F11 10 Sep (not F13)
    ("internal reviews", "completed", 3),
    ("internal reviews", "completed within the time (FOIA 20 working days, EIR 40)", 2),  # F0 F11; E1 took 66
    ("internal reviews", "original decision upheld in full", 2),  # F11 E1
    ("internal reviews", "original decision upheld in part", 0),  # F13's review was asked in Q2
    ("internal reviews", "original decision overturned", 1),  # F0
    ("internal reviews", "not yet completed", 0),
    ("appeals to the ICO", "complaints the ICO received", 1),  # F0, 10 Aug
    ("appeals to the ICO", "decision notices: complaint not upheld", 1),  # F0, 15 Sep
    ("appeals to the ICO", "decision notices: complaint upheld", 0),
]


@pytest.mark.parametrize("section, line, expected", CABINET_OFFICE)
def test_each_cabinet_office_line(cabinet_office, section, line, expected):
    assert cabinet_office.value(section, line) == expected


def test_the_cabinet_office_lists_every_exemption_from_section_21_to_44_once():
    from reports.returns.cabinet_office import FOIA_SECTIONS

    assert FOIA_SECTIONS[:5] == ["s21", "s22", "s22a", "s23", "s24"]  # no s25: it exempts nothing
    assert FOIA_SECTIONS[5:] == [f"s{n}" for n in range(26, 45)]


def test_section_14_is_counted_by_subsection_and_not_together(cabinet_office):
    why = "reasons for refusal (refused in full or in part)"
    assert [x.label for x in cabinet_office.lines if x.section == why] == [
        "s12 cost limit",
        "s14(1) vexatious",
        "s14(2) repeated",
        "exemptions or exceptions applied",
    ]
    assert all(x.value is not None and not x.note for x in cabinet_office.lines)  # every line is counted


S45 = [
    ("requests", "requests received", 13),  # F1-F12, F14
    ("requests", "not yet processed", 2),  # F10 owed, F12 waiting for clarification
    ("requests", "processed in full", 9),  # F1 F2 F3 F4 F5 F6 F9 F11 F14
    ("requests", "closed without a response (withdrawn or lapsed)", 2),  # F7 F8
    ("requests", "processed within the statutory deadline", 7),  # F1 F4 F5 F6 F9 F11 F14
    ("requests", "processed after the deadline was extended", 1),  # F2
    ("requests", "processed after the statutory deadline", 1),  # F3
    ("outcomes", "information granted in full", 1),  # F1
    ("outcomes", "information granted in part and refused in part", 2),  # F2 F11
    ("outcomes", "information refused in full", 5),  # F3 F5 F6 F9 F14
    ("outcomes", "information not held", 1),  # F4
    ("internal reviews", "internal reviews received", 2),  # F0 F11 (FOIA only: not E1)
    ("internal reviews", "completed", 2),
    ("internal reviews", "completed within 20 working days", 2),  # F0 (10 working days), F11 (10)
    ("internal reviews", "completed within 40 working days", 2),
    ("internal reviews", "original decision upheld in full", 1),  # F11
    ("internal reviews", "original decision upheld in part", 0),
    ("internal reviews", "original decision overturned", 1),  # F0
]


@pytest.mark.parametrize("section, line, expected", S45)
def test_each_s45_line(s45, section, line, expected):
    assert s45.value(section, line) == expected


SIC = [
    ("FOISA requests", "requests received", 8),  # S1-S8
    ("FOISA requests", "responded to", 5),  # S1 S2 S3 S7 S8
    ("FOISA requests", "responded to within the time allowed", 4),  # S1 S3 S7 S8
    ("FOISA requests", "responded to late", 1),  # S2
    ("FOISA requests", "not yet responded to (a response owed)", 1),  # S6
    ("FOISA requests", "waiting for clarification or a fee", 0),
    ("FOISA requests", "withdrawn", 1),  # S4
    ("FOISA requests", "lapsed (clarification or fee not received in time)", 1),  # S5
    ("FOISA requests", "clarification sought and not received", 1),  # S5
    ("FOISA outcomes", "all information supplied", 1),  # S1
    ("FOISA outcomes", "some information supplied, some withheld", 1),  # S3
    ("FOISA outcomes", "all information withheld", 1),  # S2
    ("FOISA outcomes", "neither confirmed nor denied", 0),  # S0 is Q2's
    ("FOISA outcomes", "information not held", 0),
    ("FOISA outcomes", "refused: excessive cost of compliance (FOISA s12)", 1),  # S7
    ("FOISA outcomes", "refused: vexatious (FOISA s14(1))", 0),
    ("FOISA outcomes", "refused: repeated (FOISA s14(2))", 1),  # S8
    ("FOISA exemptions applied", "section 25", 1),  # S3
    ("FOISA exemptions applied", "section 30", 1),  # S2
    ("FOISA exemptions applied", "section 38", 1),  # S2
    ("FOISA exemptions applied", "section 18", 0),  # S0 is Q2's
    ("FOISA exemptions applied", "section 35", 0),
    ("FOISA reviews", "reviews requested", 2),  # S0 1 Jul, S7 20 Jul
    ("FOISA reviews", "completed", 2),
    ("FOISA reviews", "completed within 20 working days", 2),  # S0 day 15, S7 day 12
    ("FOISA reviews", "original decision upheld in full", 1),  # S0
    ("FOISA reviews", "original decision upheld in part", 1),  # S7
    ("FOISA reviews", "original decision overturned", 0),
    ("FOISA appeals", "applications to the Commissioner", 1),  # S7
    ("FOISA appeals", "decisions: application upheld", 0),
    ("EISR requests", "requests received", 3),  # X1 X2 X3
    ("EISR requests", "responded to", 3),
    ("EISR requests", "responded to within the time allowed", 2),  # X1, X3 (clock restarted 14 Aug)
    ("EISR requests", "responded to late", 1),  # X2
    ("EISR requests", "clarification sought and not received", 0),  # X3's came
    ("EISR outcomes", "all information supplied", 1),  # X3
    ("EISR outcomes", "some information supplied, some withheld", 1),  # X1
    ("EISR outcomes", "information not held", 1),  # X2
    ("EISR exceptions applied", "regulation 10(5)(f)", 1),  # X1
    ("EISR exceptions applied", "regulation 11", 1),  # X1's reg 11(2)
    ("EISR exceptions applied", "regulation 10(4)(a)", 0),
    ("EISR reviews", "reviews requested", 0),
    ("EISR appeals", "applications to the Commissioner", 0),
]


@pytest.mark.parametrize("section, line, expected", SIC)
def test_each_sic_line(sic, section, line, expected):
    assert sic.value(section, line) == expected


def test_the_eisr_has_no_repeated_request_line(sic):
    """The EISR have no s14(2): a repeated request is manifestly unreasonable, an exception (reg 10(4)(b))."""
    eisr = [x.label for x in sic.lines if x.section == "EISR outcomes"]
    assert "refused: repeated (FOISA s14(2))" not in eisr and "information not held" in eisr
    with pytest.raises(KeyError):
        sic.value("EISR outcomes", "refused: repeated (FOISA s14(2))")


def test_the_request_lines_add_up_to_the_requests_received(cabinet_office, s45):
    co = cabinet_office
    parts = ("answered", "withdrawn or lapsed (no response owed)", "waiting for clarification or a fee")
    parts += ("not yet answered (a response owed)",)
    assert sum(co.value("requests", p) for p in parts) == co.value("requests", "requests received")
    out = ("granted in full", "refused in part", "refused in full")
    assert sum(co.value("outcomes", o) for o in out) == co.value("outcomes", "resolvable requests")
    assert s45.value("requests", "requests received") == 13


def test_the_s45_figures_count_eir_requests_too_when_the_setting_says_so(register):
    both = make("s45", register, Policy(), AS_OF, Q3, s45_includes_eir=True)
    assert both.value("requests", "requests received") == 15  # F1-F12, F14, E1, E2
    assert both.value("requests", "processed after the statutory deadline") == 2  # F3 E2
    assert both.value("outcomes", "information granted in full") == 2  # F1 E2
    assert both.value("internal reviews", "internal reviews received") == 3  # F0 F11 E1
    assert both.value("internal reviews", "completed within 20 working days") == 2  # not E1 (66 working days)
    assert both.title.startswith("Freedom of Information and Environmental Information")


def test_a_request_that_went_through_clearance_is_counted_like_any_other(tmp_path):
    # Received Wed 1 Jul 2026, flagged for clearance by the Press Office on Mon 6 Jul, cleared Tue 7 Jul and
    # answered in full Wed 8 Jul: one request, answered, within 20 working days, granted in full. Clearance
    # is the authority's own step: the return counts the request as it would without it.
    register = Register(f"sqlite:///{tmp_path / 'register.db'}")
    register.upsert_case(ref="C1", regime="foia", received=D("2026-07-01"), workflow_id="foi-C1", stage="x")
    history = [
        Event(type="flag_for_clearance", on=D("2026-07-06"), team="Press Office"),
        Event(type="cleared", on=D("2026-07-07")),
        Event(type="responded", on=D("2026-07-08"), outcome="granted"),
    ]
    for seq, event in enumerate(history):
        register.record_event("C1", seq, event)
    got = make("cabinet-office", register, Policy(), AS_OF, Q3)
    assert got.value("requests", "requests received") == 1
    assert got.value("requests", "answered") == 1
    assert got.value("timeliness", "answered within 20 working days") == 1
    assert got.value("outcomes", "granted in full") == 1
