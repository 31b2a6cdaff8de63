"""What the dashboard's pages depend on, injected with FastAPI's `Depends`: the settings, the register
and the Temporal client that `create_app` keeps in the app's state (the client connects on first use)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from temporalio.client import Client

from register import Register
from runtime.connection import connect
from settings import Settings


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


def app_register(request: Request) -> Register:
    return request.app.state.register


async def temporal_client(request: Request) -> Client:
    state = request.app.state
    if state.client is None:
        state.client = await connect()
    return state.client


SettingsDep = Annotated[Settings, Depends(app_settings)]
RegisterDep = Annotated[Register, Depends(app_register)]
TemporalDep = Annotated[Client, Depends(temporal_client)]
