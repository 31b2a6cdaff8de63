"""The official returns, made from the register for a quarter: the Cabinet Office's FOI and EIR return
(`cabinet_office`), the figures the s45 Code of Practice asks an authority to publish (`s45`) and the
Scottish Information Commissioner's statistics (`sic`); `writers` writes any of them as CSV, JSON, .xlsx
or an HTML page. docs/law.md ("Reporting") defines every line; docs/returns.md says how to make them."""

from __future__ import annotations

from datetime import date

from runtime.errors import UserError

NAMES = ("cabinet-office", "s45", "sic")
FORMATS = ("csv", "xlsx", "json")


def check_name(name: str) -> str:
    if name not in NAMES:
        raise UserError(f"unknown return '{name}': choose one of {', '.join(NAMES)}")
    return name


def quarter_for_return(text: str, today: date):
    """A quarter written like 2026Q3 that has begun by `today`: a return for a quarter not yet started
    would count nothing, so it is refused as out of range rather than made empty."""
    from reports.quarterly import Quarter

    quarter = Quarter.parse(text)
    if quarter.first > today:
        raise UserError(f"quarter '{text}' is out of range: it has not begun (today is {today.isoformat()})")
    return quarter


def make(name: str, register, policy, as_of: date, quarter, *, s45_includes_eir: bool = False):
    """Return `name` for `quarter`, the register read and evaluated as of `as_of` (`s45_includes_eir`: the
    setting of that name)."""
    from reports.returns import cabinet_office, s45, sic
    from reports.returns.requests import requests

    check_name(name)
    everything = requests(register, policy, as_of)
    if name == "s45":
        return s45.build(everything, quarter, as_of, include_eir=s45_includes_eir)
    return {"cabinet-office": cabinet_office.build, "sic": sic.build}[name](everything, quarter, as_of)
