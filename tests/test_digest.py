"""Alerts a manager can trust, at the activities: the daily digest, corrections, recipients without an
address, and emails with a plain and an HTML part. Messages are counted and parsed back at a real SMTP
server on loopback; every test runs on SQLite and on PostgreSQL.

Dates written down by hand (UK calendar, FOIA): a request received Wed 31 Mar 2021 was due Fri 30 Apr
2021 (Good Friday 2 Apr and Easter Monday 5 Apr skipped); one received Tue 20 Apr 2021 was due Wed 19 May
2021 (Mon 3 May skipped). On Mon 7 Jun 2021 the first is 24 working days over (19 in May, less Mon 3 and
Mon 31 May; 5 in June) and the second 12 (8 in May after the 19th, less Mon 31 May; 5 in June, less one).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from temporalio.testing import ActivityEnvironment

from activities.digest import Digests
from activities.notify import Notifications
from activities.smtp_failures import MailFailure
from messages import AlarmDelivery, AlarmWithdrawal, DigestRun
from rules import Case, evaluate
from rules.alarms import Alarm, AlarmKind
from rules.explain import explain
from tests.helpers import cal
from tests.postgres import DATABASES, settings_on
from tests.smtp import free_port, smtp_server
from workflows import workflow_id

settings = pytest.fixture(params=DATABASES)(settings_on)  # every test on SQLite and on PostgreSQL

D = date.fromisoformat
DUE = {"A1": D("2021-04-30"), "A2": D("2021-05-19"), "A3": D("2021-04-30")}
RECEIVED = {"A1": D("2021-03-31"), "A2": D("2021-04-20"), "A3": D("2021-03-31")}


def at_9_15(day: str) -> datetime:
    """09:15 London time (BST) on `day`: the default digest time."""
    return datetime.fromisoformat(f"{day}T08:15:00").replace(tzinfo=UTC)


def alarm_for(ref: str, kind=AlarmKind.response_seriously_overdue, on="2021-06-01", manager="manager@example.org"):
    case = Case(regime="foia", received=RECEIVED[ref])
    ev = evaluate(case, cal("foia"), D(on))
    to = ("officer", "manager") if kind is AlarmKind.response_overdue else ("manager",)
    return AlarmDelivery(
        workflow_id=workflow_id(ref),
        ref=ref,
        regime="foia",
        alarm=Alarm(kind=kind, on=D(on), to=to, deadline=DUE[ref]),
        officer="officer@example.org",
        manager=manager,
        evaluation=ev,
        explanation=explain(case, cal("foia"), D(on)),
    )


def smtp(settings, port: int, **alarms):
    s = settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "dashboard_url": "https://foi.example.org",
            "alarms": settings.alarms.model_copy(update=alarms),
        }
    )
    return s


def run(method, arg):
    return ActivityEnvironment().run(method, arg)


def parts(message) -> dict[str, str]:
    """The decoded text of each part of a parsed message, by content type."""
    return {p.get_content_type(): p.get_payload(decode=True).decode() for p in message.walk() if not p.is_multipart()}


def test_a_managers_alarms_wait_for_one_digest_a_day_most_overdue_first(settings, register):
    port = free_port()
    s = smtp(settings, port)
    notify, digests = Notifications.for_settings(register, s), Digests.for_settings(register, s)
    with smtp_server(port) as inbox:
        for ref in ("A2", "A1"):
            assert run(notify.deliver_alarm, alarm_for(ref)).queued == [
                f"foi-{ref}:response_seriously_overdue:2021-06-01:manager"
            ]
        assert inbox.messages == []  # queued, not sent
        assert {r.status for r in register.notifications()} == {"queued"}

        result = run(digests.send_digests, DigestRun(at=at_9_15("2021-06-07")))
        assert result.sent == ["digest:manager@example.org:2021-06-07"]
        assert len(inbox.messages) == 1
        rcpts, message = inbox.messages[0]
        assert rcpts == ["manager@example.org"]
        assert message["Subject"] == "FOI deadlines digest, Mon 7 Jun 2021: 2 new escalations"
        text, html = parts(message)["text/plain"], parts(message)["text/html"]
        first = "- A1 (FOIA): response due Fri 30 Apr 2021; 24 working days over — https://foi.example.org/case/A1"
        second = "- A2 (FOIA): response due Wed 19 May 2021; 12 working days over — https://foi.example.org/case/A2"
        assert first in text and second in text and text.index(first) < text.index(second)
        assert '<a href="https://foi.example.org/case/A1">A1</a>' in html and "<table>" in html
        rows = register.notifications()
        assert {(r.ref, r.status, r.digest_key) for r in rows} == {
            ("A1", "sent", "digest:manager@example.org:2021-06-07"),
            ("A2", "sent", "digest:manager@example.org:2021-06-07"),
        }

        # At most one digest a day: an alarm queued after today's goes in tomorrow's.
        run(notify.deliver_alarm, alarm_for("A3", on="2021-06-07"))
        assert run(digests.send_digests, DigestRun(at=at_9_15("2021-06-07"))).sent == []
        assert len(inbox.messages) == 1
        assert run(digests.send_digests, DigestRun(at=at_9_15("2021-06-08"))).sent == [
            "digest:manager@example.org:2021-06-08"
        ]
        assert len(inbox.messages) == 2
        assert (
            "- A3 (FOIA): response due Fri 30 Apr 2021; 25 working days over"
            in parts(inbox.messages[1][1])["text/plain"]
        )


def test_a_scheduled_digest_waits_for_a_working_day_and_one_asked_for_by_hand_does_not(settings, register):
    port = free_port()
    s = smtp(settings, port)
    notify, digests = Notifications.for_settings(register, s), Digests.for_settings(register, s)
    with smtp_server(port) as inbox:
        run(notify.deliver_alarm, alarm_for("A1"))
        saturday = run(digests.send_digests, DigestRun(at=at_9_15("2021-06-05")))
        spring_bank_holiday = run(digests.send_digests, DigestRun(at=at_9_15("2021-05-31")))
        assert (saturday.sent, saturday.skipped) == ([], "2021-06-05 is not a working day")
        assert (spring_bank_holiday.sent, spring_bank_holiday.skipped) == ([], "2021-05-31 is not a working day")
        assert inbox.messages == []
        by_hand = run(digests.send_digests, DigestRun(at=at_9_15("2021-06-05"), scheduled=False))
        assert by_hand.sent == ["digest:manager@example.org:2021-06-05"] and len(inbox.messages) == 1


def test_a_digest_retried_after_the_mail_server_was_down_carries_the_rows_it_claimed(settings, register):
    port = free_port()
    s = smtp(settings, port)
    notify, digests = Notifications.for_settings(register, s), Digests.for_settings(register, s)
    run(notify.deliver_alarm, alarm_for("A1"))
    with pytest.raises(MailFailure, match="failed for now"):
        run(digests.send_digests, DigestRun(at=at_9_15("2021-06-07")))
    run(notify.deliver_alarm, alarm_for("A2"))  # queued after the digest was claimed: tomorrow's
    with smtp_server(port) as inbox:
        run(digests.send_digests, DigestRun(at=at_9_15("2021-06-07")))
        run(digests.send_digests, DigestRun(at=at_9_15("2021-06-07")))
    assert len(inbox.messages) == 1
    text = parts(inbox.messages[0][1])["text/plain"]
    assert "A1 (FOIA)" in text and "A2" not in text
    assert {r.ref: r.status for r in register.notifications()} == {"A1": "sent", "A2": "queued"}


def test_an_alarm_with_no_address_is_undeliverable_never_sent(settings, register):
    port = free_port()
    s = smtp(settings, port, manager_delivery="immediate")
    with smtp_server(port) as inbox:
        notify = Notifications.for_settings(register, s)
        result = run(notify.deliver_alarm, alarm_for("A1", kind=AlarmKind.response_overdue, manager=None))
        assert result.undeliverable == ["foi-A1:response_overdue:2021-06-01:manager"]
        assert result.delivered == ["foi-A1:response_overdue:2021-06-01:officer"]
        defaulted = Notifications.for_settings(register, s.model_copy(update={"default_manager": "head@example.org"}))
        run(defaulted.deliver_alarm, alarm_for("A2", manager=None))
    rows = {(r.ref, r.role): (r.recipient, r.channel, r.status) for r in register.notifications()}
    assert rows == {
        ("A1", "manager"): ("", "none", "undeliverable"),
        ("A1", "officer"): ("officer@example.org", "smtp", "sent"),
        ("A2", "manager"): ("head@example.org", "smtp", "sent"),
    }
    assert sorted(r for rcpts, _ in inbox.messages for r in rcpts) == ["head@example.org", "officer@example.org"]
    for outbox_only in (settings.model_copy(update={"alarms": s.alarms}),):  # no SMTP: the outbox
        run(Notifications.for_settings(register, outbox_only).deliver_alarm, alarm_for("A3", manager=None))
    assert register.notification("foi-A3:response_seriously_overdue:2021-06-01:manager").status == "undeliverable"


def test_an_alarm_email_has_the_ref_and_deadline_in_its_subject_and_explains_the_date(settings, register):
    port = free_port()
    s = smtp(settings, port, manager_delivery="immediate")
    with smtp_server(port) as inbox:
        run(Notifications.for_settings(register, s).deliver_alarm, alarm_for("A1", kind=AlarmKind.response_overdue))
    assert len(inbox.messages) == 2
    message = inbox.messages[0][1]
    assert message["Subject"] == "[A1] OVERDUE: response was due Fri 30 Apr 2021"
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)["text/plain"], parts(message)["text/html"]
    for expected in (
        "Case A1 (FOIA), received Wed 31 Mar 2021: OVERDUE: response was due Fri 30 Apr 2021.",
        "Response due (statutory): Fri 30 Apr 2021 — 20 working days after Wed 31 Mar 2021",
        "    skipped Fri 2 Apr 2021 — Good Friday",
        "The case: https://foi.example.org/case/A1",
    ):
        assert expected in text
    assert "Good Friday" in html and html.startswith("<html>")


def test_a_withdrawn_alarm_is_corrected_to_whoever_got_it_and_a_queued_one_is_never_sent(settings, register):
    port = free_port()
    s = smtp(settings, port)  # officers at once, managers in a digest
    notify, digests = Notifications.for_settings(register, s), Digests.for_settings(register, s)
    reason = "the response was recorded as sent on Wed 21 Apr 2021, in time"
    with smtp_server(port) as inbox:
        alarm = alarm_for("A1", kind=AlarmKind.response_overdue, on="2021-05-04")
        run(notify.deliver_alarm, alarm)
        assert [r for rcpts, _ in inbox.messages for r in rcpts] == ["officer@example.org"]
        withdrawal = AlarmWithdrawal(
            workflow_id=alarm.workflow_id, ref="A1", alarm=alarm.alarm, reason=reason, officer=alarm.officer,
            manager=alarm.manager,
        )  # fmt: skip
        run(notify.withdraw_alarm, withdrawal)
        run(notify.withdraw_alarm, withdrawal)  # a retry corrects nothing twice
        assert len(inbox.messages) == 2
        rcpts, correction = inbox.messages[1]
        assert rcpts == ["officer@example.org"]
        assert correction["Subject"] == "[A1] Withdrawn: OVERDUE: response was due Fri 30 Apr 2021"
        assert f"The case's history now shows that {reason}." in parts(correction)["text/plain"]
        assert run(digests.send_digests, DigestRun(at=at_9_15("2021-06-07"))).sent == []  # nothing was queued
    rows = {(r.kind, r.role): r for r in register.notifications()}
    assert set(rows) == {("response_overdue", "officer"), ("response_overdue", "manager"), ("withdrawn", "officer")}
    officer, manager = rows["response_overdue", "officer"], rows["response_overdue", "manager"]
    assert (officer.status, officer.withdrawn_reason) == ("sent", reason) and officer.withdrawn_at
    assert (manager.status, manager.withdrawn_reason) == ("withdrawn", reason) and manager.sent_at is None


def test_a_correction_of_an_alarm_a_digest_carried_goes_in_the_next_digest(settings, register):
    port = free_port()
    s = smtp(settings, port)
    notify, digests = Notifications.for_settings(register, s), Digests.for_settings(register, s)
    alarm = alarm_for("A1")
    with smtp_server(port) as inbox:
        run(notify.deliver_alarm, alarm)
        run(digests.send_digests, DigestRun(at=at_9_15("2021-06-07")))
        reason = "the response was recorded as sent on Wed 21 Apr 2021, in time"
        run(
            notify.withdraw_alarm,
            AlarmWithdrawal(workflow_id=alarm.workflow_id, ref="A1", alarm=alarm.alarm, reason=reason),
        )
        run(digests.send_digests, DigestRun(at=at_9_15("2021-06-08")))
    assert len(inbox.messages) == 2
    message = inbox.messages[1][1]
    assert message["Subject"] == "FOI deadlines digest, Tue 8 Jun 2021: 0 new escalations, 1 withdrawn"
    expected = f"- [A1] Withdrawn: SERIOUSLY OVERDUE: response was due Fri 30 Apr 2021: {reason}"
    assert expected in parts(message)["text/plain"]
