"""A case never stops silently: a day proclaimed under a running extension makes its recorded history
impossible under the law as now known. The workflow keeps its last good dates and its alarms, says why
(register, view, lists), alerts the manager once, and returns to normal when the day is removed.

Dates by hand (FOIA, UK calendar): received Mon 4 Mar 2030, due Tue 2 Apr (Mon 18 Mar, St Patrick's Day
observed, skipped); extended on the day of receipt until Wed 3 Apr. A day proclaimed on Tue 19 Mar moves
the statutory due date to Wed 3 Apr, which the extension does not go beyond.
"""

from __future__ import annotations

from datetime import date, timedelta

from rules import ProclaimedDay
from tests.conftest import running_worker
from tests.lifecycle import freeze_at, record, sent, sleep_until, start, view

D = date.fromisoformat
PROCLAIMED = ProclaimedDay(on=D("2030-03-19"), name="Proclaimed for a test")


async def until_attention(env, handle, wanted: bool):
    for _ in range(60):
        v = await view(handle)
        if (v.attention is not None) == wanted:
            return v
        await env.sleep(timedelta(seconds=1))
    raise AssertionError(f"attention never became {wanted}")


async def test_a_case_made_impossible_by_a_proclaimed_day_needs_attention_then_recovers(env, settings, register):
    async with running_worker(env.client, settings):
        handle = await start(env, settings, received=await freeze_at(env, D("2030-03-04")))
        ev = (await record(handle, "extended", D("2030-03-04"), until=D("2030-04-03"))).evaluation
        assert (ev.statutory_due, ev.response_due) == (D("2030-04-02"), D("2030-04-03"))

        register.add_proclaimed(PROCLAIMED)
        await handle.signal("calendar_changed")
        stuck = await until_attention(env, handle, True)
        assert "until 2030-04-03 is not after the statutory due date 2030-04-03" in stuck.attention
        assert stuck.evaluation.response_due == D("2030-04-03")  # the last good dates, kept
        assert [(a.ref, a.reason) for a in register.needing_attention()] == [("T1", stuck.attention)]
        for _ in range(30):  # the alert is an activity of its own, after the register's write
            if sent(register):
                break
            await env.sleep(timedelta(seconds=1))
        assert [(k, r) for k, _, r in sent(register)] == [("needs_attention", "manager")]

        # Still stuck after another calendar change: no second alert. Its alarms still come: the
        # reminder five working days before Wed 3 Apr (Wed 27 Mar).
        await handle.signal("calendar_changed")
        await sleep_until(env, D("2030-03-27"))
        assert sent(register) == [
            ("needs_attention", D("2030-03-04"), "manager"),
            ("response_reminder", D("2030-03-27"), "officer"),
        ]
        assert (await view(handle)).attention is not None

        register.remove_proclaimed(PROCLAIMED.on, PROCLAIMED.region)
        await handle.signal("calendar_changed")
        fixed = await until_attention(env, handle, False)
        assert (fixed.evaluation.statutory_due, fixed.evaluation.response_due) == (D("2030-04-02"), D("2030-04-03"))
        for _ in range(30):  # the register follows within the same loop
            if not register.needing_attention():
                break
            await env.sleep(timedelta(seconds=1))
        assert register.needing_attention() == []
        assert [k for k, _, _ in sent(register)].count("needs_attention") == 1
