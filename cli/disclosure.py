"""The disclosure log's commands: `publish REF --title TEXT [--document FILE]`, `unpublish REF --reason
TEXT` (each by an officer, manager or admin: `--as`), and `disclosure-log`, the public read-only site."""

from __future__ import annotations

from cli.acting import actor_for, add_actor_option
from cli.managers import tcp_port

# Each command imports what it uses (the register, the settings), so that `--help` stays quick.


def cmd_publish(args) -> None:
    from pathlib import Path

    from casework import documents
    from casework.publishing import Document, publish
    from register import Register
    from settings import get_settings

    settings = get_settings()
    actor = actor_for(args, "publish")
    document = None
    if args.document:
        name, content = documents.read_document(Path(args.document), settings.disclosure.document_limit_bytes)
        document = Document(name, content)
    row = publish(Register(settings.register_url), settings, actor, args.ref, args.title, document)
    with_document = f" with its document ({row.document_kind}, {row.document_bytes:,} bytes)" if row.document else ""
    print(f'{row.ref}: published in the disclosure log as "{row.title}"{with_document} (by {actor.id})')


def cmd_unpublish(args) -> None:
    from casework.publishing import unpublish
    from register import Register
    from settings import get_settings

    settings = get_settings()
    actor = actor_for(args, "publish")
    row = unpublish(Register(settings.register_url), settings, actor, args.ref, args.reason)
    print(f"{row.ref}: withdrawn from the disclosure log (by {actor.id}); the case's history keeps why")


def cmd_disclosure_log(args) -> None:
    from disclosure.serve import serve
    from settings import get_settings

    serve(get_settings(), args.host, args.port)


def add_to(sub) -> None:
    p = sub.add_parser("publish", help="publish a case's response in the disclosure log")
    p.add_argument("ref")
    p.add_argument("--title", required=True, help="the public title (plain text, at most 300 characters)")
    p.add_argument("--document", metavar="FILE", help="the response to publish: a PDF or Word file")
    add_actor_option(p)
    p.set_defaults(func=cmd_publish)

    u = sub.add_parser("unpublish", help="withdraw a response from the disclosure log")
    u.add_argument("ref")
    u.add_argument("--reason", required=True, help="why it is withdrawn (kept in the case's history)")
    add_actor_option(u)
    u.set_defaults(func=cmd_unpublish)

    d = sub.add_parser("disclosure-log", help="the public, read-only disclosure log site")
    d.add_argument("--host", default="127.0.0.1")
    d.add_argument("--port", type=tcp_port, default=8001, help="1-65535 (default 8001)")
    d.set_defaults(func=cmd_disclosure_log)
