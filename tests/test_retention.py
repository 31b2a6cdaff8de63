"""Retention and erasure (issue 23, item 3), as a person runs it: a worker process on its own embedded dev
server, the starter beside it, the daily run triggered on the worker's own schedule with the `temporal`
CLI, and the bytes on disk searched afterwards: the data dir's every file (the SQLite register and its
WAL, Temporal's database and its WAL, the logs) and, with the register on PostgreSQL, a `pg_dump` of it.

The cases, their dates written down by hand (FOIA/EIR; retention default closure + 3 years):
- A, FOIA, received Thu 1 Apr 2021, answered Wed 21 Apr 2021 (part withheld, s31 and s40(2)): closed
  once its review window ended (Mon 21 Jun 2021). Closure 21 Apr 2021, erasable from Sun 21 Apr 2024:
  long past today, so the daily run erases it.
- B, EIR, received Tue 6 Apr 2021, answered Tue 20 Apr 2021 (granted): as old, but on legal hold, so it
  is kept, and `erase B` is refused.
- C, FOIA, received Tue 1 Dec 2026 with nothing answered: open, so `erase C` is refused.
- D, FOIA, received Mon 1 Sep 2025, answered Mon 15 Sep 2025 (granted): closed (window ended Mon 17 Nov
  2025), erasable only from Fri 15 Sep 2028, so the daily run keeps it; `erase D` on request erases it.
"""

from __future__ import annotations

import json
import subprocess
import time
from base64 import b64decode
from datetime import date

import pytest

from register import Register
from register.base import now
from runtime.connection import binary
from tests.postgres import DATABASES, binaries
from tests.processes import Deployment

REQUESTERS = {
    "A": ("Zebedee Quillfeather", "zebedee.quillfeather@example.org", "Badger culling licences in Quillshire"),
    "B": ("Ottoline Marchbanks", "ottoline.marchbanks@example.net", "Marchbanks bridge inspection reports"),
    "C": ("Peregrine Thistlewood", "p.thistlewood@example.com", "Thistlewood school transport contracts"),
    "D": ("Hortensia Blackwater", "hortensia.blackwater@example.org", "Blackwater reservoir algae tests"),
}
CASES = {
    "A": ("foia", "2021-04-01", [{"type": "responded", "on": "2021-04-21", "outcome": "part_withheld",
                                  "exemptions": ["s31(1)(a)", "s40(2)"], "public_interest_test": True}]),
    "B": ("eir", "2021-04-06", [{"type": "responded", "on": "2021-04-20", "outcome": "granted"}]),
    "C": ("foia", "2026-12-01", []),
    "D": ("foia", "2025-09-01", [{"type": "responded", "on": "2025-09-15", "outcome": "granted"}]),
}  # fmt: skip

pytestmark = pytest.mark.slow  # starts processes or a browser (docs/developer.md#what-slow-means)


def values(ref: str) -> list[bytes]:
    return [v.encode() for v in REQUESTERS[ref]]


def found_in(blob: bytes, needles: list[bytes]) -> list[bytes]:
    return [n for n in needles if n in blob]


def data_dir_bytes(deployment: Deployment) -> bytes:
    """Every file of the data dir, concatenated (the register, Temporal's database, their WAL, the logs)."""
    files = sorted(p for p in (deployment.workdir / ".foi").rglob("*") if p.is_file())
    assert any(p.name == "temporal.db" for p in files)
    return b"".join(p.read_bytes() for p in files)


def pg_dump(url: str) -> bytes:
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    out = subprocess.run([str(binaries() / "pg_dump"), "--data-only", plain], capture_output=True, check=True)
    return out.stdout


def temporal(deployment: Deployment, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [binary("temporal"), *args, "--address", f"127.0.0.1:{deployment.port}"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def input_ciphertext(deployment: Deployment, ref: str) -> bytes:
    """The case workflow's input payload as Temporal's database stores it: encrypted (it names the requester)."""
    shown = temporal(deployment, "workflow", "show", "--workflow-id", f"foi-{ref}", "--output", "json")
    assert shown.returncode == 0, shown.stderr
    first = json.loads(shown.stdout)["events"][0]
    payload = first["workflowExecutionStartedEventAttributes"]["input"]["payloads"][0]
    return b64decode(payload["data"])


def wait_for(check, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(params=DATABASES)
def deployment(request, tmp_path):
    extra = {"FOI_RETENTION__COMPACT_AFTER_SECONDS": "5"}  # the run's wait for the server's own deletions
    if request.param == "postgresql":
        extra["FOI_DATABASE_URL"] = request.getfixturevalue("postgres_database")
    d = Deployment(tmp_path, **extra)
    d.start_worker()
    yield d
    d.stop_worker()


def start_cases(d: Deployment) -> None:
    for ref, (regime, received, events) in CASES.items():
        name, email, subject = REQUESTERS[ref]
        (d.workdir / f"{ref}.events.json").write_text(json.dumps(events))
        out = d.starter(
            "new", "--ref", ref, "--regime", regime, "--received", received, "--subject", subject,
            "--requester", "-", "--events", f"{ref}.events.json", "--officer", "officer@example.org",
            stdin=json.dumps({"name": name, "email": email}),
        )  # fmt: skip
        assert out.returncode == 0, (ref, out.stderr)


def seed_mail(register: Register, ref: str) -> None:
    """What the mailbox and the outbox keep of case `ref`: the message it started from (its raw copy too,
    stored here unsealed so that only its erasure can hide it) and the acknowledgement to the requester."""
    name, email, subject = REQUESTERS[ref]
    raw = f"From: {name} <{email}>\r\nSubject: {subject}\r\n\r\nPlease send me the {subject}.\r\n".encode()
    register.take_message(
        mailbox="foi@example.org", folder="INBOX", uidvalidity=1, uid=ord(ref), digest="d" * 64,
        arrived_at=now(), received=date(2021, 4, 1), sender_name=name, sender_email=email, subject=subject,
        body=f"Please send me the {subject}.", attachments=[{"name": f"{name}.pdf", "size": 10}],
        notes=[], message_id=f"<{ref}.{email}>", suggested_regime="foia", suggestion_reason="a request",
        raw_key="k1", raw=raw, status="started", ref=ref,
    )  # fmt: skip
    register.claim_notification(
        status="sent", key=f"foi-{ref}:acknowledgement:requester", ref=ref, kind="acknowledgement",
        role="requester", recipient=email, alarm_on=date(2021, 4, 1), deadline=None,
        subject=f"Your request: {subject}", body=f"Dear {name},\nwe received your request about {subject}.",
        channel="outbox",
    )  # fmt: skip


def report(d: Deployment, quarter: str) -> dict:
    out = d.starter("report", "--quarter", quarter, "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def figure(rep: dict, section: str, measure: str) -> int:
    return next(f["count"] for f in rep["figures"] if (f["section"], f["measure"]) == (section, measure))


def test_past_retention_the_daily_run_erases_every_copy_and_the_statistics_do_not_change(deployment):
    d = deployment
    url = d.env.get("FOI_DATABASE_URL") or f"sqlite:///{d.workdir / '.foi' / 'register.db'}"
    register = Register(url)
    start_cases(d)
    for ref in CASES:
        seed_mail(register, ref)
    wait_for(lambda: [getattr(register.case(r), "stage", None) for r in "ABD"] == ["closed"] * 3, "A, B, D to close")
    assert register.case("C").stage == "awaiting_response"
    a_sealed, b_sealed = input_ciphertext(d, "A"), input_ciphertext(d, "B")
    described = temporal(d, "operator", "namespace", "describe", "--namespace", "default", "--output", "json")
    assert described.returncode == 0, described.stderr
    ttl = json.loads(described.stdout)["config"]["workflowExecutionRetentionTtl"]
    assert ttl == f"{3 * 365 * 86400}s"  # the worker set it: the schedule's shortest period, 3 years of 365 days

    out = d.starter("hold", "B", "--reason", "litigation hold, legal services ref LS/2026/14")
    assert out.returncode == 0, out.stderr
    refused = d.starter("erase", "B", "--reason", "erasure request of 1 Dec 2026")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.splitlines() == [refused.stderr.strip()] and "on legal hold" in refused.stderr
    refused = d.starter("erase", "C", "--reason", "erasure request of 1 Dec 2026")
    assert (refused.returncode, refused.stdout) == (2, "")
    assert (
        refused.stderr.strip() == "error: case C is open (awaiting response): a case is erased only once it is closed"
    )
    refused = d.starter("erase", "D", "--reason", f"request from {REQUESTERS['D'][0]}")
    assert refused.returncode == 2 and "repeats the requester's details" in refused.stderr
    assert register.erasures() == []

    before = {q: report(d, q) for q in ("2021Q2", "2025Q3")}
    # written by hand: A (FOIA, part withheld) and B (EIR, granted) received in 2021Q2; D (granted) in 2025Q3
    q2 = before["2021Q2"]
    assert [
        figure(q2, "requests", "received"),
        figure(q2, "timeliness", "answered by the statutory date (in time)"),
    ] == [2, 2]
    assert [figure(q2, "outcomes", "partially withheld"), figure(q2, "outcomes", "granted in full")] == [1, 1]
    assert figure(before["2025Q3"], "requests", "received") == 1

    triggered = temporal(d, "schedule", "trigger", "--schedule-id", "foi:retention")
    assert triggered.returncode == 0, triggered.stderr
    erased = wait_for(lambda: (e := register.erasure("A")) and e.compacted_at and e, "A's erasure and compaction")

    assert (erased.rule, erased.erased_by, erased.closed_on, erased.reason) == (
        "retention foia: closure + 3 years",
        "schedule",
        date(2021, 4, 21),
        None,
    )
    assert [e.ref for e in register.erasures()] == ["A"]  # B held, C open, D within its period

    out = d.starter("erase", "D", "--reason", "erasure request of 1 Dec 2026, our ref DP-77")
    assert out.returncode == 0, out.stderr
    assert (
        out.stdout.strip()
        == "D: the requester's personal data erased from the register, its workflow histories deleted"
    )
    [a_log, d_log] = register.erasures()
    assert (d_log.ref, d_log.rule, d_log.reason) == (
        "D",
        "erasure request",
        "erasure request of 1 Dec 2026, our ref DP-77",
    )
    assert d_log.erased_by.startswith("os:") and d_log.histories_deleted_at is not None
    again = d.starter("erase", "D", "--reason", "again")
    assert again.returncode == 2 and "was erased on" in again.stderr

    # the statistics are exactly as they were
    assert {q: report(d, q) for q in before} == before
    a = register.case("A")
    assert (a.regime, a.received, a.stage, a.last_event_on) == ("foia", date(2021, 4, 1), "closed", date(2021, 4, 21))
    assert (a.subject, a.requester_name, a.requester_email) == (None, None, None)
    assert register.exemptions("A")[("A", 0)].exemptions == ["s31(1)(a)", "s40(2)"]

    # no requester value of A or D left anywhere; B's and C's still there, so the search can find them
    for gone in ("A", "D"):
        assert wait_for(
            lambda r=gone: temporal(d, "workflow", "describe", "--workflow-id", f"foi-{r}").returncode != 0,
            f"{gone}'s workflow to be deleted",
        )
    if "FOI_DATABASE_URL" in d.env:
        dump = pg_dump(d.env["FOI_DATABASE_URL"])
        assert found_in(dump, values("A") + values("D")) == []
        assert found_in(dump, values("B") + values("C")) == values("B") + values("C")
    disk = data_dir_bytes(d)
    assert found_in(disk, values("A") + values("D")) == []
    if "FOI_DATABASE_URL" not in d.env:
        assert found_in(disk, values("B") + values("C")) == values("B") + values("C")
    assert b_sealed in disk  # the held case's history is there, as Temporal stores it
    assert a_sealed not in disk  # the erased case's is not: deleted, and its free pages compacted away

    # the erasure log holds no personal data
    log = d.starter("erasures")
    assert log.returncode == 0
    assert all(v.decode() not in log.stdout for v in values("A") + values("D"))
    assert "retention foia: closure + 3 years" in log.stdout
