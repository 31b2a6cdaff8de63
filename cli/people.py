"""`starter.py people add|list|deactivate|password`: the people who act, their names and roles, and
the password each signs in to the dashboard with (read from the terminal without echo, or from
standard input when it is not a terminal, so a script can pipe it in)."""

from __future__ import annotations

from cli.acting import actor_for, add_actor_option


def _register():
    from register import Register
    from settings import get_settings

    return Register(get_settings().register_url)


def cmd_people_add(args) -> None:
    from casework.people import add_person
    from casework.teams import existing, join

    register = _register()
    actor = actor_for(args, "people")
    teams = [existing(register, t) for t in args.team]  # every team checked before anything is recorded
    email = add_person(register, actor, args.email, args.name, args.role)
    for team in teams:
        join(register, actor, team, email)
    in_teams = f" in {', '.join(teams)}" if teams else ""
    print(f"{email}: registered as {', '.join(register.person(email).roles)}{in_teams} (by {actor.id})")


def cmd_people_join(args) -> None:
    from casework.teams import join

    register = _register()
    actor = actor_for(args, "teams")
    join(register, actor, args.team, args.email)
    print(f"{args.email}: a member of {' '.join(args.team.split())} (by {actor.id})")


def cmd_people_deactivate(args) -> None:
    from casework.people import deactivate

    register = _register()
    actor = actor_for(args, "people")
    email = deactivate(register, actor, args.email)
    print(f"{email}: deactivated (by {actor.id}); what they recorded keeps their name")


def _read_password() -> str:
    import getpass
    import sys

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Again: ") != first:
        from runtime.errors import UserError

        raise UserError("the two passwords differ: nothing changed")
    return first


def cmd_people_password(args) -> None:
    from casework.passwords import set_password
    from settings import get_settings

    register = _register()
    email = set_password(register, get_settings(), args.email, _read_password())
    print(f"{email}: password set; they can sign in to the dashboard")


def cmd_people_list(args) -> None:
    from cli.rendering import print_json_rows, print_table

    register = _register()
    rows = [
        {
            "email": p.email,
            "name": p.name,
            "roles": list(p.roles),
            "teams": register.teams_of(p.email),
            "active": p.active,
        }
        for p in register.people()
    ]
    if args.json:
        print_json_rows(rows)
        return
    shown = [
        (r["email"], r["name"], ", ".join(r["roles"]), ", ".join(r["teams"]), "yes" if r["active"] else "no")
        for r in rows
    ]
    print_table(f"People ({len(rows)})", ("email", "name", "roles", "teams", "active"), shown)


def add_to(sub) -> None:
    p = sub.add_parser("people", help="the people who act: add, list, deactivate, password")
    ps = p.add_subparsers(dest="people_command", required=True)
    a = ps.add_parser("add", help="register a person (the first must be an admin)")
    a.add_argument("email")
    a.add_argument("--name", required=True)
    a.add_argument("--role", action="append", required=True, help="officer | reviewer | manager | admin (repeatable)")
    a.add_argument("--team", action="append", default=[], metavar="NAME", help="a team they belong to (repeatable)")
    add_actor_option(a)
    a.set_defaults(func=cmd_people_add)
    j = ps.add_parser("join", help="make a registered person a member of a team")
    j.add_argument("email")
    j.add_argument("--team", required=True, metavar="NAME")
    add_actor_option(j)
    j.set_defaults(func=cmd_people_join)
    li = ps.add_parser("list", help="everyone registered")
    li.add_argument("--json", action="store_true")
    li.set_defaults(func=cmd_people_list)
    d = ps.add_parser("deactivate", help="stop a person acting (what they recorded keeps their name)")
    d.add_argument("email")
    add_actor_option(d)
    d.set_defaults(func=cmd_people_deactivate)
    pw = ps.add_parser("password", help="set a person's dashboard password (from the terminal, or standard input)")
    pw.add_argument("email")
    pw.set_defaults(func=cmd_people_password)
