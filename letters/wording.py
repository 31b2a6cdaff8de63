"""The fixed words of the law a letter quotes: each Act's title, its regulator and the provision a
complaint is made under. Wording only: every period and date comes from `rules/`."""

from __future__ import annotations

from rules import Regime

ACT = {
    Regime.foia: "the Freedom of Information Act 2000",
    Regime.eir: "the Environmental Information Regulations 2004",
    Regime.foisa: "the Freedom of Information (Scotland) Act 2002",
    Regime.sar: "Article 15 of the UK General Data Protection Regulation (the right of access)",
}

REGULATOR = {
    Regime.foia: "the Information Commissioner",
    Regime.eir: "the Information Commissioner",
    Regime.foisa: "the Scottish Information Commissioner",
    Regime.sar: "the Information Commissioner",
}

COMPLAINT_UNDER = {
    Regime.foia: "section 50 of the Freedom of Information Act 2000",
    Regime.eir: "section 50 of the Freedom of Information Act 2000, as applied by regulation 18 of the "
    "Environmental Information Regulations 2004",
    Regime.foisa: "section 47(1) of the Freedom of Information (Scotland) Act 2002",
    Regime.sar: "Article 77 of the UK General Data Protection Regulation",
}

REGULATOR_WEBSITE = {
    Regime.foia: "https://ico.org.uk/make-a-complaint/",
    Regime.eir: "https://ico.org.uk/make-a-complaint/",
    Regime.foisa: "https://www.itspublicknowledge.info/",
    Regime.sar: "https://ico.org.uk/make-a-complaint/",
}

RESPONSE_OUTCOME = {
    "granted": "We are providing all of the information you asked for.",
    "part_withheld": "We are providing some of the information you asked for; the rest is withheld.",
    "withheld": "We hold the information you asked for, but it is withheld.",
    "not_held": "We do not hold the information you asked for.",
    "ncnd": "We neither confirm nor deny that we hold the information you asked for.",
    "refused_cost": "We are refusing your request because complying with it would exceed the appropriate limit "
    "on cost.",
    "refused_vexatious": "We are refusing your request because it is vexatious or repeated.",
}

REVIEW_OUTCOME = {
    "upheld": "The review upholds the original response.",
    "partly_upheld": "The review upholds the original response in part; where it does not, we set out below "
    "what changes.",
    "overturned": "The review does not uphold the original response; we set out below what changes.",
}


def period(unit_and_count: tuple[str, int]) -> str:
    """`("weeks", 6)` as a letter says it: `6 weeks`."""
    unit, n = unit_and_count
    return f"{n} {unit.replace('_', ' ')}" if n != 1 else f"1 {unit.rstrip('s').replace('_', ' ')}"
