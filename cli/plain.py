"""Tables as plain text: what the command line prints when its output is not a terminal (a pipe, a file,
another program). Every value is printed whole, however long, on one line of its row; columns are
aligned to their widest cell, so `| cut`, `| grep` and `| sort` see each value as it is. A control
character in a cell is shown escaped (`runtime.errors.one_line`), never written to the terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from runtime.errors import one_line

GAP = "  "


def plain_table(title: str, columns: Sequence[str], rows: Iterable[Sequence], right: Sequence[str] = ()) -> str:
    cells = [["" if c is None else one_line(" ".join(str(c).split())) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if col in right else v.ljust(w) for v, w, col in zip(values, widths, columns, strict=True)]
        return GAP.join(parts).rstrip()

    rule = GAP.join("-" * w for w in widths)
    return "\n".join([one_line(title), line(list(columns)), rule, *(line(r) for r in cells)])


def plain_pairs(title: str, pairs: Sequence[tuple[str, str]]) -> str:
    """A record as plain text: its title, then one `name  value` line a field, every value whole."""
    width = max((len(k) for k, _ in pairs), default=0)
    return "\n".join([one_line(title), *(f"{k.ljust(width)}{GAP}{one_line(' '.join(v.split()))}" for k, v in pairs)])
