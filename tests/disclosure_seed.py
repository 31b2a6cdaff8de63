"""Cases for the disclosure log's tests, written straight into the register as the workflows would have
recorded them, with staff registered and personal data in every column that holds it (the requester's
name and address, the subject line, the staff's names and addresses), so a test can look for each of
them where the public can see.

HO-63509 is the seed letter's case (Home Office request 63509): received Wed 31 Mar 2021, answered Wed
21 Apr 2021, information withheld under s31(1)(a) and s31(3). The others are made up."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from casework.actors import Actor
from casework.people import add_person
from rules import Event

ADMIN, OFFICER, MANAGER, REVIEWER = (
    "ada.admin@authority.example",
    "olu.okafor@authority.example",
    "meg.manager@authority.example",
    "rex.reviewer@authority.example",
)
STAFF_NAMES = {
    ADMIN: "Ada Lovelace-Admin",
    OFFICER: "Oluwaseun Okafor",
    MANAGER: "Margaret Mbeki",
    REVIEWER: "Rex Ramsey",
}
REQUESTERS = {
    "HO-63509": ("Quentin Questioner", "quentin.q@mailbox.example", "Immigration raids near my home in Leeds"),
    "EIR-7": ("Priya Petitioner", "priya.p@mailbox.example", "Flooding reports about 12 Acacia Avenue"),
    "FOI-8": ("Walter Wantsknow", "walter@mailbox.example", "Why did Ms Jones in payroll get a bonus"),
    "FOI-9": ("Yvonne Yetanother", "yvonne@mailbox.example", "My neighbour's planning complaint"),
    "SAR-1": ("Sam Subject", "sam.subject@mailbox.example", "All the data you hold about me"),
    "FOI-OPEN": ("Olive Unanswered", "olive@mailbox.example", "Budget for the new bridge"),
}
"""ref -> (requester's name, requester's email, the subject line as it arrived)."""

RESPONSES = {
    "HO-63509": ("foia", date(2021, 3, 31), date(2021, 4, 21), "withheld", ("s31(1)(a)", "s31(3)")),
    "EIR-7": ("eir", date(2026, 1, 5), date(2026, 1, 30), "part_withheld", ("reg12(5)(a)",)),
    "FOI-8": ("foia", date(2026, 2, 2), date(2026, 2, 27), "granted", ()),
    "FOI-9": ("foia", date(2026, 3, 2), date(2026, 3, 27), "not_held", ()),
    "SAR-1": ("sar", date(2026, 3, 2), date(2026, 3, 30), "granted", ()),
}
"""ref -> (regime, received, answered, outcome, exemptions): every case but FOI-OPEN has been answered."""

OFFICER_ACTOR = Actor(OFFICER, STAFF_NAMES[OFFICER], frozenset({"officer"}), registered=True)
REVIEWER_ACTOR = Actor(REVIEWER, STAFF_NAMES[REVIEWER], frozenset({"reviewer"}), registered=True)


def personal_data() -> list[str]:
    """Every personal value the seed wrote: requesters' names, addresses and subject lines, staff's names and
    addresses (and the local part of each address, which is often a name)."""
    values = [v for row in REQUESTERS.values() for v in row]
    values += list(STAFF_NAMES) + list(STAFF_NAMES.values())
    values += [e.split("@")[0] for e in (*STAFF_NAMES, *(r[1] for r in REQUESTERS.values()))]
    return values


def seed(register) -> None:
    first = Actor("os:tests", "tests", frozenset(), registered=False)
    add_person(register, first, ADMIN, STAFF_NAMES[ADMIN], ["admin"])
    admin = Actor(ADMIN, STAFF_NAMES[ADMIN], frozenset({"admin"}), registered=True)
    for email, role in ((OFFICER, "officer"), (MANAGER, "manager"), (REVIEWER, "reviewer")):
        add_person(register, admin, email, STAFF_NAMES[email], [role])
    for ref, (name, email, subject) in REQUESTERS.items():
        regime, received, *_ = RESPONSES.get(ref, ("foia", date(2026, 11, 2)))
        register.upsert_case(
            ref=ref,
            regime=regime,
            received=received,
            subject=subject,
            requester_name=name,
            requester_email=email,
            officer=OFFICER,
            manager=MANAGER,
            reviewer=REVIEWER,
            workflow_id=f"foi-{ref}",
            stage="review_window" if ref in RESPONSES else "awaiting_response",
            started_by=OFFICER,
        )
        if ref in RESPONSES:
            _, _, answered, outcome, exemptions = RESPONSES[ref]
            response = Event(type="responded", on=answered, outcome=outcome, exemptions=exemptions)
            register.record_event(ref, 0, response, by=OFFICER)


def pdf(extra: bytes = b"") -> bytes:
    """A small PDF (a real one's first bytes: `%PDF-1.4`)."""
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + extra + b"\n%%EOF\n"


def _entry(name: str) -> zipfile.ZipInfo:
    return zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # the same bytes every time


def docx() -> bytes:
    """A Word document's zip: its content types and a `word/` part."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(_entry("[Content_Types].xml"), "<Types/>")
        z.writestr(_entry("word/document.xml"), "<w:document/>")
    return out.getvalue()


def xlsx() -> bytes:
    """A spreadsheet's zip: content types, but an `xl/` part and no `word/`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(_entry("[Content_Types].xml"), "<Types/>")
        z.writestr(_entry("xl/workbook.xml"), "<workbook/>")
    return out.getvalue()


DOC = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
"""A legacy Word document's first sector: the OLE compound file header."""
