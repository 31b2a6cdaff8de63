"""Passwords and signing in: the one place a password is hashed or checked.

A password is kept only as its Argon2 hash (`argon2-cffi`, its recommended parameters). Signing in
checks an address and a password and gives the `Actor` the dashboard acts as; after
`FOI_SIGN_IN_ATTEMPTS` failures in a row for one registered address, that address cannot sign in for
`FOI_SIGN_IN_LOCKOUT_MINUTES`, even with the right password. Every attempt is logged (logger
`foi.sign_in`) with the address and the result, never the password. An unknown address is checked
against a dummy hash, so it takes as long as a wrong password and gets the same answer.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from casework.actors import Actor, identity
from runtime.errors import UserError

log = logging.getLogger("foi.sign_in")

PASSWORD_LIMIT = 1000  # characters: Argon2 takes any length, a form field should not
WRONG = "The email address or password is not right"


class SignInRefused(UserError):
    """A sign-in that failed: the one line the sign-in page shows."""


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not anyone's password")


def check_password(password: str, min_length: int) -> str:
    if len(password) < min_length:
        raise UserError(f"password: {len(password)} characters; use at least {min_length}")
    if len(password) > PASSWORD_LIMIT:
        raise UserError(f"password: {len(password)} characters; at most {PASSWORD_LIMIT}")
    return password


def set_password(register, settings, email: str, password: str) -> str:
    """Give a registered, active person a new password (it ends any lock-out); returns the address."""
    email = identity(email)
    person = register.person(email)
    if person is None:
        raise UserError(f"{email} is not a registered person (see starter.py people list)")
    if not person.active:
        raise UserError(f"{email} is deactivated: they cannot sign in")
    register.set_password_hash(email, _hasher().hash(check_password(password, settings.password_min_length)))
    return email


def _utc(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite gives back naive datetimes
        return moment.replace(tzinfo=UTC)
    return moment


def sign_in(register, settings, email: str, password: str, now: datetime) -> Actor:
    """The person signing in, or `SignInRefused` with the line to show."""
    try:
        email = identity(email.strip(), "email")
    except UserError:
        log.info("sign-in refused: not an email address")
        raise SignInRefused(WRONG) from None
    person = register.person(email)
    if person is None or not person.active or not person.password_hash:
        _verify(_dummy_hash(), password)
        log.info("sign-in refused for %s: no active person with a password", email)
        raise SignInRefused(WRONG)
    locked = _utc(person.locked_until)
    if locked and now < locked:
        log.warning("sign-in refused for %s: locked out until %s", email, locked.isoformat())
        raise SignInRefused(f"Too many failed attempts: sign-in for this address is locked until {locked:%H:%M} UTC")
    if not _verify(person.password_hash, password):
        lock_until = now + timedelta(minutes=settings.sign_in_lockout_minutes)
        locked = register.failed_sign_in(email, now, settings.sign_in_attempts, lock_until)
        if locked:
            log.warning("sign-in failed for %s: wrong password; locked out until %s", email, locked.isoformat())
        else:
            log.info("sign-in failed for %s: wrong password", email)
        raise SignInRefused(WRONG)
    register.signed_in(email)
    log.info("signed in: %s", email)
    return Actor(person.email, person.name, frozenset(person.roles), registered=True)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password[:PASSWORD_LIMIT])
    except (VerificationError, InvalidHashError):
        return False


def active_actor(register, email: str, begun: datetime) -> Actor | None:
    """The actor a session begun at `begun` names, while that person is still registered and active
    and has not signed out (or changed password) since."""
    person = register.person(email)
    if person is None or not person.active:
        return None
    ended = _utc(person.sessions_after)
    if ended is not None and begun < ended:
        return None
    return Actor(person.email, person.name, frozenset(person.roles), registered=True)
