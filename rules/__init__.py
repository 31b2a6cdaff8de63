"""The statutory deadline engine: pure, deterministic, no Temporal and no I/O beyond holiday data.

Everything the law decides lives here; the calculator, the workflow and the dashboard all call
`evaluate` and compute no deadline themselves.
"""

from rules.calendar import Calendar, CalendarRangeError
from rules.engine import DEFAULT_POLICY, Derivation, Finding, evaluate, regime_of
from rules.models import (
    Case,
    Evaluation,
    Event,
    EventType,
    ProclaimedDay,
    ResponseOutcome,
    ReviewOutcome,
    RuleViolation,
    Stage,
)
from rules.policy import Policy
from rules.regimes import REGIMES, Regime

__all__ = [
    "DEFAULT_POLICY",
    "REGIMES",
    "Calendar",
    "CalendarRangeError",
    "Case",
    "Derivation",
    "Evaluation",
    "Event",
    "EventType",
    "Finding",
    "Policy",
    "ProclaimedDay",
    "Regime",
    "ResponseOutcome",
    "ReviewOutcome",
    "RuleViolation",
    "Stage",
    "evaluate",
    "regime_of",
]
