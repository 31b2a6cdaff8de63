"""The managers' lists on the register, on SQLite and PostgreSQL: overdue now, due soon (its last day
included, across a bank holiday), all open; filters, search, sorting, pages of 50 and counts by officer.
Dates and counts are written by hand. (An existing register gaining the read-model columns: see
tests/test_migrations.py.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from casework.lists import everything, listing, query_for
from tests.caseload_seed import seed
from tests.postgres import DATABASES, settings_on

settings = pytest.fixture(params=DATABASES)(settings_on)

EASTER_THURSDAY = date(2021, 4, 1)  # Good Friday 2 Apr and Easter Monday 5 Apr 2021 are bank holidays


def refs(found) -> list[str]:
    return [c.ref for c in found.cases]


def test_due_soon_includes_the_last_day_of_its_window_across_the_easter_bank_holidays(settings, register):
    # From Thu 1 Apr 2021 the next five working days are Tue 6, Wed 7, Thu 8, Fri 9 and Mon 12 April.
    seed(register, "YESTERDAY", due=date(2021, 3, 31))
    seed(register, "TODAY", due=date(2021, 4, 1))
    seed(register, "EASTER-TUESDAY", due=date(2021, 4, 6))
    seed(register, "LAST-DAY", due=date(2021, 4, 12))
    seed(register, "DAY-AFTER", due=date(2021, 4, 13))
    seed(register, "REVIEW-LAST-DAY", stage="in_review", review=date(2021, 4, 12))
    seed(register, "CLOSED", stage="closed")
    found = listing(register, settings, query_for(register, settings, "due_soon", now=EASTER_THURSDAY))
    assert refs(found) == ["TODAY", "EASTER-TUESDAY", "LAST-DAY", "REVIEW-LAST-DAY"]
    assert [c.working_days_left for c in found.cases] == [0, 1, 5, 5]


def test_overdue_counts_working_days_for_today_most_overdue_first(settings, register):
    seed(register, "A", due=date(2021, 3, 31))  # overdue Thu 1, Tue 6, Wed 7: 3 working days on Wed 7 Apr
    seed(register, "B", due=date(2021, 3, 26), officer="bob@example.org")  # Mon 29 .. Wed 7: 6
    seed(register, "C", due=date(2021, 4, 7))  # due today: not overdue
    seed(register, "R", stage="in_review", review=date(2021, 4, 1), officer="bob@example.org")  # Tue 6, Wed 7: 2
    seed(register, "OWED-IN-REVIEW", stage="in_review", due=date(2021, 3, 30), review=date(2021, 4, 27))
    found = listing(register, settings, query_for(register, settings, "overdue", now=date(2021, 4, 7), sort="overdue"))
    assert [(c.ref, c.working_days_overdue) for c in found.cases] == [
        ("B", 6),
        ("OWED-IN-REVIEW", 4),
        ("A", 3),
        ("R", 2),
    ]
    assert found.by_officer == [("ann@example.org", 2), ("bob@example.org", 2)]
    assert found.total == 4


def test_filters_search_and_sorting(settings, register):
    seed(register, "HO-1", subject="Costs of the new headquarters", due=date(2021, 4, 20))
    seed(register, "HO-2", regime="eir", subject="Air quality near the depot", due=date(2021, 4, 21))
    seed(register, "SC-1", regime="foisa", officer="bob@example.org", manager="meg@example.org", due=date(2021, 4, 22))
    seed(register, "SC-2", regime="foisa", stage="in_review", review=date(2021, 4, 23), officer="bob@example.org")
    seed(register, "W-1", stage="awaiting_fee", officer=None, subject="Headquarters lease")
    seed(register, "X_1", subject="100% of the budget")
    q = query_for(register, settings, "open", now=date(2021, 4, 7))
    assert refs(listing(register, settings, q)) == ["HO-1", "HO-2", "SC-1", "SC-2", "W-1", "X_1"]  # nothing due: last
    assert refs(listing(register, settings, replace(q, officer="bob@example.org"))) == ["SC-1", "SC-2"]
    assert refs(listing(register, settings, replace(q, manager="meg@example.org"))) == ["SC-1"]
    assert refs(listing(register, settings, replace(q, regime="foisa", stage="in_review"))) == ["SC-2"]
    assert refs(listing(register, settings, replace(q, search="headquarters"))) == ["HO-1", "W-1"]
    assert refs(listing(register, settings, replace(q, search="sc-"))) == ["SC-1", "SC-2"]
    assert refs(listing(register, settings, replace(q, search="x_"))) == ["X_1"]  # _ is not a wildcard
    assert refs(listing(register, settings, replace(q, search="0%"))) == ["X_1"]
    assert refs(listing(register, settings, replace(q, sort="ref", descending=True))) == [
        "X_1",
        "W-1",
        "SC-2",
        "SC-1",
        "HO-2",
        "HO-1",
    ]
    counts = listing(register, settings, replace(q, officer="bob@example.org")).by_officer
    assert counts == [("ann@example.org", 3), ("bob@example.org", 2), (None, 1)]  # the officer filter left out


def test_pages_of_fifty(settings, register):
    for n in range(120):
        seed(register, f"P-{n:03}", due=date(2021, 5, 3))
    q = query_for(register, settings, "open", now=date(2021, 4, 7), sort="ref")
    pages = [listing(register, settings, replace(q, page=p)) for p in (1, 2, 3, 4)]
    assert [len(p.cases) for p in pages] == [50, 50, 20, 0]
    assert (pages[0].total, pages[0].pages, pages[3].total) == (120, 3, 120)
    assert (pages[1].cases[0].ref, pages[2].cases[-1].ref) == ("P-050", "P-119")
    assert len(everything(register, settings, q)) == 120
