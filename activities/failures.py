"""What a failed register write says: a short line naming the operation and the database's own
reason, never the SQL parameters or the database's detail lines (PostgreSQL's DETAIL can quote a
whole row, requester included). The failure stays retryable; Temporal retries it with backoff."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, SQLAlchemyError


class RegisterFailure(Exception):
    """The register refused or could not take a write (locked, down, a constraint)."""


def reason(exc: SQLAlchemyError) -> str:
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    first = (str(cause).splitlines() or [""])[0] if isinstance(exc, DBAPIError) else ""
    return f"{type(cause).__name__}: {first}" if first else type(cause).__name__


@contextmanager
def register_failures(what: str) -> Iterator[None]:
    try:
        yield
    except SQLAlchemyError as exc:
        raise RegisterFailure(f"the register could not {what} ({reason(exc)})") from None
