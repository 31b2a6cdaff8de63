"""Starting and acting on one case through Temporal, for the command line, the dashboard and the import.

Every input is checked with the same engine before anything is sent, so a bad case is refused with
one line and never half-started. A late review request on a case whose workflow has ended (its review
window closed) reopens it as a new run of the same workflow id, because the law says accept it.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta

from pydantic import ValidationError
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

from casework.actors import Actor
from casework.addresses import check_addresses
from casework.dates import case_dates
from casework.inputs import in_range
from casework.limits import check_lengths
from casework.permissions import require
from casework.teams import check_case_team, existing
from casework.today import today
from messages import (
    AmendAction,
    AssignAction,
    CaseInput,
    CaseView,
    Change,
    Correction,
    Entry,
    RecordAction,
    VoidAction,
    effective,
)
from rules import Calendar, Case, Evaluation, Event, RuleViolation, evaluate
from rules.alarms import Alarm, alarms_for
from rules.bank_holidays import calendar_covering
from rules.clearance import ANSWERS, CLEARANCE, correction_problem
from rules.reopen import reopens
from runtime.errors import Unavailable, UserError, one_line_validation_error
from runtime.update_deadline import bounded_update
from settings import Settings
from workflows.corrections import amend_problem, void_problem
from workflows.identity import (
    AMEND_EVENT_UPDATE,
    ASSIGN_UPDATE,
    CASE_WORKFLOW,
    RECORD_EVENT_UPDATE,
    VIEW_QUERY,
    VOID_EVENT_UPDATE,
    workflow_id,
)
from workflows.search import REGIME
from workflows.zones import at_local

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
    return evaluate(case, _calendar(settings, case, as_of), as_of, settings.policy)


def _calendar(settings: Settings, case: Case, as_of: date) -> Calendar:
    from register import Register  # here: `show` needs no database driver

    return calendar_covering(
        case.regime,
        *case_dates(case, as_of),
        proclaimed=Register(settings.register_url).proclaimed(),
        nation=settings.policy.nation,
    )


def alarms_already_due(settings: Settings, case: Case) -> list[Alarm]:
    """The alarms whose time has already come for a case started now: those a back-dated start without
    its history holds for the grace period (the workflow's `catch_up_grace`)."""
    tz = settings.alarms.timezone
    as_of = today(tz)
    cal = _calendar(settings, case, as_of)
    ev = evaluate(case, cal, as_of, settings.policy)
    now = datetime.now(UTC)
    return [a for a in alarms_for(ev, cal, settings.alarms) if at_local(a.on, settings.alarms.at, tz) <= now]


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


async def start_case(client: Client, settings: Settings, case: CaseInput, actor: Actor) -> Evaluation:
    """Start a case, recorded as started by `actor` (who also recorded any history it comes with)."""
    from register import Register

    team = check_case_team(Register(settings.register_url), case.team, case.officer)
    case = case.model_copy(update={"actor": actor.id, "team": team})
    check_lengths(case)
    check_addresses(case)
    ev = evaluate_locally(
        settings, Case(regime=case.regime, received=case.received, category=case.category, events=case.events)
    )
    if await status(client, case.ref) is not None:
        raise UserError(f"case {case.ref} already exists")
    try:
        await _start(client, settings, case, WorkflowIDReusePolicy.REJECT_DUPLICATE)
    except WorkflowAlreadyStartedError:
        raise UserError(f"case {case.ref} already exists") from None
    return ev


async def _start(client: Client, settings: Settings, case: CaseInput, reuse: WorkflowIDReusePolicy) -> None:
    await client.start_workflow(
        CASE_WORKFLOW,  # by name: the workflow's code is the worker's (workflows/identity.py)
        case,
        id=workflow_id(case.ref),
        task_queue=settings.task_queue,
        id_reuse_policy=reuse,
        search_attributes=TypedSearchAttributes([SearchAttributePair(REGIME, case.regime.value)]),
    )


async def record_event(
    client: Client,
    settings: Settings,
    ref: str,
    event: Event,
    actor: Actor,
    override: str | None = None,
    override_clearance: str | None = None,
) -> CaseView:
    """Record what happened, by `actor`; a late review request reopens a case whose workflow has ended.
    `override`: a manager's reason for letting someone with a part in the original handling complete the
    internal review (workflows/independence.py); `override_clearance`: a manager's reason for recording
    an answer while clearance is pending (rules/clearance.py)."""
    if override is not None:
        require(actor, "override")
    if override_clearance is not None:
        require(actor, "override_clearance")
        if event.type not in ANSWERS:
            raise UserError(
                f"--override-clearance is only for an answer ({', '.join(sorted(ANSWERS))}), not {event.type}"
            )
    event, teams = _clearance(settings, event, actor)
    handle = client.get_workflow_handle(workflow_id(ref))
    state = await status(client, ref)
    if state is None:
        raise UserError(f"no case {ref}")
    if state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING:
        return await _reopen(client, settings, handle, ref, event, actor)
    action = _action(
        RecordAction,
        event=event,
        actor=actor.id,
        override=override,
        override_clearance=override_clearance,
        teams=teams,
    )
    return await _update(handle, RECORD_EVENT_UPDATE, action, settings)


def _clearance(settings: Settings, event: Event, actor: Actor) -> tuple[Event, list[str] | None]:
    """A clearance event made ready for the workflow: a flag's approving team must exist (its name as
    registered), and the teams of a registered actor go with a clearance or return, for the workflow to
    check they belong to the approving team (rules/clearance.py)."""
    if event.type not in CLEARANCE:
        return event, None
    from register import Register

    register = Register(settings.register_url)
    if event.team is not None:
        event = event.model_copy(update={"team": existing(register, event.team)})
    return event, (register.teams_of(actor.id) if actor.registered else None)


async def void_event(client: Client, settings: Settings, ref: str, number: int, reason: str, actor: Actor) -> CaseView:
    """Withdraw event `number` of the case (as `show` numbers them), with the reason."""
    action = _action(VoidAction, number=number, actor=actor.id, reason=reason)
    handle, last = await _running_or_last(client, ref)
    if last is None:
        return await _update(handle, VOID_EVENT_UPDATE, action, settings)
    entries = _entries(last)
    _refuse(void_problem(entries, number) or correction_problem(entries, number))
    change = Change(by=actor.id, at=datetime.now(UTC), reason=action.reason)
    corrected = [e.model_copy(update={"void": change}) if i == number - 1 else e for i, e in enumerate(entries)]
    fix = Correction(kind="void", number=number, previous=entries[number - 1].event)
    return await _restart(client, settings, ref, last, corrected, actor, fix)


async def amend_event(
    client: Client, settings: Settings, ref: str, number: int, changes: dict, reason: str, actor: Actor
) -> CaseView:
    """Event `number` of the case with `changes` (its date, outcome, until, exemptions), with the reason."""
    handle, last = await _running_or_last(client, ref)
    entries = _entries(last) if last else (await view(client, settings, ref)).entries
    if not 1 <= number <= len(entries):
        raise UserError(f"no event {number}: case {ref} has {len(entries)} (see starter.py show {ref})")
    was = entries[number - 1].event
    try:
        event = Event.model_validate({**was.model_dump(), **changes})
    except ValidationError as exc:
        raise UserError(one_line_validation_error(exc)) from None
    event = _clearance(settings, event, actor)[0]
    action = _action(AmendAction, number=number, event=event, actor=actor.id, reason=reason)
    if last is None:
        return await _update(handle, AMEND_EVENT_UPDATE, action, settings)
    _refuse(amend_problem(entries, number, event) or correction_problem(entries, number, event))
    change = Change(by=actor.id, at=datetime.now(UTC), reason=action.reason)
    corrected = [
        e.model_copy(update={"event": event, "amended": change}) if i == number - 1 else e
        for i, e in enumerate(entries)
    ]
    fix = Correction(kind="amend", number=number, previous=was)
    return await _restart(client, settings, ref, last, corrected, actor, fix)


def _refuse(problem: str | None) -> None:
    if problem:
        raise UserError(problem)


def _entries(last: CaseView) -> list[Entry]:
    return last.entries or [Entry(event=e) for e in last.events]  # a run from before authors were kept


async def _running_or_last(client: Client, ref: str) -> tuple[WorkflowHandle, CaseView | None]:
    """The running case's handle; or, when its workflow has ended, what its last run returned."""
    state = await status(client, ref)
    if state is None:
        raise UserError(f"no case {ref}")
    handle = client.get_workflow_handle(workflow_id(ref))
    if state == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING:
        return handle, None
    try:
        return handle, await client.get_workflow_handle(handle.id, result_type=CaseView).result()
    except WorkflowFailureError:
        raise UserError(f"case {ref} is not running and did not close normally; see the Temporal UI") from None


async def assign(
    client: Client,
    settings: Settings,
    ref: str,
    officer: str | None,
    manager: str | None,
    reason: str,
    actor: Actor,
    team: str | None = None,
    reviewer: str | None = None,
) -> CaseView:
    """Hand the running case to another officer, manager or responding team, or its internal review to a
    reviewer: the next alarms go to them."""
    if officer is None and manager is None and team is None and reviewer is None:
        raise UserError("assign: give --officer, --manager, --team or --reviewer")
    if team is not None:
        from register import Register

        team = existing(Register(settings.register_url), team)
    handle = await _running(client, ref, "assign")
    action = _action(
        AssignAction, officer=officer, manager=manager, team=team, reviewer=reviewer, actor=actor.id, reason=reason
    )
    return await _update(handle, ASSIGN_UPDATE, action, settings)


def _action(model, **fields):
    """A staff action's message, its reason checked (required, at most 2,000 characters)."""
    try:
        return model(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        names = {("reason",): "--reason", ("override",): "--override-independence"}
        names[("override_clearance",)] = "--override-clearance"
        if err["loc"] in names:
            name = names[err["loc"]]
            raise UserError(f"{name}: {err['msg'].lower().replace('string', 'the reason')}") from None
        raise UserError(one_line_validation_error(exc)) from None


async def _running(client: Client, ref: str, doing: str) -> WorkflowHandle:
    state = await status(client, ref)
    if state is None:
        raise UserError(f"no case {ref}")
    if state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING:
        raise UserError(f"case {ref} is closed: cannot {doing} it (only a running case's history can change)")
    return client.get_workflow_handle(workflow_id(ref))


async def _update(handle: WorkflowHandle, update, action, settings: Settings) -> CaseView:
    try:
        return await bounded_update(handle, update, action, settings.client_timeout, result_type=CaseView)
    except WorkflowUpdateFailedError as exc:
        cause = exc.cause
        raise UserError(getattr(cause, "message", None) or str(cause)) from None


async def _reopen(
    client: Client, settings: Settings, handle: WorkflowHandle, ref: str, event: Event, actor: Actor
) -> CaseView:
    try:
        last = await client.get_workflow_handle(handle.id, result_type=CaseView).result()
    except WorkflowFailureError:
        raise UserError(f"case {ref} is not running and did not close normally; see the Temporal UI") from None
    ev = last.evaluation
    if not reopens(ev.closed_reason, event.type):
        raise UserError(f"{event.type} on {event.on}: case {ref} is closed ({ev.closed_reason} on {ev.closed_on})")
    entries = [*_entries(last), Entry(event=event, by=actor.id, at=datetime.now(UTC))]
    return await _restart(client, settings, ref, last, entries, actor)


async def _restart(
    client: Client,
    settings: Settings,
    ref: str,
    last: CaseView,
    entries: list[Entry],
    actor: Actor,
    fix: Correction | None = None,
) -> CaseView:
    """A new run of a case whose workflow has ended, with its history now `entries` (a late review request
    added, or a correction made): checked by the engine first, so a history the law refuses starts nothing."""
    ev = last.evaluation
    try:
        evaluate_locally(
            settings,
            Case(regime=ev.regime, received=ev.received, category=last.category, events=effective(entries)),
        )
    except RuleViolation as exc:
        if fix is None:
            raise
        what = "voided" if fix.kind == "void" else "amended"
        raise UserError(
            f"event {fix.number} cannot be {what}: the history left would not fit the law ({exc}); "
            "correct the later events first"
        ) from None
    from register import Register

    row = Register(settings.register_url).case(ref)
    case = CaseInput(
        ref=ref,
        regime=ev.regime,
        received=ev.received,
        category=last.category,
        subject=last.subject,
        officer=last.officer,
        manager=last.manager,
        team=last.team,
        reviewer=last.reviewer,
        requester_name=row.requester_name if row else None,
        requester_email=row.requester_email if row else None,
        events=effective(entries),
        entries=entries,
        actor=actor.id,
        reopened=True,
        correction=fix,
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
