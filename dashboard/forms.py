"""What every form of the dashboard shares: who is acting, the roles check, the CSRF token, the
GOV.UK date input, and the errors a refused form is shown again with.

- The actor is the signed-in person (`request.state.actor`, set by the app's middleware); what they may
  do is decided by `casework.permissions` (the same check as the command line). A role that may not
  act gets `Forbidden`: a 403 with one line.
- Every form carries the session's CSRF token in a hidden field `csrf`; a POST without it, or with
  another session's, is `Forbidden` before anything is read or recorded.
- A form refused (bad input, or a refusal from `casework`) is shown again with the GOV.UK error
  summary and the message at its field, and nothing is recorded. A form accepted redirects (303) to
  the page that shows the result: Post/Redirect/Get.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from datetime import date

from fastapi import Request
from fastapi.responses import RedirectResponse

from casework.actors import Actor
from casework.permissions import may
from runtime.errors import UserError

FIELD_LIMIT = 2000  # characters in any one field, unless a tighter limit is given


class Forbidden(Exception):
    """A 403 with this one line."""


def actor(request: Request, action: str | None = None) -> Actor:
    """The signed-in person, checked for `action` (a key of `casework.permissions.MAY`)."""
    who = getattr(request.state, "actor", None)
    if who is None:
        raise Forbidden("Sign in as a person to do this: the bearer token only reads")
    if action and not may(who, action):
        raise Forbidden(f"{who.id} may not do this: it needs another role (ask an admin)")
    return who


def csrf_token(request: Request) -> str:
    session = getattr(request.state, "session", None)
    return session.csrf if session else ""


async def posted(request: Request) -> dict[str, str]:
    """The form's fields, once its CSRF token has been checked (else `Forbidden`)."""
    form = await request.form()
    given = form.get("csrf")
    expected = csrf_token(request)
    if not expected or not isinstance(given, str) or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Forbidden("This form's security token is missing or belongs to another session: nothing was recorded")
    return {k: v.strip() if isinstance(v, str) else "" for k, v in form.items() if k != "csrf"}


def done(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@dataclass
class Errors:
    """Messages by field id, in the order they were found (the error summary's order)."""

    at: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str) -> None:
        self.at.setdefault(field_id, message)

    def __bool__(self) -> bool:
        return bool(self.at)


def text(form: dict, name: str, errors: Errors, label: str, required: bool = False, limit: int = FIELD_LIMIT) -> str:
    value = form.get(name, "")
    if required and not value:
        errors.add(name, f"Enter {label}")
    elif len(value) > limit:
        errors.add(name, f"{label.capitalize()} must be {limit} characters or fewer (it is {len(value)})")
    return value


def day(form: dict, name: str, errors: Errors, label: str, required: bool = True) -> date | None:
    """A GOV.UK date input's three fields (`name-day`, `name-month`, `name-year`) as a date."""
    parts = [form.get(f"{name}-{p}", "") for p in ("day", "month", "year")]
    if not any(parts):
        if required:
            errors.add(f"{name}-day", f"Enter {label}")
        return None
    if not all(p.isdigit() and len(p) <= 4 for p in parts) or len(parts[2]) != 4:
        errors.add(f"{name}-day", f"{label.capitalize()} must be a real date, like 27 3 2026")
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        errors.add(f"{name}-day", f"{label.capitalize()} must be a real date, like 27 3 2026")
        return None


def date_fields(name: str, value: date | None) -> dict[str, str]:
    """A date as the three fields of its date input (to fill a form in again)."""
    if value is None:
        return {}
    return {f"{name}-day": str(value.day), f"{name}-month": str(value.month), f"{name}-year": str(value.year)}


def refusal(errors: Errors, exc: UserError, field_id: str) -> None:
    """A refusal from `casework` (one line), shown at the field it is most about."""
    errors.add(field_id, str(exc))
