"""`starter.py teams add|list`: the responding teams, their members and managers."""

from __future__ import annotations

from cli.acting import actor_for, add_actor_option


def _register():
    from register import Register
    from settings import get_settings

    return Register(get_settings().register_url)


def cmd_teams_add(args) -> None:
    from casework.teams import add_team

    register = _register()
    actor = actor_for(args, "teams")
    print(f"team '{add_team(register, actor, args.name)}' added (by {actor.id})")


def cmd_teams_list(args) -> None:
    from cli.rendering import print_json_rows, print_table

    register = _register()
    rows = [
        {
            "team": t.name,
            "members": [p.email for p in register.members(t.name)],
            "managers": register.team_managers(t.name),
        }
        for t in register.teams()
    ]
    if args.json:
        print_json_rows(rows)
        return
    shown = [(r["team"], ", ".join(r["managers"]), ", ".join(r["members"])) for r in rows]
    print_table(f"Teams ({len(rows)})", ("team", "managers", "members"), shown)


def add_to(sub) -> None:
    t = sub.add_parser("teams", help="responding teams: add, list")
    ts = t.add_subparsers(dest="teams_command", required=True)
    a = ts.add_parser("add", help="create a team (admins)")
    a.add_argument("name")
    add_actor_option(a)
    a.set_defaults(func=cmd_teams_add)
    li = ts.add_parser("list", help="every team with its managers and members")
    li.add_argument("--json", action="store_true")
    li.set_defaults(func=cmd_teams_list)
