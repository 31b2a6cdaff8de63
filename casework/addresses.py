"""The addresses a case's alarms go to: checked where a person types them (`new`, bulk import), and the
roles a case has no one to alert for (neither its own address nor a default: `FOI_DEFAULT_OFFICER`,
`FOI_DEFAULT_MANAGER`). Such a case still starts; it is warned about, listed on the dashboard, and its
alarms for that role are recorded `undeliverable`, never `sent`."""

from __future__ import annotations

from functools import lru_cache

from runtime.errors import UserError

ROLES = ("officer", "manager")


@lru_cache(maxsize=1)
def _email():
    from pydantic import EmailStr, TypeAdapter

    return TypeAdapter(EmailStr)


def check_addresses(case) -> None:
    """Each address given is an email address (pydantic's `EmailStr`), or one clear line."""
    from pydantic import ValidationError

    for field in (*ROLES, "requester_email"):
        value = getattr(case, field)
        if value is None:
            continue
        try:
            _email().validate_python(value)
        except ValidationError as exc:
            why = exc.errors()[0]["msg"].removeprefix("value is not a valid email address: ")
            raise UserError(f"{field} '{value}' is not an email address: {why}") from None


def roles_without_default(settings) -> list[str]:
    """The roles whose alarms go nowhere for a case that names no one in them."""
    return [role for role in ROLES if not settings.default_recipient(role)]


def no_one_to_alert(case, settings) -> list[str]:
    """The roles whose alarms would go nowhere: the case names no one and no default is set."""
    return [role for role in roles_without_default(settings) if not getattr(case, role)]


def warning(ref: str, roles: list[str]) -> str:
    who = " or ".join(f"{r}'s address (--{r}, FOI_DEFAULT_{r.upper()})" for r in roles)
    return f"warning: case {ref} has no {who}: its alarms to the {' and '.join(roles)} cannot be delivered"
