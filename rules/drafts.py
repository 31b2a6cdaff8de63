"""Internal (draft) deadlines: the authority's own date for a draft response, before the statutory one.

The law sets no draft deadline; the authority does (issue 20, after the Ministry of Justice's
correspondence tool). So every number here is a policy, `DraftPolicy`, read from settings as
`FOI_POLICY__DRAFTS__...` (it travels inside `rules.policy.Policy`, so the engine, the workflow, the
calculator and the dashboard all see the same one). The engine (`rules.engine._Run.draft_due`) computes
the date on the very clock the statutory date uses, so it moves with every clock the law moves:

- working-day regimes (FOIA, EIR, FOISA, EISR): the draft is due on the N-th working day of the period
  (default the 10th of 20), counted from the day the clock started (receipt, or the clarification that
  restarted it), the days disregarded for a fee (from notice to payment, both inclusive) not counted;
- subject access: N calendar days (default 10) before the one month ends, the month moved by every
  clarification pause and restarted by identity or a fee, as the statutory month is; a draft date that is
  not a working day is brought back to the working day before (or forward: `non_working_day`);
- a Time for Compliance category (FOIA, `rules.categories`): the draft keeps the same distance before the
  statutory date as the regime's draft keeps before the 20th (an archives case's 30: the 20th);
- an extension moves the draft only when `extensions` is `move` (default `keep`: the draft is what shows
  an extension is needed, and the extension is for the statutory response);
- the internal review has a draft deadline only when `review_working_day` is set (default 0: none).

`nth_counted_day` is the count itself: the n-th working day after a start, disregarded days skipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rules.calendar import Calendar

DraftOf = Literal["response", "review"]


class DraftPolicy(BaseModel):
    """When a draft is due, per regime (`FOI_POLICY__DRAFTS__<FIELD>`); each default is documented in
    docs/internal-deadlines.md."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    foia_working_day: int = Field(
        10, ge=1, le=19, description="FOIA: the working day of the 20 by which the draft is due."
    )
    eir_working_day: int = Field(
        10, ge=1, le=19, description="EIR: the working day of the 20 by which the draft is due."
    )
    foisa_working_day: int = Field(
        10, ge=1, le=19, description="FOISA: the working day of the 20 by which the draft is due."
    )
    eisr_working_day: int = Field(
        10, ge=1, le=19, description="EISR: the working day of the 20 by which the draft is due."
    )
    sar_days_before: int = Field(
        10, ge=1, le=27, description="Subject access: calendar days before the month ends that the draft is due."
    )
    non_working_day: Literal["before", "after"] = Field(
        "before",
        description="Subject access: a draft date that is not a working day moves to the working day before it "
        "(or after it).",
    )
    extensions: Literal["keep", "move"] = Field(
        "keep",
        description="An extension (FOIA public interest, EIR complex and voluminous, subject access) leaves the "
        "draft date where it was (keep), or moves it to the same distance before the extended date (move).",
    )
    review_working_day: int = Field(
        0,
        ge=0,
        le=19,
        description="The internal review's draft: due on this working day after the review was asked for "
        "(0: the review has no draft deadline).",
    )

    def working_day(self, regime: str) -> int:
        """The working day of the period by which a draft is due under a working-day regime."""
        return getattr(self, f"{regime}_working_day")

    def to_working_day(self, cal: Calendar, day: date) -> date:
        """A calendar-day draft date that falls on a non-working day, moved as `non_working_day` says."""
        if cal.is_working_day(day):
            return day
        return cal.on_or_after(day) if self.non_working_day == "after" else cal.add_working_days(day, -1)


def nth_counted_day(cal: Calendar, start: date, n: int, disregarded: list[tuple[date, date]]) -> date:
    """The n-th working day after `start` that is not among the disregarded days (each range both ends
    included): a disregarded day after the n-th moves nothing, unlike in a count to the end of the period."""
    days = set()
    for first, last in disregarded:
        day = max(first, start + timedelta(days=1))
        while day <= last:
            if cal.is_working_day(day):
                days.add(day)
            day += timedelta(days=1)
    result = cal.add_working_days(start, n)
    while True:  # the disregarded days met only grow as the result moves on, so this settles
        moved = cal.add_working_days(start, n + sum(1 for d in days if d <= result))
        if moved == result:
            return result
        result = moved
