"""Triage from the command line, as a person types it: every refusal is one line and exit status 2 with
nothing recorded, a message is triaged once, and the regime suggested is written down from the words of
the request (EIR reg 2(1) for the environment; UK GDPR Art 15 for one's own personal data)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from intake.suggest import suggest
from register import Register
from tests.intake_rows import take
from tests.processes import ROOT


@pytest.fixture
def staff(tmp_path):
    data = tmp_path / "data"
    register = Register(f"sqlite:///{data / 'register.db'}")
    take(register, 1, date(2026, 7, 3), "Pollution figures")
    take(register, 2, date(2026, 7, 6), "Buy cheap watches")
    env = {"PATH": "/usr/bin:/bin", "FOI_DATA_DIR": str(data)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(ROOT / "starter.py"), *args], env=env, capture_output=True, text=True, timeout=60
        )

    return run, register


@pytest.mark.slow  # a dozen starter.py processes
def test_refusals_are_one_line_and_exit_2_and_a_message_is_triaged_once(staff):
    run, register = staff
    refused = {
        ("new", "--ref", "A-1", "--regime", "foia", "--received", "2026-07-03", "--from-intake", "1"): (
            "error: give --received DATE, or --from-intake ID (the day of receipt is then the message's)"
        ),
        ("new", "--ref", "A-1", "--regime", "foia", "--from-intake", "99"): (
            "error: no message 99 in the mailbox's intake (see starter.py triage)"
        ),
        ("triage", "not-request", "2", "--reason", "   "): (
            "error: --reason: say why it is not a request (spam, a duplicate of ..., a reply to ...)"
        ),
        ("record", "A-1", "clarification_received", "--from-intake", "1", "--on", "2026-07-04"): (
            "error: give --on DATE or --from-intake ID, not both: the reply's day of receipt is the date"
        ),
        ("record", "A-1", "responded", "--from-intake", "1"): (
            "error: --from-intake: a reply can be recorded as clarification_received, fee_paid, identity_received"
        ),
        ("record", "NO-SUCH", "clarification_received", "--from-intake", "1"): "error: no case NO-SUCH",
    }
    for args, line in refused.items():
        out = run(*args)
        assert (out.returncode, out.stderr.strip(), out.stdout) == (2, line, ""), args
    assert [r.status for r in register.intake_messages()] == ["awaiting", "awaiting"]

    filed = run("triage", "not-request", "2", "--reason", "spam: watches")
    assert (filed.returncode, filed.stdout) == (0, "message 2: not a request (spam: watches)\n")
    again = run("triage", "not-request", "2", "--reason", "spam")
    assert again.returncode == 2
    assert again.stderr.startswith("error: message 2 is not awaiting triage: it was marked not a request by os:")
    assert again.stderr.rstrip().endswith("(spam: watches)")
    start = run("new", "--ref", "A-2", "--regime", "foia", "--from-intake", "2")
    assert start.returncode == 2 and "it was marked not a request" in start.stderr
    [audit] = register.actions("intake-2")
    assert (audit.kind, audit.reason) == ("not_a_request", "spam: watches")

    import json

    listed = json.loads(run("triage", "--json").stdout)
    assert [(m["id"], m["received"], m["suggested_regime"]) for m in listed] == [(1, "2026-07-03", "eir")]


@pytest.mark.parametrize(
    ("subject", "body", "regime"),
    [
        ("Subject access request", "Please send me everything.", "sar"),
        ("My records", "I would like a copy of my personal data held by the council.", "sar"),
        ("Request", "Please send the information you hold about me under Article 15.", "sar"),
        ("Air quality", "Monitoring results for the high street for 2025.", "eir"),
        ("Planning application 25/0012", "All correspondence about it.", "eir"),
        ("Sewage", "Discharges into the river last summer.", "eir"),
        ("Parking fines", "How many fines were issued in 2025?", "foia"),
        ("Staff numbers", "How many people work in the press office?", "foia"),
    ],
)
def test_the_regime_suggested_from_the_words_of_the_request(subject, body, regime):
    assert suggest(subject, body)[0] == regime


@pytest.mark.slow  # starter.py processes
def test_the_triage_list_shows_a_reply_with_the_event_its_case_awaits(staff):
    run, register = staff
    register.upsert_case(
        ref="R-9", regime="foia", received=date(2026, 7, 1), workflow_id="foi-R-9", stage="awaiting_clarification"
    )
    take(register, 3, date(2026, 7, 8), "Re: Your request [R-9]", status="threaded", ref="R-9")
    import json

    listed = json.loads(run("triage", "--json").stdout)
    assert [(m["id"], m["ref"], m["received"], m["record_as"]) for m in listed if m["status"] == "threaded"] == [
        (3, "R-9", "2026-07-08", "clarification_received")
    ]
    assert "clarification_received" in run("triage").stdout
