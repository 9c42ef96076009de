"""Brings a database to the newest schema. Safe to call at every process start, also from
several processes at once (the migration environment serialises them)."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from application.store.database import Timeouts, make_engine

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"


def alembic_config(url: str) -> Config:
    config = Config(ALEMBIC_INI)
    # The ini parser reads % as interpolation; percent-encoded URLs must survive it.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


def migrated_engine(url: str, timeouts: Timeouts | None = None) -> Engine:
    """The database brought to the current schema, connected: what every entry point (the
    service, each command) opens first. The upgrade itself waits as long as it takes."""
    upgrade_database(url)
    return make_engine(url, timeouts)
