"""${message}"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}


def present(inspector) -> bool:
    return False  # made after Alembic was adopted: no register has it without its revision


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    raise NotImplementedError("the register is upgraded only; to go back, restore a backup")
