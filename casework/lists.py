"""Lists of running cases for staff: every overdue case, what falls due soon, every running case's id.

Visibility finds the candidates by the due date each case publishes (`FoiDue`); each candidate's own
workflow says, by its evaluation, whether and by how much it is overdue. Nothing is computed here.
"""

from __future__ import annotations

from datetime import date, timedelta

from temporalio.client import Client, WorkflowQueryFailedError
from temporalio.service import RPCError, RPCStatusCode

from casework.cases import START
from casework.today import today
from messages import CaseView
from register import Register
from register.store import AttentionRow
from rules import Evaluation, Regime
from rules.bank_holidays import calendar_covering
from runtime.errors import Unavailable
from settings import Settings
from workflows import RUNNING_CASES, CaseWorkflow


async def overdue(client: Client, settings: Settings) -> list[CaseView]:
    """Every running case whose response or review is overdue, most overdue first (visibility finds
    the candidates by their published due date; the workflow's own evaluation says by how much)."""
    now = today(settings.alarms.timezone)
    views = await _running_views(client, f"FoiDue < '{now.isoformat()}T00:00:00Z'", now, settings.client_timeout)
    overdue = [v for v in views if v.evaluation.overdue or v.evaluation.review_overdue]
    return sorted(overdue, key=lambda v: -days_overdue(v.evaluation))


async def due_soon(client: Client, settings: Settings, working_days: int = 5) -> list[CaseView]:
    """Running cases whose response or review falls due within the next `working_days` working days
    of their own regime's calendar, soonest first."""
    now = today(settings.alarms.timezone)
    proclaimed = Register(settings.register_url).proclaimed()
    horizons = {
        r: calendar_covering(r, now, proclaimed=proclaimed, nation=settings.policy.nation).add_working_days(
            now, working_days
        )
        for r in Regime
    }
    widest = max(horizons.values())
    query = f"FoiDue >= '{now.isoformat()}T00:00:00Z' AND FoiDue <= '{widest.isoformat()}T00:00:00Z'"
    views = await _running_views(client, query, now, settings.client_timeout)
    soon = [
        v
        for v in views
        if v.evaluation.running_due and now <= v.evaluation.running_due <= horizons[v.evaluation.regime]
    ]
    return sorted(soon, key=lambda v: v.evaluation.running_due)


async def _running_views(client: Client, condition: str, as_of: date, timeout: float = 20) -> list[CaseView]:
    """Each running case matching a visibility `condition`, as its workflow evaluates it on `as_of`;
    a worker that does not answer within `timeout` seconds is one line (`Unavailable`), not a hang."""
    views = []
    async for wf in client.list_workflows(f"{RUNNING_CASES} AND {condition}"):
        try:
            handle = client.get_workflow_handle(wf.id)
            views.append(await handle.query(CaseWorkflow.view, as_of, rpc_timeout=timedelta(seconds=timeout)))
        except RPCError as exc:
            if exc.status not in (RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.CANCELLED):
                raise
            raise Unavailable(f"no worker answered within {timeout:g} s; {START}") from None
        except WorkflowQueryFailedError:
            continue  # just started, its calendar not loaded yet: nothing due to show
    return views


def days_overdue(ev: Evaluation) -> int:
    return ev.working_days_overdue or ev.review_working_days_overdue


async def running_case_ids(client: Client) -> list[str]:
    return [wf.id async for wf in client.list_workflows(RUNNING_CASES)]


def needing_attention(settings: Settings) -> list[AttentionRow]:
    """Running cases whose history no longer fits the law as now known (their workflows keep the last
    good dates and say why): shown beside the overdue list so nothing is skipped unseen."""
    return Register(settings.register_url).needing_attention()
