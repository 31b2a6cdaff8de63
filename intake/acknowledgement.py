"""The acknowledgement a requester whose case started from the mailbox receives by email, in the words of
the acknowledgement letter (letters/templates, `acknowledgement`) with its values from the same place
(letters/content.py) and its due date from the engine as it stood on the day of receipt; and the alarm
for a request left untriaged."""

from __future__ import annotations

from activities.emails import Mail, _html
from letters.content import placeholders
from register.intake import IntakeRow
from rules import Case, Regime, evaluate
from rules.bank_holidays import calendar_covering


def acknowledgement_mail(settings, case_row, proclaimed) -> Mail:
    case = Case(regime=case_row.regime, received=case_row.received, events=[])
    cal = calendar_covering(case.regime, case.received, proclaimed=proclaimed, nation=settings.policy.nation)
    ev = evaluate(case, cal, case.received, settings.policy)
    details = {"subject": case_row.subject, "requester_name": case_row.requester_name}
    c = placeholders("acknowledgement", case_row.ref, case, ev, None, details)
    about = f"your request of {c['received']}" + (f" about {c['subject']}" if c["subject"] else "")
    counted = (
        "one month after we received your request"
        if case.regime == Regime.sar
        else "the 20th working day after the day we received your request"
    )
    paragraphs = [
        f"Dear {c['requester_name']}," if c["requester_name"] else "Dear requester,",
        f"Thank you for {about}. We are dealing with it under {c['act']}.",
        f"We will respond by {c['response_due']}, {counted}.",
        "If we need you to clarify your request, or to pay a fee, we will write to you and tell you how that "
        "changes the date.",
        f"Our reference is {c['ref']}: please keep it in the subject when you write to us about this request.",
    ]
    return Mail(
        subject=f"Your request [{case_row.ref}]: acknowledgement",
        text="\n\n".join(paragraphs) + "\n",
        html=_html(paragraphs),
    )


def untriaged_mail(row: IntakeRow) -> Mail:
    paragraphs = [
        f"A message received on {row.received:%a %d %b %Y} (intake {row.id}) still awaits triage. If it is a "
        "request, its statutory clock has been running since that day.",
        f"Start a case from it (starter.py new --from-intake {row.id} --regime ...) or mark it not a request "
        f"(starter.py triage not-request {row.id} --reason ...). The regime suggested: {row.suggested_regime}.",
    ]
    return Mail(
        subject=f"Request awaiting triage since {row.received:%a %d %b %Y} (intake {row.id})",
        text="\n\n".join(paragraphs) + "\n",
        html=_html(paragraphs),
    )
