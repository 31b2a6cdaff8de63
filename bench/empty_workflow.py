"""The floor to compare against: a workflow that does nothing."""

from temporalio import workflow


@workflow.defn(name="Empty")
class Empty:
    @workflow.run
    async def run(self) -> None:
        return None
