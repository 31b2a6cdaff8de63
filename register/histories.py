"""Every registered case with its recorded events not voided, in one SQL query (an outer join ordered by
case and event number), with the exemptions each cited and what the register keeps of clearance: what the
quarterly report and the official returns re-evaluate."""

from __future__ import annotations

from sqlalchemy import select

from register.clearance import EventClearanceRow
from register.store import CaseRow, EventExemptionsRow, EventRow, Register, as_event
from rules import Event


def histories(register: Register) -> list[tuple[CaseRow, list[Event]]]:
    stmt = (
        select(CaseRow, EventRow, EventExemptionsRow, EventClearanceRow)
        .outerjoin(EventRow, (EventRow.ref == CaseRow.ref) & EventRow.voided_at.is_(None))
        .outerjoin(
            EventExemptionsRow, (EventExemptionsRow.ref == EventRow.ref) & (EventExemptionsRow.seq == EventRow.seq)
        )
        .outerjoin(EventClearanceRow, (EventClearanceRow.ref == EventRow.ref) & (EventClearanceRow.seq == EventRow.seq))
        .order_by(CaseRow.received, CaseRow.ref, EventRow.seq)
    )
    out: list[tuple[CaseRow, list[Event]]] = []
    with register.session() as s:
        for case, e, cited, clearance in s.execute(stmt):
            if not out or out[-1][0].ref != case.ref:
                out.append((case, []))
            if e is not None:
                out[-1][1].append(as_event(e, cited, clearance))
    return out
