"""The choices the law leaves to the authority, each with the default RULES.md documents.

`Policy` is plain data: the engine takes it as an argument and never reads the environment. The
application reads it once from settings (see `settings.py`, prefix `FOI_POLICY__`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    foia_review_window: Literal["two_months", "40_working_days"] = Field(
        "two_months",
        description="FOIA window to ask for an internal review: two calendar months from the response "
        "(the authority's published procedure) or 40 working days (ICO suggestion).",
    )
    pit_cap_working_days: int = Field(
        20,
        ge=0,
        description="FOIA public interest extension: working days allowed after the statutory due "
        "date unless the extension is marked exceptional (ICO: 20, so 40 from receipt).",
    )
    clarification_lapse_months: int = Field(
        3,
        ge=1,
        description="Close as lapsed when no clarification arrives within this many months of "
        "asking (no statutory limit).",
    )
    eir_fee_pauses_clock: bool = Field(
        False,
        description="RULES.md gives the fees pause for FOIA and FOISA only. False rejects fee events "
        "on EIR cases; True applies the FOIA pause (both ends inclusive) to an EIR advance charge.",
    )
