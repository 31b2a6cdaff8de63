"""Record a case, each of its events and its evaluation in the register (idempotent on retry). A failed
write raises a short `RegisterFailure` (activities/failures.py) naming the operation, never the values."""

from __future__ import annotations

from temporalio import activity

from activities.failures import register_failures
from messages import (
    CaseOutcome,
    Entry,
    RegisterAssignment,
    RegisterCase,
    RegisterCorrection,
    RegisterEvent,
)
from register import Register, to_json
from register.read_model import read_model_columns

CASE_COLUMNS = {"ref", "received", "subject", "requester_name", "requester_email", "officer", "manager"}
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
        for seq, entry in enumerate(entries):
            self.register.record_event(c.ref, seq, entry.event, entry.by, entry.at)
            if entry.void is not None:
                self.register.void_event(c.ref, seq, entry.void.by, entry.void.at, entry.void.reason)

    @activity.defn(name="record_event")
    def record_event(self, req: RegisterEvent) -> None:
        with register_failures(f"record event {req.seq} of case {req.ref}"):
            self.register.record_event(req.ref, req.seq, req.event, req.by, req.at)
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)

    @activity.defn(name="record_correction")
    def record_correction(self, req: RegisterCorrection) -> None:
        """A void or an amendment: the event row follows, the audit trail keeps the version it replaced."""
        with register_failures(f"record the {req.kind} of event {req.seq + 1} of case {req.ref}"):
            ch = req.change
            if req.kind == "void":
                self.register.void_event(req.ref, req.seq, ch.by, ch.at, ch.reason)
            else:
                self.register.amend_event(req.ref, req.seq, req.entry.event, ch.by, ch.at, ch.reason)
            self.register.record_action(
                f"{req.ref}:{req.kind}:{req.seq}:{ch.at.isoformat()}",
                req.kind,
                ch.by,
                ref=req.ref,
                reason=ch.reason,
                at=ch.at,
                number=req.seq + 1,
                was=req.previous.model_dump(mode="json", exclude_defaults=True),
                now=req.entry.event.model_dump(mode="json", exclude_defaults=True) if req.kind == "amend" else None,
            )
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)

    @activity.defn(name="record_assignment")
    def record_assignment(self, req: RegisterAssignment) -> None:
        """New holders of a case: its row (the lists follow at once) and the audit trail."""
        with register_failures(f"record the assignment of case {req.ref}"):
            self.register.assign(req.ref, req.officer, req.manager)
            ch = req.change
            self.register.record_action(
                f"{req.ref}:assign:{req.number}",
                "assigned",
                ch.by,
                ref=req.ref,
                reason=ch.reason,
                at=ch.at,
                officer=[req.was_officer, req.officer] if req.officer is not None else None,
                manager=[req.was_manager, req.manager] if req.manager is not None else None,
            )

    @activity.defn(name="record_evaluation")
    def record_evaluation(self, req: CaseOutcome) -> None:
        """The case's latest evaluation (a stage, deadline or next alarm that time or the calendar moved;
        its outcome, once closed) and whether it needs attention."""
        with register_failures(f"record the evaluation of case {req.ref}"):
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)
            self.register.set_attention(req.ref, req.attention)
