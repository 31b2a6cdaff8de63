"""`starter.py letter REF KIND [--out FILE]`: a letter to the requester, as a Word document.

Reads the register (no Temporal needed); the dates come from the engine (`letters.compose`).
"""

from __future__ import annotations

from letters.kinds import KINDS
from runtime.errors import UserError


def cmd_letter(args) -> None:
    import re
    from pathlib import Path

    from letters.compose import letter  # docxtpl is imported only by the command that needs it
    from settings import get_settings

    document = letter(get_settings(), args.ref, args.kind)
    out = Path(args.out or f"{re.sub(r'[^A-Za-z0-9._-]', '_', args.ref)}-{args.kind}.docx")
    try:
        out.write_bytes(document)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror}") from None
    print(f"{args.ref}: {args.kind.replace('_', ' ')} letter written to {out}")


def add_to(sub) -> None:
    p = sub.add_parser("letter", help="write a letter to the requester (.docx) from the authority's templates")
    p.add_argument("ref")
    p.add_argument("kind", choices=list(KINDS), metavar="KIND", help=" | ".join(KINDS))
    p.add_argument("--out", help="the file to write (default REF-KIND.docx)")
    p.set_defaults(func=cmd_letter)
