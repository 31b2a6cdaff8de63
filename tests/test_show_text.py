"""`show` off a terminal: every field on one line, whole, and names written as the dashboard writes them
("response reminder", "review completed"), never as the code spells them."""

from __future__ import annotations

from datetime import date

from cli.rendering import print_view
from messages import CaseView
from rules.alarms import Alarm, AlarmKind
from tests.helpers import ev, evaluate_case

SUBJECT = "Costs of the new headquarters building, its contracts and every consultant's report " * 2


def test_show_piped_writes_names_in_words_and_values_whole(capsys):
    events = [
        ev("responded", "2021-04-21", outcome="part_withheld"),
        ev("review_requested", "2021-06-22"),
        ev("review_completed", "2021-08-26", outcome="partly_upheld"),
    ]
    evaluation = evaluate_case("foia", "2021-03-31", events, as_of="2021-08-26")
    alarm = Alarm(kind=AlarmKind.response_reminder, on=date(2021, 4, 23), to=("officer",))
    view = CaseView(
        ref="63509",
        subject=SUBJECT,
        officer="officer@example.org",
        manager="manager@example.org",
        events=events,
        evaluation=evaluation,
        next_alarm=alarm,
    )
    print_view(view)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "63509 — FOIA — closed"
    fields = {line[:18].strip(): line[19:] for line in lines[1:]}
    assert fields["subject"] == SUBJECT.strip()
    assert fields["responded"] == "Wed 21 Apr 2021 (in time, part withheld)"
    assert fields["review completed"] == "Thu 26 Aug 2021 (partly upheld)"
    assert fields["closed"] == "review completed on Thu 26 Aug 2021"
    assert fields["next alarm"] == "response reminder on Fri 23 Apr 2021"
    assert "_" not in "\n".join(lines[1:])
