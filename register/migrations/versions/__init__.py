"""Alembic revision scripts of the register, applied in order by `register.migrations.upgrade`; a package so
that a wheel carries them."""
