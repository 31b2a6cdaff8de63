"""Issue 21, item 2: the FOI (Time for Compliance with Request) Regulations 2004 (SI 2004/3364), through
`starter.py calc -` with dates worked by hand on the FOIA calendar (every UK part's bank holidays).

reg 3 (maintained schools, academies): the twentieth working day disregarding days that are not school
days, or the sixtieth working day, whichever occurs first. reg 4 (transferred public records): the
thirtieth working day.
"""

import json
from datetime import date, timedelta

import pytest

from tests.test_calc_cli import calc


def days(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def school(received, as_of, non_school=(), events=(), category="school"):
    return {"regime": "foia", "category": category, "received": received, "as_of": as_of,
            "non_school_days": list(non_school), "events": list(events)}  # fmt: skip


@pytest.mark.parametrize(
    "case, due",
    [
        # standard: Wed 1 Oct 2025, 20 working days: Wed 29 Oct
        (school("2025-10-01", "2025-10-01", category="standard"), "2025-10-29"),
        # reg 4: 30 working days: Oct 2-31 (22), Nov 3-7 (27), Nov 10-12 (30): Wed 12 Nov 2025
        (school("2025-10-01", "2025-10-01", category="archives"), "2025-11-12"),
        # reg 3 with no days recorded as not school days: the 20th comes first, as for any request
        (school("2025-10-01", "2025-10-01"), "2025-10-29"),
        # half term Mon 20 - Fri 24 Oct: Oct 2-17 (12 school days), Oct 27-31 (17), Nov 3-5 (20): Wed 5 Nov
        (school("2025-10-01", "2025-10-01", days("2025-10-18", "2025-10-26")), "2025-11-05"),
        # received Mon 7 Jul 2025, summer holidays 21 Jul - 2 Sep (Mon 14 Jul is the Battle of the Boyne
        # observed in Northern Ireland, not a FOIA working day): Jul 8-11 (4), 15-18 (8), Sep 3-5 (11),
        # Sep 8-12 (16), Sep 15-18 (20): Thu 18 Sep, before the 60th working day (Thu 2 Oct)
        (school("2025-07-07", "2025-07-07", days("2025-07-19", "2025-09-02")), "2025-09-18"),
        # closed 21 Jul - 31 Oct: the 60th working day comes first. Jul 8-11 (4), 15-18 (8), 21-25 (13),
        # Jul 28-Aug 1 (18), Aug 4 Scottish holiday, Aug 5-8 (22), 11-15 (27), 18-22 (32), Aug 25 holiday,
        # Aug 26-29 (36), Sep 1-5 (41), 8-12 (46), 15-19 (51), 22-26 (56), Sep 29-Oct 2 (60): Thu 2 Oct 2025
        (school("2025-07-07", "2025-07-07", days("2025-07-19", "2025-11-02")), "2025-10-02"),
        # s10(2) with reg 3: a fee notice Thu 2 Oct paid Mon 6 Oct: 2, 3 and 6 Oct disregarded too, so the
        # half-term case moves three school days: Nov 6, 7, 10: Mon 10 Nov 2025
        (
            school("2025-10-01", "2025-10-06", days("2025-10-18", "2025-10-26"),
                   [{"type": "fee_notice_issued", "on": "2025-10-02"}, {"type": "fee_paid", "on": "2025-10-06"}]),
            "2025-11-10",
        ),
    ],
)  # fmt: skip
def test_each_category_gives_the_date_its_regulation_states(case, due):
    out = calc(json.dumps(case))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["statutory_due"] == due


def test_the_explanation_names_the_regulation():
    out = calc(json.dumps(school("2025-10-01", "2025-10-01", days("2025-10-18", "2025-10-26"))), "--explain")
    assert "20 school days after Wed 1 Oct 2025 (SI 2004/3364 reg 3" in out.stdout


@pytest.mark.parametrize(
    "case, says",
    [
        ({"regime": "eir", "category": "school", "received": "2025-10-01"}, "apply to FOIA only"),
        ({"regime": "foia", "category": "hospital", "received": "2025-10-01"}, "category"),
        ({"regime": "foia", "received": "2025-10-01", "non_school_days": ["2025-13-01"]}, "non_school_days"),
    ],
)
def test_bad_categories_are_one_line(case, says):
    out = calc(json.dumps(case))
    assert out.returncode == 2 and out.stdout == "" and says in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
