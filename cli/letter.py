"""`starter.py letter REF KIND [--out FILE]`: a letter to the requester, as a Word document.

Reads the register (no Temporal needed); the dates come from the engine (`letters.compose`). The file
is written 0600: it holds the requester's name.
"""

from __future__ import annotations

from cli.acting import actor_for, add_actor_option
from letters.kinds import KINDS
from runtime.errors import UserError


def cmd_letter(args) -> None:
    import os
    from pathlib import Path

    from letters import file_name
    from letters.compose import letter  # docxtpl is imported only by the command that needs it
    from settings import get_settings

    actor = actor_for(args, "letter")
    document = letter(get_settings(), args.ref, args.kind)
    out = Path(args.out or file_name(args.ref, args.kind))
    try:  # owner-only: a letter names the requester
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(document)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror}") from None
    _audit(args.ref, args.kind, actor)
    print(f"{args.ref}: {args.kind.replace('_', ' ')} letter written to {out}")


def _audit(ref: str, kind: str, actor) -> None:
    """The case's audit trail names who wrote which letter, and when."""
    from register import Register
    from settings import get_settings

    Register(get_settings().register_url).record_now("letter", actor.id, ref=ref, letter=kind)


def add_to(sub) -> None:
    p = sub.add_parser("letter", help="write a letter to the requester (.docx) from the authority's templates")
    p.add_argument("ref")
    p.add_argument("kind", choices=list(KINDS), metavar="KIND", help=" | ".join(KINDS))
    p.add_argument("--out", help="the file to write (default REF-KIND.docx)")
    add_actor_option(p)
    p.set_defaults(func=cmd_letter)
