"""The command line's cache of the `holidays` package's UK days (cli/holiday_cache.py): the same days as the
package, a file per installed version of the package, nothing created where `calc` is run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest

from cli import holiday_cache
from rules.bank_holidays import from_package
from settings import get_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    """The cache in a folder of the test's own, this process's copy forgotten before and after."""
    monkeypatch.setenv("FOI_HOLIDAY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    monkeypatch.setattr(holiday_cache, "_days", None)
    monkeypatch.setattr(holiday_cache, "_file", None)
    yield tmp_path / "cache"
    get_settings.cache_clear()


def forget(monkeypatch):
    monkeypatch.setattr(holiday_cache, "_days", None)


def test_the_cache_gives_the_packages_days_for_every_part_and_year(cache_in, monkeypatch):
    years = range(1990, 2061)
    first = {part: holiday_cache.read(part, years) for part in holiday_cache.PARTS}  # filled from the package
    forget(monkeypatch)
    again = {part: holiday_cache.read(part, years) for part in holiday_cache.PARTS}  # read from the file
    for part in holiday_cache.PARTS:
        package = sorted(from_package(part, years))  # in the package's own order, which the calendar sorts
        assert sorted(first[part]) == package
        assert sorted(again[part]) == package
        assert len(package) > 8 * len(years)
    assert len(list(cache_in.glob("uk-bank-holidays-*.json"))) == 1


def test_days_written_down_from_the_proclamations_come_out_of_the_file(cache_in, monkeypatch):
    holiday_cache.read("ENG", range(2021, 2023))
    forget(monkeypatch)
    scotland = [d for d, _ in holiday_cache.read("SCT", range(2021, 2023))]
    england = [d for d, _ in holiday_cache.read("ENG", range(2021, 2023))]
    # 2021: Scotland's summer holiday is the first Monday of August, England's the last; Christmas and Boxing
    # Day on a weekend move to Mon 27 and Tue 28 Dec; Scotland alone keeps 2 January (Tue 4 Jan 2022).
    assert date(2021, 8, 2) in scotland and date(2021, 8, 2) not in england
    assert date(2021, 8, 30) in england and date(2021, 8, 30) not in scotland
    assert {date(2021, 12, 27), date(2021, 12, 28)} <= set(england) & set(scotland)
    assert date(2022, 1, 4) in scotland and date(2022, 1, 4) not in england


def test_a_file_that_is_not_what_was_written_is_ignored_and_written_again(cache_in, monkeypatch):
    holiday_cache.read("NIR", range(2021, 2022))
    (file,) = cache_in.glob("uk-bank-holidays-*.json")
    file.write_text('{"NIR": {"2021": [["2021-07-1')  # cut short
    forget(monkeypatch)
    assert holiday_cache.read("NIR", range(2021, 2022)) == from_package("NIR", range(2021, 2022))
    written = json.loads(file.read_text())["NIR"]["2021"]  # whole again: the Battle of the Boyne, Mon 12 Jul 2021
    assert "2021-07-12" in [day for day, _ in written]


def fake_package(where: Path, version: str) -> Path:
    """A `holidays` package as pip installs one: the package and its .dist-info record beside it."""
    (where / "holidays" / "countries").mkdir(parents=True)
    (where / "holidays" / "__init__.py").write_text("")
    (where / "holidays" / "countries" / "united_kingdom.py").write_text("# the UK's rules\n")
    record = where / f"holidays-{version}.dist-info"
    record.mkdir()
    (record / "METADATA").write_text(f"Metadata-Version: 2.1\nName: holidays\nVersion: {version}\n")
    (record / "RECORD").write_text("holidays/__init__.py,,\n")
    return where


def test_another_release_or_an_edit_of_the_uk_rules_names_another_file(tmp_path, monkeypatch):
    mine = holiday_cache.package_key()
    assert mine is not None and mine.startswith(f"{version('holidays')}-")
    site = fake_package(tmp_path / "site", "0.999")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "holidays", raising=False)
    monkeypatch.delitem(sys.modules, "holidays.countries", raising=False)
    monkeypatch.delitem(sys.modules, "holidays.countries.united_kingdom", raising=False)
    other = holiday_cache.package_key()
    assert other.startswith("0.999-") and other != mine
    uk = site / "holidays" / "countries" / "united_kingdom.py"
    os.utime(uk, ns=(uk.stat().st_atime_ns, uk.stat().st_mtime_ns + 1_000_000_000))
    assert holiday_cache.package_key() not in (other, mine)


def test_two_records_beside_the_package_name_no_file(tmp_path, monkeypatch):
    site = fake_package(tmp_path / "site", "0.998")
    (site / "holidays-0.997.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "holidays", raising=False)
    assert holiday_cache.package_key() is None


def calc(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "starter.py"), "calc", "-", *args],
        input=json.dumps({"regime": "foia", "received": "2021-12-20", "as_of": "2021-12-21"}),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


def test_calc_fills_the_users_cache_and_creates_nothing_where_it_runs(tmp_path):
    here = tmp_path / "here"
    here.mkdir()
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    for _ in range(2):  # filling the cache, then reading it
        out = calc(here, env)
        assert out.returncode == 0, out.stderr
        # 20 working days from Mon 20 Dec 2021 skip 27, 28 Dec and 3 Jan (England), and 4 Jan (Scotland's
        # 2 January): FOIA stops for a bank holiday in any part of the UK
        assert json.loads(out.stdout)["response_due"] == "2022-01-21"
    assert list(here.iterdir()) == []
    assert [p.name for p in (tmp_path / "xdg").iterdir()] == ["foi-deadlines"]
    assert len(list((tmp_path / "xdg" / "foi-deadlines").glob("uk-bank-holidays-*.json"))) == 1


def test_calc_without_the_cache_gives_the_same_account(tmp_path):
    home = ROOT / "examples" / "home-office-63509.json"
    with_cache = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    outs = [
        subprocess.run(
            [sys.executable, "starter.py", "calc", str(home), "--explain"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, **env},
        )
        for env in (with_cache, with_cache, {"FOI_HOLIDAY_CACHE": "false", "XDG_CACHE_HOME": str(tmp_path / "no")})
    ]
    assert all(o.returncode == 0 for o in outs), [o.stderr for o in outs]
    assert outs[0].stdout == outs[1].stdout == outs[2].stdout
    assert "skipped Mon 5 Apr 2021 — Easter Monday (England, Wales and Northern Ireland)" in outs[0].stdout
    assert not (tmp_path / "no").exists()


def test_a_year_far_from_the_others_is_filled_alone(cache_in, monkeypatch):
    assert holiday_cache.read("WLS", range(1950, 1951)) == from_package("WLS", range(1950, 1951))
    (file,) = cache_in.glob("uk-bank-holidays-*.json")
    years = set(json.loads(file.read_text())["WLS"])
    assert "1950" in years and "2000" in years  # the one asked for, and the years filled ahead
    assert not years & {str(y) for y in range(1951, 2000)}
