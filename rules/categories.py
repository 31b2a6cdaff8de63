"""The FOI (Time for Compliance with Request) Regulations 2004 (SI 2004/3364, as amended), as data: the
categories of request whose time for compliance differs from FOIA s10(1)'s twentieth working day.

Each category says what reg 3 or reg 4 substitutes for "the twentieth working day following the date of
receipt" (FOIA s10(4) lets regulations substitute a day up to the sixtieth). The engine counts each figure
as it counts the twenty (day 0 the receipt; fee days disregarded, s10(2)), and takes the earlier where the
regulation says "whichever occurs first". Only FOIA has categories: the SI is made under FOIA s10(4).

Not modelled: reg 5 (armed forces operations) and reg 6 (information held outside the UK), where the
Information Commissioner specifies a day up to the sixtieth working day on an application made within the
twenty: the day is his, not a rule the engine can apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    standard = "standard"
    school = "school"
    archives = "archives"


@dataclass(frozen=True)
class CategoryRules:
    title: str
    working_days: int
    """The working day the response is due by (fee days disregarded)."""
    school_days: int | None
    """Or this many working days that are school days, whichever comes first (reg 3(2)(a))."""
    source: str


CATEGORIES: dict[Category, CategoryRules] = {
    Category.standard: CategoryRules("any other request", 20, None, "FOIA s10(1)"),
    Category.school: CategoryRules(
        "the governing body of a maintained school or maintained nursery school, an academy, or information held "
        "only because it is in a school maintained by the Secretary of State for Defence",
        60,
        20,
        "SI 2004/3364 reg 3 (academies: SI 2010/2768); FOIA s10(4)",
    ),
    Category.archives: CategoryRules(
        "information in a transferred public record not designated as open information, requested from the "
        "appropriate records authority (The National Archives or a place of deposit)",
        30,
        None,
        "SI 2004/3364 reg 4; FOIA s10(4), s15",
    ),
}

NON_SCHOOL_DAY = "SCH"
"""The region a recorded day carries when it is a day that is not a school day at the school (reg 3(3)):
it stops only the school count of a `school` case, never a bank-holiday calendar."""
