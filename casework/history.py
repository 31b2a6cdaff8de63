"""A case's audit trail: every action on it in the order it was taken, with when it was recorded, by
whom and why. Read from the register only: the case row (started), its events (recorded, and voided or
amended: `register/audit.py` keeps each version), assignments and letters (the audit table), and the
outbox (each alarm sent or withdrawn). An event recorded before authors were kept shows its author as
unknown (None)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from runtime.errors import UserError

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Step:
    at: datetime
    action: str
    by: str | None
    what: str
    reason: str | None = None
    number: int | None = None  # the event's number, as `show` numbers them

    def as_json(self) -> dict:
        d = asdict(self)
        d["at"] = self.at.isoformat()
        return d


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _event(d: dict) -> str:
    parts = [f"{d['type']} on {d['on']}"]
    for key in ("outcome", "until"):
        if d.get(key):
            parts.append(f"{key} {d[key]}")
    if d.get("exceptional"):
        parts.append("exceptional")
    if d.get("exemptions"):
        parts.append("citing " + ", ".join(d["exemptions"]))
    if d.get("public_interest_test"):
        parts.append("public interest test")
    if d.get("team"):
        parts.append(f"approving team {d['team']}")
    if d.get("changes"):
        parts.append(f"changes: {d['changes']}")
    return ", ".join(parts)


def _row_event(r, cited, clearance=None) -> dict:
    x = cited.get((r.ref, r.seq))
    c = clearance.get(r.seq) if clearance else None
    return {
        "team": c and c.team,
        "changes": c and c.changes,
        "type": r.type,
        "on": r.on.isoformat(),
        "outcome": r.outcome,
        "until": r.until.isoformat() if r.until else None,
        "exceptional": r.exceptional,
        "exemptions": list(x.exemptions) if x else [],
        "public_interest_test": bool(x and x.public_interest_test),
    }


def trail(register, ref: str) -> list[Step]:
    case = register.case(ref)
    if case is None:
        raise UserError(f"no case {ref}")
    steps = [Step(_utc(case.started_at), "started", case.started_by, f"{case.regime} request received {case.received}")]
    actions = register.actions(ref)
    first_version = {}
    for a in actions:
        if a.kind == "amend":
            first_version.setdefault(a.detail["number"], a.detail["was"])
    cited = register.exemptions(ref)
    clearance = register.clearances(ref)
    for r in register.events(ref):
        number = r.seq + 1
        shown = first_version.get(number) or _row_event(r, cited, clearance)
        over = clearance.get(r.seq) and clearance[r.seq].override
        what = _event(shown) + (" (while clearance was pending: a manager's override)" if over else "")
        steps.append(Step(_utc(r.recorded_at), "recorded", r.recorded_by, what, over or None, number=number))
    for a in actions:
        d = a.detail or {}
        if a.kind == "void":
            what = f"voided event {d['number']} ({_event(d['was'])})"
        elif a.kind == "amend":
            what = f"amended event {d['number']}: was {_event(d['was'])}; now {_event(d['now'])}"
        elif a.kind == "assigned":
            moves = [
                f"{role} {old or 'none'} -> {new}"
                for role in ("officer", "manager")
                if d.get(role)
                for old, new in [d[role]]
            ]
            what = "assigned: " + "; ".join(moves)
        elif a.kind == "letter":
            what = f"{d['letter'].replace('_', ' ')} letter written"
        elif a.kind in ("published", "unpublished"):
            shown = "published in" if a.kind == "published" else "withdrawn from"
            what = f'{shown} the disclosure log as "{d.get("title", "")}"' + (
                " with a document" if d.get("document") else ""
            )
        else:
            what = a.kind.replace("_", " ")
        steps.append(Step(_utc(a.at), a.kind, a.actor, what, a.reason, d.get("number")))
    for n in register.notifications(ref):
        to = f"to the {n.role}" + (f" ({n.recipient})" if n.recipient else " (no address)")
        steps.append(Step(_utc(n.created_at), "alarm", "system", f"{n.kind.replace('_', ' ')} {to}: {n.state}"))
        if n.withdrawn_at:
            steps.append(
                Step(
                    _utc(n.withdrawn_at),
                    "alarm withdrawn",
                    "system",
                    f"{n.kind.replace('_', ' ')} {to}",
                    n.withdrawn_reason,
                )
            )
    return sorted(steps, key=lambda s: s.at)
