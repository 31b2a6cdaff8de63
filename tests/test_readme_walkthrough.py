"""The README's walkthrough, its commands read from README.md and run verbatim as real processes (the
worker on its embedded dev server, the starter beside it): it sends no alert that a later step proves
false. Counted in the outbox: the one alert the case really earns (its internal review is past the
40-working-day limit, Thu 19 Aug 2021, as docs/law.md works out, counted from the review request of
22 June), queued for the manager's digest and sent in it; the alert first queued for the mistyped
review request of 23 June (limit Fri 20 Aug 2021) withdrawn before any digest carried it, never sent;
and nothing about the response, which went in time. The history names the author of every action.
Also: the worker registers the daily digest's schedule, weekdays at 09:15 London time (the alarm time,
09:00, plus 15 minutes)."""

from __future__ import annotations

import asyncio
import json
import shlex
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from temporalio.client import Client

from register import Register
from runtime.codec import read_key_file
from runtime.connection import data_converter
from tests.processes import ROOT, Deployment
from tests.test_faults import wait_for
from workflows.identity import DIGEST_SCHEDULE


def walkthrough() -> list[list[str]]:
    """Each starter command of the README's walkthrough, in order (`a && b` is two commands)."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Walkthrough") : readme.index("## Where next")]
    commands = []
    for line in section.splitlines():
        if line.startswith("    .venv/bin/python starter.py "):
            for command in line.strip().split(" && "):
                argv = shlex.split(command)
                assert argv[:2] == [".venv/bin/python", "starter.py"], command
                commands.append(argv[2:])
    return commands


def backlog_import() -> list[str]:
    """The manager's guide's command that moves the example backlog in (the README's "Where next")."""
    guide = (ROOT / "docs" / "manager.md").read_text()
    section = guide[guide.index("## Moving a backlog in") :]
    [line] = [x for x in section.splitlines() if x.startswith("    .venv/bin/python starter.py import ")]
    return shlex.split(line)[2:]


@pytest.mark.slow
def test_the_readme_walkthrough_sends_no_alert_a_later_step_proves_false(tmp_path: Path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    d = Deployment(tmp_path)
    d.start_worker()
    register = Register(f"sqlite:///{tmp_path / '.foi' / 'register.db'}")
    try:
        commands = walkthrough()
        assert [c[0] for c in commands] == [
            *("people", "people", "new", "record", "amend", "overdue", "digest", "alerts", "letter", "history")
        ]
        for number, args in enumerate(commands):
            alarms = {"amend": 1, "digest": 2}.get(args[0])  # a person types it seconds later: the case has alarmed
            if alarms:
                wait_for(lambda n=alarms: len(register.notifications()) >= n, 30, f"alarm {alarms}")
            out = d.starter(*args)
            assert out.returncode == 0, (args, out.stdout, out.stderr)
            if number == 0:  # no one is registered yet: the operating-system user acts, and is told so once
                assert out.stderr.startswith("note: no people are registered") and out.stderr.count("\n") == 1
            else:
                assert out.stderr == "", (args, out.stderr)
            if args[0] == "overdue":
                assert "63509" in out.stdout
            if args[0] == "new":  # started with its whole history: nothing is held, and it says nothing of it
                assert out.stdout.startswith("63509: started (foia)") and "alarms already due" not in out.stdout
            if args[0] == "history":
                trail = out.stdout
        rows = sorted(register.notifications(), key=lambda r: r.id)  # in the order they were raised
        assert [(r.kind, r.role, r.recipient, r.deadline.isoformat(), r.status) for r in rows] == [
            ("review_limit_exceeded", "manager", "manager@example.org", "2021-08-20", "withdrawn"),
            ("review_limit_exceeded", "manager", "manager@example.org", "2021-08-19", "sent"),
        ]
        assert (
            rows[0].digest_key is None and "was amended to review_requested on 2021-06-22" in rows[0].withdrawn_reason
        )
        assert rows[1].digest_key and rows[1].withdrawn_at is None
        [digest] = register.digests()
        assert (digest.recipient, digest.channel, digest.status) == ("manager@example.org", "outbox", "sent")
        assert "- 63509 (FOIA): internal review (limit) due Thu 19 Aug 2021;" in digest.body
        assert (tmp_path / "63509-response.docx").exists()
        assert trail.startswith("History of 63509")
        steps = json.loads(d.starter("history", "63509", "--json").stdout)
        assert all(s["by"] for s in steps)
        assert [s["by"] for s in steps if s["action"] in ("started", "recorded", "amend", "letter")] == [
            *("officer@example.org",) * 5
        ]

        # Read on: the manager's guide imports the example backlog, whose case 63509 is the walkthrough's.
        imported = d.starter(*backlog_import(), timeout=180)
        assert imported.returncode == 0, (imported.stdout, imported.stderr)
        told = imported.stdout.strip().splitlines()
        assert told == [
            "skipped (already exist): 63509",
            "started 8 cases, skipped 1 that already exist, 0 rows with errors",
        ]

        async def schedule():
            keys = read_key_file(tmp_path / ".foi" / "payload.keys")
            client = await Client.connect(f"127.0.0.1:{d.port}", data_converter=data_converter(keys))
            return await client.get_schedule_handle(DIGEST_SCHEDULE).describe()

        described = asyncio.run(schedule())
        upcoming = [t.astimezone(ZoneInfo("Europe/London")) for t in described.info.next_action_times]
        assert upcoming
        assert {(t.hour, t.minute) for t in upcoming} == {(9, 15)}
        assert all(t.isoweekday() <= 5 for t in upcoming)
    finally:
        d.stop_worker()
