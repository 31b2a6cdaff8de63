"""After each pass of the watch: the acknowledgement of a case started from the mailbox, sent once at
the loopback SMTP server from the authority's address (or never, when switched off), and the alarm for a
request left untriaged a day after its receipt, once.

Expected: received Fri 3 July 2026 under FOIA, the 20th working day is Tue 4 August 2026 (Mon 13 July,
Northern Ireland, and Mon 3 August, Scotland, do not count: counted by hand from RULES.md)."""

from __future__ import annotations

from datetime import date, timedelta
from email.utils import parseaddr

from casework.today import today
from intake.follow_up import FollowUp
from register.intake import STARTED
from settings import IntakeSettings, Settings
from tests.intake_rows import take
from tests.smtp import free_port, smtp_server


def settings_for(tmp_path, port: int, **intake) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        smtp_host="127.0.0.1",
        smtp_port=port,
        default_officer="officer@example.org",
        intake=IntakeSettings(imap_host="127.0.0.1", tls="none", user="foi@example.org", **intake),
    )


def started_case(register, ref: str, intake_uid: int) -> None:
    """A case as the worker registers it when `new --from-intake` started it."""
    take(register, intake_uid, date(2026, 7, 3), "Grass cutting", status=STARTED, ref=ref)
    register.upsert_case(
        ref=ref,
        regime="foia",
        received=date(2026, 7, 3),
        subject="Grass cutting",
        requester_name="Jo Bloggs",
        requester_email="jo@example.org",
        workflow_id=f"foi-{ref}",
        stage="awaiting_response",
    )


def test_the_acknowledgement_goes_once_from_the_authoritys_address_with_the_engines_due_date(tmp_path, register):
    port = free_port()
    with smtp_server(port) as inbox:
        settings = settings_for(tmp_path, port)
        started_case(register, "G-1", 1)
        follow_up = FollowUp.for_settings(register, settings)
        follow_up.run()
        follow_up.run()
        acks = [m for to, m in inbox.messages if to == ["jo@example.org"]]
    assert len(acks) == 1
    assert acks[0]["Subject"] == "Your request [G-1]: acknowledgement"
    assert parseaddr(acks[0]["From"])[1] == "foi@example.org"
    text = (
        next(p for p in acks[0].walk() if p.get_content_type() == "text/plain")
        .get_payload(decode=True)
        .decode()
        .replace("\r\n", "\n")
    )
    assert text.startswith("Dear Jo Bloggs,\n\nThank you for your request of 3 July 2026 about Grass cutting.")
    assert "We are dealing with it under the Freedom of Information Act 2000." in text
    assert "We will respond by 4 August 2026, the 20th working day after the day we received" in text
    assert register.notification("ack:G-1").status == "sent"


def test_switched_off_no_acknowledgement_is_sent(tmp_path, register):
    port = free_port()
    with smtp_server(port) as inbox:
        settings = settings_for(tmp_path, port, acknowledge=False)
        started_case(register, "G-2", 2)
        FollowUp.for_settings(register, settings).run()
    assert inbox.messages == []
    assert register.notification("ack:G-2") is None


def test_a_request_untriaged_a_day_after_receipt_is_an_alarm_to_the_officer_once(tmp_path, register):
    port = free_port()
    now = today("Europe/London")
    with smtp_server(port) as inbox:
        settings = settings_for(tmp_path, port)
        late = take(register, 3, now - timedelta(days=1), "Waiting since yesterday")
        take(register, 4, now, "Arrived today")
        follow_up = FollowUp.for_settings(register, settings)
        follow_up.run()
        follow_up.run()
    assert [(to, m["Subject"]) for to, m in inbox.messages] == [
        (
            ["officer@example.org"],
            f"Request awaiting triage since {now - timedelta(days=1):%a %d %b %Y} (intake {late})",
        )
    ]
    assert [(n.ref, n.kind, n.status) for n in register.notifications()] == [
        (f"intake-{late}", "untriaged_request", "sent")
    ]
