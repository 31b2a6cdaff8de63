"""The `--as EMAIL` option of every command that changes something, and the actor it names (else
FOI_ACTOR; `casework.actors`), checked against what that actor's roles allow (`casework.permissions`).
The settings and the register are imported when a command runs, so that `--help` stays quick."""

from __future__ import annotations


def add_actor_option(parser) -> None:
    parser.add_argument(
        "--as",
        dest="actor",
        metavar="EMAIL",
        help="who is acting (default: FOI_ACTOR); a registered, active person once anyone is registered",
    )


def actor_for(args, action: str):
    """The person doing `action` (a key of `casework.permissions.MAY`), or one line and exit status 2."""
    from casework.actors import acting, unregistered
    from casework.permissions import require
    from register.people import PeopleRegister  # the people alone: `record` needs no more of the register
    from settings import get_settings

    settings = get_settings()
    actor = require(acting(PeopleRegister(settings.register_url), args.actor or settings.actor), action)
    note = unregistered(actor)
    if note and note not in NOTES:
        NOTES.append(note)
    return actor


NOTES: list[str] = []
"""What to say on stderr once the command has succeeded (a failed command says only its one error line)."""
