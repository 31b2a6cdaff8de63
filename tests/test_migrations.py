"""The register's migrations (Alembic, register/migrations): a register of each shape an earlier release
made (by `create_all`, before Alembic, with rows in every table) is upgraded to the newest revision on
SQLite and on PostgreSQL with nothing lost, and then matches the models exactly; an empty database is
built by the same revisions; the revision chain is linear and its head is `register.migrations.HEAD`.

Each earlier shape is written out here from the models as they were at the commit named (`git log -p
register/ foi/register.py runtime/key_check.py`), not from the revisions under test. Expected values are
written by hand: the Home Office-style case below, received Wed 31 Mar 2021 with clarification asked
on Tue 6 Apr and received on Thu 8 Apr, is due 20 working days after 8 Apr: Fri 7 May 2021 (Mon 3 May
is the Early May bank holiday)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    inspect,
    text,
)

from register import Register
from register.base import Base
from register.migrations import HEAD, HERE, current_revision
from rules import Case, Event, evaluate
from rules.bank_holidays import calendar_covering
from tests.postgres import DATABASES

AT = datetime(2021, 4, 8, 10, 0, tzinfo=UTC)
EVENTS = [
    Event(type="clarification_requested", on=date(2021, 4, 6)),
    Event(type="clarification_received", on=date(2021, 4, 8)),
]
DUE = date(2021, 5, 7)


def first_release(md: MetaData) -> None:
    """9a62f6c (foi/register.py), 2026-11-24."""
    Table(
        "cases",
        md,
        Column("ref", String(64), primary_key=True),
        Column("regime", String(8), nullable=False),
        Column("received", Date, nullable=False),
        Column("subject", Text),
        Column("requester_name", Text),
        Column("requester_email", Text),
        Column("officer", String(320)),
        Column("manager", String(320)),
        Column("workflow_id", String(80), nullable=False),
        Column("stage", String(32), nullable=False),
        Column("closed_reason", String(32)),
        Column("evaluation", JSON),
        Column("started_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "events",
        md,
        Column("id", Integer, primary_key=True),
        Column("ref", String(64), nullable=False, index=True),
        Column("seq", Integer, nullable=False),
        Column("type", String(32), nullable=False),
        Column("on", Date, nullable=False),
        Column("outcome", String(32)),
        Column("until", Date),
        Column("exceptional", Boolean, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("ref", "seq"),
    )
    Table(
        "notifications",
        md,
        Column("id", Integer, primary_key=True),
        Column("key", String(200), nullable=False, unique=True),
        Column("ref", String(64), nullable=False, index=True),
        Column("kind", String(40), nullable=False),
        Column("role", String(16), nullable=False),
        Column("recipient", String(320), nullable=False),
        Column("alarm_on", Date, nullable=False),
        Column("deadline", Date),
        Column("subject", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("channel", String(8), nullable=False),
        Column("status", String(8), nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("sent_at", DateTime(timezone=True)),
    )
    Table(
        "proclaimed_days",
        md,
        Column("id", Integer, primary_key=True),
        Column("on", Date, nullable=False),
        Column("name", Text, nullable=False),
        Column("region", String(4), nullable=False),
        Column("added_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("on", "region"),
    )


def security(md: MetaData) -> None:
    """90e86a4, 2026-11-25: status of 16 characters; worker_keys (runtime/key_check.py)."""
    first_release(md)
    md.tables["notifications"].c.status.type = String(16)
    Table(
        "worker_keys",
        md,
        Column("id", Integer, primary_key=True),
        Column("current", String(16), nullable=False),
        Column("all", Text, nullable=False),
        Column("recorded_at", DateTime(timezone=True), nullable=False),
    )


def exemptions(md: MetaData) -> None:
    """16b1436, 2026-11-25."""
    security(md)
    Table(
        "event_exemptions",
        md,
        Column("id", Integer, primary_key=True),
        Column("ref", String(64), nullable=False, index=True),
        Column("seq", Integer, nullable=False),
        Column("exemptions", JSON, nullable=False),
        Column("public_interest_test", Boolean, nullable=False),
        UniqueConstraint("ref", "seq"),
    )


def attention(md: MetaData) -> None:
    """ee86bd6, 2026-11-25."""
    exemptions(md)
    Table(
        "case_attention",
        md,
        Column("ref", String(64), primary_key=True),
        Column("reason", Text, nullable=False),
        Column("since", DateTime(timezone=True), nullable=False),
    )


def read_model(md: MetaData) -> None:
    """dae5cca, 2026-11-25: the cases table with its read-model columns and indexes, made whole."""
    attention(md)
    cases = md.tables["cases"]
    for name, kind in [
        ("running_due", Date),
        ("response_owed_by", Date),
        ("review_target", Date),
        ("overdue_after", Date),
        ("next_alarm_on", Date),
        ("next_alarm_kind", String(40)),
        ("last_event_type", String(32)),
        ("last_event_on", Date),
    ]:
        cases.append_column(Column(name, kind, index=name in ("running_due", "overdue_after")))
    Index("ix_cases_stage_regime", cases.c.stage, cases.c.regime)
    Index("ix_cases_officer", cases.c.officer)
    Index("ix_cases_manager", cases.c.manager)


def digests(md: MetaData) -> None:
    """71bdacc, 2026-12-01: alerts that wait for a digest or are withdrawn, and the digests sent."""
    read_model(md)
    notifications = md.tables["notifications"]
    notifications.append_column(Column("digest_key", String(400), index=True))
    notifications.append_column(Column("withdrawn_at", DateTime(timezone=True)))
    notifications.append_column(Column("withdrawn_reason", Text))
    Table(
        "digests",
        md,
        Column("id", Integer, primary_key=True),
        Column("key", String(400), nullable=False, unique=True),
        Column("recipient", String(320), nullable=False),
        Column("day", Date, nullable=False),
        Column("channel", String(8), nullable=False),
        Column("status", String(16), nullable=False),
        Column("subject", Text),
        Column("body", Text),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("sent_at", DateTime(timezone=True)),
    )


def authors(md: MetaData) -> None:
    """Issues 18 and 20, 2026-12-06: people, teams, the audit trail, authors on cases and events."""
    digests(md)
    cases, events = md.tables["cases"], md.tables["events"]
    cases.append_column(Column("started_by", String(340)))
    cases.append_column(Column("team", String(100), index=True))
    cases.append_column(Column("reviewer", String(320)))
    for name, kind in [
        ("recorded_by", String(340)),
        ("voided_at", DateTime(timezone=True)),
        ("voided_by", String(340)),
        ("void_reason", Text),
        ("amended_at", DateTime(timezone=True)),
        ("amended_by", String(340)),
        ("amend_reason", Text),
        ("review_independence", String(16)),
    ]:
        events.append_column(Column(name, kind))
    Table(
        "people",
        md,
        Column("email", String(320), primary_key=True),
        Column("name", Text, nullable=False),
        Column("roles", JSON, nullable=False),
        Column("active", Boolean, nullable=False),
        Column("added_at", DateTime(timezone=True), nullable=False),
        Column("added_by", String(340)),
        Column("deactivated_at", DateTime(timezone=True)),
        Column("deactivated_by", String(340)),
    )
    Table(
        "teams",
        md,
        Column("name", String(100), primary_key=True),
        Column("added_at", DateTime(timezone=True), nullable=False),
        Column("added_by", String(340)),
    )
    Table(
        "team_members",
        md,
        Column("id", Integer, primary_key=True),
        Column("team", String(100), nullable=False, index=True),
        Column("email", String(320), nullable=False, index=True),
        UniqueConstraint("team", "email"),
    )
    Table(
        "actions",
        md,
        Column("id", Integer, primary_key=True),
        Column("key", String(200), nullable=False),
        Column("ref", String(64), index=True),
        Column("kind", String(32), nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("actor", String(340)),
        Column("reason", Text),
        Column("detail", JSON, nullable=False),
        UniqueConstraint("key"),
    )


def intake(md: MetaData) -> None:
    """Issue 22, 2026-12-06: the mailbox's messages and its health."""
    authors(md)
    Table(
        "intake",
        md,
        Column("id", Integer, primary_key=True),
        Column("mailbox", String(400), nullable=False),
        Column("folder", String(400), nullable=False),
        Column("uidvalidity", BigInteger, nullable=False),
        Column("uid", BigInteger, nullable=False),
        Column("digest", String(64), nullable=False, index=True),
        Column("arrived_at", DateTime(timezone=True), nullable=False),
        Column("received", Date, nullable=False, index=True),
        Column("sender_name", Text),
        Column("sender_email", Text),
        Column("subject", Text),
        Column("body", Text, nullable=False),
        Column("attachments", JSON, nullable=False),
        Column("notes", JSON, nullable=False),
        Column("message_id", Text),
        Column("suggested_regime", String(8), nullable=False),
        Column("suggestion_reason", Text, nullable=False),
        Column("raw_key", String(64), nullable=False),
        Column("raw", LargeBinary, nullable=False),
        Column("status", String(16), nullable=False, index=True),
        Column("ref", String(64), index=True),
        Column("reason", Text),
        Column("taken_at", DateTime(timezone=True), nullable=False),
        Column("moved_at", DateTime(timezone=True)),
        Column("triaged_at", DateTime(timezone=True)),
        Column("triaged_by", String(340)),
        Column("used_for", String(32)),
        Column("acknowledged_at", DateTime(timezone=True)),
        UniqueConstraint("mailbox", "folder", "uidvalidity", "uid"),
    )
    Table(
        "intake_health",
        md,
        Column("mailbox", String(400), primary_key=True),
        Column("ok", Boolean, nullable=False),
        Column("message", Text, nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
    )


SIGN_IN = ("password_hash", "failed_sign_ins", "locked_until", "sessions_after")


def category(md: MetaData) -> None:
    """Issue 21, 2026-12-06: a case's Time for Compliance category; people without issue 19's columns."""
    for table in Base.metadata.sorted_tables:
        if table.name == "people":
            kept = [c for c in table.columns if c.name not in SIGN_IN]
            Table("people", md, *(Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in kept))
        elif table.name == "cases":
            cases_without_draft_due(md, table)
        else:
            table.to_metadata(md)


ERASURE = ("erasures", "legal_holds")


def all_but(md: MetaData, *later: str) -> None:
    """Every table of today's models but the `later` ones."""
    for table in Base.metadata.sorted_tables:
        if table.name not in later:
            table.to_metadata(md)


def sign_in(md: MetaData) -> None:
    """Issue 19, 2026-12-06: people's sign-in columns; cases without issue 20's draft date, no disclosure log,
    clearance, erasure log nor legal holds."""
    for table in Base.metadata.sorted_tables:
        if table.name == "cases":
            cases_without_draft_due(md, table)
        elif table.name not in ("publications", "event_clearance", *ERASURE):
            table.to_metadata(md)


def cases_without_draft_due(md: MetaData, cases: Table) -> None:
    """The `cases` table as it was before issue 20's draft date: its columns and indexes, less `draft_due`."""
    kept = [c for c in cases.columns if c.name != "draft_due"]
    Table(
        "cases",
        md,
        *(Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in kept),
        *(Index(i.name, *(c.name for c in i.columns)) for i in cases.indexes),
    )


def draft_due(md: MetaData) -> None:
    """Issue 20, 2026-12-06: the cases' draft date; no disclosure log, clearance or erasure yet."""
    all_but(md, "publications", "event_clearance", *ERASURE)


def disclosure_log(md: MetaData) -> None:
    """Issue 23, 2026-12-06: the disclosure log's publications; no clearance or erasure yet."""
    all_but(md, "event_clearance", *ERASURE)


def event_clearance(md: MetaData) -> None:
    """Issue 20, 2026-12-06: clearance by an approving team; no erasure log or legal holds yet."""
    all_but(md, *ERASURE)


def current(md: MetaData) -> None:
    """Today: the models themselves (issue 23's erasure log and legal holds too), made before Alembic."""
    for table in Base.metadata.sorted_tables:
        table.to_metadata(md)


SHAPES = {
    "first_release": (first_release, None),
    "security": (security, "0002"),
    "exemptions": (exemptions, "0003"),
    "attention": (attention, "0004"),
    "read_model": (read_model, "0005"),
    "digests": (digests, "0006"),
    "authors": (authors, "0007"),
    "intake": (intake, "0008"),
    "category": (category, "0009"),
    "sign_in": (sign_in, "0010"),
    "draft_due": (draft_due, "0011"),
    "disclosure_log": (disclosure_log, "0012"),
    "event_clearance": (event_clearance, "0013"),
    "current": (current, "0014"),
}


@pytest.fixture(params=DATABASES)
def url(request, tmp_path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_database")
    return f"sqlite:///{tmp_path / 'register.db'}"


def evaluation_json() -> dict:
    received = date(2021, 3, 31)
    case = Case(regime="foia", received=received, events=EVENTS)
    ev = evaluate(case, calendar_covering("foia", received, date(2021, 4, 8)), date(2021, 4, 8))
    return ev.model_dump(mode="json")


def fill(engine, md: MetaData) -> None:
    """A row in every table the shape has, as that release would have written it."""
    t = md.tables
    case = {
        "ref": "HO-1",
        "regime": "foia",
        "received": date(2021, 3, 31),
        "subject": "Data extraction",
        "requester_name": "A Requester",
        "requester_email": "a.requester@example.org",
        "officer": "officer@example.org",
        "manager": "manager@example.org",
        "workflow_id": "foi-HO-1",
        "stage": "awaiting_response",
        "evaluation": evaluation_json(),
        "started_at": AT,
        "updated_at": AT,
    }
    if "running_due" in t["cases"].c:  # a register that had the read model: its values are kept as they are
        case |= {"running_due": date(2021, 5, 7), "response_owed_by": date(2021, 5, 7), "overdue_after": DUE}
        case |= {"last_event_type": "clarification_received", "last_event_on": date(2021, 4, 8)}
    with engine.begin() as conn:
        conn.execute(t["cases"].insert(), case)
        for seq, e in enumerate(EVENTS):
            row = {"ref": "HO-1", "seq": seq, "type": e.type.value, "on": e.on, "exceptional": False}
            conn.execute(t["events"].insert(), row | {"recorded_at": AT})
        notification = {
            "key": "foi-HO-1:response_reminder:2021-05-04:officer",
            "ref": "HO-1",
            "kind": "response_reminder",
            "role": "officer",
            "recipient": "officer@example.org",
            "alarm_on": date(2021, 5, 4),
            "deadline": DUE,
            "subject": "Reminder: HO-1 due Fri 7 May 2021",
            "body": "…",
            "channel": "outbox",
            "status": "sent",
            "created_at": AT,
        }
        conn.execute(t["notifications"].insert(), notification)
        conn.execute(
            t["proclaimed_days"].insert(), {"on": date(2021, 4, 30), "name": "Test", "region": "uk"} | {"added_at": AT}
        )
        if "worker_keys" in t:
            conn.execute(t["worker_keys"].insert(), {"id": 1, "current": "0" * 16, "all": "0" * 16, "recorded_at": AT})
        if "event_exemptions" in t:
            conn.execute(
                t["event_exemptions"].insert(),
                {"ref": "HO-2", "seq": 0, "exemptions": ["s40(2)"], "public_interest_test": False},
            )
        if "case_attention" in t:
            conn.execute(t["case_attention"].insert(), {"ref": "HO-1", "reason": "a test", "since": AT})


def differences(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), Base.metadata)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_register_of_each_earlier_shape_is_upgraded_with_nothing_lost(url, shape):
    build, adopted = SHAPES[shape]
    md = MetaData()
    build(md)
    old = create_engine(url)
    md.create_all(old)
    fill(old, md)
    old.dispose()

    register = Register(url)  # a newer worker, command or dashboard opens it

    assert current_revision(register.engine) == HEAD
    assert differences(register.engine) == []  # every table, column, index and constraint of the models
    case = register.case("HO-1")
    assert (case.subject, case.requester_name, case.requester_email) == (
        "Data extraction",
        "A Requester",
        "a.requester@example.org",
    )
    assert case.evaluation["response_due"] == "2021-05-07"
    assert (case.running_due, case.response_owed_by, case.overdue_after) == (DUE, DUE, DUE)  # filled, or kept
    assert (case.last_event_type, case.last_event_on) == ("clarification_received", date(2021, 4, 8))
    assert register.case_events("HO-1") == EVENTS
    [alert] = register.notifications(ref="HO-1")
    assert (alert.kind, alert.status, alert.deadline, alert.digest_key) == ("response_reminder", "sent", DUE, None)
    assert [(p.on, p.name) for p in register.proclaimed()] == [(date(2021, 4, 30), "Test")]
    with register.engine.begin() as conn:  # 16 characters fit now (a first-release PostgreSQL had 8)
        conn.execute(text("UPDATE notifications SET status = 'undeliverable'"))
        kept = {
            name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar()
            for name in inspect(conn).get_table_names()
        }
    assert kept["worker_keys"] == (0 if shape == "first_release" else 1)
    assert kept["event_exemptions"] == (1 if adopted is not None and adopted >= "0003" else 0)
    assert kept["case_attention"] == (1 if adopted is not None and adopted >= "0004" else 0)
    assert kept["digests"] == 0


def test_an_empty_database_is_built_by_the_revisions_and_opened_again_unchanged(url):
    register = Register(url)
    assert current_revision(register.engine) == HEAD
    assert differences(register.engine) == []
    again = create_engine(url)  # another process: already at the head, nothing to do
    from register.migrations import upgrade

    upgrade(again)
    assert current_revision(again) == HEAD
    again.dispose()


def test_the_revisions_are_one_line_and_head_is_the_newest():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [HEAD]
    chain = [s.revision for s in scripts.walk_revisions()]  # newest first, each down_revision the next
    assert chain == [f"{n:04}" for n in range(int(HEAD), 0, -1)]
    assert all(callable(s.module.present) for s in scripts.walk_revisions())


def test_a_wheel_would_carry_the_migrations():
    """What `pip install .` installs: the packages pyproject.toml's find names, and its package data."""
    import tomllib
    from pathlib import Path

    from setuptools import find_packages

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = find_packages(str(root), include=config["packages"]["find"]["include"])
    assert {"register.migrations", "register.migrations.versions"} <= set(packages)
    assert config["package-data"]["register.migrations"] == ["script.py.mako"]
    assert len(list((root / "register" / "migrations" / "versions").glob("0*.py"))) == int(HEAD)
