"""What staff type is shown as typed: the command line's tables never read it as Rich markup."""

from __future__ import annotations

import time
from datetime import timedelta

from casework.today import today
from tests.processes import Deployment

OFFICER = "o[/x]"
SUBJECT = "[/bold] and [red]not red[/red] :smile:"
MANAGER = "[link=http://attacker.example]boss[/link]"


def test_markup_in_staff_values_is_printed_literally(tmp_path):
    d = Deployment(tmp_path, COLUMNS="250")
    d.start_worker()
    try:
        received = (today("Europe/London") - timedelta(days=60)).isoformat()
        args = ("--regime", "foia", "--received", received, "--officer", OFFICER, "--manager", MANAGER)
        out = d.starter("new", "--ref", "MARK-1", "--subject", SUBJECT, *args)
        assert out.returncode == 0, out.stderr

        overdue = d.starter("overdue")
        assert overdue.returncode == 0, overdue.stderr
        assert OFFICER in overdue.stdout

        for command in (("show", "MARK-1"), ("record", "MARK-1", "clarification_requested")):
            shown = d.starter(*command)
            assert shown.returncode == 0, (command, shown.stderr)
            assert SUBJECT in shown.stdout and OFFICER in shown.stdout and MANAGER in shown.stdout, shown.stdout

        for _ in range(100):
            alerts = d.starter("alerts")
            if MANAGER in alerts.stdout:
                break
            time.sleep(0.2)
        assert alerts.returncode == 0 and MANAGER in alerts.stdout, alerts.stdout
        assert "\x1b]8;" not in alerts.stdout + shown.stdout  # no terminal hyperlink
    finally:
        d.stop_worker()
