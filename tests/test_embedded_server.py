"""The worker owns its embedded Temporal server: it stops when the server dies, and a new worker
replaces a server that a killed worker left behind, saying so."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.processes import Deployment


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped) counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def server_pid(d: Deployment) -> int:
    """The worker's child process running `temporal server start-dev`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if ppid == d.worker.pid and b"start-dev" in args:
            return int(entry.name)
    raise AssertionError("the worker has no embedded server process")


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_a_new_worker_replaces_the_server_a_killed_worker_left_running(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    orphan = None
    try:
        orphan = server_pid(d)
        d.worker.send_signal(signal.SIGKILL)
        d.worker.wait(timeout=30)
        d.log.close()
        assert alive(orphan), "kill -9 of the worker leaves its server running"
        (tmp_path / "worker.log").unlink()  # the next worker's own log
        d.start_worker()
        log = (tmp_path / "worker.log").read_text()
        assert f"replaced the embedded Temporal server (pid {orphan})" in log, log[-2000:]
        wait_for(lambda: not alive(orphan), 30, "the orphan to go")
        assert server_pid(d) != orphan
        assert d.starter("overdue").returncode == 0
    finally:
        if d.worker.poll() is None:
            d.stop_worker()
        if orphan and alive(orphan):
            os.kill(orphan, signal.SIGKILL)
    assert not (tmp_path / ".foi" / "temporal-server.pid").exists()


@pytest.mark.slow
def test_the_worker_stops_with_one_line_when_its_server_dies(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    try:
        os.kill(server_pid(d), signal.SIGKILL)
        code = d.worker.wait(timeout=30)
    finally:
        if d.worker.poll() is None:
            d.stop_worker()
    d.log.close()
    assert code == 1
    errors = [line for line in (tmp_path / "worker.log").read_text().splitlines() if line.startswith("error:")]
    assert errors == ["error: the embedded Temporal server stopped (killed by signal 9); the worker stops too"]


@pytest.mark.slow
def test_stopping_the_worker_prints_none_of_the_servers_shutdown_warnings(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    try:
        assert d.starter("overdue").returncode == 0  # the server has had clients to say goodbye to
        before = (tmp_path / "worker.log").stat().st_size
    finally:
        code = d.stop_worker(signal.SIGINT)  # Ctrl-C
    assert code == 0
    said = (tmp_path / "worker.log").read_bytes()[before:].decode()
    assert "INFO foi.worker: stopping" in said
    assert "level=WARN" not in said, said
    assert (tmp_path / ".foi" / "temporal-server.log").exists()  # the server's own log is kept in full
