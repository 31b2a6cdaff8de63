"""How quickly the command line answers: `--help` of every command and one `calc`, each as a whole
process, against the interpreter's bare start-up (`python -c pass`) on the same machine in the same run.
The goals (issue 24): every `--help` within 3x the bare start-up, `calc` within 8x. Each figure is the
median of RUNS runs, the commands taking turns so that a busy moment falls on all of them alike.

    python bench/cli.py [RUNS]    (default 21; the test suite runs 1)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import show  # noqa: E402

COMMANDS = ("calc", "new", "record", "show", "overdue", "alerts", "digest", "holiday", "report", "import")
COMMANDS += ("dashboard", "letter")
HOME_OFFICE = ROOT / "examples" / "home-office-63509.json"


def seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True)
    took = time.perf_counter() - start
    assert done.returncode == 0, (argv, done.stderr.decode()[-500:])
    return took


def main(runs: int = 21) -> list[tuple[str, float]]:
    probes = {"python -c pass": ["-c", "pass"], "starter.py --help": ["starter.py", "--help"]}
    probes |= {f"{c} --help": ["starter.py", c, "--help"] for c in COMMANDS}
    probes["calc (the Home Office case)"] = ["starter.py", "calc", str(HOME_OFFICE)]
    times: dict[str, list[float]] = {name: [] for name in probes}
    for _ in range(runs):
        for name, argv in probes.items():
            times[name].append(seconds(argv))
    median = {name: statistics.median(t) for name, t in times.items()}
    bare = median["python -c pass"]
    rows = [("python -c pass, ms", bare * 1000)]
    helps = [name for name in probes if name.endswith("--help")]
    for name in helps:
        rows.append((f"{name}, ms ", median[name] * 1000))
        rows.append((f"{name} / bare", median[name] / bare))
    rows.append(("slowest --help / bare (goal <= 3)", max(median[n] for n in helps) / bare))
    calc = median["calc (the Home Office case)"]
    rows.append(("calc (the Home Office case), ms", calc * 1000))
    rows.append(("calc / bare (goal <= 8)", calc / bare))
    return rows


if __name__ == "__main__":
    show("command line start-up (medians)", main(int(sys.argv[1]) if len(sys.argv) > 1 else 21))
