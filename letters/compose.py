"""Writing one letter: the case from the register, its dates from the engine, its words from a template.

The template for a kind is `<kind>.docx` in the authority's folder (setting `letter_templates`) when
that file exists there, else the one shipped in `letters/templates/`. Templates are Word documents
with Jinja placeholders (`docxtpl`), rendered in Jinja's sandbox (an authority's template can read the
values it is given, never reach Python's objects or run a command; its loops are bounded by the
sandbox's range limit). Every value is carried literally: escaped for the XML (`&`, `<`, `>` stay as
typed), and a character XML cannot hold (a control character an older release let into the register)
shown as a space, so the document parses and nothing around it is lost.
"""

from __future__ import annotations

import io
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from casework.cases import evaluate_locally
from letters.content import LetterRefused, history_for, placeholders
from register import Register
from rules import Case
from rules.plain_text import control_character
from runtime.errors import UserError

SHIPPED = Path(__file__).resolve().parent / "templates"


def template_for(settings, kind: str) -> Path:
    folder = settings.letter_templates
    if folder is not None:
        if not Path(folder).is_dir():
            raise UserError(f"letter templates folder {folder} (FOI_LETTER_TEMPLATES) does not exist")
        own = Path(folder) / f"{kind}.docx"
        if own.is_file():
            return own
    return SHIPPED / f"{kind}.docx"


def letter(settings, ref: str, kind: str) -> bytes:
    """The `.docx` of letter `kind` for case `ref`; `LetterRefused` when the case cannot have it."""
    register = Register(settings.register_url)
    row = register.case(ref)
    if row is None:
        raise LetterRefused(f"no case {ref} in the register")
    case = Case(
        regime=row.regime, received=row.received, category=row.category or "standard", events=register.case_events(ref)
    )
    history, on, event = history_for(kind, case)
    ev = evaluate_locally(settings, history, as_of=on)
    details = {"subject": row.subject, "requester_name": row.requester_name}
    if kind == "review_outcome":
        done = [r for r in register.events(ref) if r.type == "review_completed" and r.voided_at is None]
        details["reviewer_independent"] = bool(done) and done[-1].review_independence == "independent"
    return render(template_for(settings, kind), placeholders(kind, ref, history, ev, event, details))


def _literal(value):
    """A value as the letter carries it: text with control characters (XML cannot hold them) as spaces."""
    if isinstance(value, str) and control_character(value, multiline=True):
        return "".join(" " if control_character(c, multiline=True) else c for c in value)
    return value


def render(template: Path, context: dict) -> bytes:
    doc = DocxTemplate(str(template))
    try:
        doc.render(context, jinja_env=SandboxedEnvironment(autoescape=True, finalize=_literal))
    except TemplateError as exc:
        raise UserError(f"template {template}: {exc}") from None
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
