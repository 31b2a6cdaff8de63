"""Reading what a person typed or pointed at: a file or stdin, a date. Mistakes are `UserError`s."""

from __future__ import annotations

import sys
from datetime import date

from runtime.errors import UserError


def read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    except ValueError:  # a path with a NUL byte
        raise UserError(f"cannot read {path!r}: not a valid file name") from None
    except UnicodeDecodeError:
        raise UserError(f"cannot read {path}: not UTF-8 text") from None


# The dates a case can mention: the information-rights Acts took effect from 2000 (DPA 1998, in force
# March 2000; FOIA 2000); the holiday data and date arithmetic need a bounded span of years.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def parse_date(text: str, what: str) -> date:
    try:
        return in_range(date.fromisoformat(text.strip()), what)
    except ValueError:
        raise UserError(f"{what}: '{text}' is not a date (YYYY-MM-DD)") from None


def in_range(day: date, what: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise UserError(f"{what}: {day} is out of range (dates from {EARLIEST} to {LATEST})")
    return day
