"""What staff type is shown as typed: the command line's tables never read it as Rich markup.

A subject is free text; officer and manager must be email addresses when a case is started, but a
register written before addresses were checked may hold anything, so those values are put into the
register directly, as an older release could have left them."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from casework.today import today
from register import Register
from tests.caseload_seed import seed
from tests.processes import Deployment

OFFICER = "o[/x]"
SUBJECT = "[/bold] and [red]not red[/red] :smile:"
MANAGER = "[link=http://attacker.example]boss[/link]"


@pytest.mark.slow
def test_markup_in_staff_values_is_printed_literally(tmp_path):
    d = Deployment(tmp_path, COLUMNS="250")
    d.start_worker()
    try:
        now = today("Europe/London")
        received = (now - timedelta(days=60)).isoformat()
        refused = d.starter("new", "--ref", "MARK-0", "--regime", "foia", "--received", received, "--officer", OFFICER)
        assert refused.returncode == 2 and refused.stderr.startswith(f"error: officer '{OFFICER}' is not an email")
        args = ("--regime", "foia", "--received", received, "--officer", "o@example.org", "--manager", "m@example.org")
        out = d.starter("new", "--ref", "MARK-1", "--subject", SUBJECT, *args)
        assert out.returncode == 0, out.stderr

        register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
        seed(register, "OLD-1", officer=OFFICER, manager=MANAGER, subject=SUBJECT, due=now - timedelta(days=30))
        register.claim_notification(
            key="old-1", ref="OLD-1", kind="response_overdue", role="manager", recipient=MANAGER,
            alarm_on=now, deadline=now, subject=SUBJECT, body="", channel="outbox",
        )  # fmt: skip
        overdue = d.starter("overdue")
        assert overdue.returncode == 0, overdue.stderr
        assert OFFICER in overdue.stdout and SUBJECT in overdue.stdout

        for command in (("show", "MARK-1"), ("record", "MARK-1", "clarification_requested")):
            shown = d.starter(*command)
            assert shown.returncode == 0, (command, shown.stderr)
            assert SUBJECT in shown.stdout, shown.stdout

        for _ in range(100):
            alerts = d.starter("alerts")
            if MANAGER in alerts.stdout:
                break
            time.sleep(0.2)
        assert alerts.returncode == 0 and MANAGER in alerts.stdout and SUBJECT in alerts.stdout, alerts.stdout
        assert "\x1b]8;" not in alerts.stdout + shown.stdout + overdue.stdout  # no terminal hyperlink
    finally:
        d.stop_worker()
