"""A quarter's statistics as the report and the Statistics page give them: the government's categories
(`reports.quarterly`) then exemptions and timeliness split FOI/EIR and subject access
(`reports.exemptions`), then clearance (`reports.clearance`), as rows, CSV or JSON. A value is a count, or
a percentage where the measure says so (none when there is nothing to divide by)."""

from __future__ import annotations

import csv
import io
from datetime import date

from register import Register
from reports.clearance import clearance_figures
from reports.exemptions import exemption_figures, requests_received
from reports.quarterly import Quarter, evaluations, quarter_figures

Row = tuple[str, str, int | float | None]


def figures(register: Register, policy, as_of: date, quarter: Quarter) -> list[Row]:
    rows: list[Row] = list(quarter_figures(evaluations(register, policy, as_of), quarter))
    rows += exemption_figures(requests_received(register, policy, as_of, quarter), quarter)
    return rows + clearance_figures(register, policy, as_of, quarter)


def is_percentage(measure: str) -> bool:
    return measure.startswith("percentage")


def shown(measure: str, value: int | float | None) -> str:
    """A value as a person reads it: 12, 66.7%, or — when there is nothing to divide by."""
    if value is None:
        return "—"
    return f"{value}%" if is_percentage(measure) else str(value)


def as_json(quarter: Quarter, rows: list[Row]) -> dict:
    return {
        "quarter": str(quarter),
        "first": quarter.first.isoformat(),
        "last": quarter.last.isoformat(),
        "figures": [{"section": s, "measure": m, ("percent" if is_percentage(m) else "count"): v} for s, m, v in rows],
    }


def as_csv(quarter: Quarter, rows: list[Row]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["quarter", "section", "measure", "value"])
    w.writerows((str(quarter), s, m, "" if v is None else v) for s, m, v in rows)
    return out.getvalue()
