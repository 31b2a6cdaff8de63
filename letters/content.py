"""What each letter says: the event it is about, and the placeholders its template may use.

A letter is about one event of the case (the acknowledgement, about the receipt itself). Its dates
are the engine's evaluation of the history up to and including that event, as of that event's day:
the letter as it would have been sent that day. A letter about an event the case has not reached,
or that the law gave no effect (a fees notice, an extension or a request for clarification given too late),
is refused.

Placeholders, in every template (dates written like `21 June 2021`, empty when not applicable):
`ref`, `regime` (`foia`, `eir`, `foisa`, `sar`, `eisr`), `act`, `subject`, `requester_name`, `letter_date`
(the day of the event), `received`, `response_due`, `statutory_due`, `regulator`, `complaint_under`,
`regulator_website`, `has_review`. And by kind:
- acknowledgement: `response_due` as it stood on receipt;
- clarification: `clarification_requested`, `clock_restarts` (FOI, EIR, FOISA: a fresh 20 working
  days from the day the clarification arrives) or not (subject access: the clock stops), `lapses_after`;
- fees_notice: `fee_notice_on`, `pay_within` (`3 months` or `60 working days`), `pay_by`;
- extension: `extended_on`, `extended_until`, `extension` (`pit`: FOIA s10(3)/s17(2); `eir`: EIR or EISR reg 7(1);
  `sar`: Art 12(3));
- response: `responded_on`, `outcome` (a sentence), `exemptions` (a list, e.g. `section 31(1)(a)`),
  `public_interest_test`, `responded_in_time`, `review_request_deadline` (the last day to ask);
- review_acknowledgement: `review_requested_on`, `review_requested_in_time`, `review_due`,
  `review_latest_due`;
- review_outcome: `review_completed_on`, `outcome`, `exemptions`, `public_interest_test`,
  `reviewer_independent` (true only when the reviewer, a registered person, had no part in the original
  handling and no manager overrode that: workflows/independence.py),
  `complaint_period` (`6 weeks` or `6 months`), `complaint_deadline` (the last day to complain).
"""

from __future__ import annotations

import dataclasses
from datetime import date

from letters import wording
from letters.kinds import KINDS
from rules import REGIMES, Case, Evaluation, Event, Stage
from rules.exemptions import label
from runtime.errors import UserError

_NOT_REACHED = {
    "clarification": "no clarification has been asked for",
    "fees_notice": "no fees notice has been given",
    "extension": "no extension has been recorded",
    "response": "no response has been recorded",
    "review_acknowledgement": "no internal review has been requested",
    "review_outcome": "no internal review has been completed",
}


class LetterRefused(UserError):
    """A letter the case cannot have (yet); the message is one line for a case officer."""


def written(d: date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def available(events: list[Event]) -> list[str]:
    """The letters a case with this history can have, in the order they are sent."""
    happened = {e.type for e in events}
    return [kind for kind, about in KINDS.items() if about is None or about in happened]


def history_for(kind: str, case: Case) -> tuple[Case, date, Event | None]:
    """The history up to and including the event the letter is about, that event's day, and the event."""
    if kind not in KINDS:
        raise LetterRefused(f"unknown letter '{kind}' (one of {', '.join(KINDS)})")
    about = KINDS[kind]
    if about is None:
        return case.model_copy(update={"events": []}), case.received, None
    last = max((i for i, e in enumerate(case.events) if e.type is about), default=None)
    if last is None:
        raise LetterRefused(f"no {kind.replace('_', ' ')} letter: {_NOT_REACHED[kind]}")
    event = case.events[last]
    return case.model_copy(update={"events": case.events[: last + 1]}), event.on, event


def cited(event: Event) -> dict:
    """The exemptions an event cited, as a letter names them, and whether a public interest test was applied."""
    return {"exemptions": [label(c) for c in event.exemptions], "public_interest_test": event.public_interest_test}


def placeholders(kind: str, ref: str, case: Case, ev: Evaluation, event: Event | None, details: dict) -> dict:
    """The template's context, from the evaluation as of the letter's event (`details`: subject, name)."""
    regime, rules = case.regime, REGIMES[case.regime]
    context = {
        "ref": ref,
        "regime": regime.value,
        "subject": details.get("subject") or "",
        "requester_name": details.get("requester_name") or "",
        "letter_date": written(event.on if event else case.received),
        "received": written(case.received),
        "response_due": written(ev.response_due),
        "statutory_due": written(ev.statutory_due),
        "has_review": rules.review,
        **dataclasses.asdict(wording.WORDING[regime]),  # act, regulator, complaint_under, regulator_website
    }
    if kind == "clarification":
        if ev.stage is not Stage.awaiting_clarification:
            raise LetterRefused(
                f"no clarification letter: the request of {event.on} came after the last day to ask and has no effect"
            )
        context |= {
            "clarification_requested": written(event.on),
            "clock_restarts": rules.clarification == "restart",
            "lapses_after": written(ev.lapses_after),
        }
    elif kind == "fees_notice":
        if ev.stage is not Stage.awaiting_fee:
            raise LetterRefused(
                f"no fees notice letter: the notice of {event.on} was given after the time for compliance and has "
                "no effect"
            )
        context |= {
            "fee_notice_on": written(event.on),
            "pay_within": wording.period(rules.fee_lapse),
            "pay_by": written(ev.lapses_after),
        }
    elif kind == "extension":
        if ev.extended_until is None:
            raise LetterRefused(
                f"no extension letter: the extension of {event.on} was notified after the statutory due date and "
                "extends nothing"
            )
        context |= {
            "extended_on": written(event.on),
            "extended_until": written(ev.extended_until),
            "extension": rules.extension,
        }
    elif kind == "response":
        context |= {
            "responded_on": written(ev.responded_on),
            "outcome": wording.RESPONSE_OUTCOME[ev.response_outcome.value],
            **cited(event),
            "responded_in_time": bool(ev.response_in_time),
            "review_request_deadline": written(ev.review_request_deadline),
        }
    elif kind == "review_acknowledgement":
        context |= {
            "review_requested_on": written(ev.review_requested_on),
            "review_requested_in_time": bool(ev.review_requested_in_time),
            "review_due": written(ev.review_due),
            "review_latest_due": written(ev.review_latest_due),
        }
    elif kind == "review_outcome":
        context |= {
            "review_completed_on": written(ev.review_completed_on),
            "outcome": wording.REVIEW_OUTCOME[ev.review_outcome.value],
            **cited(event),
            "complaint_period": wording.period(rules.complaint),
            "complaint_deadline": written(ev.complaint_deadline),
            "reviewer_independent": bool(details.get("reviewer_independent")),
        }
    return context
