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


def test_explain_counts_one_month_in_the_singular():
    sar = {"regime": "sar", "received": "2026-11-02", "as_of": "2026-11-02"}
    out = calc(json.dumps(sar), "--explain")
    assert out.returncode == 0, out.stderr
    assert "Response due (statutory): Wed 2 Dec 2026 — 1 calendar month after Mon 2 Nov 2026" in out.stdout
    assert "months" not in out.stdout


def test_extra_non_working_days_move_the_deadline():
    case = {
        "regime": "foia",
        "received": "2021-10-04",
        "as_of": "2021-10-04",
        "extra_non_working_days": ["2021-10-15", {"on": "2021-10-18", "name": "Proclaimed"}],
    }
    out = calc(json.dumps(case))
    assert json.loads(out.stdout)["response_due"] == "2021-11-03"


def case(regime, received, *events, **more):
    return {"regime": regime, "received": received, "events": [{"type": t, "on": on} for t, on in events], **more}


@pytest.mark.parametrize(
    "request_, expected",
    [
        # FOIA s10(3) with s17(1)-(2): an extension notified after the due date extends nothing.
        (
            case("foia", "2025-10-01", ("extended", "2025-11-03"), ("responded", "2025-11-14"), as_of="2025-11-14"),
            {"statutory_due": "2025-10-29", "response_due": "2025-10-29", "response_timeliness": "late"},
        ),
        # FOIA s9(1): a fees notice after the time for compliance disregards nothing.
        (
            case("foia", "2025-10-01", ("fee_notice_issued", "2025-10-30"), ("fee_paid", "2025-11-10")),
            {"response_due": "2025-10-29", "overdue": True, "stage": "awaiting_response"},
        ),
        # FOIA s10(2): fee days are skipped among the 20; the day of receipt moves nothing.
        (
            case("foia", "2025-10-01", ("fee_notice_issued", "2025-10-01"), ("fee_paid", "2025-10-03")),
            {"statutory_due": "2025-10-31"},
        ),
        # FOISA s20(5): the review window runs from the expiry of the time allowed.
        (
            case("foisa", "2025-09-01", ("responded", "2025-09-03"), ("review_requested", "2025-11-10")),
            {"review_request_deadline": "2025-11-24", "review_requested_in_time": True},
        ),
        # FOISA s20(1): a review of a failure to respond.
        (
            case("foisa", "2025-10-01", ("review_requested", "2025-11-10")),
            {"stage": "in_review", "review_due": "2025-12-09", "overdue": True},
        ),
        # EIR reg 8(4)-(6): advance charges are accepted.
        (
            case("eir", "2021-10-04", ("fee_notice_issued", "2021-10-06"), ("fee_paid", "2021-10-12")),
            {"statutory_due": "2021-11-08"},
        ),
        # UK GDPR Art 12A: a fee paid restarts the month; clarification pauses both ends inclusive.
        (
            case("sar", "2027-01-28", ("fee_notice_issued", "2027-01-28"), ("fee_paid", "2027-01-31")),
            {"statutory_due": "2027-03-01"},
        ),
        (
            case(
                "sar", "2026-09-01", ("clarification_requested", "2026-09-03"), ("clarification_received", "2026-09-08")
            ),
            {"statutory_due": "2026-10-07"},
        ),
        # The controller's own nation: St Andrew's Day stops a Scottish controller only.
        (case("sar", "2023-10-30"), {"statutory_due": "2023-11-30"}),
        (case("sar", "2023-10-30", nation="scotland"), {"statutory_due": "2023-12-01"}),
    ],
)
def test_every_example_of_the_law_through_the_calculator(request_, expected):
    for event in request_["events"]:
        event.update({"responded": {"outcome": "granted"}, "extended": {"until": "2025-11-20"}}.get(event["type"], {}))
    request_.setdefault("as_of", max([request_["received"], *(e["on"] for e in request_["events"])]))
    out = calc(json.dumps(request_))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert {k: got[k] for k in expected} == expected


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
        (with_events({"type": "review_requested", "on": "2021-03-09"}), "not due until 2021-03-30"),
        ('{"regime": "sar", "received": "2021-03-01", "nation": "wales"}', "nation"),
        (with_events({"type": "identity_requested", "on": "2021-03-09"}), "only in subject access"),
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
