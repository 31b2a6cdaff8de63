"""Reading what a person typed or pointed at: a file or stdin, a date. Mistakes are `UserError`s."""

from __future__ import annotations

import json
import sys
from datetime import date

from rules.plain_text import ControlCharacterError, refuse_control_within
from runtime.errors import UserError


def read_input(path: str) -> str:
    if path == "-":
        try:
            return sys.stdin.read()
        except UnicodeDecodeError:
            raise UserError("cannot read stdin: not UTF-8 text (save it as UTF-8)") from None
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:  # before ValueError, which it is
        raise UserError(f"cannot read {path}: not UTF-8 text (save it as UTF-8)") from None
    except ValueError:  # a path with a NUL byte
        raise UserError(f"cannot read {path!r}: not a valid file name") from None


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


def parse_json(text: str, where: str):
    """JSON a person gave (`--events`, `calc`), every string in it free of control characters."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{where}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise UserError(f"{where}: JSON nested too deeply") from None
    try:
        refuse_control_within(data, where)
    except ControlCharacterError as exc:
        raise UserError(str(exc)) from None
    except RecursionError:
        raise UserError(f"{where}: JSON nested too deeply") from None
    return data
