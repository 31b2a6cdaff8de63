"""Record a case, each of its events and its evaluation in the register (idempotent on retry). A failed
write raises a short `RegisterFailure` (activities/failures.py) naming the operation, never the values."""

from __future__ import annotations

from temporalio import activity

from activities.failures import register_failures
from messages import CaseOutcome, RegisterCase, RegisterEvent
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
        )
        for seq, e in enumerate(c.events):
            self.register.record_event(c.ref, seq, e)

    @activity.defn(name="record_event")
    def record_event(self, req: RegisterEvent) -> None:
        with register_failures(f"record event {req.seq} of case {req.ref}"):
            self.register.record_event(req.ref, req.seq, req.event)
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)

    @activity.defn(name="record_evaluation")
    def record_evaluation(self, req: CaseOutcome) -> None:
        """The case's latest evaluation (a stage, deadline or next alarm that time or the calendar moved;
        its outcome, once closed) and whether it needs attention."""
        with register_failures(f"record the evaluation of case {req.ref}"):
            self.register.record_evaluation(req.ref, req.evaluation, req.next_alarm)
            self.register.set_attention(req.ref, req.attention)
