"""The messages a person reads: an alarm, its correction, and a day's digest, each with a subject, a plain
text part and an HTML part (`email.message.EmailMessage`). They carry the case reference and its dates,
never the requester's details; every date comes from the engine's evaluation or its explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from html import escape

from messages import AlarmDelivery
from rules.alarms import AlarmKind
from rules.explain import counted, day

HEADLINES = {
    AlarmKind.response_reminder: "Reminder: response due {deadline}",
    AlarmKind.response_overdue: "OVERDUE: response was due {deadline}",
    AlarmKind.response_seriously_overdue: "SERIOUSLY OVERDUE: response was due {deadline}",
    AlarmKind.review_reminder: "Reminder: internal review due {deadline}",
    AlarmKind.review_overdue: "OVERDUE: internal review target was {deadline}",
    AlarmKind.review_limit_exceeded: "LIMIT EXCEEDED: internal review was due at the latest {deadline}",
    AlarmKind.lapsed: "Lapsed: nothing arrived by {deadline}; the case is closed",
    AlarmKind.steps_reminder: "Reminder: the decision notice's steps are due {deadline}",
    AlarmKind.steps_overdue: "OVERDUE: the decision notice's steps were due {deadline}",
    AlarmKind.draft_reminder: "Reminder: the draft response is due {deadline} (internal deadline)",
    AlarmKind.draft_late: "DRAFT LATE: the draft response was due {deadline} (internal deadline)",
    AlarmKind.needs_attention: "NEEDS ATTENTION: its recorded history no longer fits the calendar or policy",
    AlarmKind.clearance_reminder: "Clearance: clear or return the answer by {deadline} (internal deadline)",
    AlarmKind.clearance_overdue: "CLEARANCE LATE: it was due {deadline} (internal deadline)",
    AlarmKind.resubmission_reminder: "Clearance: resubmit the returned answer by {deadline} (internal deadline)",
    AlarmKind.resubmission_overdue: "RESUBMISSION LATE: it was due {deadline} (internal deadline)",
}
MISSED = {
    AlarmKind.response_overdue: "response",
    AlarmKind.response_seriously_overdue: "response",
    AlarmKind.review_overdue: "internal review (target)",
    AlarmKind.review_limit_exceeded: "internal review (limit)",
    AlarmKind.steps_overdue: "decision notice's steps",
    AlarmKind.draft_late: "draft (internal deadline)",
    AlarmKind.clearance_overdue: "clearance (internal)",
    AlarmKind.resubmission_overdue: "resubmission for clearance (internal)",
}
INTERNAL = frozenset(
    {
        AlarmKind.clearance_reminder,
        AlarmKind.clearance_overdue,
        AlarmKind.resubmission_reminder,
        AlarmKind.resubmission_overdue,
    }
)
"""Clearance's alarms (rules/clearance.py): internal deadlines, never statutory ones."""
STYLE = "font-family:sans-serif;font-size:14px;line-height:1.4"


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str

    def message(self, sender: str, recipient: str, message_id: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"], msg["Message-ID"] = sender, recipient, self.subject, message_id
        msg.set_content(self.text)
        msg.add_alternative(self.html, subtype="html")
        return msg


def headline(kind: AlarmKind, deadline: date | None) -> str:
    return HEADLINES[kind].format(deadline=day(deadline) if deadline else "-")


def case_link(base_url: str | None, ref: str) -> str | None:
    return f"{base_url.rstrip('/')}/case/{ref}" if base_url else None


def _html(paragraphs: list[str], pre: str | None = None) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    if pre:
        body += f"<pre>{escape(pre)}</pre>"
    return f'<html><body style="{STYLE}">{body}</body></html>'


def alarm_mail(req: AlarmDelivery, dashboard_url: str | None = None) -> Mail:
    """One alarm: the ref and deadline in the subject; where the case stands and how its dates were
    counted (the engine's own explanation) in the body."""
    a, ev = req.alarm, req.evaluation
    subject = f"[{req.ref}] " + headline(a.kind, a.deadline)
    lines = [f"Case {req.ref} ({req.regime.upper()}), received {day(ev.received)}: {headline(a.kind, a.deadline)}."]
    if req.reason:
        lines.append(f"Why: {req.reason}. The dates below are the last ones that could be worked out.")
    if a.kind in INTERNAL:
        lines.append(f"Awaiting clearance by {req.approving_team}: an internal deadline; the statutory dates stand.")
    lines.append(f"Stage: {ev.stage.value.replace('_', ' ')}.")
    if ev.response_due:
        lines.append(f"Response due: {day(ev.response_due)}.")
    if ev.working_days_overdue:
        lines.append(f"Response overdue by {ev.working_days_overdue} working days.")
    if a.kind in (AlarmKind.draft_reminder, AlarmKind.draft_late) and ev.draft_due:
        of = "the internal review's" if ev.draft_of == "review" else "the response's"
        lines.append(f"Draft due (internal deadline, {of}): {day(ev.draft_due)}.")
    if ev.review_due:
        lines.append(f"Internal review due: {day(ev.review_due)} (at the latest {day(ev.review_latest_due)}).")
    if ev.review_working_days_overdue:
        lines.append(f"Review overdue by {ev.review_working_days_overdue} working days.")
    link = case_link(dashboard_url, req.ref)
    lines.append(f"The case: {link}" if link else f"The case: python starter.py show {req.ref}")
    text = "\n".join(lines)
    if req.explanation:
        text += "\n\nHow the dates were worked out:\n" + req.explanation
    return Mail(subject, text + "\n", _html(lines, req.explanation))


def correction_mail(ref: str, withdrawn_subject: str, reason: str, dashboard_url: str | None = None) -> Mail:
    """The correction of an alarm the history recorded later shows was wrong: to the same recipients."""
    lines = [
        f"Withdrawn: the alert \u201c{withdrawn_subject}\u201d was wrong.",
        f"The case's history now shows that {reason}.",
    ]
    link = case_link(dashboard_url, ref)
    lines.append(f"The case: {link}" if link else f"The case: python starter.py show {ref}")
    return Mail(
        f"[{ref}] Withdrawn: {withdrawn_subject.removeprefix(f'[{ref}] ')}", "\n".join(lines) + "\n", _html(lines)
    )


@dataclass(frozen=True)
class DigestLine:
    """One alarm in a digest."""

    ref: str
    regime: str
    kind: str
    deadline: date | None
    working_days_over: int | None
    subject: str
    reason: str | None = None  # a correction: why the alarm it names was withdrawn


def digest_mail(on: date, lines: list[DigestLine], dashboard_url: str | None = None) -> Mail:
    """A recipient's alarms of the day in one message: new escalations most overdue first, then other
    alerts, then corrections."""
    escalations = sorted(
        (x for x in lines if x.kind in MISSED), key=lambda x: (-(x.working_days_over or 0), x.deadline or on, x.ref)
    )
    others = [x for x in lines if x.kind not in MISSED and x.reason is None]
    withdrawn = [x for x in lines if x.reason is not None]
    n = len(escalations)
    subject = f"FOI deadlines digest, {day(on)}: {n} new escalation{'s' * (n != 1)}"
    if withdrawn:
        subject += f", {len(withdrawn)} withdrawn"
    text, html = [subject, ""], [f"<h2>{escape(subject)}</h2>"]

    if escalations:
        text.append("New escalations, most overdue first:")
        rows = []
        for x in escalations:
            missed = f"{MISSED[x.kind]} due {day(x.deadline)}" if x.deadline else MISSED[x.kind]
            over = f"{counted(x.working_days_over, 'working days')} over" if x.working_days_over is not None else ""
            where = case_link(dashboard_url, x.ref)
            text.append(f"- {x.ref} ({x.regime.upper()}): {missed}; {over}" + (f" — {where}" if where else ""))
            ref = f'<a href="{escape(where)}">{escape(x.ref)}</a>' if where else escape(x.ref)
            cells = (x.regime.upper(), missed, over)
            rows.append(f"<tr><td>{ref}</td>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        head = "".join(f"<th>{h}</th>" for h in ("ref", "regime", "missed", "working days over"))
        html.append(f"<h3>New escalations, most overdue first</h3><table><tr>{head}</tr>{''.join(rows)}</table>")
    for title, group, say in (
        ("Other alerts", others, lambda x: x.subject),
        (
            "Withdrawn (the history recorded later shows these were wrong)",
            withdrawn,
            lambda x: f"{x.subject}: {x.reason}",
        ),
    ):
        if group:
            text.append("")
            text.append(f"{title}:")
            text.extend(f"- {say(x)}" for x in group)
            items = "".join(f"<li>{escape(say(x))}</li>" for x in group)
            html.append(f"<h3>{escape(title)}</h3><ul>{items}</ul>")
    return Mail(subject, "\n".join(text) + "\n", f'<html><body style="{STYLE}">{"".join(html)}</body></html>')
