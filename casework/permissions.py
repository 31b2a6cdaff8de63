"""Who may do what: the one place roles are checked, for the command line and the web alike.

An officer starts cases and records on them (and corrects what was recorded); a reviewer records the
internal review; a manager also assigns cases and may let someone who took part in the original
handling complete the internal review (with a reason); an admin manages people, teams and the
calendar; an officer, manager or admin may publish a response in the disclosure log, or withdraw it.
Before anyone is registered the operating-system user may do everything (a fresh install)."""

from __future__ import annotations

from casework.actors import Actor
from runtime.errors import UserError

MAY = {
    "start": {"officer", "manager", "admin"},
    "record": {"officer", "reviewer", "manager", "admin"},
    "correct": {"officer", "reviewer", "manager", "admin"},
    "letter": {"officer", "reviewer", "manager", "admin"},
    "assign": {"manager", "admin"},
    "override": {"manager", "admin"},
    "override_clearance": {"manager", "admin"},
    "people": {"admin"},
    "teams": {"admin"},
    "holiday": {"admin"},
    "publish": {"officer", "manager", "admin"},
    "erase": {"manager", "admin"},
    "hold": {"manager", "admin"},
}

DOING = {
    "start": "start cases",
    "record": "record events",
    "correct": "void or amend events",
    "letter": "write letters",
    "assign": "assign cases",
    "override": "override a reviewer's independence",
    "override_clearance": "record an answer while clearance is pending",
    "people": "manage people",
    "teams": "manage teams",
    "holiday": "change the calendar",
    "publish": "publish or withdraw responses in the disclosure log",
    "erase": "erase a case's personal data",
    "hold": "set or release a legal hold",
}


def may(actor: Actor, action: str) -> bool:
    return not actor.registered or bool(actor.roles & MAY[action])


def require(actor: Actor, action: str) -> Actor:
    if not may(actor, action):
        allowed = " or ".join(sorted(MAY[action]))
        raise UserError(f"{actor.id} may not {DOING[action]}: that needs the role {allowed}")
    return actor
