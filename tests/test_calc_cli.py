"""The calculator's contract, run as a person runs it: `python starter.py calc`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOME_OFFICE = {
    "regime": "foia",
    "received": "2021-03-31",
    "as_of": "2021-08-26",
    "events": [
        {"type": "responded", "on": "2021-04-21", "outcome": "withheld"},
        {"type": "review_requested", "on": "2021-06-22"},
        {"type": "review_completed", "on": "2021-08-26", "outcome": "upheld"},
    ],
    "extra_non_working_days": [],
}
CONTRACT_KEYS = {
    "regime",
    "received",
    "as_of",
    "stage",
    "statutory_due",
    "response_due",
    "overdue",
    "working_days_overdue",
    "responded_on",
    "response_in_time",
    "review_request_deadline",
    "review_requested_in_time",
    "review_due",
    "review_latest_due",
    "review_overdue",
    "review_completed_within_target",
    "review_completed_within_limit",
    "complaint_deadline",
    "closed_reason",
}


def calc(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "starter.py", "calc", "-", *args],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_worked_case_gives_the_dates_of_rules_md():
    out = calc(json.dumps(HOME_OFFICE))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got.keys() >= CONTRACT_KEYS
    assert got["response_due"] == "2021-04-30" and got["response_in_time"] is True
    assert got["review_request_deadline"] == "2021-06-21" and got["review_requested_in_time"] is False
    assert (got["review_due"], got["review_latest_due"]) == ("2021-07-21", "2021-08-19")
    assert got["stage"] == "closed" and got["closed_reason"] == "review_completed"


def test_a_file_argument_works_like_stdin(tmp_path):
    f = tmp_path / "case.json"
    f.write_text(json.dumps(HOME_OFFICE))
    out = subprocess.run(
        [sys.executable, "starter.py", "calc", str(f)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0 and json.loads(out.stdout)["response_due"] == "2021-04-30"


def test_explain_names_each_skipped_holiday():
    out = calc(json.dumps(HOME_OFFICE), "--explain")
    assert out.returncode == 0, out.stderr
    assert "Mon 2 Aug 2021 — Summer Bank Holiday (Scotland)" in out.stdout
    assert "Fri 2 Apr 2021 — Good Friday" in out.stdout
    assert "working day 45" in out.stdout


def test_extra_non_working_days_move_the_deadline():
    case = {
        "regime": "foia",
        "received": "2021-10-04",
        "as_of": "2021-10-04",
        "extra_non_working_days": ["2021-10-15", {"on": "2021-10-18", "name": "Proclaimed"}],
    }
    out = calc(json.dumps(case))
    assert json.loads(out.stdout)["response_due"] == "2021-11-03"


def with_events(*events):
    return json.dumps({"regime": "foia", "received": "2021-03-01", "as_of": "2021-06-01", "events": list(events)})


@pytest.mark.parametrize(
    "stdin, says",
    [
        ("this is not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        ('{"regime": "gdpr", "received": "2021-03-01"}', "regime"),
        ('{"regime": "foia", "received": "2021-02-30"}', "received"),
        ('{"regime": "foia"}', "received"),
        ('{"regime": "foia", "received": "2021-03-01", "colour": "red"}', "colour"),
        (with_events({"type": "teleported", "on": "2021-03-02"}), "events.0.type"),
        (with_events({"type": "responded", "on": "2021-02-27", "outcome": "granted"}), "before the request"),
        (
            with_events({"type": "withdrawn", "on": "2021-03-09"}, {"type": "withdrawn", "on": "2021-03-08"}),
            "date order",
        ),
        (with_events({"type": "fee_paid", "on": "2021-03-09"}), "no fee notice"),
        (with_events({"type": "review_requested", "on": "2021-03-09"}), "after the response"),
        (with_events({"type": "extended", "on": "2021-03-09", "until": "2021-06-30"}), "beyond"),
        (
            '{"regime": "foisa", "received": "2021-03-01", "events": [{"type": "extended", "on": "2021-03-09"}]}',
            "no extension",
        ),
        (
            '{"regime": "foia", "received": "2021-03-01", "as_of": "2021-02-01", '
            '"events": [{"type": "withdrawn", "on": "2021-03-02"}]}',
            "before the last event",
        ),
    ],
)
def test_invalid_input_is_one_line_on_stderr_nothing_on_stdout_and_status_2(stdin, says):
    out = calc(stdin)
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and says in out.stderr
    assert "Traceback" not in out.stderr


def test_a_missing_file_is_a_clear_error():
    out = subprocess.run(
        [sys.executable, "starter.py", "calc", "/nonexistent.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2 and "cannot read /nonexistent.json" in out.stderr
