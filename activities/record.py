"""Record a case, each of its events and its evaluation in the register (idempotent on retry)."""

from __future__ import annotations

from temporalio import activity

from activities.failures import register_failures
from foi.messages import CaseOutcome, RegisterCase, RegisterEvent
from foi.register import Register, to_json


class RecordActivities:
    def __init__(self, settings):
        self.settings = settings

    def functions(self) -> list:
        return [self.register_case, self.record_event, self.record_evaluation]

    def _register(self) -> Register:
        return Register(self.settings.register_url)

    @activity.defn(name="register_case")
    def register_case(self, req: RegisterCase) -> None:
        c, reg = req.case, self._register()
        with register_failures(f"record case {c.ref}"):
            self._register_case(reg, req)

    def _register_case(self, reg: Register, req: RegisterCase) -> None:
        c = req.case
        reg.upsert_case(
            ref=c.ref,
            regime=c.regime.value,
            received=c.received,
            subject=c.subject,
            requester_name=c.requester_name,
            requester_email=c.requester_email,
            officer=c.officer,
            manager=c.manager,
            workflow_id=req.workflow_id,
            stage=req.evaluation.stage.value,
            closed_reason=req.evaluation.closed_reason,
            evaluation=to_json(req.evaluation),
        )
        for seq, e in enumerate(c.events):
            reg.record_event(c.ref, seq, e)

    @activity.defn(name="record_event")
    def record_event(self, req: RegisterEvent) -> None:
        e, reg = req.event, self._register()
        with register_failures(f"record event {req.seq} of case {req.ref}"):
            reg.record_event(req.ref, req.seq, e)
            reg.update_case(req.ref, req.evaluation.stage.value, req.evaluation.closed_reason, to_json(req.evaluation))

    @activity.defn(name="record_evaluation")
    def record_evaluation(self, req: CaseOutcome) -> None:
        """The case's latest evaluation: its outcome, once closed."""
        with register_failures(f"record the evaluation of case {req.ref}"):
            self._register().update_case(
                req.ref, req.evaluation.stage.value, req.evaluation.closed_reason, to_json(req.evaluation)
            )
