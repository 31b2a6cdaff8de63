"""The staff actions on a case, as forms: start a case, record an event, void or amend one, assign.

Each calls the same `casework.cases` function as the command line, with the signed-in person as the
actor, after the roles check of `casework.permissions` (`dashboard.forms.actor`); the workflow's update
validator has the last word. A refused form is shown again with the error summary and nothing is
recorded; an accepted one redirects to the case page (Post/Redirect/Get). Only the events the case's
stage allows are offered (`rules.engine.offered`), with the fields each takes and, for a response or a
review, the exemptions of the case's regime (`rules.exemptions`). Clearance's events are offered as
`rules.clearance.offered` says: a flag with the approving team chosen from the teams, a return with what
is to change; a manager recording an answer while clearance is pending gives a reason to override it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from casework import cases
from casework.people import HOLDS, holder
from casework.permissions import may
from dashboard.deps import RegisterDep, SettingsDep, TemporalDep
from dashboard.forms import Errors, actor, date_fields, day, done, posted, refusal, text
from dashboard.rendering import page
from messages import CaseInput
from rules import Event, EventType, Regime, RuleViolation
from rules.clearance import ANSWERS
from rules.clearance import offered as clearance_offered
from rules.engine import offered, outcomes_of, takes_until
from rules.exemptions import EXAMPLES, EXEMPTIONS
from rules.exemptions import check as check_exemptions
from runtime.errors import UserError, one_line_validation_error

router = APIRouter()

UNTIL = {
    EventType.extended: "Extended until (optional)",
    EventType.decision_notice: "The steps are to be taken by (optional)",
    EventType.appeal_decided: "A new date for the steps (optional)",
}
CITING = (EventType.responded, EventType.review_completed)
EXEMPTIONS_LIMIT = 500
SHORT_LIMIT = 200


def case_url(ref: str) -> str:
    return f"/case/{quote(ref, safe='/')}"


def _fields_of(kind: EventType, *more: str) -> set[str]:
    """The ids of the fields an event of `kind`'s form has (its date first), and `more`."""
    present = {"on-day", *more}
    if outcomes_of(kind):
        present.add("outcome")
    if kind in CITING:
        present.add("exemptions")
    if takes_until(kind):
        present.add("until-day")
    if kind is EventType.flag_for_clearance:
        present.add("team")
    if kind is EventType.returned:
        present.add("changes")
    return present


def _field_for(message: str, present: set[str]) -> str:
    """The field on the form (`present`) a one-line refusal from `casework` or the engine is most about;
    else the date, where the error summary's link then leads."""
    lowered = message.lower()
    for words, field_id in (
        (("clearance by",), "override_clearance"),
        (("team",), "team"),
        (("change",), "changes"),
        (("exemption", "citation", "cite"), "exemptions"),
        (("outcome",), "outcome"),
        (("independen", "override"), "override"),
        (("until", "exceptional"), "until-day"),
        (("reason",), "reason"),
    ):
        if field_id in present and any(w in lowered for w in words):
            return field_id
    return "on-day"


def _citations(raw: str) -> tuple[str, ...]:
    return tuple(c for c in re.split(r"[,\s]+", raw) if c)


def _event_fields(form: dict, kind: EventType, regime: Regime, errors: Errors) -> dict:
    """The fields of an event of `kind` from the form, checked as far as the form can check them."""
    fields: dict = {"type": kind, "on": day(form, "on", errors, "the date it happened")}
    if outcomes_of(kind):
        outcome = form.get("outcome", "")
        if outcome not in {o.value for o in outcomes_of(kind, regime)}:
            errors.add("outcome", "Choose the outcome")
        fields["outcome"] = outcome or None
    if kind in CITING:
        raw = text(form, "exemptions", errors, "the exemptions", limit=EXEMPTIONS_LIMIT)
        fields["exemptions"] = _citations(raw)
        fields["public_interest_test"] = bool(form.get("public_interest_test"))
    if takes_until(kind):
        fields["until"] = day(form, "until", errors, "that date", required=False)
    if kind is EventType.extended:
        fields["exceptional"] = bool(form.get("exceptional"))
    if kind is EventType.flag_for_clearance:
        fields["team"] = form.get("team") or None
        if fields["team"] is None:
            errors.add("team", "Choose the approving team")
    if kind is EventType.returned:
        fields["changes"] = text(form, "changes", errors, "what is to change", required=True) or None
    if not errors and fields.get("exemptions"):
        try:
            check_exemptions(regime, Event(**fields))
        except (RuleViolation, ValidationError) as exc:
            errors.add("exemptions", str(exc) if isinstance(exc, RuleViolation) else one_line_validation_error(exc))
    return fields


def _regime_help(regime: Regime) -> dict:
    return {"examples": EXAMPLES[regime], "allowed": sorted(EXEMPTIONS[regime])}


def _clearance_fields(kind: EventType, register) -> dict:
    """What the event form shows of clearance: the teams to choose the approving one from, for a flag; a
    box for what is to change, for a return."""
    flag = kind is EventType.flag_for_clearance
    return {
        "teams": [(t.name, t.name) for t in register.teams()] if flag else None,
        "asks_changes": kind is EventType.returned,
    }


def _overriding_clearance(who, v, kind: EventType) -> bool:
    """A manager recording an answer while clearance is pending is offered the override (with a reason)."""
    return kind in ANSWERS and v.clearance is not None and may(who, "override_clearance")


def _choices(v) -> list[EventType]:
    return offered(v.evaluation) + clearance_offered(v.events, v.evaluation.stage)


# --- record an event -------------------------------------------------------------------------------------


@router.get("/case/{ref:path}/record", response_class=HTMLResponse)
async def record_form(
    request: Request, ref: str, client: TemporalDep, settings: SettingsDep, register: RegisterDep, kind: str = ""
):
    actor(request, "record")
    v = await cases.view(client, settings, ref)
    choices = _choices(v)
    if kind not in {c.value for c in choices}:
        return page(request, "record_choose.html", view=v, ev=v.evaluation, choices=choices, case_url=case_url(ref))
    return _record_page(request, v, EventType(kind), {}, Errors(), register)


def _record_page(request, v, kind: EventType, values: dict, errors: Errors, register, status_code: int = 200):
    return page(
        request,
        "record.html",
        status_code=status_code,
        view=v,
        ev=v.evaluation,
        kind=kind,
        outcomes=[(o.value, o.value.replace("_", " ")) for o in outcomes_of(kind, v.evaluation.regime) or []],
        until_label=UNTIL.get(kind, ""),
        cites=kind in CITING,
        regime_help=_regime_help(v.evaluation.regime),
        overriding=kind is EventType.review_completed and may(request.state.actor, "override"),
        overriding_clearance=_overriding_clearance(request.state.actor, v, kind),
        **_clearance_fields(kind, register),
        values=values,
        errors=errors,
        case_url=case_url(v.ref),
    )


@router.post("/case/{ref:path}/record", response_class=HTMLResponse)
async def record_posted(request: Request, ref: str, client: TemporalDep, settings: SettingsDep, register: RegisterDep):
    who = actor(request, "record")
    form = await posted(request)
    v = await cases.view(client, settings, ref)
    try:
        kind = EventType(form.get("type", ""))
    except ValueError:
        return page(request, "refused.html", status_code=400, message="Choose an event from the list")
    errors = Errors()
    fields = _event_fields(form, kind, v.evaluation.regime, errors)
    override = text(form, "override", errors, "the reason for the override") or None
    over_clearance = text(form, "override_clearance", errors, "the reason for the override") or None
    if not errors:
        try:
            event = Event(**fields)
            await cases.record_event(
                client, settings, ref, event, who, override=override, override_clearance=over_clearance
            )
        except ValidationError as exc:
            errors.add("on-day", one_line_validation_error(exc))
        except UserError as exc:
            overriding = kind is EventType.review_completed and may(who, "override")
            extra = ["override"] if overriding else []
            extra += ["override_clearance"] if _overriding_clearance(who, v, kind) else []
            refusal(errors, exc, _field_for(str(exc), _fields_of(kind, *extra)))
        else:
            return done(case_url(ref))
    return _record_page(request, v, kind, form, errors, register, status_code=400)


# --- void or amend an event ------------------------------------------------------------------------------


async def _entry(client, settings, ref: str, number: int):
    v = await cases.view(client, settings, ref)
    if not 1 <= number <= len(v.entries):
        raise UserError(f"no event {number}: case {ref} has {len(v.entries)}")
    return v, v.entries[number - 1]


def _correct_page(request, v, entry, number, how, values, errors, register, status_code=200):
    kind = entry.event.type
    return page(
        request,
        "correct.html",
        status_code=status_code,
        view=v,
        entry=entry,
        number=number,
        how=how,
        outcomes=[(o.value, o.value.replace("_", " ")) for o in outcomes_of(kind, v.evaluation.regime) or []],
        until_label=UNTIL.get(kind, ""),
        cites=kind in CITING,
        extended=kind is EventType.extended,
        **_clearance_fields(kind, register),
        regime_help=_regime_help(v.evaluation.regime),
        values=values,
        errors=errors,
        case_url=case_url(v.ref),
    )


def _current(entry) -> dict:
    e = entry.event
    values = {**date_fields("on", e.on), **date_fields("until", e.until)}
    values.update(outcome=e.outcome or "", exemptions=", ".join(e.exemptions))
    values["public_interest_test"] = "yes" if e.public_interest_test else ""
    values["exceptional"] = "yes" if e.exceptional else ""
    values.update(team=e.team or "", changes=e.changes or "")
    return values


@router.get("/case/{ref:path}/event/{number}/{how}", response_class=HTMLResponse)
async def correct_form(
    request: Request, ref: str, number: int, how: str, client: TemporalDep, settings: SettingsDep, register: RegisterDep
):
    actor(request, "correct")
    if how not in ("void", "amend"):
        raise UserError(f"no such page: {how}")
    v, entry = await _entry(client, settings, ref, number)
    values = _current(entry) if how == "amend" else {}
    return _correct_page(request, v, entry, number, how, values, Errors(), register)


@router.post("/case/{ref:path}/event/{number}/{how}", response_class=HTMLResponse)
async def correct_posted(
    request: Request, ref: str, number: int, how: str, client: TemporalDep, settings: SettingsDep, register: RegisterDep
):
    who = actor(request, "correct")
    form = await posted(request)
    if how not in ("void", "amend"):
        raise UserError(f"no such page: {how}")
    v, entry = await _entry(client, settings, ref, number)
    errors = Errors()
    reason = text(form, "reason", errors, "the reason", required=True)
    changes: dict = {}
    if how == "amend":
        fields = _event_fields(form, entry.event.type, v.evaluation.regime, errors)
        changes = {k: val for k, val in fields.items() if k != "type"}
    if not errors:
        try:
            if how == "void":
                await cases.void_event(client, settings, ref, number, reason, who)
            else:
                await cases.amend_event(client, settings, ref, number, changes, reason, who)
        except UserError as exc:
            present = {"reason"} if how == "void" else _fields_of(entry.event.type, "reason")
            refusal(errors, exc, _field_for(str(exc), present) if how == "amend" else "reason")
        else:
            return done(case_url(ref))
    return _correct_page(request, v, entry, number, how, form, errors, register, status_code=400)


# --- assign ----------------------------------------------------------------------------------------------


def _holders(register, role: str) -> list[tuple[str, str]]:
    """The active people who can hold a case in `role` (`casework.people.HOLDS`)."""
    wanted = HOLDS[role]
    return [(p.email, f"{p.name} ({p.email})") for p in register.people() if p.active and set(p.roles) & wanted]


def _holder(form: dict, role: str, register, errors: Errors) -> str | None:
    given = form.get(role, "")
    if not given:
        return None
    try:
        return holder(register, role, given)
    except UserError as exc:
        errors.add(role, str(exc))
        return None


@router.get("/case/{ref:path}/assign", response_class=HTMLResponse)
async def assign_form(request: Request, ref: str, client: TemporalDep, settings: SettingsDep, register: RegisterDep):
    actor(request, "assign")
    v = await cases.view(client, settings, ref)
    values = {
        "officer": v.officer or "",
        "manager": v.manager or "",
        "reviewer": v.reviewer or "",
        "team": v.team or "",
    }
    return _assign_page(request, v, register, values, Errors())


def _assign_page(request, v, register, values, errors, status_code=200):
    return page(
        request,
        "assign.html",
        status_code=status_code,
        view=v,
        officers=_holders(register, "officer"),
        managers=_holders(register, "manager"),
        reviewers=_holders(register, "reviewer"),
        teams=[(t.name, t.name) for t in register.teams()],
        values=values,
        errors=errors,
        case_url=case_url(v.ref),
    )


@router.post("/case/{ref:path}/assign", response_class=HTMLResponse)
async def assign_posted(request: Request, ref: str, client: TemporalDep, settings: SettingsDep, register: RegisterDep):
    who = actor(request, "assign")
    form = await posted(request)
    v = await cases.view(client, settings, ref)
    errors = Errors()
    officer, manager = _holder(form, "officer", register, errors), _holder(form, "manager", register, errors)
    reviewer = _holder(form, "reviewer", register, errors)
    team = form.get("team") or None
    officer = None if officer == v.officer else officer  # only what changes
    manager = None if manager == v.manager else manager
    reviewer = None if reviewer == v.reviewer else reviewer
    team = None if team == v.team else team
    reason = text(form, "reason", errors, "the reason", required=True)
    if not errors and officer is None and manager is None and reviewer is None and team is None:
        errors.add("officer", "Choose another officer, manager, reviewer or team: these already hold the case")
    if not errors:
        try:
            await cases.assign(client, settings, ref, officer, manager, reason, who, team=team, reviewer=reviewer)
        except UserError as exc:
            refusal(errors, exc, "reason")
        else:
            return done(case_url(ref))
    return _assign_page(request, v, register, form, errors, status_code=400)


# --- start a case ----------------------------------------------------------------------------------------


def _start_page(request, register, values, errors, status_code=200):
    return page(
        request,
        "start.html",
        status_code=status_code,
        regimes=[(r.value, r.value.upper()) for r in Regime],
        officers=_holders(register, "officer"),
        managers=_holders(register, "manager"),
        values=values,
        errors=errors,
    )


@router.get("/start", response_class=HTMLResponse)
async def start_form(request: Request, register: RegisterDep):
    who = actor(request, "start")
    return _start_page(request, register, {"officer": who.id if "officer" in who.roles else ""}, Errors())


@router.post("/start", response_class=HTMLResponse)
async def start_posted(request: Request, client: TemporalDep, settings: SettingsDep, register: RegisterDep):
    who = actor(request, "start")
    form = await posted(request)
    errors = Errors()
    ref = text(form, "ref", errors, "the case reference", required=True, limit=64)
    if ref:
        try:
            cases.check_ref(ref)
        except UserError as exc:
            errors.add("ref", str(exc))
    regime = form.get("regime", "")
    if regime not in {r.value for r in Regime}:
        errors.add("regime", "Choose the law the request is made under")
    received = day(form, "received", errors, "the date the request was received")
    subject = text(form, "subject", errors, "the subject", limit=SHORT_LIMIT)
    officer, manager = _holder(form, "officer", register, errors), _holder(form, "manager", register, errors)
    requester_name = text(form, "requester_name", errors, "the requester's name", limit=SHORT_LIMIT)
    requester_email = text(form, "requester_email", errors, "the requester's email address", limit=320)
    if not errors:
        try:
            case = CaseInput(
                ref=ref,
                regime=regime,
                received=received,
                subject=subject or None,
                officer=officer,
                manager=manager,
                requester_name=requester_name or None,
                requester_email=requester_email or None,
            )
            await cases.start_case(client, settings, case, who)
        except ValidationError as exc:
            errors.add("ref", one_line_validation_error(exc))
        except UserError as exc:
            message = str(exc)
            at = "received-day" if "received" in message else "requester_email" if "@" in message else "ref"
            refusal(errors, exc, at)
        else:
            return done(case_url(ref))
    return _start_page(request, register, form, errors, status_code=400)
