"""Errors a person can cause or fix, each ending a command with one line and a known exit status."""


class UserError(Exception):
    """Bad input: one line on stderr, exit status 2, nothing recorded."""

    exit_code = 2


class Unavailable(Exception):
    """A component the command needs is not running (Temporal, the register): exit status 1."""

    exit_code = 1


def one_line_validation_error(exc) -> str:
    """The first problem of a pydantic ValidationError, as `where: what`."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "input"
    given = err.get("input")
    shown = f" (got {given!r})" if isinstance(given, str | int | float) and len(repr(given)) < 60 else ""
    return f"{where}: {err['msg']}{shown}"


def one_line(text: str) -> str:
    """The message with control characters escaped, so what a person typed cannot break it in two."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
