"""The differential test: the engine (`rules.evaluate`) against the naive model of the law.

This module owns the comparison. Histories come from the law's state machine (`tests/law_histories.py`);
the engine is called the way `tests/helpers.py` calls it, the naive model (`tests/naive_law.py`) reads the
statutes day by day, and every key of the calc contract (`Evaluation.model_dump(mode="json")`) must be
equal. Any disagreement is a bug in one of them: settle it from the statute (docs/law.md), never by
copying the engine's answer into the model.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, event, given, settings

import rules
from rules.bank_holidays import calendar_for
from tests.law_histories import NATIONS, History, edge_tags, law_histories
from tests.naive_law import EVENT_TYPES, naive_evaluate

# 3,000 histories, derandomized (the same ones on every run and in CI): about 14 s on 2 cores;
# the coverage test below draws 1,500 more in about 8 s. Both are `slow`: the inner loop's fast lane
# (`pytest -m "not slow"`) runs the same comparison on FAST_EXAMPLES histories of its own.
EXAMPLES = 3000
FAST_EXAMPLES = 200
ci = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def engine_evaluate(h: History) -> dict:
    """The engine's answer, built as tests/helpers.py builds it."""
    nation = h.nation or h.policy["nation"]
    policy = rules.Policy(**{**h.policy, "nation": nation})
    proclaimed = tuple(rules.ProclaimedDay(on=day, region=region) for day, region in h.proclaimed)
    cal = calendar_for(rules.Regime(h.regime), 1998, 2045, proclaimed, nation)
    events = [rules.Event(**{k: v for k, v in e.items() if v is not None}) for e in h.events]
    case = rules.Case(regime=h.regime, received=h.received, events=events, category=h.category)
    school = tuple(rules.ProclaimedDay(on=day, region="SCH") for day in h.non_school)
    cal = calendar_for(rules.Regime(h.regime), 1998, 2045, proclaimed + school, nation)
    return rules.evaluate(case, cal, h.as_of, policy).model_dump(mode="json")


def repro(h: History) -> str:
    events = ", ".join(
        "{" + ", ".join(f"{k}={v}" for k, v in e.items() if v not in (None, False)) + "}" for e in h.events
    )
    return (
        f"regime={h.regime} received={h.received} as_of={h.as_of} nation={h.nation} policy={h.policy} "
        f"proclaimed={[(str(d), r) for d, r in h.proclaimed]} category={h.category} "
        f"non_school={[str(d) for d in h.non_school]}\n  events=[{events}]"
    )


def differences(engine: dict, naive: dict) -> list[str]:
    keys = list(dict.fromkeys([*naive, *engine]))
    return [f"  {k}: engine={engine.get(k, '<missing>')!r} naive={naive.get(k, '<missing>')!r}" for k in keys
            if engine.get(k, "<missing>") != naive.get(k, "<missing>")]  # fmt: skip


def compare(h: History) -> tuple[dict, list[str]]:
    naive = naive_evaluate(
        h.regime, h.received, h.events, h.as_of, h.policy, h.nation, h.proclaimed, h.category, h.non_school
    )
    try:
        engine = engine_evaluate(h)
    except Exception as exc:  # a RuleViolation, or an event type or policy this engine does not know
        return naive, [f"  engine refused a history the law allows: {type(exc).__name__}: {str(exc)[:300]}"]
    return naive, differences(engine, naive)


def agree(h: History) -> None:
    naive, diff = compare(h)
    event(f"regime={h.regime} stage={naive['stage']} closed={naive['closed_reason']}")
    for tag in sorted(edge_tags(h)):
        event(tag)
    assert not diff, "engine and naive model disagree\n" + repro(h) + "\n" + "\n".join(diff)


@pytest.mark.slow
@ci
@given(law_histories())
def test_the_engine_and_the_naive_model_agree_on_every_key(h):
    agree(h)


@settings(ci, max_examples=FAST_EXAMPLES)
@given(law_histories())
def test_the_engine_and_the_naive_model_agree_on_a_few_histories_for_the_fast_lane(h):
    """The same comparison at a small size (other histories: hypothesis seeds a derandomized test by its
    name), so that an engine change that breaks the law fails in the inner loop's seconds, not only in CI."""
    agree(h)


@pytest.mark.slow
def test_the_histories_reach_every_event_kind_stage_and_policy_setting():
    """Drawn with a fixed seed: every event type, final stage and closing reason, every policy setting."""
    seen: Counter = Counter()

    @settings(max_examples=1500, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])  # fmt: skip
    @given(law_histories())
    def draw(h):
        naive = naive_evaluate(
            h.regime, h.received, h.events, h.as_of, h.policy, h.nation, h.proclaimed, h.category, h.non_school
        )
        seen.update(f"event={e['type']}" for e in h.events)
        seen.update([f"regime={h.regime}", f"stage={naive['stage']}", f"closed={naive['closed_reason']}"])
        seen.update(f"{k}={v}" for k, v in h.policy.items())
        seen.update([f"nation={h.nation}", f"late_response={naive['response_timeliness'] == 'late'}"])
        seen[f"category={h.category}"] += 1
        seen.update(f"{h.regime}_{e['outcome']}" for e in h.events if e["type"] == "responded")
        seen.update(edge_tags(h))
        if naive["response_timeliness"] == "within_extension":
            seen["answered_within_an_extension"] += 1
        if h.proclaimed:
            seen["proclaimed"] += 1

    draw()
    wanted = {f"event={t}" for t in EVENT_TYPES}
    wanted |= {f"stage={s}" for s in ("awaiting_response", "awaiting_clarification", "awaiting_fee",
                                      "awaiting_identity", "review_window", "in_review", "closed",
                                      "with_regulator", "steps_required", "appeal_window", "under_appeal")}  # fmt: skip
    wanted |= {f"closed={c}" for c in ("responded", "withdrawn", "review_completed", "review_window_ended",
                                       "lapsed_clarification", "lapsed_fee", "lapsed_identity", "complied",
                                       "regulator_decided", "appeal_decided")}  # fmt: skip
    wanted |= {"foisa_complaint_after_an_unanswered_review", "eisr_complaint_after_an_unanswered_review"}
    wanted |= {"late_appeal", "steps_taken_late", "steps_taken_in_time", "ico_steps_days=30", "sic_steps_days=28"}
    wanted |= {f"regime={r}" for r in ("foia", "eir", "foisa", "sar", "eisr")} | {f"nation={n}" for n in NATIONS}
    wanted |= {"foia_review_window=two_months", "foia_review_window=40_working_days", "pit_cap_working_days=0"}
    wanted |= {"clarification_lapse_months=1", "identity_lapse_months=6", "late_response=True", "proclaimed"}
    wanted |= {"review_of_a_failure_to_respond", "late_review_request", "answered_within_an_extension"}
    wanted |= {"receipt_on_a_non_working_day", "fee_notice_on_day_0", "late_fee_notice", "fee_notice_on_the_due_date"}
    wanted |= {f"{r}_extension_{t}" for r in ("foia", "eir", "sar", "eisr") for t in ("late", "in_time")}
    wanted |= {"eisr_clarification_too_late", "eisr_lapsed_fee"}
    wanted |= {"response_recorded_during_a_review_of_the_failure", "sar_restart_on_fee_paid"}
    wanted |= {"sar_clarification_too_late", "eir_clarification_too_late", "sar_pause_moves_an_extension"}
    wanted |= {"sar_restart_on_identity_received", "eir_lapsed_fee", "foia_lapsed_fee", "sar_lapsed_identity"}
    wanted |= {"category=school", "category=archives", "school_sixtieth_first", "school_days_first"}
    wanted |= {"foia_refused_repeated", "foisa_refused_repeated"}  # s14(2): FOIA and FOISA only
    missing = sorted(w for w in wanted if not seen[w])
    assert not missing, f"never drawn: {missing}"
