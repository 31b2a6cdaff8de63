"""A worker uses only a Temporal dev server it started for its own data dir: a port already taken (another
deployment's server) or a live worker on the same data dir stops it with one line, touching nothing; the
embedded web UI is off unless asked for; the data dir and the files made there are the owner's only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from register import Register
from register.private import UnsafeDataDir, write_private
from runtime.connection import answers
from tests.processes import ROOT, STARTED, Deployment
from tests.test_embedded_server import alive, server_pid


def run_worker(d: Deployment, timeout: float = 60) -> subprocess.CompletedProcess:
    """A worker expected to stop by itself: its exit status and output."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "worker.py")],
        cwd=d.workdir,
        env=d.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    STARTED.append(proc)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("error:")]


@pytest.mark.slow
def test_a_worker_never_joins_another_deployments_server(tmp_path, server):
    other = tmp_path / "b"
    other.mkdir()
    d = Deployment(other)
    d.env["FOI_DEV_SERVER_PORT"] = str(server.port)
    done = run_worker(d)
    assert done.returncode == 1
    assert errors(done.stderr) == [
        f"error: port {server.port} (FOI_DEV_SERVER_PORT) is already in use by another program, perhaps another "
        "deployment's Temporal server; set FOI_DEV_SERVER_PORT to a free port, or TEMPORAL_ADDRESS to join a "
        "server on purpose"
    ]
    assert "worker running" not in done.stderr
    assert not (other / ".foi" / "temporal-server.pid").exists()


@pytest.mark.slow
def test_a_second_worker_on_the_same_data_dir_leaves_the_live_one_alone(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    try:
        live_server = server_pid(d)
        assert not answers(f"127.0.0.1:{d.ui_port}"), "the web UI starts only when FOI_DEV_SERVER_UI is set"
        second = Deployment(tmp_path)  # same data dir, its own free ports
        done = run_worker(second)
        assert done.returncode == 1
        assert errors(done.stderr) == [
            f"error: another worker (pid {d.worker.pid}) is running on the data dir {tmp_path / '.foi'}; "
            "stop it first, or give this one its own FOI_DATA_DIR and FOI_DEV_SERVER_PORT"
        ]
        assert alive(live_server) and d.worker.poll() is None
        assert d.starter("overdue").returncode == 0
    finally:
        assert d.stop_worker() == 0


@pytest.mark.slow
def test_a_data_dir_others_may_write_to_is_refused(tmp_path):
    data = tmp_path / ".foi"
    data.mkdir()
    data.chmod(0o777)
    d = Deployment(tmp_path)
    done = run_worker(d)
    assert done.returncode == 1
    assert errors(done.stderr) == ["error: the data dir .foi is writable by other users (mode 0777): chmod 700 .foi"]
    listed = d.starter("overdue")
    assert listed.returncode == 1
    assert listed.stderr.splitlines() == [errors(done.stderr)[0]]
    assert list(data.iterdir()) == []


def test_the_register_file_is_the_owners_only(tmp_path):
    old = os.umask(0o022)
    try:
        Register(f"sqlite:///{tmp_path / 'data' / 'register.db'}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "data" / "register.db").stat().st_mode) == 0o600


def test_a_planted_symlink_is_never_written_through(tmp_path):
    target = tmp_path / "precious"
    target.write_text("keep me")
    (tmp_path / "temporal-server.pid").symlink_to(target)
    with pytest.raises(OSError):
        write_private(tmp_path / "temporal-server.pid", "123\n")
    assert target.read_text() == "keep me"
    (tmp_path / "data").mkdir(mode=0o700)
    (tmp_path / "data" / "register.db").symlink_to(target)
    with pytest.raises(UnsafeDataDir):
        Register(f"sqlite:///{tmp_path / 'data' / 'register.db'}")
    assert target.read_text() == "keep me"
