"""Exemptions applied and the share answered in time, split FOI/EIR and subject access, on a hand-built
quarter (2021Q1) in a real register, through `starter.py report` as a person runs it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from register import Register
from rules import Event

ROOT = Path(__file__).resolve().parent.parent
D = date.fromisoformat
# ref: (regime, received, [(event, on, outcome, exemptions)]); expected values worked by hand below
QUARTER = {
    # the Home Office case: received 31 March, answered 21 April on working day 13 (in time)
    "63509": ("foia", "2021-03-31", [("responded", "2021-04-21", "part_withheld", ["s31(1)(a)", "s31(3)", "s40(2)"])]),
    # due Tue 16 Mar 2021 (20 working days from Tue 16 Feb), answered on day 1: in time
    "F3": ("foia", "2021-02-16", [("responded", "2021-02-17", "withheld", ["s40(2)"])]),
    # EIR received Mon 1 Feb 2021, due Mon 1 Mar; answered 30 March: late
    "E1": ("eir", "2021-02-01", [("responded", "2021-03-30", "part_withheld", ["reg12(5)(a)", "reg13"])]),
    # FOISA received Mon 11 Jan 2021, answered 20 Jan: in time
    "S38": ("foisa", "2021-01-11", [("responded", "2021-01-20", "part_withheld", ["s38(1)(b)"])]),
    # withdrawn: not resolvable, not counted in the percentage
    "W": ("foia", "2021-02-20", [("withdrawn", "2021-03-01", None, [])]),
    # subject access received Tue 5 Jan 2021, due Fri 5 Feb; answered 20 Jan: in time
    "SAR1": ("sar", "2021-01-05", [("responded", "2021-01-20", "part_withheld", ["sch2-para2"])]),
    # subject access received Mon 1 Mar 2021, due Thu 1 Apr; answered 15 April: late
    "SAR2": ("sar", "2021-03-01", [("responded", "2021-04-15", "granted", [])]),
    # received in 2021Q2: its s31 is not 2021Q1's
    "J": ("foia", "2021-04-06", [("responded", "2021-04-20", "withheld", ["s31(1)(a)"])]),
}


@pytest.fixture
def data_dir(tmp_path) -> Path:
    register = Register(f"sqlite:///{tmp_path / 'register.db'}")
    for ref, (regime, received, events) in QUARTER.items():
        register.upsert_case(ref=ref, regime=regime, received=D(received), workflow_id=f"foi-{ref}", stage="x")
        for seq, (kind, on, outcome, cited) in enumerate(events):
            register.record_event(ref, seq, Event(type=kind, on=D(on), outcome=outcome, exemptions=cited))
    return tmp_path


def report(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOI_", "TEMPORAL_"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "starter.py"), "report", *args],
        env={**env, "FOI_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_the_quarter_in_json(data_dir):
    out = report(data_dir, "--quarter", "2021Q1", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["quarter"] == "2021Q1"
    figures = {(f["section"], f["measure"]): f.get("count", f.get("percent")) for f in data["figures"]}
    applied = {m: n for (s, m), n in figures.items() if s == "FOI/EIR exemptions applied"}
    assert applied == {"FOIA s40": 2, "FOIA s31": 1, "EIR reg12(5)(a)": 1, "EIR reg13": 1, "FOISA s38": 1}
    assert {m: n for (s, m), n in figures.items() if s == "SAR exemptions applied"} == {"SAR sch2-para2": 1}
    assert figures[("FOI/EIR timeliness", "resolvable requests")] == 4  # 63509 F3 E1 S38
    assert figures[("FOI/EIR timeliness", "percentage answered in time")] == 75.0  # all but E1
    assert figures[("SAR timeliness", "percentage answered in time")] == 50.0  # SAR1, not SAR2
    assert figures[("requests", "received")] == 7  # the government's categories are still there
    percent = next(f for f in data["figures"] if f["measure"] == "percentage answered in time")
    assert "count" not in percent


@pytest.mark.slow
def test_csv_and_the_current_quarter_by_default(data_dir):
    out = report(data_dir, "--quarter", "2021Q1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {"quarter": "2021Q1", "section": "FOI/EIR exemptions applied", "measure": "FOIA s40", "value": "2"} in rows
    now = report(data_dir, "--format", "json")
    today = date.today()
    assert json.loads(now.stdout)["quarter"] == f"{today.year}Q{(today.month - 1) // 3 + 1}"
    assert json.loads(now.stdout)["figures"][0] == {"section": "requests", "measure": "received", "count": 0}


@pytest.mark.slow
def test_a_bad_quarter_is_one_line_and_status_2(data_dir):
    out = report(data_dir, "--quarter", "2021Q5")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "like 2021Q2" in out.stderr
