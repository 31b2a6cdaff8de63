"""Run every benchmark and write bench/RESULTS.md (figures, the machine, and what limits each figure).

    python bench/run.py [--tiny] [--out FILE] [--sections engine,views,...]

At full size it takes several minutes (the 10,000-case memory run dominates) and is not part of the test
suite; `--tiny` runs each benchmark at the size its smoke test uses (tests/test_bench_smoke.py), to check
that every script still runs, and its figures mean nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import engine, evaluate_many, history, memory, throughput, views  # noqa: E402

LIMITS = {
    "engine": "Pure Python; one bisect-based rank and inverse per call, no loop over days. numpy is faster only "
    "when vectorised over arrays of dates; one date at a time the two are level, and workalendar walks day by day.",
    "evaluate_many": "One core, the GIL: about ten working-day operations per case plus building the pydantic "
    "Evaluation. Re-evaluating a whole authority's caseload takes about a second.",
    "throughput": "The dev server on SQLite takes 60-80% of the 2 cores, the worker and client the rest. An empty "
    "workflow is one workflow task; a case start is one task too, its calendar load and register write running "
    "as local activities inside it; a back-dated case adds one scheduled activity (the alarm's delivery).",
    "memory": "The worker caches up to 1,000 workflows (the SDK default); cases beyond that are evicted and "
    "replayed when their timer fires, so RSS is bounded by the cache, not by the number of open cases.",
    "views": "Cases seeded straight into the register, not through workflows. Each list is one indexed SQL query "
    "plus a count by officer; working days over or left are counted for the rows shown. `overdue --json` and `calc` "
    "are whole processes, mostly Python start-up and imports (pydantic, SQLAlchemy for overdue, holidays for calc).",
    "history": "Each alarm is a timer, a workflow task and an activity; the calendar for five years travels "
    "once as an (encrypted) activity result.",
}


# Each benchmark at the size of its smoke test (tests/test_bench_smoke.py): it runs, it proves nothing.
TINY = {
    "engine": lambda: engine.main(20),
    "evaluate_many": lambda: evaluate_many.main(50),
    "throughput": lambda: throughput.main(3),
    "memory": lambda: memory.main(3, 0.5),
    "history": history.main,
    "views": lambda: views.main(40, 12, 1),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="run the benchmarks and write their figures as Markdown")
    parser.add_argument("--tiny", action="store_true", help="each benchmark at its smoke test's size")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    parser.add_argument("--sections", help="comma-separated, e.g. engine,evaluate_many (default: all)")
    args = parser.parse_args(argv)
    sections = [
        ("engine", "Engine: add 20 working days, one case evaluation", engine.main),
        ("evaluate_many", "Re-evaluating 100,000 open cases (the dashboard's work)", evaluate_many.main),
        (
            "throughput",
            "Throughput against Temporal's floor: empty workflows, case starts and an alarm storm in one run",
            throughput.main,
        ),
        ("memory", "Worker memory with 10,000 open cases waiting on timers", memory.main),
        ("history", "History size of a full lifecycle", history.main),
        ("views", "Managers' views at 10,000 open cases (3,000 overdue), default SQLite register", views.main),
    ]
    if args.sections:
        wanted = args.sections.split(",")
        unknown = set(wanted) - {key for key, _, _ in sections}
        if unknown:
            parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
        sections = [s for s in sections if s[0] in wanted]
    if args.tiny:
        sections = [(key, f"{title} (tiny: a smoke test, not a measurement)", TINY[key]) for key, title, _ in sections]
    out = [
        "# Benchmark results",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python {' '.join(['bench/run.py', *sys.argv[1:]])}` "
        f"on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.machine()}.",
        "",
    ]
    for key, title, fn in sections:
        rows = fn()
        out += [f"## {title}", "", "| measure | value |", "|---|---:|"]
        out += [f"| {name} | {value:,.2f} |" for name, value in rows]
        out += ["", f"What limits it: {LIMITS[key]}", ""]
    args.out.write_text("\n".join(out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
    from runtime.shutdown import exit_now

    exit_now(0)  # no interpreter teardown: temporalio's threads can crash it after the work is done
