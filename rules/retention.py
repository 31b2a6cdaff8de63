"""The retention schedule: how long a closed case keeps its requester's personal data, per regime.

UK GDPR Art 5(1)(e) (storage limitation) says personal data is kept no longer than its purpose needs;
the purpose here is answering the request, any review and any complaint to the regulator or appeal to
the tribunal. So the period runs from the case's **closure**: the day of its last event (the answer, the
review's outcome, the regulator's decision, an appeal's decision or the steps taken: whatever closed
it). A case that is not closed (a review, a complaint to the regulator or an appeal still open: the
engine's stages `in_review`, `with_regulator`, `steps_required`, `appeal_window`, `under_appeal`) has no
erasure date at all, nor has a case on legal hold (casework/retention.py).

The defaults follow the common practice of UK authorities' records retention schedules, which keep an
information-request case file for the last action + 3 years, and + 6 years where the case went to the
regulator or a tribunal (e.g. the IRMS Retention Guidelines for Local Authorities). They are settings
(`FOI_RETENTION__...`): the authority's own schedule decides.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from rules.dates import add_months
from rules.regimes import Regime


class RetentionPolicy(BaseModel):
    """Years after closure before a case's requester data is erased (prefix `FOI_RETENTION__`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    foia_years: int = Field(3, ge=1, le=100, description="FOIA requests: closure + this many years.")
    eir_years: int = Field(3, ge=1, le=100, description="EIR requests: closure + this many years.")
    foisa_years: int = Field(3, ge=1, le=100, description="FOISA requests: closure + this many years.")
    eisr_years: int = Field(3, ge=1, le=100, description="EISR requests: closure + this many years.")
    sar_years: int = Field(3, ge=1, le=100, description="Subject access requests: closure + this many years.")
    regulator_years: int = Field(
        6,
        ge=1,
        le=100,
        description="A case that reached the regulator (a complaint recorded): closure + this many years, "
        "whatever its regime, when longer than the regime's.",
    )
    hour: int = Field(2, ge=0, le=23, description="Local hour (alarm time zone) of the daily erasure run.")
    compact_after_seconds: int = Field(
        600,
        ge=0,
        le=86400,
        description="After deleting workflow histories, how long the daily run waits for the embedded Temporal "
        "server to finish deleting them before it compacts the server's SQLite file.",
    )

    def years(self, regime: Regime, reached_regulator: bool) -> int:
        own = getattr(self, f"{Regime(regime).value}_years")
        return max(own, self.regulator_years) if reached_regulator else own

    def shortest_years(self) -> int:
        """The shortest period any closed case is kept: the Temporal namespace's retention follows it."""
        return min(getattr(self, f"{r.value}_years") for r in Regime)


def erasable_on(policy: RetentionPolicy, regime: Regime, closed_on: date, reached_regulator: bool) -> date:
    """The first day a case closed on `closed_on` may be erased: the same date N years later (29 February
    becomes 28 February), the day the retention period has fully run."""
    return add_months(closed_on, 12 * policy.years(regime, reached_regulator))


def rule_name(policy: RetentionPolicy, regime: Regime, reached_regulator: bool) -> str:
    """How the erasure log names the rule applied: e.g. `retention foia: closure + 3 years`."""
    years = policy.years(regime, reached_regulator)
    longer = reached_regulator and years > policy.years(regime, False)
    return f"retention {Regime(regime).value}{' (reached the regulator)' if longer else ''}: closure + {years} years"
