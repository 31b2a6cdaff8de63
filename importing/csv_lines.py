"""Reading a spreadsheet export (CSV) so that every physical line is accounted for.

Each record comes with the physical lines it was read from. A record whose value ran over several
lines (a quote opened and closed on a later line, or never closed) is not a row but an error naming
those lines: in a case list it is nearly always an unclosed quote that swallowed the rows below it.
Blank lines are skipped. A UTF-8 byte order mark (Excel's "CSV UTF-8") is dropped; a header naming a
column twice is refused; a row with more values than the header has columns is an error.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from runtime.errors import UserError


@dataclass(frozen=True)
class Record:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class Rows:
    header: list[str]
    records: list[Record]
    errors: list[tuple[int, str]]  # (first line, message)


def lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _values(reader):
    """The reader's rows; a value longer than the csv module allows (131,072 characters) is one line
    naming where, not a crash."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UserError(f"line {reader.line_num}: {exc}") from None


def read_rows(text: str) -> Rows:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [name.strip() for name in next(_values(reader), [])]
    seen: dict[str, int] = {}
    for number, name in enumerate(header, 1):
        if name in seen:
            raise UserError(f"column '{name}' appears twice (columns {seen[name]} and {number})")
        seen[name] = number
    records, errors = [], []
    done = reader.line_num
    for values in _values(reader):
        first, last = done + 1, reader.line_num
        done = last
        if any("\n" in v or "\r" in v for v in values):
            if last > first:
                message = f"a quoted value runs over {last - first + 1} lines (an unclosed quote?)"
            else:
                message = "a quote is not closed before the end of the file"
            these = "this line" if first == last else "these lines"
            errors.append((first, f"{lines(first, last)}: {message}; nothing starts from {these}"))
        elif not any(v.strip() for v in values):
            continue  # a blank line
        elif len(values) > len(header):
            errors.append((first, f"line {first}: {len(values)} values but the header has {len(header)} columns"))
        else:
            records.append(Record(first, dict(zip(header, values, strict=False))))
    return Rows(header, records, errors)
