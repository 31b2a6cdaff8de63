"""How a CSV row's history differs from the history of the case already running under its ref: one line
per difference, saying what to do, so an import that skips a case never hides a disagreement."""

from __future__ import annotations

from rules import Event

DETAILS = ("outcome", "until", "exceptional", "exemptions", "public_interest_test")


def _shown(e: Event) -> str:
    return f"{e.type.value} {e.on.isoformat()}"


def _record_command(ref: str, e: Event) -> str:
    extra = "".join(
        [
            f" --outcome {e.outcome}" if e.outcome else "",
            f" --until {e.until.isoformat()}" if e.until else "",
            " --exceptional" if e.exceptional else "",
            "".join(f" --exemption '{c}'" for c in e.exemptions),
            " --public-interest-test" if e.public_interest_test else "",
        ]
    )
    return f"starter.py record {ref} {e.type.value} --on {e.on.isoformat()}{extra}"


def differences(ref: str, in_csv: list[Event], in_case: list[Event]) -> list[str]:
    """Each way the CSV's events and the case's recorded events disagree (empty when they agree)."""
    csv = {(e.type, e.on): e for e in in_csv}
    case = {(e.type, e.on): e for e in in_case}
    out = []
    for key, e in csv.items():
        if key not in case:
            out.append(f"{ref}: CSV has {_shown(e)}, the case does not; record it with `{_record_command(ref, e)}`")
            continue
        theirs = case[key]
        for detail in DETAILS:
            ours, recorded = getattr(e, detail), getattr(theirs, detail)
            if ours != recorded:
                out.append(f"{ref}: {_shown(e)}: CSV has {detail} {_value(ours)}, the case has {_value(recorded)}")
    for key, e in case.items():
        if key not in csv:
            out.append(f"{ref}: the case has {_shown(e)}, the CSV does not")
    return out


def _value(v) -> str:
    if isinstance(v, tuple):
        return "; ".join(v) if v else "none"
    return "none" if v is None else str(v)
