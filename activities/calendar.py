"""Load a case's calendar data (the holidays package plus the register's proclaimed days, and the days
recorded as not school days) and the policies in force: the workflow keeps the answer in its state and
never imports `holidays`."""

from __future__ import annotations

from temporalio import activity

from messages import CaseContext, ContextRequest
from register import Register
from rules.alarms import AlarmPolicy
from rules.bank_holidays import non_working_days
from rules.categories import NON_SCHOOL_DAY
from rules.clearance import ClearancePolicy
from rules.policy import Policy


class Calendars:
    """Built once by the worker with the register and the policies the settings give."""

    def __init__(
        self, register: Register, policy: Policy, alarms: AlarmPolicy, clearance: ClearancePolicy | None = None
    ):
        self.register = register
        self.policy = policy
        self.alarms = alarms
        self.clearance = clearance or ClearancePolicy()

    @activity.defn(name="load_case_context")
    def load_case_context(self, req: ContextRequest) -> CaseContext:
        proclaimed = self.register.proclaimed()
        days = non_working_days(req.regime, req.first_year, req.last_year, proclaimed, self.policy.nation)
        non_school = sorted(p.on for p in proclaimed if p.region == NON_SCHOOL_DAY)
        return CaseContext(
            non_working=days,
            years=(req.first_year, req.last_year),
            non_school=non_school,
            policy=self.policy,
            alarms=self.alarms,
            clearance=self.clearance,
        )
