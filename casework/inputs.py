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


def parse_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{what}: '{text}' is not a date (YYYY-MM-DD)") from None
