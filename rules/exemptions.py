"""The exemptions and exceptions each regime allows, as data: what a response or review may cite.

A citation is written the way the legislation numbers it, lower case without spaces: `s31(1)(a)`,
`s40(2)` (FOIA, FOISA), `reg12(5)(b)`, `reg13` (EIR), `sch2-para5` (DPA 2018 Schedules 2-4, subject
access). A bare section (`s31`, `reg12(4)`) is accepted too. `check` is the engine's
validation hook: an unknown citation, or exemptions on an event that is not `responded` or
`review_completed`, is a `RuleViolation` with one line. `Event` stores citations normalised
(`rules.citations.normalise`).

Sources, all on legislation.gov.uk:
- FOIA: Part II, sections 21-44 (s12 cost and s14 vexatious are refusals, recorded as outcomes);
  the "neither confirm nor deny" subsections (e.g. s31(3), s40(5A)) included.
- EIR: regulation 12(4)(a)-(e) and 12(5)(a)-(g) exceptions, 12(6) neither confirm nor deny, and
  regulation 13 (personal data).
- FOISA: Part 2, sections 25-41, and s18 (refusal to confirm or deny, cited with one of them).
- EISR (legislation.gov.uk, SSI 2004/520): regulation 10(4)(a)-(e) and 10(5)(a)-(g) exceptions, 10(8)
  neither confirm nor deny, and regulation 11 (personal data: 11(1) the applicant's own, 11(2) a third
  party's).
- Subject access: Data Protection Act 2018 Schedule 2 (paragraphs 2-5, 7-17, 19-28), Schedule 3
  (paragraphs 2-21: health, social work, education, child abuse data) and Schedule 4 (paragraphs 1-5).
"""

from __future__ import annotations

import re

from rules.citations import normalise
from rules.models import Event, EventType, RuleViolation
from rules.regimes import Regime


def _letters(first: str, last: str) -> list[str]:
    return [chr(c) for c in range(ord(first), ord(last) + 1)]


def _under(section: str, *parts: str) -> list[str]:
    return [f"{section}{p}" for p in parts]


_FOIA: list[str] = [
    "s21(1)",
    "s22(1)", "s22(2)",
    "s22a(1)", "s22a(2)",
    "s23(1)", "s23(5)",
    "s24(1)", "s24(2)",
    *_under("s26", "(1)(a)", "(1)(b)", "(3)"),
    *_under("s27", "(1)(a)", "(1)(b)", "(1)(c)", "(1)(d)", "(2)", "(4)"),
    "s28(1)", "s28(3)",
    *_under("s29", "(1)(a)", "(1)(b)", "(2)"),
    *_under("s30", "(1)(a)", "(1)(a)(i)", "(1)(a)(ii)", "(1)(b)", "(1)(c)", "(2)", "(3)"),
    *_under("s30", "(2)(a)(i)", "(2)(a)(ii)", "(2)(a)(iii)", "(2)(a)(iv)", "(2)(b)"),
    *_under("s31", *(f"(1)({x})" for x in _letters("a", "i")), "(3)"),
    *_under("s31", *(f"(2)({x})" for x in _letters("a", "j"))),  # the purposes s31(1)(g)-(i) are cited with
    *_under("s32", "(1)", "(2)", "(3)"),
    "s33(2)", "s33(3)",
    "s34(1)", "s34(2)",
    *_under("s35", "(1)(a)", "(1)(b)", "(1)(c)", "(1)(d)", "(3)"),
    *_under("s36", "(2)(a)", "(2)(a)(i)", "(2)(a)(ii)", "(2)(a)(iii)"),
    *_under("s36", "(2)(b)", "(2)(b)(i)", "(2)(b)(ii)", "(2)(c)", "(3)"),
    *_under("s37", "(1)(a)", "(1)(aa)", "(1)(ac)", "(1)(ad)", "(1)(b)", "(2)"),
    *_under("s38", "(1)(a)", "(1)(b)", "(2)"),
    "s39(1)", "s39(2)",
    *_under("s40", "(1)", "(2)", "(5a)", "(5b)"),
    *_under("s40", "(3a)(a)", "(3a)(b)", "(3b)", "(4a)(a)", "(4a)(b)"),  # the conditions s40(2) is cited with
    "s41(1)", "s41(2)",
    "s42(1)", "s42(2)",
    *_under("s43", "(1)", "(2)", "(3)"),
    *_under("s44", "(1)(a)", "(1)(b)", "(1)(c)", "(2)"),
]  # fmt: skip

_EIR: list[str] = [
    *(f"reg12(4)({x})" for x in _letters("a", "e")),
    *(f"reg12(5)({x})" for x in _letters("a", "g")),
    "reg12(6)",
    "reg13", "reg13(1)", "reg13(5a)", "reg13(5b)",
]  # fmt: skip

_EISR: list[str] = [
    *(f"reg10(4)({x})" for x in _letters("a", "e")),
    *(f"reg10(5)({x})" for x in _letters("a", "g")),
    "reg10(8)",
    "reg11", "reg11(1)", "reg11(2)",
]  # fmt: skip

_FOISA: list[str] = [
    "s18(1)",
    "s25(1)",
    *_under("s26", "(a)", "(b)", "(c)"),
    "s27(1)", "s27(2)",
    "s28(1)",
    *_under("s29", "(1)(a)", "(1)(b)", "(1)(c)", "(1)(d)"),
    *_under("s30", "(a)", "(b)(i)", "(b)(ii)", "(c)"),
    "s31(1)", "s31(4)",
    "s32(1)(a)", "s32(1)(b)",
    *_under("s33", "(1)(a)", "(1)(b)", "(2)"),
    *_under("s34", "(1)(a)", "(1)(a)(i)", "(1)(a)(ii)", "(1)(b)", "(1)(c)", "(2)", "(3)", "(4)"),
    *_under("s35", *(f"(1)({x})" for x in _letters("a", "h"))),
    "s36(1)", "s36(2)",
    "s37(1)",
    *_under("s38", "(1)(a)", "(1)(b)", "(1)(c)", "(1)(d)"),
    "s39(1)", "s39(2)",
    "s40",
    "s41(a)", "s41(b)",
]  # fmt: skip

_SAR: list[str] = [
    *(f"sch2-para{n}" for n in [2, 3, 4, 5, *range(7, 18), *range(19, 29)]),
    *(f"sch3-para{n}" for n in range(2, 22)),
    *(f"sch4-para{n}" for n in range(1, 6)),
]


def _with_headings(citations: list[str]) -> frozenset[str]:
    """Every citation, and the section or regulation paragraph it belongs to (`s31`, `reg12(5)`)."""
    out = set(citations)
    for c in citations:
        m = re.match(r"(s\d+a?)\(|(reg1[0-3]\(\d\))\(", c)
        if m:
            out.add(m.group(1) or m.group(2))
        if c.startswith("s"):
            out.add(re.match(r"s\d+a?", c).group(0))
    return frozenset(out)


EXEMPTIONS: dict[Regime, frozenset[str]] = {
    Regime.foia: _with_headings(_FOIA),
    Regime.eir: _with_headings(_EIR),
    Regime.foisa: _with_headings(_FOISA),
    Regime.sar: frozenset(_SAR),
    Regime.eisr: _with_headings(_EISR),
}

EXAMPLES = {
    Regime.foia: "e.g. s31(1)(a), s31(3), s40(2)",
    Regime.eir: "e.g. reg12(4)(b), reg12(5)(a), reg13",
    Regime.foisa: "e.g. s30(b)(i), s35(1)(a), s38(1)(b)",
    Regime.sar: "e.g. sch2-para2, sch3-para5, sch4-para1",
    Regime.eisr: "e.g. reg10(4)(b), reg10(5)(f), reg11(2)",
}


def heading(regime: Regime, citation: str) -> str:
    """What the statistics count a citation under: the section for FOIA and FOISA (`s31`), the
    exception itself for EIR and EISR and the Schedule paragraph for subject access."""
    if regime in (Regime.foia, Regime.foisa):
        return re.match(r"s\d+a?", citation).group(0)
    return citation


def label(citation: str) -> str:
    """A citation as a letter writes it: `section 31(1)(a)`, `regulation 12(5)(b)`, `Schedule 2 paragraph 5`."""
    m = re.fullmatch(r"sch(\d)-para(\d+)", citation)
    if m:
        return f"Schedule {m.group(1)} paragraph {m.group(2)}"
    upper = re.sub(r"(\d)([ab])(?=[()]|$)", lambda x: x.group(1) + x.group(2).upper(), citation)  # s22A, (5A)
    return f"regulation {upper[3:]}" if citation.startswith("reg") else f"section {upper[1:]}"


def check(regime: Regime, e: Event) -> None:
    """The engine's hook: exemptions only where the event takes them, and each one the regime knows."""
    if not e.exemptions and not e.public_interest_test:
        return
    if e.type not in (EventType.responded, EventType.review_completed):
        raise RuleViolation(
            f"{e.type} on {e.on}: exemptions and the public interest test are only for responded and review_completed"
        )
    known = EXEMPTIONS[regime]
    for cited in e.exemptions:
        if normalise(cited) not in known:
            raise RuleViolation(
                f"{e.type} on {e.on}: unknown exemption '{cited}' under the {regime.value.upper()} ({EXAMPLES[regime]})"
            )
    if e.public_interest_test and not e.exemptions:
        raise RuleViolation(f"{e.type} on {e.on}: a public interest test needs the exemption it was applied to")


def cited(events: list[Event]) -> dict[EventType, Event]:
    """The response and the review outcome that cite exemptions or a public interest test, by type."""
    return {
        e.type: e
        for e in events
        if e.type in (EventType.responded, EventType.review_completed) and (e.exemptions or e.public_interest_test)
    }


def citing(e: Event) -> str:
    """One line for a person: `s31(1)(a), s31(3), s40(2) (public interest test applied)`."""
    return ", ".join(e.exemptions) + (" (public interest test applied)" if e.public_interest_test else "")
