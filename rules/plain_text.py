"""Text a person typed: the one check that refuses control characters, wherever text enters.

A NUL byte cannot be stored by PostgreSQL (the case was started but never reached the register), an
escape sequence retitles or clears the terminal that shows it, a vertical tab or form feed corrupts a
letter. So every value a person gives (command-line options, CSV cells, JSON strings, the dashboard's
query strings and forms) passes `refuse_control` first, or is typed `PlainLine` / `PlainText` in a
pydantic model: C0 controls (U+0000-U+001F), DEL and the C1 controls (U+0080-U+009F, which some
terminals read as escapes) are refused with one line naming the field. Only `PlainText` (free text
over several lines, such as a reason or a note) allows tab and newline.

It sits with the rules because every floor above uses it; it knows nothing of where the text came from.
"""

from __future__ import annotations

import re
from typing import Annotated

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class ControlCharacterError(ValueError):
    """A value holding a control character: one line naming the field and the character."""


def control_character(value: str, multiline: bool = False) -> str | None:
    """The first control character in `value` as `U+XXXX`, or None (tab and newline allowed if `multiline`)."""
    found = (_CONTROL_BUT_LAYOUT if multiline else _CONTROL).search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def refuse_control(value: str, field: str, multiline: bool = False) -> str:
    """`value` unchanged, or `ControlCharacterError` naming `field` and the first control character."""
    bad = control_character(value, multiline)
    if bad:
        allowed = "; only tab and newline may be used" if multiline else ""
        raise ControlCharacterError(f"{field}: contains the control character {bad}, which is not allowed{allowed}")
    return value


def refuse_control_within(data, where: str) -> None:
    """Every string (keys too) in parsed JSON `data`, named by its path from `where` (e.g. `--events[0].outcome`)."""
    if isinstance(data, str):
        refuse_control(data, where)
    elif isinstance(data, dict):
        for key, value in data.items():
            refuse_control(str(key), f"{where} key")
            refuse_control_within(value, f"{where}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            refuse_control_within(value, f"{where}[{i}]")


def _line(value: str) -> str:
    bad = control_character(value)
    if bad:
        raise ValueError(f"contains the control character {bad}, which is not allowed")
    return value


def _text(value: str) -> str:
    bad = control_character(value, multiline=True)
    if bad:
        raise ValueError(f"contains the control character {bad}, which is not allowed; only tab and newline may be")
    return value


def __getattr__(name: str):
    """`PlainLine`: a one-line value with no control character at all (a name, a subject, a ref, an
    address). `PlainText`: free text that may run over several lines, tab and newline allowed, no other
    control character. Both are pydantic types, made on first use so that the command line's parser,
    which checks every argument with `control_character`, does not load pydantic for `--help`."""
    if name not in ("PlainLine", "PlainText"):
        raise AttributeError(f"module 'rules.plain_text' has no attribute {name!r}")
    from pydantic import AfterValidator

    value = Annotated[str, AfterValidator(_line if name == "PlainLine" else _text)]
    globals()[name] = value
    return value
