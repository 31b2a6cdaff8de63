"""Bulk import: good, bad and mixed files; every row checked before anything starts; re-runs skip."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from importing.bulk_import import check
from runtime.errors import UserError
from tests.processes import Deployment

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cases.csv"
HEADER = "ref,regime,received,responded_on,outcome,review_requested_on,fee_notice_on,fee_paid_on\n"


def test_the_example_file_is_all_valid(settings):
    checked = check(EXAMPLE.read_text(), settings)
    assert checked.errors == []
    assert len(checked.valid) == 9
    line, home_office = checked.valid[0]
    assert (line, home_office.ref, [e.type.value for e in home_office.events]) == (
        2,
        "63509",
        ["responded", "review_requested"],  # as the README's walkthrough leaves it: the review is still running
    )


def test_bad_rows_are_reported_by_line_and_good_rows_kept(settings):
    text = (
        HEADER
        + "\n".join(
            [
                "OK-1,foia,2026-10-01,,,,,",
                "BAD-1,gdpr,2026-10-01,,,,,",
                "BAD-2,foia,2026-02-30,,,,,",
                "BAD-3,foia,2026-10-01,2026-10-10,,,,",
                "BAD-4,foia,2026-10-01,,,2026-10-05,,",
                "BAD-5,foia,2026-10-01,,,,,2026-10-06",
                ",foia,2026-10-01,,,,,",
                "OK-1,foia,2026-10-02,,,,,",
                "OK-2,eir,2026-10-01,2026-10-20,granted,,,",
            ]
        )
        + "\n"
    )
    checked = check(text, settings)
    assert [c.ref for _, c in checked.valid] == ["OK-1", "OK-2"]
    assert checked.errors == [
        "line 3: unknown regime 'gdpr' (one of foia, eir, foisa, sar, eisr)",
        "line 4: received: '2026-02-30' is not a date (YYYY-MM-DD)",
        "line 5: responded on 2026-10-10: needs an outcome (granted, part_withheld, withheld, not_held, ncnd, "
        "refused_cost, refused_vexatious, refused_repeated)",
        "line 6: review_requested on 2026-10-05: the response is not due until 2026-10-29; a review of a "
        "failure to respond can be asked for only after that",
        "line 7: fee_paid on 2026-10-06: no fee notice is outstanding",
        "line 8: ref is required",
        "line 9: ref OK-1 repeats line 2",
    ]


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "no ref, regime, received column"),
        ("ref,regime\nA,foia\n", "no received column"),
        ("ref,regime,received,colour\nA,foia,2026-01-01,red\n", "unknown column 'colour'"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_whole(settings, text, says):
    with pytest.raises(UserError, match=says):
        check(text, settings)


@pytest.mark.slow
def test_importing_the_example_then_again_then_a_mixed_file(tmp_path):
    d = Deployment(tmp_path)
    d.start_worker()
    try:
        shutil.copy(EXAMPLE, tmp_path / "cases.csv")
        first = d.starter("import", "cases.csv", timeout=180)
        assert first.returncode == 0, first.stderr
        assert first.stdout.strip() == "started 9 cases, skipped 0 that already exist, 0 rows with errors"
        again = d.starter("import", "cases.csv", timeout=180)
        assert again.returncode == 0, again.stderr  # the running cases' histories agree with the file
        told = again.stdout.strip().splitlines()
        assert told[0].startswith("skipped (already exist): 63509, HO-2026-101, HO-2026-102, ")
        assert len(told[0].split(", ")) == 9
        assert told[1:] == ["started 0 cases, skipped 9 that already exist, 0 rows with errors"]

        # A row whose history the running case lacks, and a case with history the row lacks: both told.
        rows = list(csv.DictReader(EXAMPLE.read_text().splitlines()))
        row = next(r for r in rows if r["ref"] == "HO-2026-102")
        row.update(responded_on="2026-11-02", outcome="granted")
        with open(tmp_path / "differ.csv", "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerow(row)
            writer.writerow(
                {
                    **next(r for r in rows if r["ref"] == "63509"),
                    "review_completed_on": "2021-08-26",
                    "review_outcome": "upheld",
                }
            )
        differ = d.starter("import", "differ.csv", timeout=120)
        assert differ.returncode == 1, differ.stderr
        assert differ.stdout.strip().splitlines() == [
            "skipped (already exist): HO-2026-102, 63509",
            "HO-2026-102: CSV has responded 2026-11-02, the case does not; record it with "
            "`starter.py record HO-2026-102 responded --on 2026-11-02 --outcome granted`",
            "63509: CSV has review_completed 2021-08-26, the case does not; record it with "
            "`starter.py record 63509 review_completed --on 2021-08-26 --outcome upheld`",
            "started 0 cases, skipped 2 that already exist, 0 rows with errors; 2 differences from the running cases",
        ]

        (tmp_path / "mixed.csv").write_text("ref,regime,received\nNEW-1,foia,2026-11-02\nNEW-2,xyz,2026-11-02\n")
        mixed = d.starter("import", "mixed.csv", timeout=120)
        assert mixed.returncode == 2
        assert mixed.stderr.strip().splitlines() == [
            "error: line 3: unknown regime 'xyz' (one of foia, eir, foisa, sar, eisr)",
            "error: 1 row with errors: nothing started; correct them and run the import again",
        ]
        assert mixed.stdout == ""
        assert d.starter("show", "NEW-1").returncode == 2  # a file with a bad row starts nothing
        assert d.starter("show", "NEW-2").returncode == 2
        overdue = {o["ref"] for o in d.json("overdue")}
        assert {"HO-2026-101", "HO-2026-108", "63509"} <= overdue  # 63509's review is past its limit
        assert d.json("show", "63509")["stage"] == "in_review"
    finally:
        d.stop_worker()
