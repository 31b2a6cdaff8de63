"""Load a case's calendar data (the holidays package plus the register's proclaimed days) and the
policies in force: the workflow keeps the answer in its state and never imports `holidays`."""

from __future__ import annotations

from temporalio import activity

from messages import CaseContext, ContextRequest
from register import Register
from rules.bank_holidays import non_working_days


class CalendarActivities:
    def __init__(self, settings):
        self.settings = settings

    def functions(self) -> list:
        return [self.load_case_context]

    @activity.defn(name="load_case_context")
    def load_case_context(self, req: ContextRequest) -> CaseContext:
        proclaimed = Register(self.settings.register_url).proclaimed()
        days = non_working_days(req.regime, req.first_year, req.last_year, proclaimed, self.settings.policy.nation)
        return CaseContext(
            non_working=days,
            years=(req.first_year, req.last_year),
            policy=self.settings.policy,
            alarms=self.settings.alarms,
        )
