"""The command line's cache of the `holidays` package's UK bank holidays, so that a command such as `calc`
need not import the package (its `countries/__init__.py` imports every country it knows: about 100 ms of
a process that otherwise takes 200).

What is cached is exactly what `rules.bank_holidays.from_package` returns, one list of (day, name) per
part of the UK and year; the calendar is still made from it by `rules.bank_holidays`, so no rule lives
here. The file is named by the installed package: its version (read from its `.dist-info` record, without
importing the package), where it is installed, and when its record of installed files and its UK module
were last written. A new release of `holidays`, a reinstall or an edit of the UK module names a different
file, so days are never served from another version of the package. A file that cannot be read or does not hold
what was written is ignored and written again.

Where: `FOI_HOLIDAY_CACHE_DIR`, default the user's cache directory (`$XDG_CACHE_HOME/foi-deadlines`, or
`~/.cache/foi-deadlines`): never the data dir, so `calc` creates nothing where it is run;
`FOI_HOLIDAY_CACHE=false` reads the package every time. Anything that fails (no home directory, a
read-only disk) falls back to the package. `starter.py` sets the reader for its own process only
(`rules.holiday_source`); the worker and the dashboard, long-running, read the package once.
"""

from __future__ import annotations

# Imported for every command (starter.py sets the reader before it knows which runs): the standard library's
# lightest modules only, the rest inside the functions that use them.
import os
import re
from contextlib import suppress
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

APP = "foi-deadlines"
PARTS = ("ENG", "WLS", "SCT", "NIR")
PREFETCH = range(2000, 2041)
"""Years filled on the first miss, so that later commands find what they need (one package import)."""
_VERSION = re.compile(r"^Version: *(\S+) *$", re.MULTILINE)

_days: dict[str, dict[str, list[tuple[date, str]]]] | None = None  # this process's copy, once read
_file: Path | None = None


def install() -> None:
    """Read the package's days through this cache, in this process."""
    from rules import holiday_source

    holiday_source.reader = read


def cache_dir() -> Path | None:
    from settings import get_settings

    settings = get_settings()
    if not settings.holiday_cache:
        return None
    if settings.holiday_cache_dir is not None:
        return settings.holiday_cache_dir
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / APP
    home = Path.home()  # raises RuntimeError with no home directory
    return home / ".cache" / APP


def package_key() -> str | None:
    """The installed `holidays` package, named: its version, then a checksum of where it lives and when its
    record of installed files and its UK module were written. None when it cannot be told for certain
    (not installed, or more than one record of an installed version beside it)."""
    import zlib

    spec = find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    where = Path(next(iter(spec.submodule_search_locations)))
    records = list(where.parent.glob("holidays-*.dist-info"))
    if len(records) != 1:
        return None
    metadata = (records[0] / "METADATA").read_text(encoding="utf-8")
    found = _VERSION.search(metadata)
    if found is None:
        return None
    stamps = [str(where)]
    for f in (records[0] / "RECORD", where / "countries" / "united_kingdom.py"):
        st = f.stat()
        stamps.append(f"{st.st_mtime_ns}:{st.st_size}")
    version = re.sub(r"[^A-Za-z0-9.]", "_", found.group(1))
    return f"{version}-{zlib.crc32('|'.join(stamps).encode()):08x}"


def _load(path: Path) -> dict[str, dict[str, list[tuple[date, str]]]]:
    """The file's days, or nothing when it is missing or not what this module writes."""
    import json
    from datetime import date

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            part: {
                year: [(date.fromisoformat(d), n) for d, n in days if isinstance(n, str) and int(year) == int(d[:4])]
                for year, days in data[part].items()
            }
            for part in PARTS
            if part in data
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _save(path: Path, days: dict[str, dict[str, list[tuple[date, str]]]]) -> None:
    """Written whole, then renamed into place: a reader sees the old file or the new, never half of one."""
    import json
    import tempfile

    data = {part: {y: [(d.isoformat(), n) for d, n in ds] for y, ds in years.items()} for part, years in days.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _where() -> Path | None:
    try:
        folder, key = cache_dir(), package_key()
    except (OSError, RuntimeError, ValueError):
        return None
    if folder is None or key is None:
        return None
    return folder / f"uk-bank-holidays-{key}.json"


def read(part: str, years: range) -> list[tuple[date, str]]:
    """What `rules.bank_holidays.from_package(part, years)` returns, from the cache when it has those years."""
    from rules.bank_holidays import from_package

    global _days, _file
    if _days is None:
        _file = _where()
        _days = _load(_file) if _file is not None else {}
    have = _days.setdefault(part, {})
    wanted = [str(y) for y in years]
    missing = [y for y in wanted if y not in have]
    if missing:
        if _file is None:
            return from_package(part, years)
        fill = sorted({*map(int, missing), *(y for y in PREFETCH if str(y) not in have)})
        for p in PARTS:  # every part at once: the package is imported now anyway
            known = _days.setdefault(p, {})
            todo = [y for y in fill if str(y) not in known]
            if not todo:
                continue
            by_year: dict[str, list[tuple[date, str]]] = {str(y): [] for y in todo}
            for day, name in from_package(p, todo):
                if str(day.year) in by_year:
                    by_year[str(day.year)].append((day, name))
            known.update(by_year)
        with suppress(OSError):  # a cache that cannot be written: the days are right all the same
            _save(_file, _days)
    return [day for y in wanted for day in have[y]]
