"""One durable workflow per case (id `foi-<ref>`): it waits, and asks `rules/` what to do.

The loop: evaluate the case with `rules.evaluate` as of today, publish stage and deadline as search
attributes, deliver any alarm that has come due (only the most severe when several are due at once, as
for a case moved in back-dated), then sleep until the next absolute alarm time, the next stage change
or an event. Staff actions arrive as the `record` update, checked by a validator that runs the same
engine on the history plus the new event, so an impossible action is refused before anything is written.
The `calendar_changed` signal reloads the non-working days (a proclaimed holiday) and re-evaluates.

A case never stops silently: when its recorded history no longer fits the law as now known (a day
proclaimed under a running extension, a changed policy), the workflow keeps its last good evaluation,
keeps waking for its alarms, records why in the register (`needs attention`), alerts the manager once,
and returns to normal by itself when a later change (the day removed) makes the history fit again.

Alerts a manager can trust: a case started back-dated with its history still to come (`catch_up_grace`)
holds the alarms already due for a grace period, so the history recorded right after `new` counts; an
alarm that every recipient takes in their daily digest is only queued (a local activity); and when an
event recorded later shows an alarm already delivered was wrong (`rules.corrections`), its recipients
get one correction and the register marks it withdrawn.

Loading the calendar and writing the register are short and idempotent, so they run as local activities
inside the workflow task that needs them (no round trip through the server's task queue); delivering an
alarm stays a normal activity, with its own retries and timeouts.

Versioning (docs/administrator.md, "The workflow's versioning policy"): a change to the commands this workflow
issues is guarded with `workflow.patched`, then deprecated, then removed, one release at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, date, datetime, time, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from activities.calendar import Calendars
    from activities.notify import Notifications
    from activities.record import Records
    from messages import (
        AlarmDelivery,
        AlarmWithdrawal,
        AmendAction,
        AssignAction,
        CaseContext,
        CaseInput,
        CaseOutcome,
        CaseView,
        Change,
        ClearanceView,
        ContextRequest,
        Entry,
        RecordAction,
        RegisterAssignment,
        RegisterCase,
        RegisterCorrection,
        RegisterEvent,
        VoidAction,
        effective,
    )
    from rules import Calendar, CalendarRangeError, Case, Evaluation, Event, EventType, RuleViolation, Stage, evaluate
    from rules.alarms import DRAFT_KINDS, Alarm, AlarmKind, alarms_for, most_severe
    from rules.clearance import CLEARANCE, answer_problem, correction_problem, next_step, pending
    from rules.clearance import alarms as clearance_alarms
    from rules.clearance import contradiction as clearance_contradiction
    from rules.clearance import problem as clearance_problem
    from rules.corrections import contradiction
    from rules.explain import explain
    from workflows.corrections import amend_problem, described, void_problem
    from workflows.identity import CASE_WORKFLOW, VIEW_QUERY
    from workflows.independence import involvement
    from workflows.search import DUE, REGIME, STAGE
    from workflows.zones import at_local, local_date

DEPRECATED_PATCHES = ("read-model", "digests-and-corrections", "calendar-and-register-as-local-activities")
"""Patches whose old paths are gone (every case runs the new one): the register's row follows the running
deadline and next alarm, not only the stage; digest-only alarms are queued by a local activity, emails
explain the dates, alarms later proved wrong are withdrawn; calendar loading and register writes are local
activities. Kept as `workflow.deprecate_patch` so cases started while they were `workflow.patched` still
replay; removed by the release after the one that deprecated them (docs/administrator.md)."""

DRAFTS = "internal-draft-deadlines"
"""Patch id: from this version the internal draft deadline has its alarms (the officer's reminder, "draft late"
to the managers' digest) and the register's row follows the draft date; recorded histories keep the old path."""

ACTIVITY = {
    "start_to_close_timeout": timedelta(seconds=30),
    "retry_policy": RetryPolicy(
        initial_interval=timedelta(seconds=1), backoff_coefficient=2.0, maximum_interval=timedelta(minutes=1)
    ),
}


async def run_short(method, arg):
    """Run a short, idempotent activity (loading the calendar, a register write) as a local activity."""
    return await workflow.execute_local_activity_method(method, arg, **ACTIVITY)


def rejected(exc: Exception) -> ApplicationError:
    return ApplicationError(str(exc), type="RuleViolation", non_retryable=True)


@workflow.defn(name=CASE_WORKFLOW)
class CaseWorkflow:
    @workflow.init
    def __init__(self, case: CaseInput) -> None:
        self.case = case
        self.entries: list[Entry] = list(case.entries) or [Entry(event=e, by=case.actor) for e in case.events]
        self.officer, self.manager = case.officer, case.manager  # `assign` changes them
        self.team, self.reviewer = case.team, case.reviewer
        self.officers: set[str] = {case.officer} if case.officer else set()  # the original handling's officers
        self.assignments = 0  # assignments made in this run (their audit rows' keys)
        self.revisions: list[str] = []  # each void or amendment, told in the corrections it causes
        self.context: CaseContext | None = None
        self.calendar: Calendar | None = None
        self.sent: list[str] = []  # alarm keys delivered, or passed over for a more severe one
        self.changed = False
        self.calendar_stale = False
        self.lock = asyncio.Lock()
        self.published: tuple | None = None  # search attribute values last upserted
        self.registered: tuple | None = None  # what the register's row last showed (`_registered_as`)
        self.in_register = False
        self.good: Evaluation | None = None  # the last evaluation the law allowed
        self.attention: str | None = None  # why the history no longer fits, while it does not
        self.attention_recorded: str | None = None  # the reason the register last recorded
        self.drafts = False  # set in `run`: the draft deadline's alarms (patch DRAFTS)
        self.delivered: list[tuple[Alarm, int, int]] = []  # each alarm delivered, with the entries and
        # revisions known then
        self.withdrawn: set[str] = set()  # keys of delivered alarms found wrong and corrected
        self.clearance_delivered: list[tuple[Alarm, int, int]] = []  # as `delivered`, clearance's alarms
        self.hold_until: datetime | None = None  # catch-up alarms wait until then (`catch_up_grace`)

    @property
    def events(self) -> list[Event]:
        """The history the law is applied to: the entries not voided."""
        return effective(self.entries)

    # -- the loop ------------------------------------------------------------------------------

    @workflow.run
    async def run(self, case: CaseInput) -> CaseView:
        # Markers are met in the order histories recorded them: the calendar patch's (the last deprecated)
        # was first recorded at the first local activity, after the patches checked here, DRAFTS among them.
        for patch in DEPRECATED_PATCHES[:2]:
            workflow.deprecate_patch(patch)
        self.drafts = workflow.patched(DRAFTS)
        for patch in DEPRECATED_PATCHES[2:]:
            workflow.deprecate_patch(patch)
        await self._load_context()
        grace = self.context.alarms.catch_up_grace_minutes
        if case.catch_up_grace and grace:
            self.hold_until = workflow.now() + timedelta(minutes=grace)
        try:
            first = self.good = self._evaluate()
        except (RuleViolation, CalendarRangeError) as exc:
            raise rejected(exc) from None
        self.registered = self._registered_as(first)
        await run_short(
            Records.register_case,
            RegisterCase(
                case=case, workflow_id=workflow.info().workflow_id, evaluation=first, next_alarm=self._next_alarm(first)
            ),
        )
        self.in_register = True  # from now on the lists show it: the view answers (read your own writes)
        while True:
            self.changed = False  # an event recorded from here on wakes the loop again
            if self.calendar_stale or self._calendar_ends_soon():
                self.calendar_stale = False
                await self._load_context()
            # the register's row follows stage, deadline, next alarm and attention
            async with self.lock:  # after a staff action's own register write, never before it
                ev = self._evaluate_or_keep()
                self._publish(ev)
                await self._withdraw_contradicted(ev)
                await self._sound_alarms(ev)
                if self._registered_as(ev) != self.registered:
                    await self._record_evaluation(ev)
            wake = self._next_wake(ev)
            if ev.stage is Stage.closed and wake is None:
                break
            with contextlib.suppress(asyncio.TimeoutError):  # the alarm time came: loop round
                await workflow.wait_condition(
                    lambda: self.changed or self.calendar_stale,
                    timeout=max(wake - workflow.now(), timedelta(seconds=1)) if wake else None,
                )
        await workflow.wait_condition(workflow.all_handlers_finished)
        final = self._evaluate_or_keep()
        await self._record_evaluation(final)
        return self._view(final)

    def _evaluate_or_keep(self) -> Evaluation:
        """Today's evaluation; or, when the history no longer fits the law as now known, the last good
        one, with the reason kept in `attention`."""
        try:
            self.good = self._evaluate()
            self.attention = None
        except (RuleViolation, CalendarRangeError) as exc:
            self.attention = str(exc)
        return self.good

    async def _record_evaluation(self, ev: Evaluation) -> None:
        alert = self.attention is not None and self.attention_recorded is None
        self.registered, self.attention_recorded = self._registered_as(ev), self.attention
        await run_short(
            Records.record_evaluation,
            CaseOutcome(ref=self.case.ref, evaluation=ev, next_alarm=self._next_alarm(ev), attention=self.attention),
        )
        if alert:  # once each time the case starts needing attention
            today = self._today()
            await self._deliver(Alarm(kind=AlarmKind.needs_attention, on=today, to=("manager",)), ev, self.attention)

    def _registered_as(self, ev: Evaluation) -> tuple:
        """What the register's row shows of the case: it is rewritten when this changes."""
        alarm = self._next_alarm(ev)
        due = (ev.running_due, ev.response_owed_by, ev.review_target)
        if self.drafts:
            due += (ev.draft_owed_by,)
        return (ev.stage, ev.closed_reason, *due, alarm, self.attention)

    async def _load_context(self) -> None:
        today = self._today()
        first = min(self.case.received, today).year - 1
        self.context = await run_short(
            Calendars.load_case_context,
            ContextRequest(regime=self.case.regime, first_year=first, last_year=today.year + 2),
        )
        self.calendar = Calendar(
            self.context.non_working, years=self.context.years, non_school=frozenset(self.context.non_school)
        )

    def _calendar_ends_soon(self) -> bool:
        return self._today().year + 1 > self.context.years[1]

    # -- time ----------------------------------------------------------------------------------

    @property
    def _tz(self) -> str:
        return self.context.alarms.timezone if self.context else "Europe/London"

    def _today(self) -> date:
        return local_date(workflow.now(), self._tz)

    def _fires_at(self, alarm: Alarm) -> datetime:
        return at_local(alarm.on, self.context.alarms.at, self._tz)

    def _evaluate(self, events: list[Event] | None = None, as_of: date | None = None) -> Evaluation:
        events = self.events if events is None else events
        case = Case(regime=self.case.regime, received=self.case.received, category=self.case.category, events=events)
        last = max([self.case.received, *(e.on for e in events)])
        return evaluate(case, self.calendar, max(as_of or self._today(), last), self.context.policy)

    def _pending(self, ev: Evaluation) -> list[Alarm]:
        alarms = alarms_for(ev, self.calendar, self.context.alarms)
        if not self.drafts:  # a case started before the draft deadline's alarms: its history has none
            alarms = [a for a in alarms if a.kind not in DRAFT_KINDS]
        return [a for a in alarms if a.key not in self.sent]

    def _holding(self) -> bool:
        return self.hold_until is not None and workflow.now() < self.hold_until

    def _next_wake(self, ev: Evaluation) -> datetime | None:
        now = workflow.now()
        times = [t for a in self._pending(ev) if (t := self._fires_at(a)) > now]
        if self._holding() and any(self._fires_at(a) <= now for a in self._pending(ev)):
            times.append(self.hold_until)  # the catch-up alarm, once the grace period is over
        if ev.stage_changes_on:
            times.append(at_local(ev.stage_changes_on, time(0), self._tz))
        if ev.stage is not Stage.closed:
            times.append(datetime(self.context.years[1], 1, 1, tzinfo=UTC))  # renew the calendar in time
        times += [t for a in self._clearance_pending() if (t := self._fires_at(a)) > now]
        return min(times) if times else None

    def _clearance_pending(self) -> list[Alarm]:
        """Clearance's alarms not yet delivered (none unless clearance is pending: rules/clearance.py)."""
        if not any(e.type in CLEARANCE for e in self.events):
            return []
        due = clearance_alarms(self.events, self.calendar, self.context.clearance)
        return [a for a in due if a.key not in self.sent]

    # -- acting --------------------------------------------------------------------------------

    async def _sound_alarms(self, ev: Evaluation) -> None:
        if self._holding():
            return
        await self._sound_clearance(ev)
        now = workflow.now()
        due = [a for a in self._pending(ev) if self._fires_at(a) <= now]
        if not due:
            return
        self.sent.extend(a.key for a in due)
        # The most severe statutory alarm due, and apart from it the most severe internal (draft) one: an
        # internal deadline never takes the place of the law's (a back-dated case's late draft and its
        # response reminder both go).
        statutory = [a for a in due if a.kind not in DRAFT_KINDS]
        internal = [a for a in due if a.kind in DRAFT_KINDS]
        for group in (statutory, internal):
            if group:
                alarm = most_severe(group)
                await self._deliver(alarm, ev)
                self.delivered.append((alarm, len(self.entries), len(self.revisions)))

    async def _sound_clearance(self, ev: Evaluation) -> None:
        """Clearance's internal alarms, on their own: never one in place of a statutory alarm due at once."""
        due = [a for a in self._clearance_pending() if self._fires_at(a) <= workflow.now()]
        if not due:
            return
        self.sent.extend(a.key for a in due)
        alarm = most_severe(due)
        req = self._delivery(alarm, ev, approving_team=pending(self.events).team)
        await self._notify(Notifications.deliver_alarm, req, alarm)
        self.clearance_delivered.append((alarm, len(self.entries), len(self.revisions)))

    async def _deliver(self, alarm: Alarm, ev: Evaluation, reason: str | None = None) -> None:
        explanation = self._explanation(ev) if reason is None else None
        req = self._delivery(alarm, ev, reason=reason, explanation=explanation)
        await self._notify(Notifications.deliver_alarm, req, alarm)

    def _delivery(self, alarm: Alarm, ev: Evaluation, **more) -> AlarmDelivery:
        """An alarm for the case's present holders (officer, manager, team), with `more` of its own."""
        return AlarmDelivery(
            workflow_id=workflow.info().workflow_id,
            ref=self.case.ref,
            regime=self.case.regime,
            alarm=alarm,
            officer=self.officer,
            manager=self.manager,
            team=self.team,
            evaluation=ev,
            **more,
        )

    async def _notify(self, method, req, alarm: Alarm) -> None:
        """A notification activity: local when every recipient takes the alarm in a digest (it is then
        only a register write), else scheduled, with its own retries while the mail server is down."""
        if self.context.alarms.digest_only(alarm):
            await workflow.execute_local_activity_method(method, req, **ACTIVITY)
        else:
            await workflow.execute_activity_method(method, req, **ACTIVITY)

    async def _withdraw_contradicted(self, ev: Evaluation) -> None:
        """Withdraw, with a correction, each alarm delivered that the history now recorded shows was wrong."""
        case = Case(
            regime=self.case.regime, received=self.case.received, category=self.case.category, events=self.events
        )
        for alarm, known, revised in self.delivered:
            if alarm.key in self.withdrawn:
                continue
            policy, alarms = self.context.policy, self.context.alarms
            since = effective(self.entries[known:])
            reason = contradiction(alarm, case, self.calendar, policy, alarms, since, ev, self.revisions[revised:])
            if reason is None:
                continue
            await self._withdraw(alarm, reason)
        await self._withdraw_clearance_contradicted()

    async def _withdraw_clearance_contradicted(self) -> None:
        """Withdraw, with a correction, each clearance alarm delivered that a correction since shows was wrong
        (rules/clearance.py `contradiction`)."""
        for alarm, known, revised in self.clearance_delivered:
            if alarm.key in self.withdrawn:
                continue
            reason = clearance_contradiction(
                alarm, effective(self.entries[:known]), self.calendar, self.context.clearance, self.revisions[revised:]
            )
            if reason is None:  # (no patch: no case started before clearance has a clearance alarm)
                continue
            await self._withdraw(alarm, reason)

    async def _withdraw(self, alarm: Alarm, reason: str) -> None:
        """Tell the alarm's recipients it was wrong, and why (a correction)."""
        self.withdrawn.add(alarm.key)
        req = AlarmWithdrawal(
            workflow_id=workflow.info().workflow_id,
            ref=self.case.ref,
            alarm=alarm,
            reason=reason,
            officer=self.officer,
            manager=self.manager,
            team=self.team,
        )
        await self._notify(Notifications.withdraw_alarm, req, alarm)

    def _explanation(self, ev: Evaluation) -> str | None:
        """How the dates were worked out, for the email; none while the history does not fit the law."""
        if self.attention is not None:
            return None
        case = Case(
            regime=self.case.regime, received=self.case.received, category=self.case.category, events=self.events
        )
        return explain(case, self.calendar, ev.as_of, self.context.policy)

    def _publish(self, ev: Evaluation) -> None:
        """Keep the search attributes current (only upserting when they change: small histories)."""
        due = ev.running_due
        values = (ev.stage, due)
        if values == self.published:
            return
        self.published = values
        workflow.upsert_search_attributes(
            [
                STAGE.value_set(ev.stage.value),
                REGIME.value_set(self.case.regime.value),
                DUE.value_set(datetime(due.year, due.month, due.day, tzinfo=UTC)) if due else DUE.value_unset(),
            ]
        )

    def _next_alarm(self, ev: Evaluation) -> Alarm | None:
        now = workflow.now()
        upcoming = [a for a in self._pending(ev) if self._fires_at(a) > now]
        return upcoming[0] if upcoming else None

    def _view(self, ev: Evaluation) -> CaseView:
        upcoming = self._next_alarm(ev)
        return CaseView(
            ref=self.case.ref,
            subject=self.case.subject,
            officer=self.officer,
            manager=self.manager,
            team=self.team,
            reviewer=self.reviewer,
            events=self.events,
            entries=self.entries,
            evaluation=ev,
            category=self.case.category,
            next_alarm=upcoming,
            alarms_sent=list(self.sent),
            attention=self.attention,
            clearance=self._clearance_view(),
        )

    def _clearance_view(self) -> ClearanceView | None:
        """The clearance pending, with its running step's internal deadline, for `show` and the case page."""
        now = pending(self.events) if any(e.type in CLEARANCE for e in self.events) else None
        if now is None:
            return None
        step = next_step(self.events, self.calendar, self.context.clearance)
        return ClearanceView(team=now.team, flagged=now.flagged, returned=now.returned, step=step.kind, due=step.due)

    # -- staff actions -------------------------------------------------------------------------

    def _check(self, event: Event, history: bool = True) -> Evaluation | None:
        """Refuse an event dated in the future; with `history`, evaluate the history with it appended."""
        today = self._today()
        if event.on > today:
            raise ApplicationError(
                f"{event.type} on {event.on}: that date is in the future (today is {today})",
                type="RuleViolation",
                non_retryable=True,
            )
        if not history:
            return None
        try:
            return self._evaluate([*self.events, event])
        except (RuleViolation, CalendarRangeError) as exc:
            raise rejected(exc) from None

    @workflow.update
    async def record(self, event: Event) -> CaseView:
        """An event with no author: the update clients sent before authors were kept."""
        return await self._record(event, None)

    @record.validator
    def validate_record(self, event: Event) -> None:
        self._check_clearance(RecordAction(event=event, actor="unknown"))
        if self.calendar is None:  # still starting: the handler checks once the calendar is loaded
            return
        self._check(event)

    @workflow.update
    async def record_event(self, action: RecordAction) -> CaseView:
        return await self._record(action.event, action.actor, action.override, action)

    @record_event.validator
    def validate_record_event(self, action: RecordAction) -> None:
        self._check_independent(action)
        self._check_clearance(action)
        if self.calendar is not None:
            self._check_clearance(action, self._check(action.event))

    def _check_independent(self, action: RecordAction) -> None:
        """Refuse an internal review completed by someone with a part in the original handling, unless a
        manager overrides it with a reason (`action.override`; the command line checks the role)."""
        if action.event.type is not EventType.review_completed or action.override:
            return
        part = involvement(action.actor, self.entries, self.officers)
        if part:
            raise ApplicationError(
                f"{action.actor} {part} in the original handling, so cannot complete the internal review "
                "(a manager can override this with a reason)",
                type="RuleViolation",
                non_retryable=True,
            )

    def _check_clearance(self, action: RecordAction, ev: Evaluation | None = None) -> None:
        """Refuse an answer while clearance is pending (unless a manager overrides it with a reason), and a
        clearance event out of turn or by someone not of the approving team (rules/clearance.py); with `ev`,
        the evaluation with the event, a flag too when no answer is owed."""
        event = action.event
        if event.type in CLEARANCE:
            if ev is None:
                return
            actor = None if action.actor.startswith("os:") else action.actor
            problem = clearance_problem(self.events, event, ev.stage, actor, action.teams if actor else None)
        else:
            problem = None if action.override_clearance else answer_problem(self.events, event)
        if problem:
            raise ApplicationError(problem, type="RuleViolation", non_retryable=True)

    async def _record(
        self, event: Event, actor: str | None, override: str | None = None, action: RecordAction | None = None
    ) -> CaseView:
        await workflow.wait_condition(lambda: self.calendar is not None)
        async with self.lock:
            if actor is not None:
                self._check_independent(RecordAction(event=event, actor=actor, override=override))
            ev = self._check(event)
            self._check_clearance(action or RecordAction(event=event, actor="unknown"), ev)
            now = workflow.now()
            # the override is kept only where it was needed: an answer while clearance was pending
            needed = action is not None and action.override_clearance and answer_problem(self.events, event)
            cleared_over = action.override_clearance if needed else None
            entry = Entry(
                event=event,
                by=actor,
                at=now,
                override=Change(by=actor, at=now, reason=override) if override else None,
                clearance_override=Change(by=actor, at=now, reason=cleared_over) if cleared_over else None,
            )
            self.entries.append(entry)
            self.changed = True
            self.registered = self._registered_as(ev)
            await run_short(
                Records.record_event,
                RegisterEvent(
                    ref=self.case.ref,
                    seq=len(self.entries) - 1,
                    event=event,
                    evaluation=ev,
                    next_alarm=self._next_alarm(ev),
                    by=actor,
                    at=entry.at,
                    independence=self._independence(event, actor, override),
                    clearance_override=cleared_over,
                ),
            )
            return self._view(ev)

    def _independence(self, event: Event, actor: str | None, override: str | None) -> str | None:
        """For a completed review, what the register keeps of its reviewer's independence: `independent`
        (a registered person with no part in the original handling), `overridden`, or None (not judged)."""
        if event.type is not EventType.review_completed or actor is None or actor.startswith("os:"):
            return None
        if override:
            return "overridden"
        return "independent" if involvement(actor, self.entries[:-1], self.officers) is None else None

    @workflow.update
    async def void_event(self, action: VoidAction) -> CaseView:
        """Withdraw entry `number`: it stays in the history, struck through; the law no longer sees it."""
        await workflow.wait_condition(lambda: self.calendar is not None)
        async with self.lock:
            ev = self._corrected(void_problem(self.entries, action.number), action.number, None)
            entry = self.entries[action.number - 1]
            change = Change(by=action.actor, at=workflow.now(), reason=action.reason)
            self.entries[action.number - 1] = entry.model_copy(update={"void": change})
            self.revisions.append(f"event {action.number} ({described(entry.event)}) was voided: {action.reason}")
            return await self._register_correction("void", action.number, entry.event, change, ev)

    @void_event.validator
    def validate_void_event(self, action: VoidAction) -> None:
        if self.calendar is not None:
            self._corrected(void_problem(self.entries, action.number), action.number, None)

    @workflow.update
    async def amend_event(self, action: AmendAction) -> CaseView:
        """Entry `number` now reads `action.event`; the audit trail keeps what it read before."""
        await workflow.wait_condition(lambda: self.calendar is not None)
        async with self.lock:
            ev = self._corrected(amend_problem(self.entries, action.number, action.event), action.number, action.event)
            entry = self.entries[action.number - 1]
            change = Change(by=action.actor, at=workflow.now(), reason=action.reason)
            self.entries[action.number - 1] = entry.model_copy(update={"event": action.event, "amended": change})
            self.revisions.append(
                f"event {action.number} ({described(entry.event)}) was amended to {described(action.event)}: "
                f"{action.reason}"
            )
            return await self._register_correction("amend", action.number, entry.event, change, ev)

    @amend_event.validator
    def validate_amend_event(self, action: AmendAction) -> None:
        if self.calendar is not None:
            self._corrected(amend_problem(self.entries, action.number, action.event), action.number, action.event)

    def _corrected(self, problem: str | None, number: int, replacement: Event | None) -> Evaluation:
        """The evaluation once entry `number` is voided (`replacement` None) or amended; refused, with what
        to correct first, when the history left would not fit the law or clearance's rules."""
        problem = problem or correction_problem(self.entries, number, replacement)
        if problem:
            raise ApplicationError(problem, type="RuleViolation", non_retryable=True)
        kept = [
            e if i != number - 1 else e.model_copy(update={"event": replacement}) for i, e in enumerate(self.entries)
        ]
        if replacement is None:
            kept = [e for i, e in enumerate(self.entries) if i != number - 1]
        else:
            self._check(replacement, history=False)
        what = "voided" if replacement is None else "amended"
        try:
            return self._evaluate(effective(kept))
        except (RuleViolation, CalendarRangeError) as exc:
            raise ApplicationError(
                f"event {number} cannot be {what}: the history left would not fit the law ({exc}); "
                "correct the later events first",
                type="RuleViolation",
                non_retryable=True,
            ) from None

    async def _register_correction(self, kind: str, number: int, previous: Event, change: Change, ev) -> CaseView:
        self.changed = True
        self.registered = self._registered_as(ev)
        await run_short(
            Records.record_correction,
            RegisterCorrection(
                ref=self.case.ref,
                seq=number - 1,
                kind=kind,
                entry=self.entries[number - 1],
                previous=previous,
                change=change,
                evaluation=ev,
                next_alarm=self._next_alarm(ev),
            ),
        )
        return self._view(ev)

    @workflow.update
    async def assign(self, action: AssignAction) -> CaseView:
        """New holders of the case (officer, manager, responding team, reviewer): the next alarms go to them."""
        await workflow.wait_condition(lambda: self.calendar is not None)
        async with self.lock:
            changes = self._assignment(action)
            was = {role: getattr(self, role) for role in changes}
            for role, holder in changes.items():
                setattr(self, role, holder)
            if "officer" in changes and not any(e.type is EventType.review_requested for e in self.events):
                self.officers.add(changes["officer"])
            self.assignments += 1
            await run_short(
                Records.record_assignment,
                RegisterAssignment(
                    ref=self.case.ref,
                    holders=changes,
                    was=was,
                    change=Change(by=action.actor, at=workflow.now(), reason=action.reason),
                    number=self.assignments,
                ),
            )
            self.changed = True
            return self._view(self._evaluate_or_keep())

    @assign.validator
    def validate_assign(self, action: AssignAction) -> None:
        self._assignment(action)

    def _assignment(self, action: AssignAction) -> dict[str, str]:
        """The roles the assignment changes, with their new holders; refused when it changes nothing."""
        changes = {
            role: new
            for role in ("officer", "manager", "team", "reviewer")
            if (new := getattr(action, role)) is not None and new != getattr(self, role)
        }
        if not changes:
            raise ApplicationError(
                "the assignment changes nothing: the case already has these holders",
                type="RuleViolation",
                non_retryable=True,
            )
        return changes

    @workflow.query(name=VIEW_QUERY)
    def view(self, as_of: date | None = None) -> CaseView:
        if self.calendar is None or not self.in_register:
            raise ApplicationError("the case is still starting", type="CaseStarting")
        try:
            return self._view(self._evaluate(as_of=as_of))
        except (RuleViolation, CalendarRangeError):
            return self._view(self.good)  # `attention` says why these are the last good dates

    @workflow.signal
    def calendar_changed(self) -> None:
        self.calendar_stale = True
