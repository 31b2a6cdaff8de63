"""The regime a request seems to be under, offered to the officer at triage and never applied without
them: subject access (`sar`) when it asks for the requester's own personal data, the EIR (`eir`) when it
is about the environment (EIR reg 2(1): the state of the elements, emissions, land use, measures
affecting them), FOI (`foia`) otherwise. Each suggestion names the words that led to it."""

from __future__ import annotations

import re

SAR_WORDS = (
    r"subject access",
    r"\bSAR\b",
    r"my (?:own )?personal (?:data|information)",
    r"(?:data|information) (?:you|that you) (?:hold|have|keep) (?:about|on) me",
    r"right of access",
    r"article 15",
)
EIR_WORDS = (
    r"environment",
    r"pollution",
    r"emissions?",
    r"air quality",
    r"water quality",
    r"contaminat\w*",
    r"flood\w*",
    r"waste",
    r"planning (?:application|permission)",
    r"land use",
    r"noise",
    r"climate",
    r"biodiversity",
    r"pesticides?",
    r"sewage",
)


def suggest(subject: str | None, body: str) -> tuple[str, str]:
    """(regime, why) for a request with this subject and body."""
    text = f"{subject or ''}\n{body[:20_000]}"
    for regime, words, what in (("sar", SAR_WORDS, "asks for personal data"), ("eir", EIR_WORDS, "environmental")):
        found = next((m.group(0) for w in words if (m := re.search(w, text, re.IGNORECASE))), None)
        if found:
            return regime, f"{what}: mentions '{found.lower()}'"
    return "foia", "no sign of personal data or the environment"
