"""A real IMAP server on loopback for the intake tests: Debian's Dovecot (`dovecot-imapd`), started with a
throwaway configuration, password file and maildir in a scratch directory, listening on free ports of
127.0.0.1 (plain IMAP, and IMAPS with a self-signed certificate), stopped after. Messages arrive by IMAP
APPEND with the INTERNALDATE the test sets, as a mail server's delivery would record it."""

from __future__ import annotations

import datetime as dt
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.smtp import free_port

USER, PASSWORD = "foi@example.org", "correct horse"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:{root}/mail/%n
first_valid_uid = {uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%n
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""


def self_signed(root: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    import ipaddress

    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    (root / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (root / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


class Dovecot:
    def __init__(self, extra: str = ""):
        self.extra = extra
        """More configuration lines (e.g. a CAPABILITY without IDLE)."""
        self.root = Path(tempfile.mkdtemp(prefix="foi-dovecot-"))
        self.port, self.tls_port = free_port(), free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def cert(self) -> Path:
        return self.root / "cert.pem"

    def start(self) -> None:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        if not Path(binary).exists():
            raise AssertionError("dovecot is not installed: apt-get install -y dovecot-imapd")
        # Dovecot will not keep mail as root: as root it runs as the package's `dovecot` user
        account = pwd.getpwnam("dovecot") if os.geteuid() == 0 else pwd.getpwuid(os.getuid())
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir()
        self_signed(self.root)
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        (self.root / "dovecot.conf").write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                tls_port=self.tls_port,
                uid=account.pw_uid,
                gid=account.pw_gid,
                user=account.pw_name,
                group=account.pw_name if os.geteuid() != 0 else "dovecot",
            )
            + self.extra
        )
        os.chmod(self.root, 0o755)
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid) if os.geteuid() == 0 else None
        self.proc = subprocess.Popen(
            [binary, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"dovecot exited: {self.proc.stderr.read().decode()[-2000:]} {self.log()}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise AssertionError(f"dovecot did not start: {self.log()}")

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text()[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)

    def env(self) -> dict[str, str]:
        """The worker's settings for this mailbox (plain IMAP: loopback only)."""
        return {
            "FOI_INTAKE__IMAP_HOST": "127.0.0.1",
            "FOI_INTAKE__IMAP_PORT": str(self.port),
            "FOI_INTAKE__TLS": "none",
            "FOI_INTAKE__USER": USER,
            "FOI_INTAKE__PASSWORD": PASSWORD,
            "FOI_INTAKE__POLL_SECONDS": "1",
        }

    def client(self) -> imaplib.IMAP4:
        c = imaplib.IMAP4("127.0.0.1", self.port)
        c.login(USER, PASSWORD)
        return c

    def append(self, raw: bytes, arrived: dt.datetime, folder: str = "INBOX") -> None:
        """Deliver a message as the server received it at `arrived` (its INTERNALDATE)."""
        c = self.client()
        try:
            typ, data = c.append(folder, None, imaplib.Time2Internaldate(arrived), raw)
            assert typ == "OK", data
        finally:
            c.logout()

    def count(self, folder: str) -> int:
        c = self.client()
        try:
            typ, data = c.select(f'"{folder}"', readonly=True)
            return int(data[0]) if typ == "OK" else 0
        finally:
            c.logout()
