"""A recipient the mail system refuses for good is recorded `undeliverable` and never retried; the
alarm's other recipient is still served. On SQLite and on PostgreSQL, as tests/test_notify.py."""

from __future__ import annotations

import pytest
from temporalio.testing import ActivityEnvironment

from tests.postgres import DATABASES, settings_on
from tests.smtp import free_port, smtp_server
from tests.test_notify import delivery, notifications

settings = pytest.fixture(params=DATABASES)(settings_on)  # every test on SQLite and on PostgreSQL

REFUSED = "nobody@example.org"


def smtp_settings(settings, port):
    return settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port})


def test_a_refused_officer_is_undeliverable_and_the_manager_still_gets_the_alarm(settings, register):
    port = free_port()
    req = delivery().model_copy(update={"officer": REFUSED})
    with smtp_server(port, refuse=frozenset({REFUSED})) as inbox:
        act = notifications(smtp_settings(settings, port), register)
        first = ActivityEnvironment().run(act.deliver_alarm, req)
        again = ActivityEnvironment().run(act.deliver_alarm, req)  # a retry or replay: nothing more is sent
    assert [rcpts for rcpts, _ in inbox.messages] == [["manager@example.org"]]
    assert len(first.delivered) == 1 and len(first.undeliverable) == 1
    assert again.delivered == [] and len(again.already) == 2
    rows = {r.role: r.status for r in register.notifications(ref="N1")}
    assert rows == {"officer": "undeliverable", "manager": "sent"}


def test_an_address_that_cannot_be_a_mail_header_is_undeliverable(settings, register):
    port = free_port()
    injected = "officer@example.org\nBcc: victim@example.org"
    req = delivery().model_copy(update={"officer": injected})
    with smtp_server(port) as inbox:
        result = ActivityEnvironment().run(notifications(smtp_settings(settings, port), register).deliver_alarm, req)
    assert [rcpts for rcpts, _ in inbox.messages] == [["manager@example.org"]]
    assert len(result.undeliverable) == 1
    assert {r.role: r.status for r in register.notifications(ref="N1")} == {
        "officer": "undeliverable",
        "manager": "sent",
    }


def test_the_log_names_the_role_not_the_address(settings, register, caplog):
    port = free_port()
    req = delivery().model_copy(update={"officer": REFUSED})
    with smtp_server(port, refuse=frozenset({REFUSED})):
        ActivityEnvironment().run(notifications(smtp_settings(settings, port), register).deliver_alarm, req)
    assert "undeliverable" in caplog.text and "officer" in caplog.text
    assert REFUSED not in caplog.text
