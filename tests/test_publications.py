"""The disclosure log's register operations on SQLite and on PostgreSQL: publishing copies only the public
values of the case's latest response and keeps the action with its author in the same transaction,
publishing again replaces, the search of titles ignores case and takes `%` and `_` as themselves, pages
are newest first, and withdrawing keeps the reason. Values by hand from tests/disclosure_seed.py."""

from __future__ import annotations

from datetime import date

import pytest

from casework.publishing import publish, unpublish
from register import Register
from tests.disclosure_seed import MANAGER, OFFICER, OFFICER_ACTOR, seed
from tests.postgres import DATABASES, settings_on

settings = pytest.fixture(params=DATABASES)(settings_on)


@pytest.fixture
def register(settings) -> Register:
    register = Register(settings.register_url)
    seed(register)
    return register


def test_publish_search_page_and_withdraw(settings, register):
    publish(register, settings, OFFICER_ACTOR, "HO-63509", "Immigration guidance: 100% of it")
    publish(register, settings, OFFICER_ACTOR, "EIR-7", "Flood reports")
    publish(register, settings, OFFICER_ACTOR, "FOI-8", "Bonus_scheme totals")
    publish(register, settings, OFFICER_ACTOR, "EIR-7", "Flood defence reports")  # again: replaces, newest now

    row = register.publication("HO-63509")
    assert (row.regime, row.received, row.answered) == ("foia", date(2021, 3, 31), date(2021, 4, 21))
    assert (row.outcome, row.exemptions, row.document) == ("withheld", ["s31(1)(a)", "s31(3)"], None)
    assert [r.ref for r in register.publications()] == ["EIR-7", "FOI-8", "HO-63509"]
    assert [r.ref for r in register.publications(offset=1, limit=1)] == ["FOI-8"]
    assert register.publications_count() == 3
    assert [r.ref for r in register.publications("FLOOD DEFENCE")] == ["EIR-7"]
    assert [r.ref for r in register.publications("100%")] == ["HO-63509"]  # not a wildcard
    assert register.publications_count("0%") == 1
    assert [r.ref for r in register.publications("flood_defence")] == []  # `_` is not any character
    assert [r.ref for r in register.publications("bonus_")] == ["FOI-8"]
    assert [(a.kind, a.actor, a.detail["title"]) for a in register.actions("EIR-7")] == [
        ("published", OFFICER, "Flood reports"),
        ("published", OFFICER, "Flood defence reports"),
    ]

    manager = OFFICER_ACTOR.__class__(MANAGER, "Margaret Mbeki", frozenset({"manager"}), registered=True)
    unpublish(register, settings, manager, "FOI-8", "a name in the title")
    assert register.publication("FOI-8") is None
    assert register.publications_count() == 2
    [withdrawn] = [a for a in register.actions("FOI-8") if a.kind == "unpublished"]
    assert (withdrawn.actor, withdrawn.reason, withdrawn.detail["title"]) == (
        MANAGER,
        "a name in the title",
        "Bonus_scheme totals",
    )


def test_the_public_site_works_through_a_role_that_can_read_only_the_published_table(postgres_database, tmp_path):
    """PostgreSQL: the site's own connection (FOI_DISCLOSURE__DATABASE_URL) as a role granted SELECT on
    `publications` and `alembic_version` only; the site serves from it, and that role cannot read a case."""
    import uuid

    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import ProgrammingError

    from disclosure.app import create_app
    from settings import Settings

    settings = Settings(data_dir=tmp_path / "data", database_url=postgres_database)
    register = Register(postgres_database)
    seed(register)
    publish(register, settings, OFFICER_ACTOR, "HO-63509", "Immigration guidance")
    role = f"disclosure_{uuid.uuid4().hex[:8]}"
    with register.engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"GRANT SELECT ON publications, alembic_version TO {role}"))
    reader_url = postgres_database.replace("://foi@", f"://{role}@")
    disclosure = settings.disclosure.model_copy(update={"database_url": reader_url})

    site = TestClient(create_app(settings.model_copy(update={"disclosure": disclosure})), base_url="http://127.0.0.1")
    page = site.get("/response/HO-63509")
    assert page.status_code == 200 and "Immigration guidance" in page.text
    assert "Wed 21 Apr 2021" in site.get("/").text
    assert site.get("/response/FOI-8").status_code == 404

    reader = create_engine(reader_url)
    with pytest.raises(ProgrammingError, match="permission denied"), reader.connect() as conn:
        conn.execute(text("SELECT requester_name FROM cases"))
    reader.dispose()


def test_the_public_site_words_every_outcome_a_response_can_have():
    # Written by hand, as a member of the public would read them; a new outcome fails here until it is worded.
    from disclosure.wording import outcome
    from rules.vocabulary import ResponseOutcome

    assert {o.value: outcome(o.value) for o in ResponseOutcome} == {
        "granted": "Information provided in full",
        "part_withheld": "Information provided in part",
        "withheld": "Information withheld",
        "not_held": "Information not held",
        "ncnd": "Neither confirmed nor denied",
        "refused_cost": "Refused: over the cost limit",
        "refused_vexatious": "Refused: vexatious",
        "refused_repeated": "Refused: a repeated request",
    }
