"""How long a case's text fields may be, checked where a person types them (the `new` command and
bulk import) so nothing longer than the register keeps reaches a workflow."""

from __future__ import annotations

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
