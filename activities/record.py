"""Record a case, each of its events and its evaluation in the register (idempotent on retry). A failed
write raises a short `RegisterFailure` (activities/failures.py) naming the operation, never the values."""

from __future__ import annotations

from temporalio import activity

from activities.failures import register_failures
from messages import (
    CaseOutcome,
    Change,
    Entry,
    RegisterAssignment,
    RegisterCase,
    RegisterCorrection,
    RegisterEvent,
)
from register import Register, to_json
from register.read_model import read_model_columns

CASE_COLUMNS = {
    *("ref", "received", "category", "subject", "requester_name", "requester_email"),
    *("officer", "manager", "team", "reviewer"),
}
"""The fields of a case's input its register row keeps as they are."""


class Records:
    """The register writes a case's workflow makes; built once by the worker with the register."""

    def __init__(self, register: Register):
        self.register = register

    @activity.defn(name="register_case")
    def register_case(self, req: RegisterCase) -> None:
        with register_failures(f"record case {req.case.ref}"):
            self._register_case(req)

    def _register_case(self, req: RegisterCase) -> None:
        c = req.case
        self.register.upsert_case(
            **c.model_dump(include=CASE_COLUMNS),
            regime=c.regime.value,
            workflow_id=req.workflow_id,
            stage=req.evaluation.stage.value,
            closed_reason=req.evaluation.closed_reason,
            evaluation=to_json(req.evaluation),
            **read_model_columns(req.evaluation, req.next_alarm),
            **({} if c.reopened else {"started_by": c.actor}),
        )
        entries = c.entries or [Entry(event=e, by=c.actor) for e in c.events]
        fix = c.correction
        for seq, entry in enumerate(entries):
            if not (fix is not None and fix.kind == "amend" and seq == fix.number - 1):  # that row exists already
                over = entry.clearance_override
                self.register.record_event(c.ref, seq, entry.event, entry.by, entry.at, None, over and over.reason)
            if entry.void is not None and not (fix is not None and seq == fix.number - 1):
                self.register.void_event(c.ref, seq, entry.void.by, entry.void.at, entry.void.reason)
        if fix is not None:
            entry = entries[fix.number - 1]
            self._correct(c.ref, fix.number - 1, fix.kind, entry, fix.previous, entry.void or entry.amended)

    @activity.defn(name="record_event")
    def record_event(self, req: RegisterEvent) -> None:
        with register_failures(f"record event {req.seq} of case {req.ref}"):
            self.register.record_event(
                req.ref, req.seq, req.event, req.by, req.at, req.independence, req.clearance_override
            )
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)

    @activity.defn(name="record_correction")
    def record_correction(self, req: RegisterCorrection) -> None:
        """A void or an amendment: the event row follows, the audit trail keeps the version it replaced."""
        with register_failures(f"record the {req.kind} of event {req.seq + 1} of case {req.ref}"):
            self._correct(req.ref, req.seq, req.kind, req.entry, req.previous, req.change)
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)

    def _correct(self, ref: str, seq: int, kind: str, entry: Entry, previous, ch: Change) -> None:
        """Void or amend event `seq` in the register, and keep the action with what it read before (both
        idempotent: a retry, or a reopened run recording the same correction, changes nothing more)."""
        if kind == "void":
            self.register.void_event(ref, seq, ch.by, ch.at, ch.reason)
        else:
            self.register.amend_event(ref, seq, entry.event, ch.by, ch.at, ch.reason)
        self.register.record_action(
            f"{ref}:{kind}:{seq}:{ch.at.isoformat()}",
            kind,
            ch.by,
            ref=ref,
            reason=ch.reason,
            at=ch.at,
            number=seq + 1,
            was=previous.model_dump(mode="json", exclude_defaults=True),
            now=entry.event.model_dump(mode="json", exclude_defaults=True) if kind == "amend" else None,
        )

    @activity.defn(name="record_assignment")
    def record_assignment(self, req: RegisterAssignment) -> None:
        """New holders of a case: its row (the lists follow at once) and the audit trail."""
        with register_failures(f"record the assignment of case {req.ref}"):
            self.register.assign(req.ref, **req.holders)
            ch = req.change
            self.register.record_action(
                f"{req.ref}:assign:{req.number}",
                "assigned",
                ch.by,
                ref=req.ref,
                reason=ch.reason,
                at=ch.at,
                **{role: [req.was.get(role), holder] for role, holder in req.holders.items()},
            )

    @activity.defn(name="record_evaluation")
    def record_evaluation(self, req: CaseOutcome) -> None:
        """The case's latest evaluation (a stage, deadline or next alarm that time or the calendar moved;
        its outcome, once closed) and whether it needs attention."""
        with register_failures(f"record the evaluation of case {req.ref}"):
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)
            self.register.set_attention(req.ref, req.attention)
