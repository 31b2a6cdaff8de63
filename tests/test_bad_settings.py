"""A setting that cannot be used stops the worker and every staff command with one line naming the
variable, exit status 2, before anything is created."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.processes import ROOT


@pytest.mark.slow
@pytest.mark.parametrize(
    "variable, value, says",
    [
        ("FOI_DEFAULT_MANAGER", "boss", "setting FOI_DEFAULT_MANAGER: value is not a valid email address"),
        ("FOI_ALARMS__AT", "25:00", "setting FOI_ALARMS__AT: Input should be in a valid time format"),
        ("FOI_ALARMS__MANAGER_DELIVERY", "weekly", "setting FOI_ALARMS__MANAGER_DELIVERY: Input should be"),
    ],
)
@pytest.mark.parametrize("program", [["worker.py"], ["starter.py", "overdue"]])
def test_a_bad_setting_is_one_line_and_status_2(tmp_path, program, variable, value, says):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOI_", "TEMPORAL_"))}
    out = subprocess.run(
        [sys.executable, str(ROOT / program[0]), *program[1:]],
        cwd=tmp_path,
        env={**env, variable: value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith(f"error: {says}") and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert list(tmp_path.iterdir()) == []  # no data dir, no server started


@pytest.mark.slow
def test_plain_imap_to_a_remote_mailbox_stops_the_worker_with_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOI_", "TEMPORAL_"))}
    env.update(FOI_INTAKE__IMAP_HOST="mail.example.org", FOI_INTAKE__TLS="none")
    out = subprocess.run(
        [sys.executable, str(ROOT / "worker.py")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert (out.returncode, out.stderr) == (
        2,
        "error: setting FOI_INTAKE: Value error, FOI_INTAKE__TLS=none is allowed only to a loopback address, "
        "not mail.example.org\n",
    )
    assert list(tmp_path.iterdir()) == []
