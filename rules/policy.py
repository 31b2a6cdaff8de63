"""The choices the law leaves to the authority, each with the default `docs/law.md` documents.

`Policy` is plain data: the engine takes it as an argument and never reads the environment. The
application reads it once from settings (see `settings.py`, prefix `FOI_POLICY__`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rules.drafts import DraftPolicy

Nation = Literal["england_wales", "scotland", "northern_ireland"]

RETIRED = frozenset({"eir_fee_pauses_clock"})
"""Policies that the law now settles (EIR advance charges always disregard days, reg 8(6)); still
accepted and ignored, because the histories of running cases carry them."""


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
    identity_lapse_months: int = Field(
        3,
        ge=1,
        description="Subject access: close as lapsed when no identity information arrives within this "
        "many months of asking (no statutory limit; the clock has not started).",
    )
    ico_steps_days: int = Field(
        35,
        ge=1,
        description="The regulator's stage, ICO: calendar days after a decision notice by which its steps are "
        "due when the notice is recorded without a date (the ICO's standard wording: 35 calendar days).",
    )
    sic_steps_days: int = Field(
        45,
        ge=1,
        description="The regulator's stage, Scottish Information Commissioner: calendar days after a decision "
        "by which its steps are due when recorded without a date (its decisions name a date after the 42 "
        "days allowed to appeal, FOISA s56).",
    )
    nation: Nation = Field(
        "england_wales",
        description="Subject access: the controller's own nation, whose bank holidays a one-month "
        "deadline is rolled past (FOIA and EIR count every UK part, FOISA Scotland's days).",
    )

    drafts: DraftPolicy = Field(
        DraftPolicy(),
        description="Internal (draft) deadlines before the statutory one (rules/drafts.py; "
        "`FOI_POLICY__DRAFTS__<FIELD>`).",
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_retired(cls, data):
        if isinstance(data, dict) and RETIRED & data.keys():
            data = {k: v for k, v in data.items() if k not in RETIRED}
        return data
