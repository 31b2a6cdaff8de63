"""Teams: a responding team holds cases and its managers take their escalations when a case names no
manager of its own. Creating a team and joining people to it are staff actions like any other, each
taking the actor and kept in the audit trail; a case's team must exist and, once people are registered,
its officer must belong to it."""

from __future__ import annotations

from casework.actors import Actor, identity
from runtime.errors import UserError

NAME_LIMIT = 100


def team_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise UserError("team: give the team's name")
    if len(name) > NAME_LIMIT:
        raise UserError(f"team: {len(name)} characters; at most {NAME_LIMIT}")
    return name


def existing(register, name: str) -> str:
    name = team_name(name)
    if register.team(name) is None:
        raise UserError(f"team '{name}' does not exist (starter.py teams add, teams list)")
    return name


def add_team(register, actor: Actor, name: str) -> str:
    name = team_name(name)
    if not register.add_team(name, by=actor.id):
        raise UserError(f"team '{name}' already exists")
    register.record_now("team_added", actor.id, team=name)
    return name


def join(register, actor: Actor, team: str, email: str) -> None:
    team, email = existing(register, team), identity(email)
    if register.person(email) is None:
        raise UserError(f"{email} is not a registered person (see starter.py people list)")
    if register.join_team(team, email):
        register.record_now("team_joined", actor.id, team=team, email=email)


def check_case_team(register, team: str | None, officer: str | None) -> str | None:
    """The case's responding team, checked: it exists and, once people are registered, the officer given
    is one of its members."""
    if team is None:
        return None
    team = existing(register, team)
    if officer and register.anyone_registered() and team not in register.teams_of(officer.lower()):
        raise UserError(f"officer {officer} is not a member of team '{team}' (starter.py people join)")
    return team
