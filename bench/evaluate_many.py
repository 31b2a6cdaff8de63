"""Re-evaluating 100,000 open cases, as the dashboard does: a realistic mix of regimes and histories.

python bench/evaluate_many.py
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Stopwatch, show  # noqa: E402
from rules import Case, Event, Regime, evaluate  # noqa: E402
from rules.bank_holidays import calendar_for  # noqa: E402

N = 100_000


def make_cases(n: int, today: date) -> list[Case]:
    rng = random.Random(42)
    cases = []
    for _ in range(n):
        regime = rng.choice(["foia", "foia", "foia", "eir", "foisa", "sar"])
        received = today - timedelta(days=rng.randrange(0, 120))
        events, day = [], received
        shape = rng.random()
        if shape < 0.15:
            day += timedelta(days=rng.randrange(1, 5))
            events.append(Event(type="clarification_requested", on=day))
            day += timedelta(days=rng.randrange(1, 10))
            events.append(Event(type="clarification_received", on=day))
        elif shape < 0.25 and regime != "eir":
            day += timedelta(days=rng.randrange(1, 5))
            events.append(Event(type="fee_notice_issued", on=day))
            day += timedelta(days=rng.randrange(1, 10))
            events.append(Event(type="fee_paid", on=day))
        if shape > 0.6 and regime != "sar":
            day += timedelta(days=rng.randrange(5, 25))
            events.append(Event(type="responded", on=min(day, today), outcome="granted"))
            if shape > 0.8:
                day = min(day + timedelta(days=rng.randrange(1, 20)), today)
                events.append(Event(type="review_requested", on=day))
        cases.append(Case(regime=regime, received=received, events=[e for e in events if e.on <= today]))
    return cases


def main() -> list[tuple[str, float]]:
    today = date(2026, 11, 24)
    calendars = {r: calendar_for(r, 2024, 2028) for r in Regime}
    cases = make_cases(N, today)
    with Stopwatch() as sw:
        overdue = sum(evaluate(c, calendars[c.regime], today).overdue for c in cases)
    rows = [
        ("cases re-evaluated", float(N)),
        ("total seconds", sw.seconds),
        ("µs per case", sw.seconds / N * 1e6),
        ("cases per second", N / sw.seconds),
        ("overdue among them", float(overdue)),
    ]
    return show(f"re-evaluating {N:,} open cases", rows)


if __name__ == "__main__":
    main()
