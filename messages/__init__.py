"""The pydantic models that cross Temporal's boundary: workflow input and views, activity inputs.

One model parameter per call, so fields can be added without breaking running cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from rules import Evaluation, Event, Policy, Regime
from rules.alarms import Alarm, AlarmPolicy
from rules.categories import Category
from rules.clearance import ClearancePolicy
from rules.plain_text import control_character

REASON_LIMIT = 2000


def _plain(text: str) -> str:
    bad = control_character(text, multiline=True)
    if bad:
        raise ValueError(f"contains the control character {bad}, which is not allowed; only tab and newline may be")
    return text


Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=REASON_LIMIT), AfterValidator(_plain)
]
"""Why a correction or an assignment was made: required, at most 2,000 characters, no control character
but tab and newline."""


class Change(BaseModel):
    """Who made a correction (a void or an amendment), when, and why."""

    by: str
    at: datetime
    reason: str


class Entry(BaseModel):
    """One event of a case's history as staff recorded it, numbered by its place (1 for the first, as
    `show` numbers them): the event as it now stands, who recorded it and when (None: recorded before
    authors were kept), and its voiding or latest amendment. A voided entry stays, struck through; the
    engine sees only the entries not voided (`effective`)."""

    event: Event
    by: str | None = None
    at: datetime | None = None
    void: Change | None = None
    amended: Change | None = None
    override: Change | None = None
    """A manager's override of the reviewer's independence, with the reason (a review completed by
    someone who took part in the original handling)."""
    clearance_override: Change | None = None
    """A manager's override of pending clearance, with the reason: an answer recorded before the approving
    team cleared it (rules/clearance.py)."""


class Correction(BaseModel):
    """A void or amendment of entry `number` (from 1) made while the case's workflow had ended: the new
    run it starts carries it so the register records it (`previous`: what the entry read before)."""

    kind: str  # "void" | "amend"
    number: int
    previous: Event


def effective(entries: list[Entry]) -> list[Event]:
    """The history the law is applied to: every entry not voided, in order."""
    return [e.event for e in entries if e.void is None]


class CaseInput(BaseModel):
    """What starts a case. Only ref, regime and received are required. Personal data (requester)
    lives here and in the register, never in search attributes or logs."""

    model_config = ConfigDict(extra="forbid")

    ref: str
    regime: Regime
    received: date
    category: Category = Category.standard
    """The Time for Compliance Regulations' category (FOIA only; `rules.categories`); absent from runs
    started before categories were kept, which are all standard."""
    subject: str | None = None
    requester_name: str | None = None
    requester_email: str | None = None
    officer: str | None = None
    manager: str | None = None
    team: str | None = None
    """The responding team: its managers take the case's escalations when it names no manager."""
    reviewer: str | None = None
    """Who the internal review is assigned to (`assign --reviewer`)."""
    events: list[Event] = []
    reopened: bool = False  # set on the run a late review request starts; recorded inputs carry it: keep
    catch_up_grace: bool = False
    """Started back-dated with its history still to be recorded (`new` without `--events`): the alarms
    already due wait `FOI_ALARMS__CATCH_UP_GRACE_MINUTES`, so that history is taken into account first."""
    actor: str | None = None
    """Who started the case (an email address, or `os:<user>` before any person is registered); None
    on runs started before authors were kept."""
    entries: list[Entry] = []
    """The whole recorded history with its authors and corrections, carried by a reopened run; when
    given, `events` is its effective history."""
    correction: Correction | None = None
    """The correction that started this run, on a case whose workflow had ended (see `Correction`)."""


class ClearanceView(BaseModel):
    """Clearance pending on a case (rules/clearance.py): the approving team, when it was flagged and, if so,
    returned, and the running step (`clearance`: the team's; `resubmission`: the officer's) with its internal
    deadline."""

    team: str
    flagged: date
    returned: date | None = None
    step: str
    due: date


class CaseView(BaseModel):
    """What the `view` query and the `record` update return: the calc evaluation and who holds it."""

    ref: str
    subject: str | None
    officer: str | None
    manager: str | None
    events: list[Event]
    evaluation: Evaluation
    team: str | None = None
    reviewer: str | None = None
    category: Category = Category.standard
    next_alarm: Alarm | None = None
    alarms_sent: list[str] = []
    entries: list[Entry] = []
    """Every entry of the history, voided ones included, numbered from 1 by their place."""
    attention: str | None = None
    """Why the case needs attention: its history no longer fits the law as now known (the evaluation
    shown is the last good one), or None."""
    clearance: ClearanceView | None = None
    """Clearance pending, with its internal deadline (never a statutory one), or None."""


class ContextRequest(BaseModel):
    regime: Regime
    first_year: int
    last_year: int


class CaseContext(BaseModel):
    """Calendar data and policies, loaded by an activity and kept in workflow state."""

    non_working: dict[date, str]
    years: tuple[int, int]
    non_school: list[date] = []
    """Days recorded as not school days (region SCH): only a `school` case's count skips them. Absent
    from contexts loaded before they were kept."""
    policy: Policy
    alarms: AlarmPolicy
    clearance: ClearancePolicy = ClearancePolicy()
    """Clearance's internal deadlines (absent from contexts loaded before clearance: the defaults)."""


class RegisterCase(BaseModel):
    case: CaseInput
    workflow_id: str
    evaluation: Evaluation
    next_alarm: Alarm | None = None  # the register's read model shows it (absent from older histories)


class RegisterEvent(BaseModel):
    ref: str
    seq: int
    event: Event
    evaluation: Evaluation
    next_alarm: Alarm | None = None
    by: str | None = None
    at: datetime | None = None
    independence: str | None = None
    """For a completed review: `independent`, `overridden` or None (see workflows/independence.py)."""
    clearance_override: str | None = None
    """For an answer recorded while clearance was pending: the manager's reason (rules/clearance.py)."""


class RecordAction(BaseModel):
    """The `record_event` update: an event and the person recording it; `override`, a manager's reason
    for letting someone who took part in the original handling complete the internal review."""

    event: Event
    actor: str
    override: Reason | None = None
    override_clearance: Reason | None = None
    """A manager's reason for recording an answer while clearance is pending (rules/clearance.py)."""
    teams: list[str] | None = None
    """The teams the actor belongs to, as the register had them (None: not known, before anyone is
    registered): a clearance is cleared or returned only by a member of its approving team."""


class VoidAction(BaseModel):
    """The `void_event` update: withdraw entry `number` (from 1), with the reason."""

    number: int
    actor: str
    reason: Reason


class AmendAction(BaseModel):
    """The `amend_event` update: entry `number` (from 1) now reads `event`, with the reason."""

    number: int
    event: Event
    actor: str
    reason: Reason


class AssignAction(BaseModel):
    """The `assign` update: the case's officer, manager, responding team or reviewer change (None:
    unchanged)."""

    officer: str | None = None
    manager: str | None = None
    team: str | None = None
    reviewer: str | None = None
    actor: str
    reason: Reason


class RegisterCorrection(BaseModel):
    """A void or an amendment of entry `seq` (from 0), for the register: the entry as it now stands,
    the event it replaced (an amendment), and the case's evaluation after it."""

    ref: str
    seq: int
    kind: str  # "void" | "amend"
    entry: Entry
    previous: Event
    change: Change
    evaluation: Evaluation
    next_alarm: Alarm | None = None


class RegisterAssignment(BaseModel):
    """A change of the case's holders, for the register (its row and its audit trail)."""

    ref: str
    holders: dict[str, str]
    """The roles that change (officer, manager, team, reviewer) and their new holders."""
    was: dict[str, str | None]
    """Who held each of those roles before."""
    change: Change
    number: int
    """How many assignments this case has had before this one (the audit row's key)."""


class CaseOutcome(BaseModel):
    ref: str
    evaluation: Evaluation
    attention: str | None = None
    next_alarm: Alarm | None = None


class AlarmFor(BaseModel):
    """An alarm of one case and the addresses its recipients have: what every notification names."""

    workflow_id: str
    ref: str
    alarm: Alarm
    officer: str | None = None
    manager: str | None = None
    team: str | None = None
    """The responding team, whose managers take the manager's alarms when the case names no manager."""
    approving_team: str | None = None
    """The team the case awaits clearance from: its active members take the `approver` alarms."""


class AlarmDelivery(AlarmFor):
    regime: Regime
    evaluation: Evaluation
    reason: str | None = None
    """For a `needs_attention` alarm: what no longer fits."""
    explanation: str | None = None
    """How the case's dates were worked out (`rules.explain`), for the email's body."""


class DeliveryResult(BaseModel):
    delivered: list[str]
    already: list[str]
    undeliverable: list[str] = []
    queued: list[str] = []
    """Keys waiting for their recipient's digest."""


class AlarmWithdrawal(AlarmFor):
    """An alarm already delivered that the history recorded since shows was wrong: its recipients get a
    correction saying why (a queued one is simply never sent)."""

    reason: str


class DigestRun(BaseModel):
    """One run of the daily digest: at `at` (the workflow's clock). A scheduled run sends only on a
    working day; a run asked for by hand (`starter.py digest`) sends whatever is queued."""

    at: datetime | None = None
    scheduled: bool = True


class DigestResult(BaseModel):
    sent: list[str] = []
    """The digests sent (their keys)."""
    skipped: str | None = None
    """Why nothing was sent (not a working day)."""


class RetentionRun(BaseModel):
    """One run of the daily erasure (workflows/retention.py): at `at` (the workflow's clock)."""

    at: datetime | None = None
    compact_after_seconds: int = 600
    """How long to wait after deleting histories before compacting the embedded server's database."""


class RetentionResult(BaseModel):
    erased: list[str] = []
    """The cases whose requester data this run erased from the register."""
    histories_pending: list[str] = []
    """Erased cases whose Temporal workflow histories are still to be deleted (this run's and any left over)."""
    histories_deleted: list[str] = []
    """Those whose histories this run deleted."""
    compaction_due: bool = False
    """The embedded Temporal server's database holds deleted histories in its free pages: compact it."""
    compacted: list[str] = []
    """The erased cases whose deleted histories the compaction removed from the embedded server's file."""
