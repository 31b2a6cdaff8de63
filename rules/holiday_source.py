"""Where `rules.bank_holidays` reads the `holidays` package's days: from the package itself (`reader` is
None), or through a reader a front end sets before any calendar is made, with the same signature as
`rules.bank_holidays.from_package` and the same answers (the command line's cache, cli/holiday_cache.py).
This module imports nothing, so a front end can set the reader without loading the engine."""

from __future__ import annotations

reader = None
