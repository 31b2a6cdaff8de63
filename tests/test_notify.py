"""Notifications: outbox or real SMTP on loopback, and never delivered twice."""

from __future__ import annotations

from datetime import date

import pytest
from temporalio.testing import ActivityEnvironment

from activities.emails import HEADLINES
from activities.notify import Notifications
from activities.smtp_failures import MailFailure
from messages import AlarmDelivery
from rules import Case, evaluate
from rules.alarms import Alarm, AlarmKind
from tests.helpers import cal
from tests.postgres import DATABASES, settings_on
from tests.smtp import free_port, smtp_server
from workflows import workflow_id

settings = pytest.fixture(params=DATABASES)(settings_on)  # every test on SQLite and on PostgreSQL


def delivery(ref="N1") -> AlarmDelivery:
    ev = evaluate(Case(regime="foia", received=date(2021, 3, 31)), cal("foia"), date(2021, 5, 4))
    alarm = Alarm(
        kind=AlarmKind.response_overdue, on=date(2021, 5, 4), to=("officer", "manager"), deadline=ev.response_due
    )
    return AlarmDelivery(
        workflow_id=workflow_id(ref),
        ref=ref,
        regime="foia",
        alarm=alarm,
        officer="officer@example.org",
        manager="manager@example.org",
        evaluation=ev,
    )


def notifications(settings, register) -> Notifications:
    """Built as the worker builds it, from the settings (the register, the transport), with every role's
    alarms sent at once (the digest has tests of its own: tests/test_digest.py)."""
    alarms = settings.alarms.model_copy(update={"manager_delivery": "immediate", "officer_delivery": "immediate"})
    return Notifications.for_settings(register, settings.model_copy(update={"alarms": alarms}))


def test_every_alarm_kind_has_a_headline():
    assert set(HEADLINES) == set(AlarmKind)


def test_a_retried_delivery_to_the_outbox_delivers_once(settings, register):
    act = notifications(settings, register)
    first = ActivityEnvironment().run(act.deliver_alarm, delivery())
    again = ActivityEnvironment().run(act.deliver_alarm, delivery())
    assert len(first.delivered) == 2 and first.already == []
    assert again.delivered == [] and sorted(again.already) == sorted(first.delivered)
    rows = register.notifications(ref="N1")
    assert sorted((r.role, r.recipient, r.channel) for r in rows) == [
        ("manager", "manager@example.org", "outbox"),
        ("officer", "officer@example.org", "outbox"),
    ]
    assert all("OVERDUE" in r.subject and "Fri 30 Apr 2021" in r.subject for r in rows)


def test_smtp_delivers_each_recipient_once_even_when_retried(settings, register):
    port = free_port()
    settings = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
    with smtp_server(port) as inbox:
        act = notifications(settings, register)
        ActivityEnvironment().run(act.deliver_alarm, delivery())
        ActivityEnvironment().run(act.deliver_alarm, delivery())
    assert sorted(r for rcpts, _ in inbox.messages for r in rcpts) == ["manager@example.org", "officer@example.org"]
    subjects = {m["Subject"] for _, m in inbox.messages}
    assert subjects == {"[N1] OVERDUE: response was due Fri 30 Apr 2021"}
    assert {r.status for r in register.notifications(ref="N1")} == {"sent"}


def test_smtp_down_fails_the_attempt_then_delivers_once_when_it_is_back(settings, register):
    port = free_port()
    settings = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})
    act = notifications(settings, register)
    with pytest.raises(MailFailure, match="mail to the officer of case N1 failed for now .*ConnectionRefusedError"):
        ActivityEnvironment().run(act.deliver_alarm, delivery())
    assert {r.status for r in register.notifications(ref="N1")} == {"pending"}
    with smtp_server(port) as inbox:
        ActivityEnvironment().run(act.deliver_alarm, delivery())
        ActivityEnvironment().run(act.deliver_alarm, delivery())
    assert len(inbox.messages) == 2
    assert {r.status for r in register.notifications(ref="N1")} == {"sent"}


def test_messages_carry_no_requester_details(settings, register):
    d = delivery()
    ActivityEnvironment().run(notifications(settings, register).deliver_alarm, d)
    for row in register.notifications(ref="N1"):
        assert "requester" not in row.body.lower()
        assert "Response due: Fri 30 Apr 2021." in row.body
