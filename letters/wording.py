"""The fixed words of the law a letter quotes: each Act's title, its regulator and the provision a
complaint is made under. Wording only: every period and date comes from `rules/`."""

from __future__ import annotations

from dataclasses import dataclass

from rules import Regime

ICO = "https://ico.org.uk/make-a-complaint/"
FOIA_S50 = "section 50 of the Freedom of Information Act 2000"


@dataclass(frozen=True)
class Wording:
    """What a letter under one regime says of its law and its regulator."""

    act: str
    regulator: str
    complaint_under: str
    regulator_website: str


WORDING = {
    Regime.foia: Wording("the Freedom of Information Act 2000", "the Information Commissioner", FOIA_S50, ICO),
    Regime.eir: Wording(
        "the Environmental Information Regulations 2004",
        "the Information Commissioner",
        f"{FOIA_S50}, as applied by regulation 18 of the Environmental Information Regulations 2004",
        ICO,
    ),
    Regime.foisa: Wording(
        "the Freedom of Information (Scotland) Act 2002",
        "the Scottish Information Commissioner",
        "section 47(1) of the Freedom of Information (Scotland) Act 2002",
        "https://www.itspublicknowledge.info/",
    ),
    Regime.eisr: Wording(
        "the Environmental Information (Scotland) Regulations 2004",
        "the Scottish Information Commissioner",
        "section 47(1) of the Freedom of Information (Scotland) Act 2002, as applied by regulation 17 of the "
        "Environmental Information (Scotland) Regulations 2004",
        "https://www.itspublicknowledge.info/",
    ),
    Regime.sar: Wording(
        "Article 15 of the UK General Data Protection Regulation (the right of access)",
        "the Information Commissioner",
        "Article 77 of the UK General Data Protection Regulation",
        ICO,
    ),
}

RESPONSE_OUTCOME = {
    "granted": "We are providing all of the information you asked for.",
    "part_withheld": "We are providing some of the information you asked for; the rest is withheld.",
    "withheld": "We hold the information you asked for, but it is withheld.",
    "not_held": "We do not hold the information you asked for.",
    "ncnd": "We neither confirm nor deny that we hold the information you asked for.",
    "refused_cost": "We are refusing your request because complying with it would exceed the appropriate limit "
    "on cost.",
    "refused_vexatious": "We are refusing your request because it is vexatious.",
    "refused_repeated": "We are refusing your request because it is identical or substantially similar to an "
    "earlier request from you that we complied with, and a reasonable interval has not passed since then.",
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
