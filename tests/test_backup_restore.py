"""The administrator's guide's backup and restore on one machine, as real processes: the data dir copied
whole with the worker stopped, an event recorded after the backup, the data dir put back, the worker
started again. The case and the register are back at the backup's moment, together, and carry on. Also
the guide's check before an upgrade (the Temporal CLI's count of cases running since a date)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from casework.today import today
from register import Register
from tests.processes import Deployment

TEMPORAL = Path(sys.executable).parent / "temporal"

pytestmark = pytest.mark.slow  # starts processes or a browser (docs/developer.md#what-slow-means)


def running_cases_started_before(d: Deployment, moment: str) -> str:
    """The guide's precondition check, with the deployment's own port."""
    query = f"WorkflowType='Case' AND ExecutionStatus='Running' AND StartTime < '{moment}'"
    out = subprocess.run(
        [str(TEMPORAL), "workflow", "count", "--address", f"127.0.0.1:{d.port}", "--query", query],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def start(d: Deployment) -> None:
    """Start the worker, waiting for this start's own "worker running" (the log file is appended to)."""
    (d.workdir / "worker.log").unlink(missing_ok=True)
    d.start_worker()


def test_a_data_dir_put_back_whole_brings_the_cases_and_the_register_back_together(tmp_path):
    d = Deployment(tmp_path)
    received = (today("Europe/London") - timedelta(days=2)).isoformat()
    answered = today("Europe/London").isoformat()
    start(d)
    try:
        assert d.starter("new", "--ref", "B1", "--regime", "foia", "--received", received).returncode == 0
        assert running_cases_started_before(d, "2000-01-01T00:00:00Z") == "Total: 0"
        assert running_cases_started_before(d, "2100-01-01T00:00:00Z") == "Total: 1"
    finally:
        assert d.stop_worker() == 0
    subprocess.run(["tar", "-czf", "backup.tar.gz", ".foi"], cwd=tmp_path, check=True)  # the guide's command

    start(d)
    try:
        out = d.starter("record", "B1", "responded", "--on", answered, "--outcome", "granted")
        assert out.returncode == 0, out.stderr
        assert d.json("show", "B1")["responded_on"] == answered
    finally:
        assert d.stop_worker() == 0

    shutil.rmtree(tmp_path / ".foi")
    subprocess.run(["tar", "-xzf", "backup.tar.gz"], cwd=tmp_path, check=True)
    start(d)
    try:
        shown = d.json("show", "B1")  # the workflow, from the restored Temporal database
        assert (shown["stage"], shown["responded_on"]) == ("awaiting_response", None)
        register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
        assert register.case_events("B1") == []  # the register agrees: the response is not there
        out = d.starter("record", "B1", "responded", "--on", answered, "--outcome", "granted")
        assert out.returncode == 0, out.stderr  # and the case carries on: recorded again, as event 1
        assert [e.type for e in register.case_events("B1")] == ["responded"]
        assert d.json("show", "B1")["responded_on"] == answered
    finally:
        assert d.stop_worker() == 0
