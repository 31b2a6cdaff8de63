"""The statutory deadline engine: pure, deterministic, no Temporal and no I/O beyond holiday data.

Everything the law decides lives here; the calculator, the workflow and the dashboard all call
`evaluate` and compute no deadline themselves.

The names below are loaded when first used (PEP 562), so that importing one light module of the
package (`rules.vocabulary`, `rules.regimes`) does not load the engine and pydantic: the command line
declares its arguments from them and prints `--help` quickly. `from rules import evaluate` works as
before; each name is kept in the package once loaded.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "Calendar": "rules.calendar",
    "CalendarRangeError": "rules.calendar",
    "DEFAULT_POLICY": "rules.engine",
    "Derivation": "rules.engine",
    "Finding": "rules.engine",
    "evaluate": "rules.engine",
    "regime_of": "rules.engine",
    "Case": "rules.models",
    "Evaluation": "rules.models",
    "Event": "rules.models",
    "ProclaimedDay": "rules.models",
    "RuleViolation": "rules.models",
    "EventType": "rules.vocabulary",
    "ResponseOutcome": "rules.vocabulary",
    "ReviewOutcome": "rules.vocabulary",
    "Stage": "rules.vocabulary",
    "Policy": "rules.policy",
    "REGIMES": "rules.regimes",
    "Regime": "rules.regimes",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'rules' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
