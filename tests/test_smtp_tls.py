"""SMTP with STARTTLS or implicit TLS and a login, against a real aiosmtpd server on loopback with a
certificate made for the test: the certificate is verified (a server the CA did not sign is refused),
the login happens only over TLS, and the message arrives."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from activities.emails import Mail
from activities.mail import transport_for
from settings import Settings
from tests.smtp import Inbox, free_port

USER, PASSWORD = "foi-sender", "s3cret"


def make_certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1: (certificate, key) files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok)


def test_starttls_and_login_deliver_and_a_server_the_ca_did_not_sign_is_refused(tmp_path):
    cert_file, key_file = make_certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_file, key_file)
    port, inbox = free_port(), Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_required=True,
        tls_context=server_tls,
        require_starttls=True,
    )
    controller.start()
    try:
        settings = Settings(
            data_dir=tmp_path,
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_security="starttls",
            smtp_user=USER,
            smtp_password=PASSWORD,
            smtp_ca_file=cert_file,
        )
        transport_for(settings).send(
            "manager@example.org", Mail("[T1] test", "body", "<p>body</p>"), "<t1@foi-deadlines>"
        )
        untrusted = transport_for(settings.model_copy(update={"smtp_ca_file": None}))
        with pytest.raises(ssl.SSLCertVerificationError):  # the system's CAs never signed this server: retried
            untrusted.send("manager@example.org", Mail("[T1] again", "body", "<p>body</p>"), "<t2@foi-deadlines>")
    finally:
        controller.stop()
    assert [(rcpts, m["Subject"]) for rcpts, m in inbox.messages] == [(["manager@example.org"], "[T1] test")]
