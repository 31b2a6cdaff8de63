"""Letters to requesters, written into the authority's own Word templates (`docxtpl`).

`letters.compose.letter(settings, ref, kind)` returns a `.docx`: the case comes from the register,
every date from `rules.evaluate` on the case's history up to the event the letter is about, and the
wording from a template (`letters/templates/<kind>.docx`, or the authority's own in the folder set by
`FOI_LETTER_TEMPLATES`). The placeholders each template may use are in `letters.content`. The names
below are loaded when first used (PEP 562), so `letters.kinds` imports without the engine.
"""

from __future__ import annotations

import importlib

_HOMES = {"KINDS": "letters.kinds", "LetterRefused": "letters.content", "available": "letters.content"}

__all__ = sorted([*_HOMES, "file_name"])


def file_name(ref: str, kind: str) -> str:
    """A letter's default file name, one per ref: a '/' (and anything else a file name cannot hold) is
    %-escaped, so `a/b` and `a_b` never write the same file."""
    from urllib.parse import quote

    return f"{quote(ref, safe='')}-{kind}.docx"


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'letters' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
