"""Every registered case with its recorded events not voided, in one SQL query (an outer join ordered by
case and event number), with what the register keeps of clearance: what the quarterly report re-evaluates."""

from __future__ import annotations

from sqlalchemy import select

from register.clearance import EventClearanceRow, clearance_fields
from register.store import CaseRow, EventRow, Register
from rules import Event


def histories(register: Register) -> list[tuple[CaseRow, list[Event]]]:
    stmt = (
        select(CaseRow, EventRow, EventClearanceRow)
        .outerjoin(EventRow, (EventRow.ref == CaseRow.ref) & EventRow.voided_at.is_(None))
        .outerjoin(EventClearanceRow, (EventClearanceRow.ref == EventRow.ref) & (EventClearanceRow.seq == EventRow.seq))
        .order_by(CaseRow.received, CaseRow.ref, EventRow.seq)
    )
    out: list[tuple[CaseRow, list[Event]]] = []
    with register.session() as s:
        for case, e, clearance in s.execute(stmt):
            if not out or out[-1][0].ref != case.ref:
                out.append((case, []))
            if e is not None:
                out[-1][1].append(
                    Event(
                        type=e.type,
                        on=e.on,
                        outcome=e.outcome,
                        until=e.until,
                        exceptional=e.exceptional,
                        **clearance_fields(clearance),
                    )
                )
    return out
