"""Every benchmark script runs, at a tiny size, as a person runs it (`python bench/X.py ...`), so none can
break unseen. Nothing about speed is asserted: each run proves only that the script still works end to
end against the code as it is now (the servers, the dashboard, the command line) and prints its figures.
The full-size figures are in bench/RESULTS.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
HELPERS = {"__init__.py", "common.py", "empty_workflow.py"}  # imported by the scripts below, not run alone

# script: (tiny arguments, the title it prints, one figure's name it prints)
SCRIPTS = {
    "cli.py": (["1"], "command line start-up (medians)", "calc / bare (goal <= 8)"),
    "commands.py": (["4", "1"], "show, record and new against a worker with 4 open cases", "slowest of show"),
    "engine.py": (["20"], "engine benchmark", "full evaluation of the Home Office case, µs"),
    "evaluate_many.py": (["50"], "re-evaluating 50 open cases", "µs per case"),
    "throughput.py": (["3"], "throughput against Temporal's floor, 3 of each", "cases started and registered"),
    "memory.py": (["3", "0.5"], "worker memory", "worker RSS with 3 open cases waiting on timers, MiB"),
    "history.py": ([], "history size", "history events per full lifecycle"),
    "views.py": (["40", "12", "1"], "Managers' views at 40 open cases (12 overdue)", "case page (a running case"),
    "run.py": (
        ["--tiny", "--sections", "engine,evaluate_many", "--out", "{out}"],
        "engine benchmark",
        "µs per case",
    ),
}


def test_every_script_in_bench_has_a_smoke_test():
    assert {p.name for p in BENCH.glob("*.py")} - HELPERS == set(SCRIPTS)


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_the_benchmark_runs_at_a_tiny_size(script, tmp_path):
    args, title, figure = SCRIPTS[script]
    out = tmp_path / "RESULTS.md"
    run = subprocess.run(
        [sys.executable, str(BENCH / script), *(a.format(out=out) for a in args)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert any(line.startswith(title) for line in lines), run.stdout  # (Temporal's core may log first)
    assert any(line.strip().startswith(figure) for line in lines), run.stdout
    if script == "run.py":
        written = out.read_text()
        assert "## Engine: add 20 working days" in written and "| µs per case |" in written
