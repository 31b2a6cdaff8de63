"""Shared builders for rules tests: a case on the real UK calendars, evaluated as of a date."""

from datetime import date

from rules import Case, Event, Policy, ProclaimedDay, Regime, evaluate
from rules.bank_holidays import calendar_for

D = date.fromisoformat


def cal(regime: str, proclaimed: tuple[ProclaimedDay, ...] = ()):
    return calendar_for(Regime(regime), 1998, 2045, proclaimed)


def ev(type_: str, on: str, **kw) -> Event:
    if "until" in kw:
        kw["until"] = D(kw["until"])
    return Event(type=type_, on=D(on), **kw)


def evaluate_case(regime, received, events=(), as_of=None, policy=None, proclaimed=()):
    case = Case(regime=regime, received=D(received), events=list(events))
    last = max([case.received, *(e.on for e in case.events)])
    return evaluate(case, cal(regime, tuple(proclaimed)), D(as_of) if as_of else last, policy or Policy())


def _staff():
    from casework.actors import Actor

    return Actor("os:tests", "tests", frozenset(), registered=False)


STAFF = _staff()
"""The actor of tests that start cases and record on them through `casework.cases` directly."""
