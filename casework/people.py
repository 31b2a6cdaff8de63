"""Registering the people who act, and deactivating them: staff actions like any other, each taking
the actor and recorded in the calendar-wide audit trail (register/audit.py). A person is never deleted.

The first person registered must be an admin, and the last active admin cannot be deactivated, so that
someone can always manage people."""

from __future__ import annotations

from casework.actors import ROLES, Actor, identity
from runtime.errors import UserError

NAME_LIMIT = 200


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UserError("--name: give the person's name as colleagues know it")
    if len(name) > NAME_LIMIT:
        raise UserError(f"--name: {len(name)} characters; at most {NAME_LIMIT}")
    if any(not c.isprintable() for c in name):
        raise UserError("--name: control characters are not allowed in a name")
    return name


def _roles(roles: list[str]) -> list[str]:
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise UserError(f"--role: give one or more of {', '.join(ROLES)}" + (f" (not {unknown[0]})" if unknown else ""))
    return [r for r in ROLES if r in roles]


def add_person(register, actor: Actor, email: str, name: str, roles: list[str]) -> str:
    email, name, roles = identity(email), _name(name), _roles(roles)
    if not register.anyone_registered() and "admin" not in roles:
        raise UserError("the first person registered must have the admin role (--role admin), to manage the others")
    if not register.add_person(email, name, roles, by=actor.id):
        raise UserError(f"{email} is already registered (see starter.py people list)")
    register.record_now("person_added", actor.id, email=email, roles=roles)
    return email


def deactivate(register, actor: Actor, email: str) -> str:
    email = identity(email)
    person = register.person(email)
    if person is None:
        raise UserError(f"{email} is not a registered person (see starter.py people list)")
    if not person.active:
        raise UserError(f"{email} is already deactivated")
    admins = [p for p in register.people() if p.active and "admin" in p.roles]
    if admins == [person] or [p.email for p in admins] == [email]:
        raise UserError(f"{email} is the last active admin: register another admin first")
    register.deactivate_person(email, by=actor.id)
    register.record_now("person_deactivated", actor.id, email=email)
    return email


HOLDS = {
    "officer": {"officer", "manager", "admin"},
    "manager": {"manager", "admin"},
    "reviewer": {"reviewer", "manager", "admin"},
}
"""The roles that may hold a case in each of its roles (`assign`)."""


def holder(register, role: str, given: str) -> str:
    """The address of the person `given` to hold a case as its `role`: an email address and, once anyone is
    registered, a registered, active person whose roles allow it; else one line naming the problem."""
    email = identity(given, role)
    if not register.anyone_registered():
        return email
    person = register.person(email)
    if person is None or not person.active:
        raise UserError(f"{role} {given}: not a registered, active person (see starter.py people list)")
    if not HOLDS[role] & set(person.roles):
        raise UserError(f"{role} {given}: {person.name} has no {role} role (people add ... --role {role})")
    return email
