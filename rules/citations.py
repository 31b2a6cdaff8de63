"""How a person's spelling of a legal citation becomes the one the project stores and counts.

`Section 31(1)(a)`, `s 31 (1)(a)` and `S31(1)(A)` are all `s31(1)(a)`; `Regulation 12(5)(b)` and
`reg 12(5)(b)` are `reg12(5)(b)`; `Sch 2 para 5` and `Schedule 2 paragraph 5` are `sch2-para5`.
Whether the citation exists is `rules.exemptions`' question, not this module's.
"""

from __future__ import annotations

import re

_WORDS = [
    (re.compile(r"^(section|sect\.?|s\.)"), "s"),
    (re.compile(r"^(regulation|regs?\.?|r\.?(?=\d))"), "reg"),
    (re.compile(r"^(schedule|sched\.?)"), "sch"),
    (re.compile(r"(paragraph|para\.?|p\.?)(?=\d)"), "para"),
]


def normalise(text: str) -> str:
    """The canonical spelling of a citation a person typed (not yet checked)."""
    c = re.sub(r"\s+", "", str(text).strip().lower())
    for pattern, word in _WORDS:
        c = pattern.sub(word, c)
    return re.sub(r"^sch(\d)-?para", r"sch\1-para", c)
