"""Who is acting: every command that changes anything records a person (`--as EMAIL`, else `FOI_ACTOR`).

Once anyone is registered (`starter.py people add`), the actor must be a registered, active person, or
the command stops with one line before doing anything. On a fresh install with no one registered, the
operating-system user acts, recorded as `os:<name>`, and the command says so once (`unregistered`). An actor's roles
decide what they may do (`casework.permissions`)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from functools import lru_cache

from runtime.errors import UserError

OS_PREFIX = "os:"
ROLES = ("officer", "reviewer", "manager", "admin")


@dataclass(frozen=True)
class Actor:
    """The person acting: `id` is what the history records (an email address, or `os:<user>`)."""

    id: str
    name: str
    roles: frozenset[str]
    registered: bool

    def __str__(self) -> str:
        return self.id


@lru_cache(maxsize=1)
def _email():
    from pydantic import EmailStr, TypeAdapter

    return TypeAdapter(EmailStr)


def identity(email: str, what: str = "email") -> str:
    """A person's identity: their email address, checked, lower-cased (addresses compare that way)."""
    from pydantic import ValidationError

    try:
        _email().validate_python(email)
    except ValidationError as exc:
        why = exc.errors()[0]["msg"].removeprefix("value is not a valid email address: ")
        raise UserError(f"{what} '{email}' is not an email address: {why}") from None
    return email.strip().lower()


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return str(os.getuid())


def unregistered(actor: Actor) -> str | None:
    """What a command that succeeded says when no one was registered to act, or None."""
    if actor.registered:
        return None
    return f"note: no people are registered, so this was recorded as done by {actor.id} (starter.py people add)"


def acting(register, given: str | None) -> Actor:
    """The actor for a command that changes something, from `--as` or FOI_ACTOR (`given`)."""
    if not register.anyone_registered():
        if given:
            raise UserError(
                f"--as {given}: no one is registered yet; leave out --as (and FOI_ACTOR) until "
                "starter.py people add has registered the first person"
            )
        return Actor(OS_PREFIX + os_user(), os_user(), frozenset(), registered=False)
    if not given:
        raise UserError("who is acting? give --as EMAIL (or set FOI_ACTOR): people are registered")
    person = register.person(identity(given, "--as"))
    if person is None:
        raise UserError(f"--as {given}: not a registered person (see starter.py people list)")
    if not person.active:
        raise UserError(f"--as {given}: {person.name} is deactivated and cannot act")
    return Actor(person.email, person.name, frozenset(person.roles), registered=True)
