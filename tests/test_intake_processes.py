"""The mailbox as the front door, end to end with real processes: Dovecot on loopback, the worker on its
embedded Temporal server, an SMTP server on loopback, and the starter beside them.

Fifty requests arrive while the worker is SIGKILLed midway and restarted: each becomes one request
awaiting triage. A message at 23:30 on Friday 3 July 2026 in London is received that Friday. An
auto-reply creates nothing. A case started from the mailbox is back-dated to that Friday and its
requester gets one acknowledgement; their reply threads to the case and dates the clarification.

Expected dates, counted by hand from RULES.md: received Fri 3 July 2026; working days from Mon 6 July,
skipping Mon 13 July (Northern Ireland, for 12 July on a Sunday) and Mon 3 August (Scotland): the 20th is
Tue 4 August 2026. Clarification asked Mon 6 July, received Thu 9 July: a fresh 20 from Fri 10 July,
skipping the same two days, end on Mon 10 August 2026."""

from __future__ import annotations

import datetime as dt
import signal
import threading
import time
from email.utils import parseaddr

import pytest

from register import Register
from tests.dovecot import Dovecot
from tests.processes import Deployment
from tests.smtp import free_port, smtp_server

UTC = dt.UTC
FRIDAY_2330_LONDON = dt.datetime(2026, 7, 3, 22, 30, tzinfo=UTC)


def request(n: int, extra: str = "") -> bytes:
    return (
        f"From: Requester {n} <requester{n}@example.org>\r\nTo: foi@example.org\r\n"
        f"Subject: Request {n}: grass cutting contracts\r\nMessage-ID: <request-{n}@example.org>\r\n"
        f"Date: Mon, 29 Jun 2026 09:00:00 +0100\r\n{extra}\r\nHow much did the council spend on grass cutting?\r\n"
    ).encode()


def wait_for(what, timeout: float = 60, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = what()
        if got:
            return got
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what.__doc__ or what}")


@pytest.fixture
def dovecot():
    d = Dovecot()
    d.start()
    yield d
    d.stop()


@pytest.mark.slow
def test_fifty_requests_through_a_sigkill_each_once_then_a_case_its_acknowledgement_and_a_reply(tmp_path, dovecot):
    smtp_port = free_port()
    with smtp_server(smtp_port) as inbox:
        d = Deployment(
            tmp_path,
            **dovecot.env(),
            FOI_INTAKE__ADDRESS="foi@example.org",
            FOI_SMTP_HOST="127.0.0.1",
            FOI_SMTP_PORT=str(smtp_port),
        )
        register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")

        for n in range(1, 21):  # waiting before the worker starts
            dovecot.append(request(n), dt.datetime(2026, 7, 1, 9, n, tzinfo=UTC))
        d.start_worker()
        wait_for(lambda: len(register.intake_messages()) == 20)

        def arrive():  # the other thirty keep arriving while the worker is killed and restarted
            for n in range(21, 51):
                when = FRIDAY_2330_LONDON if n == 35 else dt.datetime(2026, 7, 2, 9, n, tzinfo=UTC)
                dovecot.append(request(n), when)
                time.sleep(0.15)

        arriving = threading.Thread(target=arrive)
        arriving.start()
        wait_for(lambda: len(register.intake_messages()) >= 25)
        assert d.stop_worker(signal.SIGKILL) == -signal.SIGKILL
        taken_at_kill = len(register.intake_messages())
        assert 25 <= taken_at_kill < 50
        d.start_worker()
        arriving.join()
        dovecot.append(request(99, "Auto-Submitted: auto-replied\r\n"), dt.datetime(2026, 7, 2, 12, 0, tzinfo=UTC))
        wait_for(lambda: len(register.intake_messages()) == 51)

        waiting = d.json("triage")
        assert sorted(w["requester_email"] for w in waiting) == sorted(
            f"requester{n}@example.org" for n in range(1, 51)
        )
        assert len({w["id"] for w in waiting}) == 50
        assert (dovecot.count("INBOX"), dovecot.count("FOI-processed")) == (0, 51)
        filed = [r for r in register.intake_messages() if r.status == "filed"]
        assert [(r.sender_email, r.reason) for r in filed] == [
            ("requester99@example.org", "auto-reply (Auto-Submitted: auto-replied)")
        ]
        friday = next(w for w in waiting if w["requester_email"] == "requester35@example.org")
        assert friday["received"] == "2026-07-03"

        out = d.starter("new", "--ref", "FOI-35", "--regime", "foia", "--from-intake", str(friday["id"]))
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("FOI-35: started (foia); response due Tue 4 Aug 2026")
        again = d.starter("new", "--ref", "FOI-35b", "--regime", "foia", "--from-intake", str(friday["id"]))
        assert again.returncode == 2
        assert again.stderr.startswith(f"error: message {friday['id']} is not awaiting triage: case FOI-35 was started")
        other = next(w for w in waiting if w["requester_email"] == "requester36@example.org")
        taken_ref = d.starter("new", "--ref", "FOI-35", "--regime", "foia", "--from-intake", str(other["id"]))
        assert (taken_ref.returncode, taken_ref.stderr.strip()) == (2, "error: case FOI-35 already exists")
        assert register.intake_message(other["id"]).status == "awaiting"  # the refused start released it
        shown = d.json("show", "FOI-35")
        assert (shown["received"], shown["response_due"]) == ("2026-07-03", "2026-08-04")
        row = register.case("FOI-35")
        assert (row.requester_name, row.requester_email) == ("Requester 35", "requester35@example.org")
        assert len(d.json("triage")) == 49
        started = [a for a in register.actions("FOI-35") if a.kind == "started_from_mailbox"]
        assert [a.detail for a in started] == [{"intake": friday["id"]}]
        assert started[0].actor.startswith("os:")  # no one registered: the operating-system user acted

        def acknowledgements():
            """the acknowledgement at the SMTP server"""
            return [m for to, m in inbox.messages if to == ["requester35@example.org"]]

        ack = wait_for(acknowledgements)[0]
        assert ack["Subject"] == "Your request [FOI-35]: acknowledgement"
        assert parseaddr(ack["From"])[1] == "foi@example.org"
        text = next(p for p in ack.walk() if p.get_content_type() == "text/plain").get_payload(decode=True).decode()
        assert "We will respond by 4 August 2026, the 20th working day after the day we received" in text

        assert d.starter("record", "FOI-35", "clarification_requested", "--on", "2026-07-06").returncode == 0
        reply = (
            "From: Requester 35 <requester35@example.org>\r\nTo: foi@example.org\r\n"
            f"Subject: Re: Your request [FOI-35]: acknowledgement\r\nIn-Reply-To: {ack['Message-ID']}\r\n"
            "\r\nI meant the contracts for 2025 only.\r\n"
        ).encode()
        dovecot.append(reply, dt.datetime(2026, 7, 9, 8, 15, tzinfo=UTC))
        threaded = wait_for(lambda: [r for r in register.intake_messages() if r.status == "threaded"])
        assert [(r.ref, r.received) for r in threaded] == [("FOI-35", dt.date(2026, 7, 9))]
        assert len([w for w in d.json("triage") if w["status"] == "awaiting"]) == 49

        recorded = d.json("record", "FOI-35", "clarification_received", "--from-intake", str(threaded[0].id))
        assert recorded["events"][-1]["type"] == "clarification_received"
        assert recorded["events"][-1]["on"] == "2026-07-09"
        assert recorded["response_due"] == "2026-08-10"
        twice = d.starter("record", "FOI-35", "clarification_received", "--from-intake", str(threaded[0].id))
        assert twice.returncode == 2 and "already recorded on case FOI-35" in twice.stderr

        time.sleep(3)  # several more passes of the watch (polling every second): still one acknowledgement
        assert len(acknowledgements()) == 1
        d.stop_worker()


@pytest.mark.slow
def test_wrong_credentials_are_one_line_in_the_worker_log_and_the_cases_carry_on(tmp_path, dovecot):
    d = Deployment(tmp_path, **{**dovecot.env(), "FOI_INTAKE__PASSWORD": "Not-The-Password-7"})
    d.start_worker()
    log = tmp_path / "worker.log"

    def refused():
        """the intake's failure in the worker's log"""
        return [line for line in log.read_text().splitlines() if "cannot read the mailbox" in line]

    first = wait_for(refused)[0]
    assert first.endswith(
        f"WARNING foi.intake: intake: cannot read the mailbox foi@example.org@127.0.0.1:{dovecot.port}: "
        'MailboxLoginError: Response status "OK" expected, but "NO" received. '
        "Data: [b'[AUTHENTICATIONFAILED] Authentication failed.']; retrying in 1 s"
    )
    assert "Not-The-Password-7" not in log.read_text()
    out = d.starter("new", "--ref", "C-1", "--regime", "foia", "--received", "2026-07-03")
    assert out.returncode == 0, out.stderr
    assert d.json("show", "C-1")["response_due"] == "2026-08-04"
    assert d.worker.poll() is None
    wait_for(lambda: len(refused()) >= 2)
    assert refused()[1].endswith("retrying in 2 s")  # the wait doubles
    d.stop_worker()
