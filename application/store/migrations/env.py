"""Alembic environment: online migrations only, through the store's own engine so SQLite gets
its pragmas and BEGIN IMMEDIATE."""

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import text

from application.settings import Settings
from application.store.database import make_engine
from application.store.models import UTCDateTime
from application.store.registry import metadata

# Any fixed number: the PostgreSQL advisory lock that makes concurrent upgrades take turns.
MIGRATION_LOCK_KEY = 7_201_905_114


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import the models (they change later); UTC handling is Python-side only.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or Settings().effective_database_url
    engine = make_engine(url)
    try:
        # One transaction for the whole upgrade: a crash leaves the old schema, and a second process
        # starting at the same moment waits here (SQLite: BEGIN IMMEDIATE; PostgreSQL: the lock)
        # and then finds the database already at head.
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            context.configure(
                connection=connection,
                target_metadata=metadata,
                render_item=render_item,
                render_as_batch=connection.dialect.name == "sqlite",
            )
            context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the intake store has no offline (--sql) migrations")
run_migrations_online()
