"""Starting and acting on one case through Temporal, for the command line, the dashboard and the import.

Every input is checked with the same engine before anything is sent, so a bad case is refused with
one line and never half-started. A late review request on a case whose workflow has ended (its review
window closed) reopens it as a new run of the same workflow id, because the law says accept it.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta

from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.enums.v1 import WorkflowExecutionStatus
from temporalio.api.workflowservice.v1 import DescribeWorkflowExecutionRequest
from temporalio.client import (
    Client,
    WorkflowFailureError,
    WorkflowHandle,
    WorkflowQueryFailedError,
    WorkflowUpdateFailedError,
)
from temporalio.common import SearchAttributePair, TypedSearchAttributes, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

import workflows
from casework.addresses import check_addresses
from casework.dates import case_dates
from casework.inputs import in_range
from casework.limits import check_lengths
from casework.today import today
from messages import CaseInput, CaseView
from rules import Case, Evaluation, Event, evaluate
from rules.bank_holidays import calendar_covering
from rules.reopen import reopens
from runtime.errors import Unavailable, UserError
from runtime.update_deadline import bounded_update
from settings import Settings
from workflows.identity import VIEW_QUERY, workflow_id
from workflows.search import REGIME

START = "is the worker running? (python worker.py)"
REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")  # the whole ref (fullmatch: `$` would allow a final "\n")


def check_ref(ref: str) -> str:
    if not REF.fullmatch(ref):
        raise UserError(f"ref '{ref}': use 1-64 letters, digits, '.', '_', '/' or '-', starting with a letter or digit")
    if any(segment in ("", ".", "..") for segment in ref.split("/")):
        raise UserError(f"ref '{ref}': no empty, '.' or '..' parts between slashes (it is part of a web address)")
    return ref


def evaluate_locally(settings: Settings, case: Case, as_of: date | None = None) -> Evaluation:
    """The engine on the register's calendar: the check made before anything is sent to Temporal."""
    now = today(settings.alarms.timezone)
    in_range(case.received, "received")
    for e in case.events:
        in_range(e.on, str(e.type))
        if e.until:
            in_range(e.until, f"{e.type} until")
        if e.on > now:
            raise UserError(f"{e.type} on {e.on}: that date is in the future (today is {now})")
    if case.received > now:
        raise UserError(f"received {case.received}: that date is in the future (today is {now})")
    as_of = as_of or now
    from register import Register  # here: `show` needs no database driver

    cal = calendar_covering(
        case.regime,
        *case_dates(case, as_of),
        proclaimed=Register(settings.register_url).proclaimed(),
        nation=settings.policy.nation,
    )
    return evaluate(case, cal, as_of, settings.policy)


async def status(client: Client, ref: str) -> WorkflowExecutionStatus | None:
    """The case workflow's execution status (of its latest run), or None when there is no such case."""
    try:
        resp = await client.workflow_service.describe_workflow_execution(
            DescribeWorkflowExecutionRequest(
                namespace=client.namespace, execution=WorkflowExecution(workflow_id=workflow_id(ref))
            )
        )
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            return None
        raise
    return resp.workflow_execution_info.status


async def start_case(client: Client, settings: Settings, case: CaseInput) -> Evaluation:
    check_lengths(case)
    check_addresses(case)
    ev = evaluate_locally(settings, Case(regime=case.regime, received=case.received, events=case.events))
    if await status(client, case.ref) is not None:
        raise UserError(f"case {case.ref} already exists")
    try:
        await _start(client, settings, case, WorkflowIDReusePolicy.REJECT_DUPLICATE)
    except WorkflowAlreadyStartedError:
        raise UserError(f"case {case.ref} already exists") from None
    return ev


async def _start(client: Client, settings: Settings, case: CaseInput, reuse: WorkflowIDReusePolicy) -> None:
    await client.start_workflow(
        workflows.CaseWorkflow.run,
        case,
        id=workflow_id(case.ref),
        task_queue=settings.task_queue,
        id_reuse_policy=reuse,
        search_attributes=TypedSearchAttributes([SearchAttributePair(REGIME, case.regime.value)]),
    )


async def record_event(client: Client, settings: Settings, ref: str, event: Event) -> CaseView:
    handle = client.get_workflow_handle(workflow_id(ref))
    state = await status(client, ref)
    if state is None:
        raise UserError(f"no case {ref}")
    if state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING:
        return await _reopen(client, settings, handle, ref, event)
    try:
        return await bounded_update(handle, workflows.CaseWorkflow.record, event, settings.client_timeout)
    except WorkflowUpdateFailedError as exc:
        cause = exc.cause
        raise UserError(getattr(cause, "message", None) or str(cause)) from None


async def _reopen(client: Client, settings: Settings, handle: WorkflowHandle, ref: str, event: Event) -> CaseView:
    try:
        last = await client.get_workflow_handle(handle.id, result_type=CaseView).result()
    except WorkflowFailureError:
        raise UserError(f"case {ref} is not running and did not close normally; see the Temporal UI") from None
    ev = last.evaluation
    if not reopens(ev.closed_reason, event.type):
        raise UserError(f"{event.type} on {event.on}: case {ref} is closed ({ev.closed_reason} on {ev.closed_on})")
    events = [*last.events, event]
    evaluate_locally(settings, Case(regime=ev.regime, received=ev.received, events=events))
    from register import Register

    row = Register(settings.register_url).case(ref)
    case = CaseInput(
        ref=ref,
        regime=ev.regime,
        received=ev.received,
        subject=last.subject,
        officer=last.officer,
        manager=last.manager,
        requester_name=row.requester_name if row else None,
        requester_email=row.requester_email if row else None,
        events=events,
        reopened=True,
    )
    await _start(client, settings, case, WorkflowIDReusePolicy.ALLOW_DUPLICATE)
    return await view(client, settings, ref)


async def view(client: Client, settings: Settings, ref: str, as_of: date | None = None) -> CaseView:
    """The case's live view. The whole wait, every try included, is bounded by the client timeout: a
    case whose start the worker cannot record (the register refusing it) answers "still starting"
    for ever, and a worker that does not answer is the same line."""
    waited = f"{settings.client_timeout:g} s"
    starting: list[bool] = []  # set once the case answered "still starting"
    try:
        async with asyncio.timeout(settings.client_timeout):
            return await _view(client, settings, ref, as_of, starting)
    except TimeoutError:
        if starting:
            raise Unavailable(
                f"case {ref} was still starting after {waited}: the worker may be unable to record it in the "
                "register (see the worker's log); try again later"
            ) from None
        raise Unavailable(f"no worker answered for case {ref} within {waited}; {START}") from None


async def _view(client: Client, settings: Settings, ref: str, as_of: date | None, starting: list) -> CaseView:
    handle = client.get_workflow_handle(workflow_id(ref))
    if await status(client, ref) is None:
        raise UserError(f"no case {ref}")
    as_of = as_of or today(settings.alarms.timezone)
    while True:  # a case just started answers once its calendar is loaded and the register has it
        try:
            timeout = timedelta(seconds=settings.client_timeout)
            return await handle.query(VIEW_QUERY, as_of, result_type=CaseView, rpc_timeout=timeout)
        except RPCError as exc:
            if exc.status not in (RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.CANCELLED):
                raise
            raise TimeoutError from None
        except WorkflowQueryFailedError as exc:
            if "still starting" not in str(exc):
                raise UserError(f"case {ref}: {exc}") from None
            starting.append(True)
        await asyncio.sleep(0.1)
