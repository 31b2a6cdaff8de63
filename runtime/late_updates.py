"""The worker's half of `runtime/update_deadline.py`: an update that reaches a workflow after the moment
its sender stopped waiting (the `foi-not-after` header) is rejected by the validator, so a command that
said "NOT recorded" stays true. Kept apart so that staff commands need not import Temporal's worker."""

from __future__ import annotations

from datetime import datetime

from temporalio import worker, workflow
from temporalio.converter import PayloadConverter
from temporalio.exceptions import ApplicationError

from runtime.update_deadline import HEADER


class _RefuseLateUpdates(worker.WorkflowInboundInterceptor):
    def handle_update_validator(self, input: worker.HandleUpdateInput) -> None:
        stamp = input.headers.get(HEADER)
        if stamp is not None:
            until = datetime.fromisoformat(PayloadConverter.default.from_payload(stamp, str))
            if workflow.now() > until:
                raise ApplicationError(
                    "this update arrived after its sender had stopped waiting: nothing recorded",
                    type="UpdateExpired",
                    non_retryable=True,
                )
        super().handle_update_validator(input)


class RefuseLateUpdates(worker.Interceptor):
    """Worker side: an update reaching the workflow after its stamp is rejected by the validator."""

    def workflow_interceptor_class(
        self, input: worker.WorkflowInterceptorClassInput
    ) -> type[worker.WorkflowInboundInterceptor] | None:
        return _RefuseLateUpdates
