"""Tables as plain text within a width (80 columns by default): what the command line prints when its
output is not a terminal. Every column keeps its header's width at least; the widest columns give way
first, their cells cut with '…', so each row stays one line. A control character in a cell is shown
escaped (`runtime.errors.one_line`), never written to the terminal."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from runtime.errors import one_line

GAP = "  "
MIN_CUT = 11  # a column is never cut below this (a typical ref, an ISO date)


def _width() -> int:
    try:
        return max(40, int(os.environ.get("COLUMNS", "80")))
    except ValueError:
        return 80


def _fit(widths: list[int], floor: list[int], total: int) -> list[int]:
    widths = list(widths)
    while sum(widths) + len(GAP) * (len(widths) - 1) > total:
        i = max(range(len(widths)), key=lambda k: widths[k] - floor[k])
        if widths[i] <= floor[i]:
            break
        widths[i] -= 1
    return widths


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def plain_table(
    title: str, columns: Sequence[str], rows: Iterable[Sequence], right: Sequence[str] = (), width: int | None = None
) -> str:
    cells = [["" if c is None else one_line(" ".join(str(c).split())) for c in row] for row in rows]
    natural = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(columns)]
    floor = [min(n, max(len(h), MIN_CUT)) for n, h in zip(natural, columns, strict=True)]
    widths = _fit(natural, floor, width or _width())

    def line(values: Sequence[str]) -> str:
        parts = [
            _cut(v, w).rjust(w) if col in right else _cut(v, w).ljust(w)
            for v, w, col in zip(values, widths, columns, strict=True)
        ]
        return GAP.join(parts).rstrip()

    rule = GAP.join("-" * w for w in widths)
    return "\n".join([one_line(title), line(list(columns)), rule, *(line(r) for r in cells)])
