"""How long a case's text fields may be, and that they hold no control character, checked where a
person types them (the `new` command, bulk import, `casework.cases.start_case` for every other caller)
so nothing longer than the register keeps, or that it cannot store or show, reaches a workflow."""

from __future__ import annotations

from rules.plain_text import ControlCharacterError, refuse_control
from runtime.errors import UserError

LIMITS = {
    "subject": 2000,
    "requester_name": 200,
    "requester_email": 320,
    "officer": 320,
    "manager": 320,
}


def check_lengths(case) -> None:
    for field, limit in LIMITS.items():
        value = getattr(case, field)
        if value is not None and len(value) > limit:
            raise UserError(f"{field}: {len(value)} characters; at most {limit}")
        try:
            refuse_control(value or "", field)
        except ControlCharacterError as exc:
            raise UserError(str(exc)) from None
