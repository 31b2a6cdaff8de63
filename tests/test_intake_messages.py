"""The mailbox's intake against a real Dovecot on loopback, in process (no Temporal needed): each message
recorded once with its day of receipt from INTERNALDATE in the authority's time zone, moved only after it
is recorded, bad messages recorded with what could be read, machines' messages filed, and a server that
refuses or is not there reported on the health line and retried, never a crash."""

from __future__ import annotations

import datetime as dt
import threading
import time
from datetime import date

import pytest

from intake.connection import mailbox_name, open_mailbox, uidvalidity
from intake.taking import Taker, fetch
from intake.watch import Watch
from register import Register
from register.intake import AWAITING, FILED
from runtime.codec import Keyring, unseal
from settings import IntakeSettings, Settings
from tests.dovecot import PASSWORD, USER, Dovecot
from tests.smtp import free_port

UTC = dt.UTC
KEYS = Keyring.generate()


@pytest.fixture
def dovecot():
    d = Dovecot()
    d.start()
    yield d
    d.stop()


def intake_for(d: Dovecot, **more) -> IntakeSettings:
    fields = dict(imap_host="127.0.0.1", imap_port=d.port, tls="none", user=USER, password=PASSWORD, poll_seconds=0.5)
    return IntakeSettings(**{**fields, **more})


def taker(tmp_path, d: Dovecot) -> tuple[Taker, Register, IntakeSettings]:
    intake = intake_for(d)
    register = Register(Settings(data_dir=tmp_path / "data").register_url)
    return Taker(register, KEYS, intake, mailbox_name(intake), "Europe/London"), register, intake


def message(subject: str, body: str = "Please send me the figures.", sender="Jo Bloggs <jo@example.org>", extra=""):
    return (
        f"From: {sender}\r\nTo: foi@example.org\r\nSubject: {subject}\r\n"
        f"Date: Mon, 29 Jun 2026 09:00:00 +0100\r\n{extra}\r\n{body}\r\n"
    ).encode()


def test_the_day_of_receipt_is_the_servers_arrival_day_in_london_not_utc_nor_the_date_header(tmp_path, dovecot):
    # Fri 3 July 2026 23:30 BST is 22:30 UTC; 23:30 UTC that day is already Sat 00:30 in London.
    dovecot.append(message("Friday late"), dt.datetime(2026, 7, 3, 22, 30, tzinfo=UTC))
    dovecot.append(message("Saturday early"), dt.datetime(2026, 7, 3, 23, 30, tzinfo=UTC))
    dovecot.append(message("Winter Friday"), dt.datetime(2026, 12, 4, 23, 59, tzinfo=UTC))
    t, register, intake = taker(tmp_path, dovecot)
    box = open_mailbox(intake)
    try:
        assert t.take_all(box, uidvalidity(box, "INBOX")) == 3
    finally:
        box.logout()
    got = {r.subject: r.received for r in register.intake_messages()}
    assert got == {
        "Friday late": date(2026, 7, 3),
        "Saturday early": date(2026, 7, 4),
        "Winter Friday": date(2026, 12, 4),
    }
    assert (dovecot.count("INBOX"), dovecot.count("FOI-processed")) == (0, 3)


def test_a_message_recorded_before_a_crash_is_moved_after_it_never_recorded_twice(tmp_path, dovecot):
    dovecot.append(message("first"), dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC))
    dovecot.append(message("second"), dt.datetime(2026, 7, 1, 10, 0, tzinfo=UTC))
    t, register, intake = taker(tmp_path, dovecot)
    box = open_mailbox(intake)
    try:
        validity = uidvalidity(box, "INBOX")
        raw, arrived = fetch(box, 1)
        t.record(validity, 1, raw, arrived)  # recorded, then the process "dies" before the move
    finally:
        box.client.shutdown()
    assert dovecot.count("INBOX") == 2
    box = open_mailbox(intake)
    try:
        assert t.take_all(box, uidvalidity(box, "INBOX")) == 1  # only "second" is new
    finally:
        box.logout()
    rows = register.intake_messages()
    assert sorted(r.subject for r in rows) == ["first", "second"]
    assert all(r.moved_at is not None for r in rows)
    assert (dovecot.count("INBOX"), dovecot.count("FOI-processed")) == (0, 2)


def bounce() -> bytes:
    return (
        b"From: Mail Delivery System <MAILER-DAEMON@example.net>\r\nTo: foi@example.org\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        b"--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; example.net\r\n\r\n"
        b"Final-Recipient: rfc822; nobody@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b1--\r\n"
    )


def test_auto_replies_and_bounces_are_filed_with_the_reason_never_requests(tmp_path, dovecot):
    on = dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    dovecot.append(message("Out of office", extra="Auto-Submitted: auto-replied\r\n"), on)
    dovecot.append(message("Away", extra="X-Autoreply: yes\r\n"), on)
    dovecot.append(bounce(), on)
    dovecot.append(message("A real request", extra="Auto-Submitted: no\r\n"), on)
    t, register, intake = taker(tmp_path, dovecot)
    box = open_mailbox(intake)
    try:
        t.take_all(box, uidvalidity(box, "INBOX"))
    finally:
        box.logout()
    got = {r.subject: (r.status, r.reason) for r in register.intake_messages()}
    assert got == {
        "Out of office": (FILED, "auto-reply (Auto-Submitted: auto-replied)"),
        "Away": (FILED, "auto-reply (X-Autoreply)"),
        "Undelivered Mail Returned to Sender": (FILED, "delivery status notification (a bounce)"),
        "A real request": (AWAITING, None),
    }


def bad_messages() -> dict[str, bytes]:
    big = b"A" * (30 * 1024 * 1024)
    import base64

    attachment = base64.encodebytes(big)
    return {
        "no sender": b"To: foi@example.org\r\nSubject: no sender\r\n\r\nWho am I?\r\n",
        "malformed": (
            b"From: a@example.org\r\nSubject: malformed\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="never"\r\n\r\nno boundary ever comes\r\n'
        ),
        "eight bit": b"From: b@example.org\r\nSubject: caf\xe9 \xff\xfe request\r\n\r\nbody\r\n",
        "thirty megabytes": (
            b"From: c@example.org\r\nSubject: thirty megabytes\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
            b"--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            b'--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="big.bin"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n" + attachment + b"--b--\r\n"
        ),
        "long subject": b"From: d@example.org\r\nSubject: " + b"x" * 10_000 + b"\r\n\r\nbody\r\n",
        "unknown charset": (
            b"From: e@example.org\r\nSubject: unknown charset\r\nContent-Type: text/plain; charset=x-no-such\r\n\r\n"
            b"caf\xe9\r\n"
        ),
    }


def test_bad_messages_are_recorded_for_triage_with_what_could_be_read_and_a_note_of_what_could_not(tmp_path, dovecot):
    bad = bad_messages()
    for raw in bad.values():
        dovecot.append(raw, dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC))
    t, register, intake = taker(tmp_path, dovecot)
    box = open_mailbox(intake)
    try:
        assert t.take_all(box, uidvalidity(box, "INBOX")) == 6
    finally:
        box.logout()
    rows = register.intake_messages()
    assert [r.status for r in rows] == [AWAITING] * 6
    by_uid = {r.uid: r for r in rows}
    no_sender, malformed, eight_bit, big, long_subject, charset = (by_uid[i] for i in range(1, 7))
    assert no_sender.sender_email is None
    assert no_sender.notes == ["no sender address: find the requester another way before starting a case"]
    assert malformed.notes and malformed.notes[0].startswith("malformed MIME structure")
    assert eight_bit.subject.startswith("caf") and "request" in eight_bit.subject
    assert "the Subject header has bytes that are not text" in eight_bit.notes[0]
    assert big.attachments == [
        {"filename": "big.bin", "content_type": "application/octet-stream", "size": 30 * 1024 * 1024}
    ]
    assert big.body.strip() == "see attached"
    assert len(long_subject.subject) == 1000
    assert long_subject.notes == ["the subject was 10,000 characters: the first 1,000 are kept"]
    assert charset.body.strip() == "caf\ufffd"
    assert "the charset 'x-no-such' is not known" in charset.notes[0]
    # each raw message is kept encrypted: not readable in the register, exactly itself when opened
    for row, raw in zip(rows, bad.values(), strict=True):
        assert raw[:40] not in row.raw
        assert unseal(KEYS, row.raw_key, row.raw).replace(b"\r\n", b"\n") == raw.replace(b"\r\n", b"\n")


def watch_until(watch: Watch, register: Register, mailbox: str, healthy: bool, timeout: float = 20):
    thread = threading.Thread(target=watch.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            rows = [h for h in register.intake_healths() if h.mailbox == mailbox]
            if rows and rows[0].ok == healthy:
                return rows[0]
            time.sleep(0.1)
        raise AssertionError(f"no health line {healthy}: {[h.message for h in register.intake_healths()]}")
    finally:
        assert thread.is_alive()  # a failure is retried, never the end of the watch
        watch.interrupt()
        thread.join(10)


def test_wrong_credentials_and_an_unreachable_server_are_one_health_line_and_retried(tmp_path, dovecot):
    for intake, why in (
        (intake_for(dovecot, password="wrong"), "MailboxLoginError"),
        (intake_for(dovecot, imap_port=free_port()), "ConnectionRefusedError"),
    ):
        settings = Settings(data_dir=tmp_path / "data", intake=intake)
        register = Register(settings.register_url)
        health = watch_until(Watch(settings, register, KEYS), register, mailbox_name(intake), healthy=False)
        assert health.message.startswith(f"cannot read the mailbox {USER}@127.0.0.1:{intake.port}: {why}")
        assert health.message.endswith("retrying in 1 s")
        assert "\n" not in health.message and PASSWORD not in health.message and "wrong" not in health.message


def test_over_tls_with_the_servers_certificate_it_watches_and_takes_what_arrives(tmp_path, dovecot):
    intake = intake_for(dovecot, tls="tls", imap_port=dovecot.tls_port, ca_file=dovecot.cert)
    settings = Settings(data_dir=tmp_path / "data", intake=intake)
    register = Register(settings.register_url)
    watch = Watch(settings, register, KEYS)
    thread = threading.Thread(target=watch.run, daemon=True)
    thread.start()
    try:
        dovecot.append(message("over TLS"), dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not register.intake_messages():
            time.sleep(0.1)
    finally:
        watch.interrupt()
        thread.join(10)
    assert [r.subject for r in register.intake_messages()] == ["over TLS"]
    assert register.intake_healths()[0].message == "watching INBOX (IDLE)"


def test_plain_imap_is_refused_to_anything_but_loopback():
    with pytest.raises(
        ValueError, match="FOI_INTAKE__TLS=none is allowed only to a loopback address, not mail.example.org"
    ):
        IntakeSettings(imap_host="mail.example.org", tls="none")
    assert IntakeSettings(imap_host="::1", tls="none").port == 143


@pytest.mark.slow
def test_a_server_without_idle_is_polled_and_what_arrives_is_taken(tmp_path):
    d = Dovecot("imap_capability = IMAP4rev1 LITERAL+ UIDPLUS MOVE\n")  # the server offers no IDLE
    d.start()
    try:
        settings = Settings(data_dir=tmp_path / "data", intake=intake_for(d))
        register = Register(settings.register_url)
        watch = Watch(settings, register, KEYS)
        thread = threading.Thread(target=watch.run, daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not register.intake_healths():
                time.sleep(0.1)
            d.append(message("polled"), dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC))
            while time.monotonic() < deadline and not register.intake_messages():
                time.sleep(0.1)
        finally:
            watch.interrupt()
            thread.join(10)
        assert register.intake_healths()[0].message == "watching INBOX (polling)"
        assert [r.subject for r in register.intake_messages()] == ["polled"]
        assert (d.count("INBOX"), d.count("FOI-processed")) == (0, 1)
    finally:
        d.stop()
