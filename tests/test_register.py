"""The register on each database it supports: SQLite (the default) and a real PostgreSQL server.

Every write is idempotent, so a retried activity records nothing twice; schema creation can run again
on a database that already has the tables (a second worker, a restart).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.orm import Session

from register import Register
from register.store import Base, CaseRow, EventExemptionsRow, EventRow
from reports.quarterly import Quarter
from reports.statistics import figures
from rules import Event, ProclaimedDay
from tests.postgres import DATABASES, settings_on

settings = pytest.fixture(params=DATABASES)(settings_on)

CASE = dict(
    ref="R1",
    regime="foia",
    received=date(2021, 3, 31),
    subject="Data extraction",
    requester_name="A. Requester",
    requester_email="requester@example.org",
    officer="officer@example.org",
    manager=None,
    workflow_id="foi-R1",
    stage="awaiting_response",
    closed_reason=None,
    evaluation={"response_due": "2021-04-30"},
)


def test_creating_the_schema_again_changes_nothing(settings, register):
    register.upsert_case(**CASE)
    Base.metadata.create_all(create_engine(settings.register_url))
    assert register.case("R1").subject == "Data extraction"


def test_a_case_is_inserted_once_then_updated(register):
    register.upsert_case(**CASE)
    register.upsert_case(**{**CASE, "officer": "other@example.org"})
    register.update_case("R1", "closed", "withdrawn", {"closed_on": "2021-04-02"})
    [row] = register.cases()
    assert (row.officer, row.stage, row.closed_reason) == ("other@example.org", "closed", "withdrawn")
    assert (row.received, row.evaluation) == (date(2021, 3, 31), {"closed_on": "2021-04-02"})
    assert row.started_at <= row.updated_at


def test_a_retried_event_is_recorded_once(register):
    responded = Event(type="responded", on=date(2021, 4, 21), outcome="part_withheld")
    assert register.record_event("R1", 0, responded) is True
    assert register.record_event("R1", 0, responded) is False
    extended = Event(type="extended", on=date(2021, 4, 22), until=date(2021, 5, 28), exceptional=True)
    assert register.record_event("R1", 1, extended) is True
    assert register.case_events("R1") == [responded, extended]


def test_a_register_made_before_exemptions_gains_their_table_and_keeps_its_rows(settings):
    if settings.register_url.startswith("sqlite:///"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    old = create_engine(settings.register_url)
    Base.metadata.create_all(old, tables=[t for t in Base.metadata.sorted_tables if t.name != "event_exemptions"])
    with Session(old) as s, s.begin():  # a case and its response recorded by an older release
        s.add(CaseRow(**CASE))
        s.add(EventRow(ref="R1", seq=0, type="responded", on=date(2021, 4, 21), outcome="granted"))
    assert "event_exemptions" not in inspect(old).get_table_names()
    old.dispose()

    register = Register(settings.register_url)  # a newer worker starts: the table is created
    assert "event_exemptions" in inspect(register.engine).get_table_names()
    assert register.case_events("R1") == [Event(type="responded", on=date(2021, 4, 21), outcome="granted")]
    review = Event(type="review_completed", on=date(2021, 6, 1), outcome="upheld", exemptions=("s40(2)",))
    assert register.record_event("R1", 1, review) is True
    assert register.case_events("R1")[1] == review


def test_exemptions_are_kept_with_their_event_once_and_counted(settings, register):
    register.upsert_case(**CASE)
    register.upsert_case(**{**CASE, "ref": "R2", "workflow_id": "foi-R2", "received": date(2021, 4, 6)})
    responded = Event(
        type="responded",
        on=date(2021, 4, 21),
        outcome="part_withheld",
        exemptions=("Section 31(1)(a)", "s31(3)", "s40(2)"),
        public_interest_test=True,
    )
    assert responded.exemptions == ("s31(1)(a)", "s31(3)", "s40(2)")
    history = [
        responded,
        Event(type="review_requested", on=date(2021, 6, 22)),
        Event(type="review_completed", on=date(2021, 8, 26), outcome="upheld", exemptions=("s40(2)",)),
    ]
    for seq, e in enumerate(history):
        assert register.record_event("R1", seq, e) is True
    assert register.record_event("R1", 0, responded) is False  # a retried activity: neither row twice
    granted = Event(type="responded", on=date(2021, 4, 20), outcome="granted")
    assert register.record_event("R2", 0, granted) is True

    assert register.case_events("R1") == history
    assert register.case_events("R2") == [granted]
    cited = register.exemptions()
    assert sorted(cited) == [("R1", 0), ("R1", 2)]
    assert (cited["R1", 0].exemptions, cited["R1", 0].public_interest_test) == (["s31(1)(a)", "s31(3)", "s40(2)"], True)
    assert (cited["R1", 2].exemptions, cited["R1", 2].public_interest_test) == (["s40(2)"], False)
    assert register.exemptions("R2") == {}
    with register.session() as s:
        assert s.query(EventExemptionsRow).count() == 2

    rows = figures(register, settings.policy, date(2021, 9, 1), Quarter.parse("2021Q1"))
    applied = {m: n for section, m, n in rows if section == "FOI/EIR exemptions applied"}
    assert applied == {"FOIA s31": 1, "FOIA s40": 1}  # R2 was received in Q2
    assert ("FOI/EIR timeliness", "percentage answered in time", 100.0) in rows
    q2 = figures(register, settings.policy, date(2021, 9, 1), Quarter.parse("2021Q2"))
    assert not [r for r in q2 if r[0] == "FOI/EIR exemptions applied"]


def test_a_notification_is_claimed_once_and_marked_sent(register):
    fields = dict(
        key="foi-R1:response_overdue:2021-05-04:manager",
        ref="R1",
        kind="response_overdue",
        role="manager",
        recipient="manager@example.org",
        alarm_on=date(2021, 5, 4),
        deadline=date(2021, 4, 30),
        subject="[R1] OVERDUE",
        body="The response was due Fri 30 Apr 2021.",
        channel="outbox",
    )
    first = register.claim_notification(**fields)
    again = register.claim_notification(**fields)
    assert (first.id, first.status) == (again.id, "pending")
    register.mark_sent(fields["key"])
    [row] = register.notifications(ref="R1")
    assert (row.status, row.sent_at is not None) == ("sent", True)


def test_a_proclaimed_day_is_recorded_once_per_region(register):
    day = ProclaimedDay(on=date(2026, 6, 15), name="World Cup holiday", region="SCT")
    assert register.add_proclaimed(day) is True
    assert register.add_proclaimed(day) is False
    assert register.add_proclaimed(day.model_copy(update={"region": "uk"})) is True
    assert [(p.on, p.region) for p in register.proclaimed()] == [(date(2026, 6, 15), "SCT"), (date(2026, 6, 15), "uk")]


def test_the_register_really_is_on_the_database_named(settings, register):
    assert Register(settings.register_url).engine.dialect.name == settings.register_url.split(":")[0].split("+")[0]


def test_every_case_comes_with_its_events_in_order(register):
    from register.histories import histories

    register.upsert_case(**CASE)
    register.upsert_case(**{**CASE, "ref": "R0", "workflow_id": "foi-R0", "received": date(2021, 3, 1)})
    responded = Event(type="responded", on=date(2021, 4, 21), outcome="part_withheld")
    review = Event(type="review_requested", on=date(2021, 6, 22))
    register.record_event("R1", 1, review)
    register.record_event("R1", 0, responded)
    assert [(row.ref, events) for row, events in histories(register)] == [("R0", []), ("R1", [responded, review])]
    assert (register.case("R1").last_event_type, register.case("R1").last_event_on) == ("review_requested", review.on)
