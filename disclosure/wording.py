"""How the public site words a response's outcome and shows its values: one place for each."""

from __future__ import annotations

from datetime import UTC, datetime

OUTCOMES = {
    "granted": "Information provided in full",
    "part_withheld": "Information provided in part",
    "withheld": "Information withheld",
    "not_held": "Information not held",
    "ncnd": "Neither confirmed nor denied",
    "refused_cost": "Refused: over the cost limit",
    "refused_vexatious": "Refused: vexatious",
    "refused_repeated": "Refused: a repeated request",
}
REGIMES = {"foia": "FOI Act 2000", "eir": "EIR 2004", "foisa": "FOI (Scotland) Act 2002", "eisr": "EI(S)R 2004"}
DOCUMENTS = {"pdf": "PDF", "docx": "Word", "doc": "Word 97-2003"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def outcome(value: str | None) -> str:
    return OUTCOMES.get(value or "", (value or "").replace("_", " "))


def regime(value: str) -> str:
    return REGIMES.get(value, value.upper())


def size(n: int | None) -> str:
    if not n:
        return ""
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 else f"{n / (1024 * 1024):,.1f} MB"


def spreadsheet_cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def instant(moment: datetime) -> str:
    """An RFC 3339 time (the Atom feed's): SQLite gives back the stored UTC time without its zone."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()
