"""The internal draft deadline through the case workflow on the time-skipping server, counted at a real SMTP
server on loopback: the officer's reminders arrive at once, and a late draft reaches the responding team's
manager in the daily digest, never as a message of its own.

Dates written down by hand (FOIA; a bank holiday in any part of the UK stops the clock): received Mon 4 Mar
2030. Tue 5 = 1, Wed 6 = 2, Thu 7 = 3, Fri 8 = 4, Mon 11 = 5, Tue 12 = 6, Wed 13 = 7, Thu 14 = 8, Fri 15 = 9;
Mon 18 Mar 2030 is Northern Ireland's St Patrick's Day holiday (17 Mar is a Sunday), so Tue 19 Mar = 10: the
draft is due Tue 19 Mar 2030. The officer is reminded two working days before (Mon 18 skipped: Thu 14 Mar)
and on the day; the draft is late on Wed 20 Mar 2030, one working day over in that day's digest. The
response itself is due Tue 2 Apr 2030 (tests/test_lifecycle.py), its first reminder on Tue 26 Mar.
"""

from __future__ import annotations

from datetime import date

from messages import CaseInput, CaseView, DigestResult, DigestRun
from tests.conftest import running_worker
from tests.lifecycle import freeze_at, record, sent, sleep_until, view
from tests.smtp import free_port, smtp_server
from workflows import CaseWorkflow, workflow_id
from workflows.digest import DigestWorkflow

D = date.fromisoformat
RECEIVED, EARLY, DRAFT, LATE = D("2030-03-04"), D("2030-03-14"), D("2030-03-19"), D("2030-03-20")
OFFICER, TEAM_MANAGER = "officer@example.org", "ies.manager@example.org"


def with_drafts(settings, port: int):
    """The default alarm policy for drafts (on; a late draft in the digest), mail by SMTP on loopback."""
    alarms = settings.alarms.model_copy(update={"draft_alarms": True})
    return settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port, "alarms": alarms})


def the_team(register) -> None:
    """The responding team, with its manager: the case names no manager of its own."""
    register.add_person(TEAM_MANAGER, "IES Manager", ["manager"], by="tests")
    register.add_person(OFFICER, "IES Officer", ["officer"], by="tests")
    register.add_team("Immigration Enforcement Secretariat", by="tests")
    for email in (TEAM_MANAGER, OFFICER):
        register.join_team("Immigration Enforcement Secretariat", email)


async def start_for_team(env, settings, received: date):
    case = CaseInput(
        ref="T1", regime="foia", received=received, officer=OFFICER, team="Immigration Enforcement Secretariat"
    )
    handle = await env.client.start_workflow(
        CaseWorkflow.run, case, id=workflow_id("T1"), task_queue=settings.task_queue, result_type=CaseView
    )
    await view(handle)
    return handle


def subject(message) -> str:
    """The Subject header unfolded (a long one is folded onto a second line on the wire)."""
    return message["Subject"].replace("\r\n", "").strip()


async def digest(env, settings) -> DigestResult:
    """The daily digest, run as the worker's schedule runs it (at the server's time)."""
    return await env.client.execute_workflow(
        DigestWorkflow.run, DigestRun(), id="digest-test", task_queue=settings.task_queue, result_type=DigestResult
    )


async def test_the_officer_is_reminded_of_the_draft_and_a_late_draft_reaches_the_managers_digest(
    env, settings, register
):
    port = free_port()
    s = with_drafts(settings, port)
    the_team(register)
    with smtp_server(port) as inbox:
        async with running_worker(env.client, s):
            handle = await start_for_team(env, s, await freeze_at(env, RECEIVED))
            ev = (await view(handle)).evaluation
            assert (ev.draft_due, ev.response_due) == (DRAFT, D("2030-04-02"))

            await sleep_until(env, EARLY)
            assert sent(register) == [("draft_reminder", EARLY, "officer")]
            await sleep_until(env, DRAFT)
            assert sent(register) == [("draft_reminder", EARLY, "officer"), ("draft_reminder", DRAFT, "officer")]
            reminders = [(rcpts, subject(m)) for rcpts, m in inbox.messages]
            headline = "[T1] Reminder: the draft response is due Tue 19 Mar 2030 (internal deadline)"
            assert reminders == [([OFFICER], headline), ([OFFICER], headline)]

            await sleep_until(env, LATE)  # 10:00: the late draft was queued at 09:00, not sent
            assert sent(register)[-1] == ("draft_late", LATE, "manager")
            [late] = [n for n in register.notifications(ref="T1") if n.kind == "draft_late"]
            assert (late.status, late.recipient) == ("queued", TEAM_MANAGER)
            assert len(inbox.messages) == 2

            result = await digest(env, s)
            assert result.sent == [f"digest:{TEAM_MANAGER}:2030-03-20"]
            assert len(inbox.messages) == 3
            rcpts, message = inbox.messages[2]
            assert rcpts == [TEAM_MANAGER]
            assert subject(message) == "FOI deadlines digest, Wed 20 Mar 2030: 1 new escalation"
            [text] = [
                p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_type() == "text/plain"
            ]
            assert "- T1 (FOIA): draft (internal deadline) due Tue 19 Mar 2030; 1 working day over" in text

            # The response given: no draft is owed any more, and nothing more is sent about it.
            await record(handle, "responded", D("2030-03-20"), outcome="granted")
            assert (await view(handle)).evaluation.draft_late is False
    assert [n.kind for n in register.notifications(ref="T1")].count("draft_late") == 1


async def test_a_clarification_moves_the_draft_alarms_with_the_clock(env, settings, register):
    # Clarification asked Wed 6 Mar and given Mon 11 Mar 2030: a fresh period from Mon 11 Mar. Tue 12 = 1,
    # Wed 13 = 2, Thu 14 = 3, Fri 15 = 4, (Mon 18 skipped) Tue 19 = 5, Wed 20 = 6, Thu 21 = 7, Fri 22 = 8,
    # Mon 25 = 9, Tue 26 Mar 2030 = 10: the draft is due Tue 26 Mar, the first reminder on Fri 22 Mar. No
    # reminder goes on Thu 14 Mar, the old date's.
    port = free_port()
    s = with_drafts(settings, port)
    with smtp_server(port) as inbox:
        async with running_worker(env.client, s):
            handle = await start_for_team(env, s, await freeze_at(env, RECEIVED))
            await sleep_until(env, D("2030-03-06"))
            await record(handle, "clarification_requested", D("2030-03-06"))
            await sleep_until(env, D("2030-03-11"))
            moved = (await record(handle, "clarification_received", D("2030-03-11"))).evaluation
            assert moved.draft_due == D("2030-03-26")
            await sleep_until(env, D("2030-03-22"))
            assert sent(register) == [("draft_reminder", D("2030-03-22"), "officer")]
            assert [subject(m) for _, m in inbox.messages] == [
                "[T1] Reminder: the draft response is due Tue 26 Mar 2030 (internal deadline)"
            ]


async def test_a_late_draft_never_takes_the_place_of_the_response_reminder(env, settings, register):
    # Moved in on Wed 27 Mar 2030, back-dated to Mon 4 Mar: the draft was late on Wed 20 Mar and the
    # response's first reminder fell on Tue 26 Mar (five working days before Tue 2 Apr 2030), both past.
    # Each goes, the statutory one to the officer at once and the internal one to the manager's digest:
    # the internal deadline's alarm is never the one sent in place of the law's.
    port = free_port()
    s = with_drafts(settings, port)
    the_team(register)
    with smtp_server(port) as inbox:
        async with running_worker(env.client, s):
            await freeze_at(env, D("2030-03-27"))
            handle = await start_for_team(env, s, RECEIVED)
            await sleep_until(env, D("2030-03-27"), hour=10)
            assert sent(register) == [
                ("draft_late", LATE, "manager"),
                ("response_reminder", D("2030-03-26"), "officer"),
            ]
            assert [(rcpts, subject(m)) for rcpts, m in inbox.messages] == [
                ([OFFICER], "[T1] Reminder: response due Tue 2 Apr 2030")
            ]
            assert (await view(handle)).evaluation.draft_late is True
