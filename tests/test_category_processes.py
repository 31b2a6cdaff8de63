"""With real processes: `new --category` and the days recorded as not school days (`holiday add --region
SCH`), from the command line to the worker's calendar activity and back.

FOIA's calendar is every UK bank holiday (s10(6)); in 2021 Fri 2 Apr, Mon 5 Apr (Easter) and Mon 3 May do
not count. Received Wed 31 Mar 2021, with Tue 6 to Fri 9 Apr recorded as not school days:
- standard: Apr 1 (1), 6-9 (5), 12-16 (10), 19-23 (15), 26-30 (20): Fri 30 Apr 2021;
- school (SI 2004/3364 reg 3): Apr 1 (1), 12-16 (6), 19-23 (11), 26-30 (16), May 4-7 (20): Fri 7 May 2021,
  before the 60th working day.
"""

from __future__ import annotations

import pytest

from tests.processes import Deployment


@pytest.fixture
def deployment(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    yield d
    if d.worker.poll() is None:
        d.stop_worker()


@pytest.mark.slow
def test_new_takes_a_category_and_the_school_holidays_recorded(deployment):
    d = deployment
    for day in ("2021-04-06", "2021-04-07", "2021-04-08", "2021-04-09"):
        out = d.starter("holiday", "add", day, "Easter holidays", "--region", "SCH")
        assert out.returncode == 0, out.stderr
    new = ("new", "--received", "2021-03-31", "--officer", "o@example.org")
    assert d.starter(*new, "--ref", "SCH-1", "--regime", "foia", "--category", "school").returncode == 0
    assert d.starter(*new, "--ref", "STD-1", "--regime", "foia").returncode == 0
    assert d.json("show", "SCH-1")["statutory_due"] == "2021-05-07"
    assert d.json("show", "STD-1")["statutory_due"] == "2021-04-30"

    refused = d.starter(*new, "--ref", "EIR-1", "--regime", "eir", "--category", "school")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "error: category school: the Time for Compliance Regulations apply to FOIA only"
    ]
    missing = d.starter("show", "EIR-1")
    assert missing.returncode == 2 and "no case EIR-1" in missing.stderr
