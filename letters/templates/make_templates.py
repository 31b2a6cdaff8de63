"""Writes the shipped letter templates (`<kind>.docx` beside this file) with python-docx.

Run it after changing the wording: `python letters/templates/make_templates.py`. The `.docx` files are
committed; an authority replaces them with its own (setting `FOI_LETTER_TEMPLATES`), using the same
placeholders (`letters.content`). Each paragraph is one run, so `docxtpl` sees every tag whole;
`{%p ... %}` paragraphs are control lines that disappear from the letter.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

OPENING = [
    ("p", "{{ letter_date }}"),
    ("p", "Dear {{ requester_name if requester_name else 'Sir or Madam' }},"),
]
CLOSING = [("p", "Yours sincerely,"), ("p", "Information Rights Team")]
ABOUT = "your request of {{ received }}{% if subject %} about {{ subject }}{% endif %}"

CITED = [
    ("p", "{%p if exemptions %}"),
    ("p", "{% if regime in ('eir', 'eisr') %}Exceptions{% else %}Exemptions{% endif %} applied:"),
    ("p", "{%p for exemption in exemptions %}"),
    ("li", "{{ exemption }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p if public_interest_test %}"),
    (
        "p",
        "We have considered the public interest test, and concluded that the public interest in maintaining "
        "the {% if regime in ('eir', 'eisr') %}exception{% else %}exemption{% endif %} outweighs the public "
        "interest in disclosure. Our reasons are set out below.",
    ),
    ("p", "{%p endif %}"),
    ("p", "{%p endif %}"),
]

LETTERS: dict[str, list[tuple[str, str]]] = {
    "acknowledgement": [
        ("h", "Your request, our reference {{ ref }}"),
        ("p", f"Thank you for {ABOUT}. We are dealing with it under {{{{ act }}}}."),
        (
            "p",
            "We will respond by {{ response_due }}{% if regime == 'sar' %}, one month after we received your "
            "request{% else %}, the 20th working day after the day we received your request{% endif %}.",
        ),
        (
            "p",
            "If we need you to clarify your request, or to pay a fee, we will write to you and tell you how that "
            "changes the date.",
        ),
    ],
    "clarification": [
        ("h", "Your request, our reference {{ ref }}: we need more information"),
        ("p", f"Thank you for {ABOUT}. Before we can answer it, we need you to tell us: [what we need to know]."),
        ("p", "{%p if clock_restarts %}"),
        (
            "p",
            "We do not have to answer your request until we receive your reply. When it arrives, we will have "
            "20 working days from the day we receive it to respond.",
        ),
        ("p", "{%p else %}"),
        (
            "p",
            "The time we have to respond stops from today until the day your reply arrives; those days are then "
            "added to it.",
        ),
        ("p", "{%p endif %}"),
        ("p", "If we have not heard from you by {{ lapses_after }}, we will close your request."),
    ],
    "fees_notice": [
        ("h", "Your request, our reference {{ ref }}: fees notice"),
        (
            "p",
            f"Thank you for {ABOUT}. Before we answer it, we ask you to pay a fee of [amount], "
            "{% if regime in ('eir', 'eisr') %}as regulation 8 of {{ act }} allows{% elif regime == 'sar' %}as the "
            "UK General Data Protection Regulation allows{% else %}as section 9 of {{ act }} allows{% endif %}.",
        ),
        (
            "p",
            "You have {{ pay_within }} from the date of this notice to pay: the last day is {{ pay_by }}. If we "
            "have not received the fee by then, we will close your request.",
        ),
        (
            "p",
            "{% if regime == 'sar' %}Our one month to respond will start on the day we receive the fee."
            "{% else %}The working days from the date of this notice to the day we receive the fee do not count "
            "towards the 20 working days we have to respond.{% endif %}",
        ),
    ],
    "extension": [
        ("h", "Your request, our reference {{ ref }}: more time to respond"),
        ("p", "{%p if extension == 'pit' %}"),
        (
            "p",
            f"We are considering {ABOUT}. The information may be covered by an exemption to which the public "
            "interest test applies, and we need more time to consider the public interest (sections 10(3) and "
            "17(2) of {{ act }}). We estimate that we will reach a decision by {{ extended_until }}.",
        ),
        ("p", "{%p elif extension == 'eir' %}"),
        (
            "p",
            f"We are considering {ABOUT}. Because of its complexity and volume, under regulation 7(1) of {{{{ act }}}} "
            "we are extending the time to respond to 40 working days after the day we received it. We will "
            "respond by {{ extended_until }}.",
        ),
        ("p", "{%p else %}"),
        (
            "p",
            f"We are considering {ABOUT}. Because of its complexity or the number of requests you have made, "
            "under Article 12(3) of the UK General Data Protection Regulation we are extending the time to "
            "respond. We will respond by {{ extended_until }}.",
        ),
        ("p", "{%p endif %}"),
    ],
    "response": [
        ("h", "Your request, our reference {{ ref }}"),
        ("p", f"Thank you for {ABOUT}, which we have handled under {{{{ act }}}}."),
        ("p", "{{ outcome }}"),
        *CITED,
        ("p", "[The information, or the reasons for withholding it.]"),
        ("p", "{%p if has_review %}"),
        ("h2", "Your right to ask for an internal review"),
        (
            "p",
            "If you are dissatisfied with this response, you may ask us for an internal review. The last day "
            "to ask is {{ review_request_deadline }}. Please quote reference {{ ref }} and say why you are "
            "dissatisfied.",
        ),
        (
            "p",
            "If you remain dissatisfied after the review, you may {% if regime in ('foisa', 'eisr') %}apply to "
            "{{ regulator }} for a decision{% else %}complain to {{ regulator }}{% endif %} under "
            "{{ complaint_under }}: {{ regulator_website }}",
        ),
        ("p", "{%p else %}"),
        ("h2", "Your right to complain"),
        (
            "p",
            "If you are dissatisfied with how we have handled your request, you may complain to {{ regulator }} "
            "under {{ complaint_under }}: {{ regulator_website }}",
        ),
        ("p", "{%p endif %}"),
    ],
    "review_acknowledgement": [
        ("h", "Internal review, our reference {{ ref }}"),
        (
            "p",
            "Thank you for your request of {{ review_requested_on }} for an internal review of our response to "
            "your request of {{ received }}.",
        ),
        ("p", "{%p if not review_requested_in_time %}"),
        ("p", "It reached us after the time for asking had passed; we have nevertheless accepted it."),
        ("p", "{%p endif %}"),
        (
            "p",
            "We aim to send you the outcome by {{ review_due }}{% if review_latest_due != review_due %}, and in "
            "any case no later than {{ review_latest_due }}{% endif %}.",
        ),
    ],
    "review_outcome": [
        ("h", "Internal review, our reference {{ ref }}"),
        (
            "p",
            "We have completed the internal review of our response to your request of {{ received }}. The "
            "review was completed on {{ review_completed_on }}.",
        ),
        ("p", "{{ outcome }}"),
        ("p", "{%p if reviewer_independent %}"),
        ("p", "I can confirm that I was not involved in the initial handling of your request."),
        ("p", "{%p endif %}"),
        *CITED,
        ("p", "[The reviewer's reasons.]"),
        ("h2", "Your right to complain"),
        (
            "p",
            "If you remain dissatisfied, you may {% if regime in ('foisa', 'eisr') %}apply to {{ regulator }} for a "
            "decision{% else %}complain to {{ regulator }}{% endif %} under {{ complaint_under }}, within "
            "{{ complaint_period }} of this review: the last day to do so is {{ complaint_deadline }}. "
            "{{ regulator_website }}",
        ),
    ],
}


def write(kind: str, paragraphs: list[tuple[str, str]]) -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    for style, text in [*OPENING, *paragraphs, *CLOSING]:
        if style == "h":
            doc.add_heading(text, level=1)
        elif style == "h2":
            doc.add_heading(text, level=2)
        elif style == "li":
            doc.add_paragraph(text, style="List Bullet")
        else:
            doc.add_paragraph(text)
    path = HERE / f"{kind}.docx"
    doc.save(str(path))
    return path


if __name__ == "__main__":
    for kind, paragraphs in LETTERS.items():
        print(write(kind, paragraphs))
