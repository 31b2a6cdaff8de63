"""Record the histories that `test_replay.py` replays, from the real workflow on the time-skipping server.

    python -m tests.record_histories --as=SHAPE [SCENARIO ...]

Run it after a deliberate change to the workflow (guarded by `workflow.patched`) and commit the new
files (`<scenario>.<shape>.json`) beside the old ones: old histories must keep replaying, that is the point.
Delete a shape's files only when no supported upgrade can leave a case of that shape running (the
versioning policy, docs/administrator.md). Shapes kept: `patched` (the three first patches' markers, not
deprecated: cases started before the policy) and `deprecated` (the same markers, deprecated: this release).
"""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from temporalio.testing import WorkflowEnvironment

from messages import AmendAction, AssignAction, RecordAction, VoidAction
from register import Register
from rules import Event, ProclaimedDay
from runtime.codec import read_key_file
from runtime.connection import binary, data_converter, ensure_search_attributes
from settings import Settings
from tests.conftest import running_worker
from tests.lifecycle import act, calendar, record, sleep_until, start, today
from workflows import CaseWorkflow

HERE = Path(__file__).resolve().parent / "histories"
KEYS = read_key_file(HERE / "replay.keys")


async def in_time(env, settings):
    h = await start(env, settings, ref="in-time", subject="Council spending", requester_name="A Person")
    received, cal = await today(env), calendar()
    responded = cal.add_working_days(received, 16)
    await sleep_until(env, responded)
    await record(h, "responded", responded, outcome="granted")
    await h.result()
    return h


async def escalated(env, settings):
    h = await start(env, settings, ref="escalated")
    received, cal = await today(env), calendar()
    late = cal.add_working_days(received, 41)
    await sleep_until(env, late)
    await record(h, "responded", late, outcome="refused_cost")
    await record(h, "review_requested", late)
    await sleep_until(env, cal.add_working_days(late, 42))
    await record(h, "review_completed", cal.add_working_days(late, 42), outcome="overturned")
    await h.result()
    return h


async def clocks_stopped(env, settings):
    h = await start(env, settings, ref="clocks")
    received, cal = await today(env), calendar()
    await record(h, "clarification_requested", received)
    await sleep_until(env, cal.add_working_days(received, 3))
    day = await today(env)
    await record(h, "clarification_received", day)
    await record(h, "fee_notice_issued", day)
    # a holiday proclaimed mid-case, then the signal
    Register(settings.register_url).add_proclaimed(ProclaimedDay(on=cal.add_working_days(day, 8), name="Proclaimed"))
    await h.signal("calendar_changed")
    await sleep_until(env, cal.add_working_days(day, 5))
    paid = await today(env)
    await record(h, "fee_paid", paid)
    await record(h, "extended", paid, until=cal.add_working_days(paid, 30))
    await record(h, "withdrawn", paid)
    await h.result()
    return h


async def back_dated(env, settings):
    """A FOISA case moved in 60 days after receipt with its clarification history: one alarm at once."""
    now = await today(env)
    received = now - timedelta(days=60)
    events = [
        Event(type="clarification_requested", on=received + timedelta(days=2)),
        Event(type="clarification_received", on=received + timedelta(days=9)),
    ]
    h = await start(env, settings, ref="back-dated", regime="foisa", received=received, events=events)
    await record(h, "responded", now, outcome="not_held")
    await h.result()
    return h


async def corrected(env, settings):
    """Every staff action with its author: a response recorded a day late and amended, a review request
    recorded by mistake and voided, the case handed to another officer; then its review window ends."""
    officer, manager = "officer@example.org", "manager@example.org"
    h = await start(env, settings, ref="corrected", actor=officer)
    received, cal = await today(env), calendar()
    responded = cal.add_working_days(received, 12)
    await sleep_until(env, responded)
    typo = Event(type="responded", on=responded, outcome="granted")
    await act(h, CaseWorkflow.record_event, RecordAction(event=typo, actor=officer))
    sent = typo.model_copy(update={"on": cal.add_working_days(received, 11)})
    await act(
        h, CaseWorkflow.amend_event, AmendAction(number=1, event=sent, actor=officer, reason="sent the day before")
    )
    mistake = Event(type="review_requested", on=responded)
    await act(h, CaseWorkflow.record_event, RecordAction(event=mistake, actor=officer))
    await act(h, CaseWorkflow.void_event, VoidAction(number=2, actor=manager, reason="another case's"))
    await act(h, CaseWorkflow.assign, AssignAction(officer="other@example.org", actor=manager, reason="leave"))
    await h.result()
    return h


async def school(env, settings):
    """A school's FOIA case (SI 2004/3364 reg 3): a day that is not a school day recorded before it starts,
    another while it runs (then the signal), and a response within its 20 school days."""
    register = Register(settings.register_url)
    received, cal = await today(env), calendar()
    register.add_proclaimed(ProclaimedDay(on=cal.add_working_days(received, 2), name="Inset day", region="SCH"))
    h = await start(env, settings, ref="school", category="school")
    register.add_proclaimed(ProclaimedDay(on=cal.add_working_days(received, 5), name="Inset day", region="SCH"))
    await h.signal("calendar_changed")
    responded = cal.add_working_days(received, 21)  # in time only because two days are not school days
    await sleep_until(env, responded)
    await record(h, "responded", responded, outcome="granted")
    await h.result()
    return h


async def drafted(env, settings):
    """The internal draft deadline's alarms: the officer's reminders, a late draft queued for the managers'
    digest; a clarification that restarts the clock and the draft date, late again, then the response."""
    h = await start(env, settings, ref="drafted")
    received, cal = await today(env), calendar()
    late = cal.add_working_days(received, 11)  # the draft was due on the 10th
    await sleep_until(env, late)
    await record(h, "clarification_requested", late)
    await record(h, "clarification_received", late)
    responded = cal.add_working_days(late, 12)  # past the new draft date: late again
    await sleep_until(env, responded)
    await record(h, "responded", responded, outcome="granted")
    await h.result()
    return h


SCENARIOS = (in_time, escalated, clocks_stopped, back_dated, corrected, school, drafted)


async def main(shape: str, names: list[str]) -> None:
    for scenario in SCENARIOS:
        if names and scenario.__name__ not in names:
            continue
        with TemporaryDirectory() as tmp:
            settings = Settings(data_dir=Path(tmp), task_queue=f"record-{scenario.__name__}")
            async with await WorkflowEnvironment.start_time_skipping(
                test_server_existing_path=binary("temporal-test-server"), data_converter=data_converter(KEYS)
            ) as env:
                await ensure_search_attributes(env.client)
                async with running_worker(env.client, settings):
                    handle = await scenario(env, settings)
                    history = await handle.fetch_history()
        path = HERE / f"{scenario.__name__}.{shape}.json"
        path.write_text(history.to_json())
        print(f"recorded {path.name}: {len(history.events)} events")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or not args[0].startswith("--as="):
        sys.exit("usage: python -m tests.record_histories --as=SHAPE [SCENARIO ...]")
    asyncio.run(main(args[0].removeprefix("--as="), args[1:]))
